/* Upload sessions and their chunks, in the database; the finished file goes through the same
 * checks and storage as a one-shot upload (files.c). */
#include <string.h>
#include <sodium.h>
#include "db/db.h"
#include "files/upload.h"

static int received(struct arena *a, struct upload *u)
{
	u->received = arena_alloc(a, (size_t)u->chunks * sizeof *u->received + 1);
	u->nreceived = 0;
	if (db_exec(SQL_UPLOAD_RECEIVED, "i", u->id) != 0)
		return -1;
	long long idx;
	int rc;
	while ((rc = db_fetch(SQL_UPLOAD_RECEIVED, "i", &idx)) == 1)
		if (u->nreceived < (size_t)u->chunks)
			u->received[u->nreceived++] = idx;
	return rc;
}

/* The session row (locked FOR UPDATE when `lock`): 1, 0 none or not the owner's, -1. */
static int load(struct arena *a, long long owner, long long id, int lock, struct upload *u)
{
	enum sql_id q = lock ? SQL_UPLOAD_LOCK : SQL_UPLOAD_GET;
	char *kind, *name;
	unsigned char *h;
	size_t hlen;
	int rc = db_one(q, "ii", "ssibii", id, owner, &kind, &name, &u->size, &h, &hlen,
	                &u->chunk_size, &u->chunks);
	if (rc != 1)
		return rc;
	if (!file_kind_named(kind, &u->kind) || hlen != sizeof u->sha256 || u->chunks <= 0 || u->chunk_size <= 0)
		return -1;
	u->id = id;
	u->name = arena_strdup(a, name);
	memcpy(u->sha256, h, sizeof u->sha256);
	u->received = NULL;
	u->nreceived = 0;
	return 1;
}

static enum upload_rc failed(void)
{
	db_rollback();
	return UP_FAILED;
}

/* Opens a transaction with the owner's session `id` locked (a chunk and the finish of one
 * session take turns): UP_OK, or UP_NOT_FOUND / UP_FAILED with nothing open. */
static enum upload_rc begin_locked(struct arena *a, long long owner, long long id, struct upload *u)
{
	if (db_begin() != 0)
		return failed();
	int rc = load(a, owner, id, 1, u);
	if (rc <= 0) {
		db_rollback();
		return rc == 0 ? UP_NOT_FOUND : UP_FAILED;
	}
	return UP_OK;
}

enum upload_rc upload_start(struct arena *a, long long owner, enum file_kind kind, const char *name,
                            long long size, const unsigned char sha256[32], struct upload *u)
{
	long long id, open;
	/* the owner's row serializes their starts, so two at once cannot pass the count together */
	if (db_begin() != 0 || db_one(SQL_UPLOAD_LOCK_OWNER, "i", "i", owner, &id) != 1 ||
	    db_exec(SQL_UPLOAD_SWEEP_OWN, "ii", owner, (long long)UPLOAD_IDLE_SECONDS) != 0)
		return failed();
	int rc = db_one(SQL_UPLOAD_FIND, "isib", "i", owner, file_kinds[kind].name, size, sha256,
	                (size_t)32, &id);
	if (rc < 0)
		return failed();
	if (rc == 1) {
		if (load(a, owner, id, 0, u) != 1 || received(a, u) != 0 || db_commit() != 0)
			return failed();
		return UP_RESUMED;
	}
	if (db_one(SQL_UPLOAD_OPEN_COUNT, "i", "i", owner, &open) != 1)
		return failed();
	if (open >= UPLOAD_MAX_OPEN) {
		db_rollback();
		return UP_TOO_MANY;
	}
	long long chunks = (size + (long long)UPLOAD_CHUNK - 1) / (long long)UPLOAD_CHUNK;
	if (db_exec(SQL_UPLOAD_INSERT, "issibii", owner, file_kinds[kind].name, name, size, sha256,
	            (size_t)32, (long long)UPLOAD_CHUNK, chunks) != 0)
		return failed();
	*u = (struct upload){ .id = (long long)db_insert_id(SQL_UPLOAD_INSERT), .kind = kind,
	                      .name = name, .size = size, .chunk_size = (long long)UPLOAD_CHUNK,
	                      .chunks = chunks };
	memcpy(u->sha256, sha256, sizeof u->sha256);
	u->received = arena_alloc(a, sizeof *u->received);
	if (db_commit() != 0)
		return failed();
	return UP_OK;
}

