/* The expert's certificate (聘书/专家证书) as a PDF (libharu) and as a PNG (libgd): the
 * authority, the expert's name, photo, numbers, specialties, validity, issue date, the optional
 * seal and a QR code of the public verification link. */
#ifndef EP_CERTDOC_H
#define EP_CERTDOC_H
#include <stddef.h>
#include "core/arena.h"

struct certdoc {
	const char *authority;          /* the issuer, e.g. 某某市规划和建设局 */
	const char *name, *gender;
	const char *expert_no, *cert_no;
	const char *const *specialties; /* "领域 / 专业组 / 项" paths */
	size_t nspecialties;
	const char *issued_on, *valid_until;    /* YYYY-MM-DD */
	const unsigned char *photo;     /* JPEG or PNG bytes, or NULL */
	size_t photo_len;
	const char *verify_url;         /* ASCII: what the QR code holds */
	const char *seal_path;          /* a PNG file, or NULL/"" for none */
};

/* The document's bytes in the arena, or NULL on failure. */
unsigned char *certdoc_pdf(struct arena *a, const struct certdoc *c, size_t *len);
unsigned char *certdoc_png(struct arena *a, const struct certdoc *c, size_t *len);

#endif
