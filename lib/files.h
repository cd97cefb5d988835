/* Uploaded files: kinds with their limits, type by magic bytes, storage in the database,
 * access by owner or administrator only. */
#ifndef EP_FILES_H
#define EP_FILES_H
#include <stddef.h>
#include "request.h"

enum file_kind { FILE_PHOTO, FILE_SCAN, FILE_PDF, FILE__MAX };

struct file_kind_info {
	const char *name;               /* as in the URL and the database */
	size_t max_bytes;
	unsigned types;                 /* FT_* bits allowed */
	const char *label;              /* Chinese, for messages */
};
#define FT_JPEG 1u
#define FT_PNG 2u
#define FT_PDF 4u

extern const struct file_kind_info file_kinds[FILE__MAX];

/* The type of a file by its first bytes: FT_JPEG, FT_PNG, FT_PDF, or 0. */
unsigned file_sniff(const unsigned char *p, size_t n);
const char *file_type_name(unsigned ft);                 /* "image/jpeg" … */
/* The pixel size a PNG or JPEG declares: 1, or 0 when it cannot be read. Decoders allocate by
 * it, so images over IMAGE_MAX_PIXELS are refused at upload and never decoded. */
int image_size(const unsigned char *p, size_t n, unsigned *w, unsigned *h);
#define IMAGE_MAX_SIDE 12000u
#define IMAGE_MAX_PIXELS 40000000ull

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

#endif