enum upload_rc upload_get(struct arena *a, long long owner, long long id, struct upload *u)
{
	int rc = load(a, owner, id, 0, u);
	if (rc == 0)
		return UP_NOT_FOUND;
	if (rc < 0 || received(a, u) != 0)
		return UP_FAILED;
	return UP_OK;
}

enum upload_rc upload_chunk(struct arena *a, long long owner, long long id, long long index,
                            const unsigned char sha256[32], const void *data, size_t len,
                            struct upload *u)
{
	enum upload_rc locked = begin_locked(a, owner, id, u);
	if (locked != UP_OK)
		return locked;
	if (index < 0 || index >= u->chunks) {
		db_rollback();
		return UP_BAD_INDEX;
	}
	long long want = index < u->chunks - 1 ? u->chunk_size : u->size - (u->chunks - 1) * u->chunk_size;
	if ((long long)len != want) {
		db_rollback();
		return UP_BAD_LENGTH;
	}
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, data, len);
	if (sodium_memcmp(h, sha256, sizeof h) != 0) {
		db_rollback();
		return UP_BAD_HASH;
	}
	if (db_exec(SQL_UPLOAD_CHUNK_PUT, "iibb", id, index, h, sizeof h, data, len) != 0 ||
	    db_exec(SQL_UPLOAD_TOUCH, "i", id) != 0 || received(a, u) != 0 || db_commit() != 0)
		return failed();
	return UP_OK;
}

enum upload_rc upload_finish(struct arena *a, long long owner, long long id, struct upload *u,
                             struct file_bytes *out, long long *file_id, enum file_verdict *verdict)
{
	enum upload_rc locked = begin_locked(a, owner, id, u);
	if (locked != UP_OK)
		return locked;
	unsigned char *whole = arena_alloc(a, (size_t)u->size + 1);
	size_t got = 0;
	long long next = 0, idx;
	unsigned char *data;
	size_t len;
	int rc, short_ = 0;
	if (db_exec(SQL_UPLOAD_CHUNKS, "i", id) != 0)
		return failed();
	while ((rc = db_fetch(SQL_UPLOAD_CHUNKS, "ib", &idx, &data, &len)) == 1) {
		if (idx != next || got + len > (size_t)u->size) {
			short_ = 1;
			continue;
		}
		memcpy(whole + got, data, len);
		got += len;
		next++;
	}
	if (rc < 0)
		return failed();
	if (short_ || next != u->chunks) {
		if (received(a, u) != 0)
			return failed();
		db_rollback();
		return UP_INCOMPLETE;
	}
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, whole, got);
	if (got != (size_t)u->size || sodium_memcmp(h, u->sha256, sizeof h) != 0) {
		db_rollback();
		return UP_MISMATCH;
	}
	*verdict = file_accept(a, u->kind, u->name, whole, got, out);
	if (*verdict != FILE_OK) {
		db_rollback();
		return UP_REFUSED;
	}
	if (file_store(owner, u->kind, out->name, out->ft, out->data, out->len, file_id) != 0 ||
	    db_exec(SQL_UPLOAD_DELETE, "ii", id, owner) != 0 || db_commit() != 0)
		return failed();
	return UP_OK;
}

enum upload_rc upload_cancel(long long owner, long long id)
{
	if (db_exec(SQL_UPLOAD_DELETE, "ii", id, owner) != 0)
		return UP_FAILED;
	return db_affected(SQL_UPLOAD_DELETE) == 1 ? UP_OK : UP_NOT_FOUND;
}
