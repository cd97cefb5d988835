/* dbrate: the database's own rate for the statements one request runs, without nginx or the
 * FastCGI loop — the other half of bench/run's ceiling. CLIENTS processes, each with its own
 * connection made from the instance's configuration, run the same prepared statements through
 * the same library calls as the program does, as fast as they can, for SECONDS; it prints
 * "result <per second> <iterations measured> <iterations in all, the warm-up's included>".
 *
 *   dbrate me CLIENTS SECONDS < tokens          GET /api/account/me: the session SELECT
 *   dbrate draft CLIENTS SECONDS BODY < tokens  POST /api/apply/draft: the session SELECT, the
 *                                               expert's standing (the route's guard) and
 *                                               application_save() of BODY's form (one UPDATE:
 *                                               the name and employer are unchanged), each client an
 *                                               expert of its own carrying its draft's version
 * tokens: one session token a line; client i uses line i (modulo their number).
 * Not the session touch: it runs at most once a minute per session. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "ep.h"
#include "apply/application.h"
#include "pool/expert.h"

#define MAX_CLIENTS 256
#define MAX_TOKENS 256
#define WARM_ITERATIONS 50

enum mode { MODE_ME, MODE_DRAFT };

struct client {
	enum mode mode;
	unsigned char hash[HASH_BYTES];         /* of the session token */
	long long user_id, version;
	const cJSON *data;                      /* the draft's form (draft mode) */
	const char *step;
	struct arena *loop;                     /* reset after each iteration */
};

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* The statements of one request: 0, or -1 (the reason is in the programs' log format). */
static int iteration(struct client *c)
{
	long long id, user_id, idle_left, roles, must;
	char *portal, *phone, *username, *name;
	arena_reset(c->loop);
	db_request_start();
	if (db_one(SQL_SESSION_LOAD, "b", "iisisssii", c->hash, sizeof c->hash, &id, &user_id,
	           &portal, &idle_left, &phone, &username, &name, &roles, &must) != 1)
		return -1;
	if (c->mode == MODE_ME)
		return 0;
	const char *standing;
	if (expert_standing(user_id, &standing) != 0)
		return -1;
	/* the form as the request would have parsed it: application_save() takes it apart */
	cJSON *data = cJSON_Duplicate(c->data, 1);
	long long v = application_save(user_id, c->version, c->step, data);
	if (v <= 0)
		return -1;
	c->version = v;
	return 0;
}

/* One client: warms up, says so on `ready`, waits for `go` to close, runs for `seconds`, and
 * writes its count on `out`. */
static int client_main(struct client *c, int ready, int go, int out, double seconds)
{
	static struct arena loop;
	c->loop = &loop;
	arena_current = &loop;
	if (c->mode == MODE_DRAFT) {
		struct application a;
		long long id, user_id, idle_left, roles, must;
		char *portal, *phone, *username, *name;
		if (db_one(SQL_SESSION_LOAD, "b", "iisisssii", c->hash, sizeof c->hash, &id, &user_id,
		           &portal, &idle_left, &phone, &username, &name, &roles, &must) != 1 ||
		    application_load(user_id, &a) != 1) {
			fputs("dbrate: a draft client's session or application is missing\n", stderr);
			return 1;
		}
		c->user_id = user_id;
		c->version = a.version;
	}
	for (int i = 0; i < WARM_ITERATIONS; i++)
		if (iteration(c) != 0) {
			fputs("dbrate: a statement failed while warming up\n", stderr);
			return 1;
		}
	char b = 'r', buf;
	if (write(ready, &b, 1) != 1)
		return 1;
	close(ready);           /* so that a client that failed is seen as an end of `ready` */
	if (read(go, &buf, 1) != 0)
		return 1;
	unsigned long long n = 0;
	double end = now_s() + seconds;
	while (now_s() < end) {
		if (iteration(c) != 0) {
			fputs("dbrate: a statement failed\n", stderr);
			return 1;
		}
		n++;
	}
	return write(out, &n, sizeof n) == sizeof n ? 0 : 1;
}

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	char *text = NULL;
	size_t len = 0, cap = 0, got;
	do {
		if (cap - len < 4096 && (text = realloc(text, cap += 65536)) == NULL)
			break;
		got = fread(text + len, 1, cap - len - 1, f);
		len += got;
	} while (got > 0);
	fclose(f);
	if (text != NULL)
		text[len] = '\0';
	return text;
}

