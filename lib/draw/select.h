/* The selection function of the draw (docs/DRAW.md, sections 5 and 6): a partial Fisher–Yates
 * shuffle of a requirement's candidates, driven by the seed's stream, with the panel rules (one
 * expert per employer, no relatives together, one place per expert) as documented skips. A pure
 * function of the seed, the snapshots and the order of the requirements. */
#ifndef EP_DRAW_SELECT_H
#define EP_DRAW_SELECT_H
#include <stddef.h>
#include <stdint.h>
#include "core/arena.h"
#include "core/result.h"
#include "draw/snapshot.h"
#include "draw/stream.h"

/* What the project's earlier requirements took: every expert taken (member or backup), their
 * employer and relation keys. Starts zeroed; draw_select adds what it takes. Grows in the arena. */
struct draw_panel {
	uint64_t *taken;        /* ascending ids */
	uint64_t *employers;    /* non-zero keys */
	uint64_t *relations;    /* non-zero keys */
	size_t ntaken, nemployers, nrelations;
	size_t cap;             /* room in each of the three arrays */
};

struct draw_requirement {
	uint32_t index;                          /* position in the project, from 0 */
	const struct draw_candidate *snapshot;   /* ascending ids */
	size_t n;
	uint32_t members, backups;
};

enum draw_skip_reason { DRAW_SKIP_EMPLOYER = 1, DRAW_SKIP_RELATION };

struct draw_skip {
	uint64_t id;
	enum draw_skip_reason reason;
};

struct draw_result {
	struct draw_candidate *taken;   /* members_found members, then backups_found backups */
	size_t members_found, backups_found;
	int full;                       /* all members and backups found */
	size_t removed;                 /* candidates taken by earlier requirements */
	struct draw_skip *skips;        /* in the order they happened */
	size_t nskips;
	uint64_t words, blocks;         /* 64-bit words consumed, HMAC blocks computed */
};

/* Draws one requirement with the panel the earlier ones left, and adds what it takes to the
 * panel. RES_INVALID (and nothing drawn) when the snapshot is not one (ids 0 or not ascending);
 * a requirement that cannot be filled is RES_OK with full = 0 and the counts found. */
enum result draw_select(struct arena *a, const unsigned char seed[DRAW_SEED_BYTES],
                        const struct draw_requirement *req, struct draw_panel *panel,
                        struct draw_result *out);
/* A whole round: the requirements in order from an empty panel, results[i] for reqs[i] (whose
 * index must be i). RES_INVALID at the first bad snapshot or index. */
enum result draw_project(struct arena *a, const unsigned char seed[DRAW_SEED_BYTES],
                         const struct draw_requirement *reqs, size_t nreqs,
                         struct draw_result *results);
const char *draw_skip_name(enum draw_skip_reason reason);   /* "employer", "relation" */

#endif
