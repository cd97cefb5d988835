/* Uploaded files: kinds with their limits, type by magic bytes, storage in the database,
 * access by owner or administrator only. */
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
};

extern const struct file_kind_info file_kinds[FILE__MAX];


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
