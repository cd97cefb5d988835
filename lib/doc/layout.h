/* Printable A4 pages of sections and table rows, top to bottom, a new page when one is full. */
#ifndef EP_LAYOUT_H
#define EP_LAYOUT_H
#include <stddef.h>
#include "doc/pdf.h"

#define LAYOUT_MARGIN 45.0f
#define LAYOUT_TOP 800.0f
#define LAYOUT_BOTTOM 50.0f
#define LAYOUT_FONT 9.5f
#define LAYOUT_LEADING 13.0f
#define LAYOUT_PAD 4.0f
/* The width between the margins. */
#define LAYOUT_FULL (PDF_A4_W - 2 * LAYOUT_MARGIN)

struct layout {
	struct pdf *p;
	float y;                /* the top of the next thing */
};

/* A new page unless `height` still fits above the bottom margin. */
void layout_need(struct layout *l, float height);
/* A grey title bar across the page. */
void layout_section(struct layout *l, const char *title);
/* One row of n cells `widths` wide; its height is that of the tallest wrapped cell. */
void layout_row(struct layout *l, size_t n, const float *widths, const char *const *cells, int header);

#endif
