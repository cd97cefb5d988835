/* PDF documents with Chinese text (libharu): an embedded subset of a TrueType CJK font for
 * Chinese, Helvetica for Latin runs, simple layout helpers, images from memory. */
#ifndef EP_PDF_H
#define EP_PDF_H
#include <stddef.h>
#include "core/arena.h"

struct pdf;

#define PDF_A4_W 595.0f
#define PDF_A4_H 842.0f

struct pdf *pdf_new(void);                      /* NULL when the font cannot be loaded */
/* Prepares the next document ahead of need (the run loop calls it between requests). */
void pdf_warm(void);
void pdf_add_page(struct pdf *p);
void pdf_add_page_landscape(struct pdf *p);    /* A4 turned: PDF_A4_H wide, PDF_A4_W high */
/* Text at (x, y) — y is the baseline; returns the width drawn. */
float pdf_text(struct pdf *p, float x, float y, float size, const char *utf8);
float pdf_text_width(struct pdf *p, float size, const char *utf8);
void pdf_text_centered(struct pdf *p, float cx, float y, float size, const char *utf8);
/* Wraps text into a box `width` wide from the top baseline y; returns the baseline after the
 * last line. With draw 0 it only measures. */
float pdf_wrap(struct pdf *p, float x, float y, float width, float size, float leading,
               const char *utf8, int draw);
void pdf_rect(struct pdf *p, float x, float y, float w, float h, float line_width);
void pdf_line(struct pdf *p, float x1, float y1, float x2, float y2, float line_width);
void pdf_fill_rect(struct pdf *p, float x, float y, float w, float h, float grey);
/* The colour (RGB, 0–1) of the text, lines and pdf_fill that follow; pdf_fill_rect still
 * fills in grey and leaves the fill black. */
void pdf_color(struct pdf *p, float r, float g, float b);
void pdf_fill(struct pdf *p, float x, float y, float w, float h);
/* Text that follows is also stroked with this line width (a heavier face); 0 for plain. */
void pdf_bold(struct pdf *p, float stroke);
/* A square of width×width modules (dark[row*width+col] non-zero is dark, row 0 at the top)
 * in the current colour, its bottom left corner at (x, y), each module `module` wide. */
void pdf_modules(struct pdf *p, const unsigned char *dark, int width, float x, float y, float module);
/* Draws a JPEG or PNG scaled to fit the box, centred. 0, or -1 when the image is unreadable. */
int pdf_image(struct pdf *p, const unsigned char *data, size_t len, float x, float y, float w, float h);
/* The same scaled to cover the box, centred, the overflow cut off (a photo in its frame). */
int pdf_image_cover(struct pdf *p, const unsigned char *data, size_t len, float x, float y, float w, float h);
/* The PDF bytes; frees the document. NULL on failure. */
unsigned char *pdf_finish(struct pdf *p, struct arena *a, size_t *len);
void pdf_free(struct pdf *p);

#endif
