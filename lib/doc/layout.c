/* Printable A4 pages of sections and table rows (the application form, the personal
 * information form, the copy of one's personal data). */
#include "doc/layout.h"

void layout_need(struct layout *l, float height)
{
	if (l->y - height < LAYOUT_BOTTOM) {
		pdf_add_page(l->p);
		l->y = LAYOUT_TOP;
	}
}

void layout_section(struct layout *l, const char *title)
{
	layout_need(l, 40);
	l->y -= 8;
	pdf_fill_rect(l->p, LAYOUT_MARGIN, l->y - 18, PDF_A4_W - 2 * LAYOUT_MARGIN, 18, 0.88f);
	pdf_rect(l->p, LAYOUT_MARGIN, l->y - 18, PDF_A4_W - 2 * LAYOUT_MARGIN, 18, 0.6f);
	pdf_text(l->p, LAYOUT_MARGIN + LAYOUT_PAD, l->y - 13, 10.5f, title);
	l->y -= 18;
}

/* One row of cells; its height is that of the tallest wrapped cell. */
void layout_row(struct layout *l, size_t n, const float *widths, const char *const *cells, int header)
{
	float h = 0;
	for (size_t i = 0; i < n; i++) {
		float end = pdf_wrap(l->p, 0, 0, widths[i] - 2 * LAYOUT_PAD, LAYOUT_FONT, LAYOUT_LEADING, cells[i] ? cells[i] : "", 0);
		float ch = -end + LAYOUT_LEADING + 2 * LAYOUT_PAD - 2;
		if (ch > h)
			h = ch;
	}
	layout_need(l, h);
	float x = LAYOUT_MARGIN;
	for (size_t i = 0; i < n; i++) {
		if (header)
			pdf_fill_rect(l->p, x, l->y - h, widths[i], h, 0.95f);
		pdf_rect(l->p, x, l->y - h, widths[i], h, 0.6f);
		pdf_wrap(l->p, x + LAYOUT_PAD, l->y - LAYOUT_PAD - LAYOUT_FONT + 1, widths[i] - 2 * LAYOUT_PAD, LAYOUT_FONT, LAYOUT_LEADING,
		         cells[i] ? cells[i] : "", 1);
		x += widths[i];
	}
	l->y -= h;
}
