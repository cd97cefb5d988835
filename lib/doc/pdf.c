/* libharu wrapper. Errors from libharu are recorded and reported by pdf_finish. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <hpdf.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include "core/config.h"
#include "core/log.h"
#include "core/text.h"
#include "doc/image.h"
#include "doc/pdf.h"

struct pdf {
	HPDF_Doc doc;
	HPDF_Page page;
	HPDF_Font cjk, latin;
	HPDF_STATUS error;
};

static void on_error(HPDF_STATUS error, HPDF_STATUS detail, void *user)
{
	struct pdf *p = user;
	if (p->error == 0) {
		p->error = error;
		log_error_msg("expertpool pdf: libharu error 0x%04X (detail %u)\n", (unsigned)error, (unsigned)detail);
	}
}

/* Setting up the font costs most of a document's time (libharu maps every code point of the
 * UTF-8 encoder to a glyph when the font is added), and none of it depends on the document:
 * a process keeps one document with its font ready, made between requests (pdf_warm). */
static struct pdf *spare;
static struct pdf *pdf_create(void);

struct pdf *pdf_new(void)
{
	struct pdf *p = spare;
	spare = NULL;
	return p != NULL ? p : pdf_create();
}

void pdf_warm(void)
{
	if (spare == NULL)
		spare = pdf_create();
}

/* The ToUnicode CMap of the Chinese font. libharu 2.3.0 writes a copy of the font's encoding
 * CMap there (a begincidrange), which is no ToUnicode map: poppler warns "Invalid
 * 'begincidrange' operator in ToUnicode CMap" and text extraction falls back on guesses. With
 * the UTF-8 encoding the character codes are the BMP code points themselves, so the right map
 * is the identity: one bfrange per high byte (a range may not cross one), surrogates left out.
 * The text is the same for every document: made once. */
static const char *to_unicode_cmap(void)
{
	static char *text;
	if (text != NULL)
		return text;
	static const char head[] =
		"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
	static const char tail[] = "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
	/* 248 ranges (256 high bytes less the 8 of the surrogates), in blocks of at most 100 */
	size_t cap = sizeof head + sizeof tail + 256 * 24 + 3 * 32;
	char *t = malloc(cap);
	if (t == NULL)
		return NULL;
	size_t n = (size_t)snprintf(t, cap, "%s", head);
	unsigned hi = 0;
	while (hi < 256) {
		unsigned block = 0, first = hi;
		for (unsigned h = first; h < 256 && block < 100; h++)
			if (h < 0xD8 || h > 0xDF)
				block++;
		n += (size_t)snprintf(t + n, cap - n, "%u beginbfrange\n", block);
		for (unsigned done = 0; done < block; hi++) {
			if (hi >= 0xD8 && hi <= 0xDF)
				continue;
			n += (size_t)snprintf(t + n, cap - n, "<%02X00> <%02XFF> <%02X00>\n", hi, hi, hi);
			done++;
		}
		while (hi < 256 && hi >= 0xD8 && hi <= 0xDF)
			hi++;
		n += (size_t)snprintf(t + n, cap - n, "endbfrange\n");
	}
	snprintf(t + n, cap - n, "%s", tail);
	text = t;
	return text;
}

/* Replaces the font's ToUnicode stream with to_unicode_cmap(): 0, or -1. */
static int fix_to_unicode(HPDF_Font font)
{
	HPDF_Dict map = HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT);
	const char *cmap = to_unicode_cmap();
	if (map == NULL || map->stream == NULL || cmap == NULL)
		return -1;
	HPDF_MemStream_FreeData(map->stream);
	return HPDF_Stream_WriteStr(map->stream, cmap) == HPDF_OK ? 0 : -1;
}

