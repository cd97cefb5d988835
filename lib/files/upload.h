/* Chunked, resumable uploads: a file sent as numbered chunks of UPLOAD_CHUNK bytes, each with
 * its SHA-256, kept in the database (every web node sees them) until the last arrives; then the
 * whole is checked against its declared size and SHA-256 and goes through file_accept and
 * file_store like a one-shot upload. Works behind a web server that caps a request body at
 * 128 KiB (mod_fcgid's default). */
#ifndef EP_UPLOAD_H
#define EP_UPLOAD_H
#include <stddef.h>
#include "core/arena.h"
#include "files/files.h"

#define UPLOAD_CHUNK ((size_t)64 * 1024)  /* bytes of every chunk but the last */
#define UPLOAD_MAX_OPEN 4                 /* sessions one user may have open at once */
#define UPLOAD_IDLE_SECONDS 86400         /* a session untouched this long is swept */

struct upload {
	long long id;
	enum file_kind kind;
	const char *name;
	long long size, chunk_size, chunks;
	unsigned char sha256[32];
	/* the chunks already received, ascending */
	long long *received;
	size_t nreceived;
};

enum upload_rc {
	UP_OK,
	UP_RESUMED,             /* start: an open session of the same file, returned as it stands */
	UP_NOT_FOUND,           /* no such session, or another user's */
	UP_TOO_MANY,            /* start: UPLOAD_MAX_OPEN sessions already open */
	UP_BAD_INDEX,           /* chunk: index outside 0…chunks−1 */
	UP_BAD_LENGTH,          /* chunk: not chunk_size bytes (the last: the rest of the file) */
	UP_BAD_HASH,            /* chunk: its bytes do not have the SHA-256 sent with them */
	UP_INCOMPLETE,          /* finish: chunks missing */
	UP_MISMATCH,            /* finish: the whole is not the declared size or SHA-256 */
	UP_REFUSED,             /* finish: file_accept refused it (*verdict says why) */
	UP_FAILED,              /* the database */
};

/* Opens a session for `owner` (or finds the open one of the same kind, size and SHA-256, to
 * resume it). The caller has checked size against the kind's limit. */
enum upload_rc upload_start(struct arena *a, long long owner, enum file_kind kind, const char *name,
                            long long size, const unsigned char sha256[32], struct upload *u);
/* The session `id` of `owner`, with the chunks received. */
enum upload_rc upload_get(struct arena *a, long long owner, long long id, struct upload *u);
/* Stores chunk `index` (again, if it came before). */
enum upload_rc upload_chunk(struct arena *a, long long owner, long long id, long long index,
                            const unsigned char sha256[32], const void *data, size_t len,
                            struct upload *u);
/* Assembles, checks and stores the file, and ends the session, in one transaction. On UP_OK
 * *out is what was stored and *file_id its id; on UP_REFUSED *verdict says why (the session
 * stays, for the page to cancel or the sweep to take). */
enum upload_rc upload_finish(struct arena *a, long long owner, long long id, struct upload *u,
                             struct file_bytes *out, long long *file_id, enum file_verdict *verdict);
/* Ends a session and drops its chunks. */
enum upload_rc upload_cancel(long long owner, long long id);

#endif
