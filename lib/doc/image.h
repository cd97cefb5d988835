/* Image and document types by magic bytes; declared pixel sizes (decoders allocate by them);
 * the photo made once, at upload, into what the documents print (libgd). */
#ifndef EP_IMAGE_H
#define EP_IMAGE_H
#include <stddef.h>
#include "core/arena.h"

#define FT_JPEG 1u
#define FT_PNG 2u
#define FT_PDF 4u

/* The type of a file by its first bytes: FT_JPEG, FT_PNG, FT_PDF, or 0. */
unsigned file_sniff(const unsigned char *p, size_t n);
const char *file_type_name(unsigned ft);                 /* "image/jpeg" … */
/* The pixel size a PNG or JPEG declares: 1, or 0 when it cannot be read. Decoders allocate by
 * it, so an image is decoded only once its declared size is within a bound: IMAGE_MAX_* for
 * whatever is decoded, the file kinds' own (lib/files) at upload. */
int image_size(const unsigned char *p, size_t n, unsigned *w, unsigned *h);
#define IMAGE_MAX_SIDE 12000u
#define IMAGE_MAX_PIXELS 40000000ull
/* The largest picture a document embeds (photos are far smaller since their upload; this
 * bounds what was stored before, and the seal): larger ones are left out. */
#define IMAGE_DOC_MAX_SIDE 6000u
#define IMAGE_DOC_MAX_PIXELS 16000000ull
/* Whether the picture declares a size within those. */
int image_fits_document(const unsigned char *p, size_t n);

/* The Exif orientation of a JPEG (1–8: how to turn it upright), 1 when it has none. */
int image_orientation(const unsigned char *p, size_t n);

/* A JPEG or PNG decoded, turned upright by its Exif orientation, scaled down (never up) to at
 * most `side` pixels on its longer side, flattened on white and encoded as a JPEG of the given
 * quality (no metadata kept). The caller has bounded the declared size. NULL when it cannot be
 * decoded. */
unsigned char *image_normalize(struct arena *a, const unsigned char *p, size_t n, int side,
                               int quality, size_t *len);

#endif
