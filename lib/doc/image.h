/* Image and document types by magic bytes; declared pixel sizes (decoders allocate by them). */
#ifndef EP_IMAGE_H
#define EP_IMAGE_H
#include <stddef.h>

#define FT_JPEG 1u
#define FT_PNG 2u
#define FT_PDF 4u

/* The type of a file by its first bytes: FT_JPEG, FT_PNG, FT_PDF, or 0. */
unsigned file_sniff(const unsigned char *p, size_t n);
const char *file_type_name(unsigned ft);                 /* "image/jpeg" … */
/* The pixel size a PNG or JPEG declares: 1, or 0 when it cannot be read. Decoders allocate by
 * it, so images over IMAGE_MAX_PIXELS are refused at upload and never decoded. */
int image_size(const unsigned char *p, size_t n, unsigned *w, unsigned *h);
#define IMAGE_MAX_SIDE 12000u
#define IMAGE_MAX_PIXELS 40000000ull

#endif
