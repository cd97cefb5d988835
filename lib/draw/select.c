/* The selection: removal of experts taken earlier, then the shuffle with skips. */
#include <string.h>
#include "draw/select.h"

static int holds(const uint64_t *keys, size_t n, uint64_t key)
{
	for (size_t i = 0; i < n; i++)
		if (keys[i] == key)
			return 1;
	return 0;
}

static enum draw_skip_reason conflict(const struct draw_panel *p, const struct draw_candidate *c)
{
	if (c->employer != 0 && holds(p->employers, p->nemployers, c->employer))
		return DRAW_SKIP_EMPLOYER;
	if (c->relation != 0 && holds(p->relations, p->nrelations, c->relation))
		return DRAW_SKIP_RELATION;
	return 0;
}

static uint64_t *grown(struct arena *a, const uint64_t *old, size_t n, size_t cap)
{
	uint64_t *p = arena_alloc(a, cap * sizeof *p);
	if (n > 0)
		memcpy(p, old, n * sizeof *p);
	return p;
}

static void panel_add(struct arena *a, struct draw_panel *p, const struct draw_candidate *c)
{
	if (p->ntaken == p->cap) {
		size_t cap = p->cap ? 2 * p->cap : 16;
		p->taken = grown(a, p->taken, p->ntaken, cap);
		p->employers = grown(a, p->employers, p->nemployers, cap);
		p->relations = grown(a, p->relations, p->nrelations, cap);
		p->cap = cap;
	}
	size_t at = p->ntaken;                        /* keep the ids ascending */
	while (at > 0 && p->taken[at - 1] > c->id) {
		p->taken[at] = p->taken[at - 1];
		at--;
	}
	p->taken[at] = c->id;
	p->ntaken++;
	if (c->employer != 0)
		p->employers[p->nemployers++] = c->employer;
	if (c->relation != 0)
		p->relations[p->nrelations++] = c->relation;
}

/* The snapshot without the panel's experts, in snapshot order (both lists ascend). */
static size_t without_taken(struct draw_candidate *out, const struct draw_candidate *s, size_t n,
                            const struct draw_panel *p)
{
	size_t kept = 0, t = 0;
	for (size_t i = 0; i < n; i++) {
		while (t < p->ntaken && p->taken[t] < s[i].id)
			t++;
		if (t < p->ntaken && p->taken[t] == s[i].id)
			continue;
		out[kept++] = s[i];
	}
	return kept;
}

enum result draw_select(struct arena *a, const unsigned char seed[DRAW_SEED_BYTES],
                        const struct draw_requirement *req, struct draw_panel *panel,
                        struct draw_result *out)
{
	memset(out, 0, sizeof *out);
	if (draw_snapshot_check(req->snapshot, req->n) < 0)
		return RES_INVALID;
	size_t k = (size_t)req->members + req->backups;
	struct draw_candidate *w = arena_alloc(a, (req->n + 1) * sizeof *w);
	size_t n = without_taken(w, req->snapshot, req->n, panel);
	out->removed = req->n - n;
	out->taken = arena_alloc(a, ((k < n ? k : n) + 1) * sizeof *out->taken);
	out->skips = arena_alloc(a, (n + 1) * sizeof *out->skips);

	struct draw_words s;
	draw_stream_init(&s, seed, req->index);
	size_t i = 0, found = 0;
	while (found < k && i < n) {
		size_t j = i + (size_t)draw_below(&s, n - i);
		struct draw_candidate c = w[j];
		w[j] = w[i];
		w[i] = c;
		enum draw_skip_reason why = conflict(panel, &c);
		if (why) {                              /* removed: the last entry takes its place */
			out->skips[out->nskips++] = (struct draw_skip){ c.id, why };
			w[i] = w[--n];
			continue;
		}
		out->taken[found++] = c;
		panel_add(a, panel, &c);
		i++;
	}
	out->members_found = found < req->members ? found : req->members;
	out->backups_found = found - out->members_found;
	out->full = found == k;
	out->words = s.used;
	out->blocks = (s.used + 3) / 4;
	return RES_OK;
}

enum result draw_project(struct arena *a, const unsigned char seed[DRAW_SEED_BYTES],
                         const struct draw_requirement *reqs, size_t nreqs,
                         struct draw_result *results)
{
	struct draw_panel panel = {0};
	for (size_t r = 0; r < nreqs; r++)
		if (reqs[r].index != r || draw_select(a, seed, &reqs[r], &panel, &results[r]) != RES_OK)
			return RES_INVALID;
	return RES_OK;
}

const char *draw_skip_name(enum draw_skip_reason reason)
{
	static const char *const names[] = {
		[DRAW_SKIP_EMPLOYER] = "employer",
		[DRAW_SKIP_RELATION] = "relation",
	};
	return reason == DRAW_SKIP_EMPLOYER || reason == DRAW_SKIP_RELATION ? names[reason] : "?";
}
