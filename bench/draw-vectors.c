/* Writes docs/draw-vectors.json: the draw's test vectors (docs/DRAW.md, section 8), from the
 * inputs below through lib/draw/. `draw-vectors trace` prints the first vector's stream, step by
 * step, for the worked example of DRAW.md. Run from the build directory:
 *   bench/draw-vectors > ../docs/draw-vectors.json */
#include <stdio.h>
#include <string.h>
#include <cJSON.h>
#include <sodium.h>
#include "core/crypto.h"
#include "draw/select.h"

/* One requirement's snapshot, made from ids first, first + step, … (count of them). An expert's
 * keys depend on the id alone, so the same expert has the same keys in every requirement:
 * employer (id mod emod) + 1 (none when emod is 0, or when ezero divides the id); relation group
 * id / rsize + 1, i.e. rsize consecutive ids are relatives (none when rsize is 0). */
struct req_spec {
	uint32_t members, backups;
	uint64_t first, step;
	size_t count;
	uint64_t emod, ezero, rsize;
};

struct vector_spec {
	const char *name;
	const char *seed;             /* hex; NULL: SHA-256 of the name */
	size_t nreqs;
	struct req_spec reqs[3];
};

static const struct vector_spec vectors[] = {
	{ "small: 2 members and 1 backup of 5", "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
	  1, { { 2, 1, 1, 1, 5, 0, 0, 0 } } },
	{ "m = 1: one candidate, one member", NULL, 1, { { 1, 0, 42, 1, 1, 0, 0, 0 } } },
	{ "all candidates taken: the last pick is below(1)", NULL, 1, { { 2, 1, 100, 10, 3, 0, 0, 0 } } },
	{ "medium: 5 members and 2 backups of 40", NULL, 1, { { 5, 2, 1000, 7, 40, 0, 0, 0 } } },
	{ "medium: 21 of 200, large ids", NULL, 1,
	  { { 15, 6, 281474976710000ULL, 3, 200, 0, 0, 0 } } },
	{ "employer skips: 3 employers and some without", NULL, 1, { { 4, 2, 1, 1, 12, 3, 4, 0 } } },
	{ "relation skips: groups of 3 relatives", NULL, 1, { { 3, 2, 1, 1, 12, 0, 0, 3 } } },
	{ "short: 6 wanted, 2 employers", NULL, 1, { { 4, 2, 1, 1, 8, 2, 0, 0 } } },
	{ "no candidates", NULL, 1, { { 2, 1, 1, 1, 0, 0, 0, 0 } } },
	{ "project of 3 requirements: removals and skips across them", NULL, 3,
	  { { 3, 1, 1, 1, 30, 9, 5, 0 }, { 2, 2, 11, 1, 30, 9, 5, 4 }, { 3, 1, 1, 3, 14, 9, 5, 4 } } },
};

static struct draw_candidate *snapshot(struct arena *a, const struct req_spec *r)
{
	struct draw_candidate *c = arena_alloc(a, (r->count + 1) * sizeof *c);
	for (size_t i = 0; i < r->count; i++) {
		uint64_t id = r->first + r->step * i;
		int none = r->emod == 0 || (r->ezero && id % r->ezero == 0);
		c[i] = (struct draw_candidate){ id, none ? 0 : id % r->emod + 1,
		                                r->rsize ? id / r->rsize + 1 : 0 };
	}
	return c;
}

static void seed_of(unsigned char seed[DRAW_SEED_BYTES], const struct vector_spec *v)
{
	if (v->seed)
		sodium_hex2bin(seed, DRAW_SEED_BYTES, v->seed, strlen(v->seed), NULL, NULL, NULL);
	else
		crypto_hash_sha256(seed, (const unsigned char *)v->name, strlen(v->name));
}

static cJSON *ids(const struct draw_candidate *c, size_t n)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateNumber((double)c[i].id));
	return a;
}

