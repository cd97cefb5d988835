/* sms-dispatch: delivers the SMS outbox through the configured driver.
 *   file     appends "<UTC time>\t<phone>\t<text>" to [sms] file (development)
 *   command  runs [sms] command with the phone as its argument and the text on stdin
 * A failed delivery is retried with growing delays (up to an hour); nothing is dropped.
 * Run it once from cron (every minute), or with --loop as a service. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>
#include "ep.h"
#include "core/log.h"

static volatile sig_atomic_t stopping;

static void on_signal(int sig)
{
	(void)sig;
	stopping = 1;
}

static const char *deliver_file(const char *phone, const char *text)
{
	FILE *f = fopen(cfg.sms_file, "a");
	if (f == NULL)
		return strerror(errno);
	time_t now = time(NULL);
	struct tm tm;
	char stamp[32];
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
	/* one line per message, also for one queued before texts were made one line */
	int bad = fprintf(f, "%s\t%s\t%s\n", stamp, text_one_line(arena_current, phone),
	                  text_one_line(arena_current, text)) < 0;
	if (fclose(f) != 0 || bad)
		return "write failed";
	return NULL;
}

static const char *deliver_command(const char *phone, const char *text)
{
	int fds[2];
	if (*cfg.sms_command == '\0')
		return "[sms] command is not set";
	if (pipe(fds) != 0)
		return strerror(errno);
	pid_t pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return strerror(errno);
	}
	if (pid == 0) {
		dup2(fds[0], 0);
		close(fds[0]);
		close(fds[1]);
		/* the phone is passed as "$1", never spliced into the command text */
		char *script = arena_printf(arena_current, "%s \"$1\"", cfg.sms_command);
		execl("/bin/sh", "sh", "-c", script, "sms-dispatch", phone, (char *)NULL);
		_exit(127);
	}
	close(fds[0]);
	size_t len = strlen(text);
	int bad = write(fds[1], text, len) != (ssize_t)len;
	close(fds[1]);
	int status;
	if (waitpid(pid, &status, 0) < 0)
		return strerror(errno);
	if (bad)
		return "could not write the message to the command";
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return "the command failed";
	return NULL;
}

/* Delivers what is due. Returns the number of messages handled, or -1 on a database failure. */
static int dispatch_once(void)
{
	const char *(*deliver)(const char *, const char *) =
		strcmp(cfg.sms_driver, "command") == 0 ? deliver_command : deliver_file;
	if (db_begin() != 0)
		return -1;
	if (db_exec(SQL_OUTBOX_DUE, "") != 0) {
		db_rollback();
		return -1;
	}
	long long id, attempts;
	char *phone, *body;
	int n = 0, rc;
	struct { long long id, attempts; const char *error; } done[20];
	while (n < 20 && (rc = db_fetch(SQL_OUTBOX_DUE, "issi", &id, &phone, &body, &attempts)) == 1) {
		done[n].id = id;
		done[n].attempts = attempts;
		done[n].error = deliver(phone, body);
		if (done[n].error != NULL)
			log_error_msg("sms-dispatch: message %lld to %s: %s\n", id, phone, done[n].error);
		n++;
	}
	for (int i = 0; i < n; i++) {
		long long delay = 30LL << (done[i].attempts < 7 ? done[i].attempts : 7);
		if (delay > 3600)
			delay = 3600;
		int bad = done[i].error == NULL
			? db_exec(SQL_OUTBOX_SENT, "i", done[i].id)
			: db_exec(SQL_OUTBOX_RETRY, "sii", done[i].error, delay, done[i].id);
		if (bad != 0) {
			db_rollback();
			return -1;
		}
	}
	return db_commit() == 0 ? n : -1;
}

int main(int argc, char **argv)
{
	static struct arena arena;
	int loop = 0;
	long interval_ms = 1000;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--loop") == 0) {
			loop = 1;
		} else if (strcmp(argv[i], "--interval-ms") == 0 && i + 1 < argc) {
			interval_ms = strtol(argv[++i], NULL, 10);
			if (interval_ms < 10)
				interval_ms = 10;
		} else {
			log_error_msg("usage: sms-dispatch [--loop [--interval-ms N]]\n");
			return 2;
		}
	}
	if (program_init(&arena) != 0)
		return 1;
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	do {
		arena_reset(&arena);
		int n = dispatch_once();
		if (n < 0 && !loop)
			return 1;
		if (n < 20 && !stopping && loop) {      /* a full batch: go on at once */
			struct timespec ts = { interval_ms / 1000, (interval_ms % 1000) * 1000000L };
			nanosleep(&ts, NULL);
		}
	} while (loop && !stopping);
	db_close();
	arena_free(&arena);
	return 0;
}
