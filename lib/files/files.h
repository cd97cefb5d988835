/* Uploaded files: kinds with their limits, type by magic bytes, the photo normalized once at
 * upload, storage in the database, access by owner or administrator only. */
#ifndef EP_FILES_H
#define EP_FILES_H
#include <stddef.h>
#include "http/request.h"
#include "doc/image.h"

enum file_kind { FILE_PHOTO, FILE_SCAN, FILE_PDF, FILE__MAX };

struct file_kind_info {
	const char *name;               /* as in the URL and the database */
	size_t max_bytes;
	unsigned types;                 /* FT_* bits allowed */
	const char *label;              /* Chinese, for messages */
	/* the largest picture (declared size, refused before anything decodes it) */
	unsigned max_side;
	unsigned long long max_pixels;
	const char *too_big;            /* Chinese, for a picture over those */
	int normalize;                  /* stored as PHOTO_SIDE/PHOTO_QUALITY JPEG, not as uploaded */
};

extern const struct file_kind_info file_kinds[FILE__MAX];
/* The kind of that name ("photo", "scan", "pdf"): 1, or 0 for none. */
int file_kind_named(const char *name, enum file_kind *kind);

/* The photo as the documents need it: a JPEG of at most PHOTO_SIDE pixels on its longer side
 * (the certificate prints it 128 pt high, the application form about 110 pt: 600 pixels is
 * over 300 dpi for both). */
#define PHOTO_SIDE 600
#define PHOTO_QUALITY 85

enum file_verdict { FILE_OK, FILE_WRONG_TYPE, FILE_TOO_MANY_PIXELS, FILE_UNREADABLE };

/* What is stored of an upload. */
struct file_bytes {
	unsigned ft;                    /* FT_* */
	const unsigned char *data;
	size_t len;
	const char *name;               /* a photo's name ends in .jpg */
};

/* Judges an upload of `kind` (its type by its first bytes, a picture's declared size) and
 * makes what is stored: the bytes as they came, or the normalized photo. */
enum file_verdict file_accept(struct arena *a, enum file_kind kind, const char *name,
                              const unsigned char *data, size_t len, struct file_bytes *out);

/* Stores a file; *id gets its id. 0 or -1. */
int file_store(long long owner, enum file_kind kind, const char *name, unsigned ft,
               const void *data, size_t len, long long *id);

struct stored_file {
	long long id, owner;
	const char *kind, *content_type, *name;
	const unsigned char *data;
	size_t size;
};
/* Loads a file the request's user may read (its owner, or any administrator).
 * 1 found, 0 none or not theirs, -1 failure. */
int file_load(const struct request *r, long long id, struct stored_file *f);
/* The owner and kind of a file without its bytes: 1 found, 0 none, -1 failure. */
int file_owner(long long id, long long *owner, char **kind);
/* Whether a file may be referenced by a user's form or request: their own, of one of `kinds`
 * ("scan|pdf"). 1 yes, 0 no (none, someone else's, another kind), -1 failure. */
int file_usable(long long user_id, long long file_id, const char *kinds);

#endif