static cJSON *vector_json(struct arena *a, const struct vector_spec *v)
{
	unsigned char seed[DRAW_SEED_BYTES];
	seed_of(seed, v);
	struct draw_requirement reqs[3];
	struct draw_result res[3];
	cJSON *o = cJSON_CreateObject(), *jr = cJSON_CreateArray(), *je = cJSON_CreateArray();
	cJSON_AddStringToObject(o, "name", v->name);
	cJSON_AddStringToObject(o, "seed", hex_encode(a, seed, sizeof seed));
	for (size_t r = 0; r < v->nreqs; r++) {
		const struct req_spec *s = &v->reqs[r];
		reqs[r] = (struct draw_requirement){ (uint32_t)r, snapshot(a, s), s->count,
		                                     s->members, s->backups };
		cJSON *q = cJSON_CreateObject(), *cands = cJSON_CreateArray();
		cJSON_AddNumberToObject(q, "members", s->members);
		cJSON_AddNumberToObject(q, "backups", s->backups);
		for (size_t i = 0; i < s->count; i++) {
			const struct draw_candidate *c = &reqs[r].snapshot[i];
			const double e[3] = { (double)c->id, (double)c->employer, (double)c->relation };
			cJSON_AddItemToArray(cands, cJSON_CreateDoubleArray(e, 3));
		}
		cJSON_AddItemToObject(q, "candidates", cands);
		cJSON_AddItemToArray(jr, q);
	}
	if (draw_project(a, seed, reqs, v->nreqs, res) != RES_OK)
		return NULL;
	for (size_t r = 0; r < v->nreqs; r++) {
		unsigned char d[DRAW_DIGEST_BYTES];
		draw_snapshot_digest(d, (uint32_t)r, reqs[r].snapshot, reqs[r].n);
		cJSON *x = cJSON_CreateObject(), *sk = cJSON_CreateArray();
		cJSON_AddStringToObject(x, "snapshot_sha256", hex_encode(a, d, sizeof d));
		cJSON_AddItemToObject(x, "members", ids(res[r].taken, res[r].members_found));
		cJSON_AddItemToObject(x, "backups", ids(res[r].taken + res[r].members_found,
		                                        res[r].backups_found));
		cJSON_AddBoolToObject(x, "full", res[r].full);
		cJSON_AddNumberToObject(x, "removed", (double)res[r].removed);
		for (size_t i = 0; i < res[r].nskips; i++) {
			cJSON *p = cJSON_CreateArray();
			cJSON_AddItemToArray(p, cJSON_CreateNumber((double)res[r].skips[i].id));
			cJSON_AddItemToArray(p, cJSON_CreateString(draw_skip_name(res[r].skips[i].reason)));
			cJSON_AddItemToArray(sk, p);
		}
		cJSON_AddItemToObject(x, "skipped", sk);
		cJSON_AddNumberToObject(x, "words", (double)res[r].words);
		cJSON_AddItemToArray(je, x);
	}
	cJSON_AddItemToObject(o, "requirements", jr);
	cJSON_AddItemToObject(o, "expect", je);
	return o;
}

/* The first vector's first blocks and what below() makes of its words. */
static void trace(void)
{
	unsigned char seed[DRAW_SEED_BYTES];
	seed_of(seed, &vectors[0]);
	struct draw_words w;
	draw_stream_init(&w, seed, 0);
	for (uint64_t m = 5; m >= 3; m--) {
		uint64_t x = draw_word(&w);
		printf("word %llu = %016llx = %llu; mod %llu = %llu (%s)\n",
		       (unsigned long long)w.used - 1, (unsigned long long)x, (unsigned long long)x,
		       (unsigned long long)m, (unsigned long long)(x % m),
		       draw_accepts(x, m) ? "accepted" : "rejected");
	}
	char hex[2 * 32 + 1];
	printf("block 0 = %s\n", sodium_bin2hex(hex, sizeof hex, w.buf, sizeof w.buf));
}

int main(int argc, char **argv)
{
	if (sodium_init() < 0)
		return 1;
	if (argc > 1 && strcmp(argv[1], "trace") == 0) {
		trace();
		return 0;
	}
	struct arena a = {0};
	cJSON *root = cJSON_CreateObject(), *list = cJSON_CreateArray();
	cJSON_AddNumberToObject(root, "version", 1);
	for (size_t i = 0; i < sizeof vectors / sizeof vectors[0]; i++) {
		cJSON *v = vector_json(&a, &vectors[i]);
		if (!v) {
			fprintf(stderr, "draw-vectors: %s: bad input\n", vectors[i].name);
			return 1;
		}
		cJSON_AddItemToArray(list, v);
	}
	cJSON_AddItemToObject(root, "vectors", list);
	char *text = cJSON_Print(root);
	puts(text);
	cJSON_free(text);
	cJSON_Delete(root);
	arena_free(&a);
	return 0;
}