static int usage(void)
{
	fputs("usage: dbrate me CLIENTS SECONDS < tokens\n"
	      "       dbrate draft CLIENTS SECONDS BODY < tokens\n", stderr);
	return 2;
}

int main(int argc, char **argv)
{
	static struct arena arena;
	if (argc < 4)
		return usage();
	enum mode mode = strcmp(argv[1], "me") == 0 ? MODE_ME : MODE_DRAFT;
	int clients = atoi(argv[2]);
	double seconds = atof(argv[3]);
	if ((mode == MODE_DRAFT && (strcmp(argv[1], "draft") != 0 || argc != 5)) ||
	    (mode == MODE_ME && argc != 4) || clients < 1 || clients > MAX_CLIENTS || seconds <= 0)
		return usage();
	if (program_init(&arena) != 0)
		return 1;

	static char tokens[MAX_TOKENS][128];
	int ntokens = 0;
	while (ntokens < MAX_TOKENS && fgets(tokens[ntokens], sizeof tokens[0], stdin) != NULL) {
		tokens[ntokens][strcspn(tokens[ntokens], "\r\n")] = '\0';
		if (tokens[ntokens][0] != '\0')
			ntokens++;
	}
	if (ntokens == 0) {
		fputs("dbrate: no session token on standard input\n", stderr);
		return 2;
	}
	struct client proto = { .mode = mode };
	if (mode == MODE_DRAFT) {
		char *text = read_file(argv[4]);
		cJSON *body = text != NULL ? cJSON_Parse(text) : NULL;
		const cJSON *step = cJSON_GetObjectItem(body, "step");
		proto.data = cJSON_GetObjectItem(body, "data");
		if (!cJSON_IsObject(proto.data) || !cJSON_IsString(step)) {
			fprintf(stderr, "dbrate: %s is no draft body\n", argv[4]);
			return 2;
		}
		proto.step = step->valuestring;
	}

	int ready[2], go[2], out[2];
	if (pipe(ready) != 0 || pipe(go) != 0 || pipe(out) != 0)
		return 1;
	pid_t pids[MAX_CLIENTS];
	for (int i = 0; i < clients; i++) {
		struct client c = proto;
		const char *t = tokens[i % ntokens];
		hash_sha256(c.hash, t, strlen(t));
		if ((pids[i] = fork()) < 0)
			return 1;
		if (pids[i] == 0) {
			close(go[1]);
			_exit(client_main(&c, ready[1], go[0], out[1], seconds));
		}
	}
	close(go[0]);
	close(ready[1]);
	close(out[1]);
	int status = 0;
	char b;
	for (int i = 0; i < clients; i++)
		if (read(ready[0], &b, 1) != 1) {
			status = 1;
			break;
		}
	close(go[1]);                   /* every client starts now */
	unsigned long long total = 0, n;
	int reported = 0;
	while (read(out[0], &n, sizeof n) == sizeof n) {
		total += n;
		reported++;
	}
	for (int i = 0; i < clients; i++) {
		int st;
		while (waitpid(pids[i], &st, 0) < 0 && errno == EINTR)
			;
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
			status = 1;
	}
	if (status != 0 || reported != clients) {
		fputs("dbrate: a client failed\n", stderr);
		return 1;
	}
	printf("result %.0f %llu %llu\n", (double)total / seconds, total,
	       total + (unsigned long long)clients * (WARM_ITERATIONS + (mode == MODE_DRAFT)));
	return 0;
}