static struct pdf *pdf_create(void)
{
	struct pdf *p = calloc(1, sizeof *p);
	if (p == NULL)
		return NULL;
	p->doc = HPDF_New(on_error, p);
	if (p->doc == NULL) {
		free(p);
		return NULL;
	}
	HPDF_SetCompressionMode(p->doc, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(p->doc);
	const char *name = HPDF_LoadTTFontFromFile(p->doc, cfg.pdf_font, HPDF_TRUE);
	if (name == NULL || p->error) {
		log_error_msg("expertpool pdf: cannot load the font %s ([pdf] font)\n", cfg.pdf_font);
		pdf_free(p);
		return NULL;
	}
	p->cjk = HPDF_GetFont(p->doc, name, "UTF-8");
	p->latin = HPDF_GetFont(p->doc, "Helvetica", NULL);
	if (p->cjk == NULL || fix_to_unicode(p->cjk) != 0) {
		log_error_msg("expertpool pdf: the font's ToUnicode map cannot be written\n");
		pdf_free(p);
		return NULL;
	}
	return p;
}

void pdf_free(struct pdf *p)
{
	if (p == NULL)
		return;
	HPDF_Free(p->doc);
	free(p);
}

void pdf_add_page(struct pdf *p)
{
	p->page = HPDF_AddPage(p->doc);
	HPDF_Page_SetSize(p->page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
}

void pdf_add_page_landscape(struct pdf *p)
{
	p->page = HPDF_AddPage(p->doc);
	HPDF_Page_SetSize(p->page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_LANDSCAPE);
}

/* The length of the run starting at s that uses one font: printable ASCII, or everything else. */
static size_t run_length(const char *s, int *ascii)
{
	*ascii = (unsigned char)s[0] < 0x80;
	size_t n = 0;
	while (s[n] != '\0' && ((unsigned char)s[n] < 0x80) == *ascii)
		n++;
	return n;
}

/* Draws (or only measures, when draw is 0) text; returns its width. */
static float runs(struct pdf *p, float x, float y, float size, const char *s, int draw)
{
	float w = 0;
	char buf[512];
	while (*s != '\0') {
		int ascii;
		size_t n = run_length(s, &ascii);
		size_t take = n < sizeof buf - 1 ? n : sizeof buf - 1;
		while (take < n && take > 0 && ((unsigned char)s[take] & 0xC0) == 0x80)
			take--;         /* never split a character */
		text_drop_controls(buf, s, take);       /* a control character has no glyph */
		HPDF_Page_SetFontAndSize(p->page, ascii ? p->latin : p->cjk, size);
		if (draw)
			HPDF_Page_TextOut(p->page, x + w, y, buf);
		w += HPDF_Page_TextWidth(p->page, buf);
		s += take;
	}
	return w;
}

float pdf_text(struct pdf *p, float x, float y, float size, const char *s)
{
	HPDF_Page_BeginText(p->page);
	float w = runs(p, x, y, size, s, 1);
	HPDF_Page_EndText(p->page);
	return w;
}

float pdf_text_width(struct pdf *p, float size, const char *s)
{
	return runs(p, 0, 0, size, s, 0);
}

void pdf_text_centered(struct pdf *p, float cx, float y, float size, const char *s)
{
	pdf_text(p, cx - pdf_text_width(p, size, s) / 2, y, size, s);
}

/* The bytes of the UTF-8 character at s, never past the end of the string (a cut one
 * counts as what is there). */
static size_t char_len(const char *s)
{
	unsigned char c = (unsigned char)*s;
	size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4, i = 1;
	while (i < n && s[i] != '\0')
		i++;
	return i;
}

float pdf_wrap(struct pdf *p, float x, float y, float width, float size, float leading,
               const char *s, int draw)
{
	char line[1024];
	size_t used = 0;
	float lw = 0;
	if (draw)
		HPDF_Page_BeginText(p->page);
	while (1) {
		int newline = *s == '\n';
		size_t cl = *s == '\0' || newline ? 0 : char_len(s);
		char ch[5] = {0};
		memcpy(ch, s, cl);
		float cw = cl ? runs(p, 0, 0, size, ch, 0) : 0;
		if (*s == '\0' || newline || lw + cw > width || used + cl >= sizeof line) {
			line[used] = '\0';
			if (draw)
				runs(p, x, y, size, line, 1);
			if (*s == '\0')
				break;
			y -= leading;
			used = 0;
			lw = 0;
			if (newline) {
				s++;
				continue;
			}
		}
		memcpy(line + used, s, cl);
		used += cl;
		lw += cw;
		s += cl;
	}
	if (draw)
		HPDF_Page_EndText(p->page);
	return y;
}

void pdf_rect(struct pdf *p, float x, float y, float w, float h, float line_width)
{
	HPDF_Page_SetLineWidth(p->page, line_width);
	HPDF_Page_Rectangle(p->page, x, y, w, h);
	HPDF_Page_Stroke(p->page);
}

void pdf_line(struct pdf *p, float x1, float y1, float x2, float y2, float line_width)
{
	HPDF_Page_SetLineWidth(p->page, line_width);
	HPDF_Page_MoveTo(p->page, x1, y1);
	HPDF_Page_LineTo(p->page, x2, y2);
	HPDF_Page_Stroke(p->page);
}

void pdf_fill_rect(struct pdf *p, float x, float y, float w, float h, float grey)
{
	HPDF_Page_SetGrayFill(p->page, grey);
	HPDF_Page_Rectangle(p->page, x, y, w, h);
	HPDF_Page_Fill(p->page);
	HPDF_Page_SetGrayFill(p->page, 0);
}

void pdf_color(struct pdf *p, float r, float g, float b)
{
	HPDF_Page_SetRGBFill(p->page, r, g, b);
	HPDF_Page_SetRGBStroke(p->page, r, g, b);
}

void pdf_fill(struct pdf *p, float x, float y, float w, float h)
{
	HPDF_Page_Rectangle(p->page, x, y, w, h);
	HPDF_Page_Fill(p->page);
}

void pdf_bold(struct pdf *p, float stroke)
{
	HPDF_Page_SetTextRenderingMode(p->page, stroke > 0 ? HPDF_FILL_THEN_STROKE : HPDF_FILL);
	if (stroke > 0)
		HPDF_Page_SetLineWidth(p->page, stroke);
}

void pdf_modules(struct pdf *p, const unsigned char *dark, int width, float x, float y, float module)
{
	int any = 0;
	for (int row = 0; row < width; row++) {
		float top = y + (float)(width - row) * module;
		for (int col = 0; col < width; ) {
			if (!dark[row * width + col]) {
				col++;
				continue;
			}
			int end = col;          /* one rectangle per horizontal run of dark modules */
			while (end < width && dark[row * width + end])
				end++;
			/* a little taller than a module, so that viewers leave no seams between rows */
			float over = row + 1 < width ? module * 0.05f : 0;
			HPDF_Page_Rectangle(p->page, x + (float)col * module, top - module - over,
			                    (float)(end - col) * module, module + over);
			col = end;
			any = 1;
		}
	}
	if (any)
		HPDF_Page_Fill(p->page);
}

static HPDF_Image load_image(struct pdf *p, const unsigned char *data, size_t len)
{
	unsigned ft = file_sniff(data, len);
	if (!image_fits_document(data, len))
		return NULL;            /* libharu decodes a PNG whole: never one of unbounded size */
	HPDF_STATUS before = p->error;
	HPDF_Image img = ft == FT_JPEG ? HPDF_LoadJpegImageFromMem(p->doc, data, (HPDF_UINT)len)
	               : ft == FT_PNG ? HPDF_LoadPngImageFromMem(p->doc, data, (HPDF_UINT)len) : NULL;
	if (img == NULL) {
		p->error = before;      /* a bad image is not a failed document */
		HPDF_ResetError(p->doc);
	}
	return img;
}

int pdf_image(struct pdf *p, const unsigned char *data, size_t len, float x, float y, float w, float h)
{
	HPDF_Image img = load_image(p, data, len);
	if (img == NULL)
		return -1;
	float iw = (float)HPDF_Image_GetWidth(img), ih = (float)HPDF_Image_GetHeight(img);
	float scale = w / iw < h / ih ? w / iw : h / ih;
	HPDF_Page_DrawImage(p->page, img, x + (w - iw * scale) / 2, y + (h - ih * scale) / 2,
	                    iw * scale, ih * scale);
	return 0;
}

int pdf_image_cover(struct pdf *p, const unsigned char *data, size_t len, float x, float y, float w, float h)
{
	HPDF_Image img = load_image(p, data, len);
	if (img == NULL)
		return -1;
	float iw = (float)HPDF_Image_GetWidth(img), ih = (float)HPDF_Image_GetHeight(img);
	float scale = w / iw > h / ih ? w / iw : h / ih;
	HPDF_Page_GSave(p->page);
	HPDF_Page_Rectangle(p->page, x, y, w, h);
	HPDF_Page_Clip(p->page);
	HPDF_Page_EndPath(p->page);
	HPDF_Page_DrawImage(p->page, img, x + (w - iw * scale) / 2, y + (h - ih * scale) / 2,
	                    iw * scale, ih * scale);
	HPDF_Page_GRestore(p->page);
	return 0;
}

unsigned char *pdf_finish(struct pdf *p, struct arena *a, size_t *len)
{
	unsigned char *out = NULL;
	if (!p->error && HPDF_SaveToStream(p->doc) == HPDF_OK) {
		HPDF_UINT32 size = HPDF_GetStreamSize(p->doc);
		out = arena_alloc(a, size);
		HPDF_UINT32 got = size;
		if (HPDF_ReadFromStream(p->doc, out, &got) != HPDF_OK && got != size)
			out = NULL;
		*len = got;
	}
	pdf_free(p);
	return out;
}
