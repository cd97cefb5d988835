/* The expert's certificate. It is laid out once, on an abstract canvas measured in points
 * with the origin at the top left of a landscape A4 page, and drawn by two backends: libharu
 * for the PDF and libgd for the PNG. Each backend measures text with its own fonts, so the
 * layout (wrapping, shrinking long text) follows what is really drawn. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <gd.h>
#include "core/config.h"
#include "core/time.h"
#include "doc/image.h"
#include "core/log.h"
#include "doc/pdf.h"
#include "doc/qr.h"
#include "doc/certdoc.h"

#define PAGE_W PDF_A4_H
#define PAGE_H PDF_A4_W
#define PNG_SCALE 2.0f                  /* pixels per point: 1684×1190 */
#define QR_QUIET 4                      /* modules of light margin around the code */
#define QR_MIN_PX 4                     /* pixels per module in the PNG, for phone cameras */
#define MAX_SPECIALTIES 6
#define SEAL_MAX_BYTES (4L << 20)

/* ---- the canvas ------------------------------------------------------------------------ */

struct ink {
	unsigned char r, g, b;
};

static const struct ink PAPER = { 251, 247, 236 }, RED = { 158, 28, 30 }, GOLD = { 190, 150, 70 },
	INK = { 36, 30, 26 }, BROWN = { 118, 84, 48 }, RULE = { 212, 188, 140 },
	WHITE = { 255, 255, 255 }, SHADE = { 242, 234, 216 }, FAINT = { 165, 150, 128 };

struct font {
	float size;
	int bold;
	struct ink ink;
};

struct canvas_ops {
	/* Text with its baseline at y; draws only when ink is given. Returns the width. */
	float (*text)(void *ctx, float x, float y, const struct font *f, int draw, const char *s);
	void (*fill)(void *ctx, float x, float y, float w, float h, struct ink ink);
	/* A rectangle's outline, the line centred on its edges. */
	void (*frame)(void *ctx, float x, float y, float w, float h, float line, struct ink ink);
	/* Horizontal or vertical lines only. */
	void (*line)(void *ctx, float x1, float y1, float x2, float y2, float line, struct ink ink);
	/* A JPEG or PNG scaled to fit the box, centred, or with cover to fill it, cropped.
	 * 0, or -1 when unreadable. */
	int (*image)(void *ctx, const unsigned char *data, size_t len, float x, float y, float w, float h,
	             int cover);
	/* The code with its quiet zone, centred in a square box of side `size`. */
	void (*qr)(void *ctx, const struct qr *q, float x, float y, float size);
};

struct canvas {
	const struct canvas_ops *ops;
	void *ctx;
	struct arena *arena;
};

static float measure(const struct canvas *cv, const struct font *f, const char *s)
{
	return cv->ops->text(cv->ctx, 0, 0, f, 0, s);
}

static float text(const struct canvas *cv, float x, float y, const struct font *f, const char *s)
{
	return cv->ops->text(cv->ctx, x, y, f, 1, s);
}

/* ---- text helpers ---------------------------------------------------------------------- */

static const char *or_empty(const char *s)
{
	return s != NULL ? s : "";
}

/* The bytes of the UTF-8 character at s, never past the terminating NUL. */
static size_t char_len(const char *s)
{
	unsigned char c = (unsigned char)*s;
	size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	for (size_t i = 1; i < n; i++)
		if (s[i] == '\0')
			return i;
	return n;
}

static float char_width(const struct canvas *cv, const struct font *f, const char *s)
{
	char ch[5] = { 0 };
	memcpy(ch, s, char_len(s));
	return measure(cv, f, ch);
}

/* Text with `gap` points between its characters; returns the width. */
static float spaced(const struct canvas *cv, float x, float y, const struct font *f, float gap,
                    int draw, const char *s)
{
	float w = 0;
	while (*s != '\0') {
		char ch[5] = { 0 };
		size_t n = char_len(s);
		memcpy(ch, s, n);
		w += draw ? text(cv, x + w, y, f, ch) : measure(cv, f, ch);
		s += n;
		if (*s != '\0')
			w += gap;
	}
	return w;
}

static void spaced_centred(const struct canvas *cv, float cx, float y, const struct font *f,
                           float gap, const char *s)
{
	spaced(cv, cx - spaced(cv, 0, 0, f, gap, 0, s) / 2, y, f, gap, 1, s);
}

/* A label spread evenly over `width`, the way forms align 姓　　名 with 专家编号. */
static void spread(const struct canvas *cv, float x, float y, const struct font *f, float width,
                   const char *s)
{
	size_t chars = 0;
	for (const char *p = s; *p != '\0'; p += char_len(p))
		chars++;
	float gap = chars > 1 ? (width - spaced(cv, 0, 0, f, 0, 0, s)) / (float)(chars - 1) : 0;
	spaced(cv, x, y, f, gap > 0 ? gap : 0, 1, s);
}

/* Punctuation that must not begin a line. */
static int closing_punct(const char *s)
{
	static const char *const marks[] = { "，", "。", "；", "：", "、", "）", "」", "！", "？", ",", ".", ";", ")" };
	for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
		if (strncmp(s, marks[i], strlen(marks[i])) == 0)
			return 1;
	return 0;
}

static int word_char(const char *s)
{
	unsigned char c = (unsigned char)*s;
	return c < 0x80 && (c == '-' || c == '_' || (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z'));
}

#define MAX_LINES 8

/* The last end of `mark` in [start, end), or NULL. */
static const char *last_mark(const char *start, const char *end, const char *mark)
{
	const char *found = NULL;
	size_t n = mark != NULL ? strlen(mark) : 0;
	for (const char *p = start; n > 0 && p + n <= end; p++)
		if (memcmp(p, mark, n) == 0)
			found = p + n;
	return found;
}

/* Where a line from start that overflows at p ends: after the mark, before a Latin word, or
 * at p. */
static const char *break_point(const char *start, const char *p, const char *mark)
{
	const char *end = last_mark(start, p, mark);
	if (end != NULL && end > start)
		return end;
	if (!word_char(p))
		return p;
	for (end = p; end > start && word_char(end - 1); end--)
		;
	return end > start ? end : p;
}

/* Breaks text into lines at most `width` wide, the first `indent` narrower: after the last
 * `mark` that fits when there is one (NULL for none), else anywhere between Chinese
 * characters, between Latin words, never before closing punctuation. Stores at most
 * MAX_LINES; returns how many lines the text needs. */
static int wrap(const struct canvas *cv, const struct font *f, const char *s, float width,
                float indent, const char *mark, const char **lines)
{
	int n = 0;
	const char *start = s, *p = s;
	float w = indent;
	while (*p != '\0') {
		size_t cl = char_len(p);
		float cw = *p == '\n' ? 0 : char_width(cv, f, p);
		int full = w + cw > width && p > start && !closing_punct(p);
		if (*p != '\n' && !full) {
			w += cw;
			p += cl;
			continue;
		}
		const char *end = full ? break_point(start, p, mark) : p;
		if (n < MAX_LINES)
			lines[n] = arena_strndup(cv->arena, start, (size_t)(end - start));
		n++;
		p = *end == '\n' ? end + 1 : end;
		while (*p == ' ')
			p++;
		start = p;
		w = 0;
	}
	if (p > start || n == 0) {
		if (n < MAX_LINES)
			lines[n] = arena_strndup(cv->arena, start, (size_t)(p - start));
		n++;
	}
	return n;
}

/* Cuts a line to fit `width` with an ellipsis at its end. */
static const char *cut(const struct canvas *cv, const struct font *f, const char *line, float width)
{
	size_t n = strlen(line);
	char *s = arena_printf(cv->arena, "%s…", line);
	while (n > 0 && measure(cv, f, s) > width) {
		do
			n--;
		while (n > 0 && ((unsigned char)line[n] & 0xC0) == 0x80);
		s = arena_printf(cv->arena, "%.*s…", (int)n, line);
	}
	return s;
}

/* A block of text: shrinks from the font's size down to min_size until it fits in max_lines,
 * then cuts the last line. */
struct block {
	float x, y, width;      /* y: the first baseline, or the last one when from_bottom */
	float min_size;
	int max_lines;
	float leading;          /* the distance between baselines, in sizes */
	float indent;           /* of the first line, in sizes */
	int centred, from_bottom;
	const char *mark;       /* break after this where possible, e.g. between list items */
};

/* Returns the number of lines drawn; *size gets the size used. */
static int draw_block(const struct canvas *cv, const struct block *b, struct font f, const char *s,
                      float *size)
{
	const char *lines[MAX_LINES];
	int max = b->max_lines < MAX_LINES ? b->max_lines : MAX_LINES;
	int n = wrap(cv, &f, s, b->width, b->indent * f.size, b->mark, lines);
	while (n > max && f.size - 0.5f >= b->min_size) {
		f.size -= 0.5f;
		n = wrap(cv, &f, s, b->width, b->indent * f.size, b->mark, lines);
	}
	if (n > max) {
		n = max;
		lines[n - 1] = cut(cv, &f, lines[n - 1], b->width - (n == 1 ? b->indent * f.size : 0));
	}
	float lead = b->leading * f.size;
	float y = b->from_bottom ? b->y - (float)(n - 1) * lead : b->y;
	for (int i = 0; i < n; i++, y += lead) {
		float x = b->x + (i == 0 ? b->indent * f.size : 0);
		if (b->centred)
			x = b->x + (b->width - measure(cv, &f, lines[i])) / 2;
		text(cv, x, y, &f, lines[i]);
	}
	if (size != NULL)
		*size = f.size;
	return n;
}

/* "2026-11-20" as 2026年11月20日; anything else unchanged. */
static const char *chinese_date(struct arena *a, const char *ymd)
{
	int y, m, d;
	if (!date_parse(ymd, 0, &y, &m, &d))
		return or_empty(ymd);
	return arena_printf(a, "%d年%d月%d日", y, m, d);
}

/* The specialties joined by semicolons; past MAX_SPECIALTIES, "等N项". */
static const char *specialties_text(struct arena *a, const struct certdoc *c)
{
	const char *s = "";
	size_t shown = 0;
	for (size_t i = 0; i < c->nspecialties && shown < MAX_SPECIALTIES; i++) {
		if (c->specialties == NULL || c->specialties[i] == NULL || *c->specialties[i] == '\0')
			continue;
		s = arena_printf(a, "%s%s%s", s, shown ? "；" : "", c->specialties[i]);
		shown++;
	}
	if (c->nspecialties > MAX_SPECIALTIES)
		s = arena_printf(a, "%s 等%zu项", s, c->nspecialties);
	return s;
}

/* ---- the layout ------------------------------------------------------------------------ */

#define TEXT_X 232.0f                   /* the text column, right of the photo */
#define TEXT_R 772.0f
#define LEFT_CX 134.0f                  /* the centre of the photo and QR column */
#define ISSUER_CX 628.0f

static void draw_frame(const struct canvas *cv)
{
	cv->ops->fill(cv->ctx, 0, 0, PAGE_W, PAGE_H, PAPER);
	cv->ops->frame(cv->ctx, 18, 18, PAGE_W - 36, PAGE_H - 36, 6, RED);
	cv->ops->frame(cv->ctx, 27, 27, PAGE_W - 54, PAGE_H - 54, 1.6f, GOLD);
	cv->ops->frame(cv->ctx, 31, 31, PAGE_W - 62, PAGE_H - 62, 0.6f, GOLD);
	/* in each corner a gold square on the red band and a red bracket inside the frame */
	for (int i = 0; i < 4; i++) {
		int right = i & 1, bottom = i >> 1;
		float sx = right ? -1 : 1, sy = bottom ? -1 : 1;        /* towards the middle */
		float bx = right ? PAGE_W - 18 : 18, by = bottom ? PAGE_H - 18 : 18;
		float x = bx + sx * 20, y = by + sy * 20;
		cv->ops->fill(cv->ctx, bx - 5, by - 5, 10, 10, GOLD);
		cv->ops->line(cv->ctx, x, y, x + sx * 34, y, 2, RED);
		cv->ops->line(cv->ctx, x, y, x, y + sy * 34, 2, RED);
		cv->ops->fill(cv->ctx, x + sx * 5 - 2.5f, y + sy * 5 - 2.5f, 5, 5, GOLD);
	}
}

static void draw_title(const struct canvas *cv)
{
	struct font title = { 40, 1, RED }, sub = { 9, 0, GOLD };
	const char *en = "CERTIFICATE OF EXPERT";
	float cx = PAGE_W / 2, half = spaced(cv, 0, 0, &sub, 2.6f, 0, en) / 2 + 12;
	spaced_centred(cv, cx, 104, &title, 24, "专家证书");
	spaced_centred(cv, cx, 126, &sub, 2.6f, en);
	cv->ops->line(cv->ctx, cx - half - 80, 123, cx - half, 123, 0.8f, GOLD);
	cv->ops->line(cv->ctx, cx + half, 123, cx + half + 80, 123, 0.8f, GOLD);
}

#define PHOTO_X 86.0f
#define PHOTO_Y 156.0f
#define PHOTO_W 96.0f
#define PHOTO_H 134.0f

static void draw_photo(const struct canvas *cv, const struct certdoc *c)
{
	cv->ops->fill(cv->ctx, PHOTO_X, PHOTO_Y, PHOTO_W, PHOTO_H, SHADE);
	int drawn = c->photo != NULL && c->photo_len > 0 &&
	            cv->ops->image(cv->ctx, c->photo, c->photo_len, PHOTO_X + 3, PHOTO_Y + 3,
	                           PHOTO_W - 6, PHOTO_H - 6, 1) == 0;
	if (!drawn) {
		struct font f = { 14, 0, FAINT };
		spaced_centred(cv, PHOTO_X + PHOTO_W / 2, PHOTO_Y + PHOTO_H / 2 + 5, &f, 8, "照片");
	}
	cv->ops->frame(cv->ctx, PHOTO_X, PHOTO_Y, PHOTO_W, PHOTO_H, 1.2f, GOLD);
	cv->ops->frame(cv->ctx, PHOTO_X - 4, PHOTO_Y - 4, PHOTO_W + 8, PHOTO_H + 8, 0.5f, GOLD);
}

/* The appointment sentence, in at most two lines. */
static void draw_intro(const struct canvas *cv, const struct certdoc *c)
{
	const char *name = c->name != NULL && *c->name ? c->name : "________";
	const char *s = arena_printf(cv->arena, "兹聘请 %s 同志为%s评审专家库专家，特发此证。", name,
	                             or_empty(c->authority));
	struct block b = { .x = TEXT_X, .y = 178, .width = TEXT_R - TEXT_X, .min_size = 11,
	                   .max_lines = 2, .leading = 1.7f, .indent = 2 };
	draw_block(cv, &b, (struct font){ 16.5f, 0, INK }, s, NULL);
}

/* The labelled fields, two to a row where they are short. Only the specialties take more
 * than one line, so that the rows end above the issuer whatever the data. */
struct field {
	const char *label, *value;
	int max_lines;
	const char *mark;               /* where its lines should break */
};

#define LABEL_SIZE 12.0f
#define VALUE_SIZE 13.5f
#define VALUE_LEADING 1.5f

/* Draws one field in [x, right); returns the lines its value took. */
static int draw_field(const struct canvas *cv, const struct field *fd, float x, float right, float y)
{
	struct font label = { LABEL_SIZE, 0, BROWN };
	float lw = LABEL_SIZE * 4;
	spread(cv, x, y, &label, lw, fd->label);
	float vx = x + lw + 14;
	struct block b = { .x = vx, .y = y, .width = right - vx - 4, .min_size = 9,
	                   .max_lines = fd->max_lines, .leading = VALUE_LEADING, .mark = fd->mark };
	float size;
	int n = draw_block(cv, &b, (struct font){ VALUE_SIZE, 0, INK }, or_empty(fd->value), &size);
	for (int i = 0; i < n; i++) {
		float ly = y + (float)i * VALUE_LEADING * size + 6;
		cv->ops->line(cv->ctx, vx - 4, ly, right, ly, i == n - 1 ? 0.8f : 0.4f, RULE);
	}
	return n;
}

#define FIELDS_Y 258.0f

static void draw_fields(const struct canvas *cv, const struct certdoc *c)
{
	float y = FIELDS_Y;
	struct arena *a = cv->arena;
	const char *validity = (c->issued_on && *c->issued_on) || (c->valid_until && *c->valid_until)
		? arena_printf(a, "%s 至 %s", or_empty(c->issued_on), or_empty(c->valid_until)) : "";
	const struct field rows[][2] = {        /* a second label of NULL: the row is one field */
		{ { "姓名", c->name, 1, NULL }, { "性别", c->gender, 1, NULL } },
		{ { "专家编号", c->expert_no, 1, NULL }, { "证书编号", c->cert_no, 1, NULL } },
		{ { "擅长专业", specialties_text(a, c), 3, "；" }, { NULL, NULL, 0, NULL } },
		{ { "有效期", validity, 1, NULL }, { "发证日期", chinese_date(a, c->issued_on), 1, NULL } },
	};
	float mid = (TEXT_X + TEXT_R) / 2 + 6;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		const struct field *left = &rows[i][0], *right = &rows[i][1];
		int n = draw_field(cv, left, TEXT_X, right->label ? mid - 18 : TEXT_R, y);
		if (right->label != NULL) {
			int m = draw_field(cv, right, mid, TEXT_R, y);
			n = m > n ? m : n;
		}
		y += (float)(n - 1) * VALUE_LEADING * VALUE_SIZE + 36;
	}
}

/* The authority and the date, bottom right, under the seal. */
static void draw_issuer(const struct canvas *cv, const struct certdoc *c,
                        const unsigned char *seal, size_t seal_len)
{
	float width = 288, y = 482;
	struct block b = { .x = ISSUER_CX - width / 2, .y = y, .width = width, .min_size = 11,
	                   .max_lines = 2, .leading = 1.35f, .centred = 1, .from_bottom = 1 };
	draw_block(cv, &b, (struct font){ 17, 0, INK }, or_empty(c->authority), NULL);
	struct font date = { 15, 0, INK };
	const char *d = chinese_date(cv->arena, c->issued_on);
	text(cv, ISSUER_CX - measure(cv, &date, d) / 2, y + 30, &date, d);
	if (seal != NULL) {
		float size = 128;
		cv->ops->image(cv->ctx, seal, seal_len, ISSUER_CX - size / 2, y - 2 - size / 2, size, size, 0);
	}
}

#define QR_SIZE 104.0f
#define QR_Y 392.0f

static void draw_qr(const struct canvas *cv, const struct qr *q)
{
	cv->ops->qr(cv->ctx, q, LEFT_CX - QR_SIZE / 2, QR_Y, QR_SIZE);
	struct font f = { 10, 0, BROWN };
	spaced_centred(cv, LEFT_CX, QR_Y + QR_SIZE + 16, &f, 1, "扫码验证证书真伪");
}

static void draw_certificate(const struct canvas *cv, const struct certdoc *c,
                             const unsigned char *seal, size_t seal_len)
{
	draw_frame(cv);
	draw_title(cv);
	draw_photo(cv, c);
	draw_intro(cv, c);
	draw_fields(cv, c);
	struct qr q;
	if (c->verify_url != NULL && qr_encode(cv->arena, c->verify_url, &q) == 0)
		draw_qr(cv, &q);
	draw_issuer(cv, c, seal, seal_len);
}

/* The seal image, when there is one. */
static unsigned char *read_seal(struct arena *a, const char *path, size_t *len)
{
	if (path == NULL || *path == '\0')
		return NULL;
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		log_error_msg("expertpool: cannot read the seal %s\n", path);
		return NULL;
	}
	unsigned char *data = NULL;
	long size = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
	if (size > 0 && size <= SEAL_MAX_BYTES && fseek(f, 0, SEEK_SET) == 0) {
		data = arena_alloc(a, (size_t)size);
		if (fread(data, 1, (size_t)size, f) != (size_t)size)
			data = NULL;
	}
	fclose(f);
	if (data == NULL)
		log_error_msg("expertpool: the seal %s is empty, too large or unreadable\n", path);
	*len = data != NULL ? (size_t)size : 0;
	return data;
}

/* ---- PDF ------------------------------------------------------------------------------- */

static void pdf_ink(struct pdf *p, struct ink k)
{
	pdf_color(p, k.r / 255.0f, k.g / 255.0f, k.b / 255.0f);
}

static float pdf_c_text(void *ctx, float x, float y, const struct font *f, int draw, const char *s)
{
	struct pdf *p = ctx;
	if (!draw)
		return pdf_text_width(p, f->size, s);
	pdf_ink(p, f->ink);
	if (f->bold)
		pdf_bold(p, f->size * 0.03f);
	float w = pdf_text(p, x, PAGE_H - y, f->size, s);
	if (f->bold)
		pdf_bold(p, 0);
	return w;
}

static void pdf_c_fill(void *ctx, float x, float y, float w, float h, struct ink ink)
{
	pdf_ink(ctx, ink);
	pdf_fill(ctx, x, PAGE_H - y - h, w, h);
}

static void pdf_c_frame(void *ctx, float x, float y, float w, float h, float line, struct ink ink)
{
	pdf_ink(ctx, ink);
	pdf_rect(ctx, x, PAGE_H - y - h, w, h, line);
}

static void pdf_c_line(void *ctx, float x1, float y1, float x2, float y2, float line, struct ink ink)
{
	pdf_ink(ctx, ink);
	pdf_line(ctx, x1, PAGE_H - y1, x2, PAGE_H - y2, line);
}

static int pdf_c_image(void *ctx, const unsigned char *data, size_t len, float x, float y, float w, float h,
                       int cover)
{
	return (cover ? pdf_image_cover : pdf_image)(ctx, data, len, x, PAGE_H - y - h, w, h);
}

static void pdf_c_qr(void *ctx, const struct qr *q, float x, float y, float size)
{
	float module = size / (float)(q->width + 2 * QR_QUIET);
	pdf_c_fill(ctx, x, y, size, size, WHITE);
	pdf_ink(ctx, INK);
	pdf_modules(ctx, q->dark, q->width, x + QR_QUIET * module, PAGE_H - y - size + QR_QUIET * module, module);
}

static const struct canvas_ops pdf_ops = {
	pdf_c_text, pdf_c_fill, pdf_c_frame, pdf_c_line, pdf_c_image, pdf_c_qr,
};

unsigned char *certdoc_pdf(struct arena *a, const struct certdoc *c, size_t *len)
{
	struct pdf *p = pdf_new();
	if (p == NULL)
		return NULL;
	pdf_add_page_landscape(p);
	size_t seal_len = 0;
	unsigned char *seal = read_seal(a, c->seal_path, &seal_len);
	struct canvas cv = { &pdf_ops, p, a };
	draw_certificate(&cv, c, seal, seal_len);
	return pdf_finish(p, a, len);
}

/* ---- PNG ------------------------------------------------------------------------------- */

struct png {
	gdImagePtr im;
	const char *cjk, *latin;        /* TrueType files */
};

/* Latin text looks better in a proportional face than in the Arphic font's own. */
static const char *latin_font(void)
{
	static const char *const candidates[] = {
		"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
		"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
	};
	for (size_t i = 0; i < sizeof candidates / sizeof candidates[0]; i++)
		if (access(candidates[i], R_OK) == 0)
			return candidates[i];
	return cfg.pdf_font;
}

static int px(float v)
{
	float p = v * PNG_SCALE;
	return (int)(p >= 0 ? p + 0.5f : p - 0.5f);
}

static int gd_ink(struct ink k)
{
	return gdTrueColor(k.r, k.g, k.b);
}

/* Draws (im non-NULL) or measures one run in one font; returns its advance in pixels. gd's
 * bounding box hugs the ink, so the advance is measured as the growth from one copy of the
 * run to two. */
static int ft_run(gdImagePtr im, const char *font, float px_size, int color, int x, int y, const char *run)
{
	gdFTStringExtra ex = { .flags = gdFTEX_RESOLUTION, .hdpi = 72, .vdpi = 72 };
	int one[8], two[8];
	char twice[1024];
	snprintf(twice, sizeof twice, "%s%s", run, run);
	if (gdImageStringFTEx(NULL, one, color, (char *)font, px_size, 0, 0, 0, (char *)run, &ex) != NULL ||
	    gdImageStringFTEx(NULL, two, color, (char *)font, px_size, 0, 0, 0, twice, &ex) != NULL)
		return 0;
	if (im != NULL)
		gdImageStringFTEx(im, one, color, (char *)font, px_size, 0, x, y, (char *)run, &ex);
	return (two[2] - two[0]) - (one[2] - one[0]);
}

static float png_c_text(void *ctx, float x, float y, const struct font *f, int draw, const char *s)
{
	struct png *g = ctx;
	float size = f->size * PNG_SCALE;
	int color = gd_ink(f->ink), pen = px(x), base = px(y), bold = f->bold ? (int)(size * 0.03f + 0.5f) : 0;
	char run[512];
	while (*s != '\0') {
		int ascii = (unsigned char)*s < 0x80;
		size_t n = 0;
		while (s[n] != '\0' && ((unsigned char)s[n] < 0x80) == ascii && n < sizeof run - 1)
			n++;
		while (s[n] != '\0' && n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;            /* never split a character */
		if (n == 0)
			n = char_len(s);
		memcpy(run, s, n);
		run[n] = '\0';
		const char *font = ascii ? g->latin : g->cjk;
		for (int dx = 1; draw && dx <= bold; dx++)      /* heavier: the run again, shifted */
			ft_run(g->im, font, size, color, pen + dx, base, run);
		pen += ft_run(draw ? g->im : NULL, font, size, color, pen, base, run);
		s += n;
	}
	return (float)(pen - px(x)) / PNG_SCALE;
}

static void png_c_fill(void *ctx, float x, float y, float w, float h, struct ink ink)
{
	struct png *g = ctx;
	gdImageFilledRectangle(g->im, px(x), px(y), px(x + w) - 1, px(y + h) - 1, gd_ink(ink));
}

static void png_c_line(void *ctx, float x1, float y1, float x2, float y2, float line, struct ink ink)
{
	float t = line / 2;
	if (y1 == y2)
		png_c_fill(ctx, x1 < x2 ? x1 : x2, y1 - t, x1 < x2 ? x2 - x1 : x1 - x2, line, ink);
	else
		png_c_fill(ctx, x1 - t, y1 < y2 ? y1 : y2, line, y1 < y2 ? y2 - y1 : y1 - y2, ink);
}

static void png_c_frame(void *ctx, float x, float y, float w, float h, float line, struct ink ink)
{
	float t = line / 2;
	png_c_fill(ctx, x - t, y - t, w + line, line, ink);
	png_c_fill(ctx, x - t, y + h - t, w + line, line, ink);
	png_c_fill(ctx, x - t, y + t, line, h - line, ink);
	png_c_fill(ctx, x + w - t, y + t, line, h - line, ink);
}

static int png_c_image(void *ctx, const unsigned char *data, size_t len, float x, float y, float w, float h,
                       int cover)
{
	struct png *g = ctx;
	unsigned ft = file_sniff(data, len);
	if (len > 64L << 20 || !image_fits_document(data, len))
		return -1;              /* never decode what would allocate without bound */
	gdImagePtr src = ft == FT_JPEG ? gdImageCreateFromJpegPtr((int)len, (void *)data)
	               : ft == FT_PNG ? gdImageCreateFromPngPtr((int)len, (void *)data) : NULL;
	if (src == NULL)
		return -1;
	float sw = (float)gdImageSX(src), sh = (float)gdImageSY(src);
	float fw = w / sw, fh = h / sh;
	float scale = cover ? (fw > fh ? fw : fh) : (fw < fh ? fw : fh);
	/* the part of the source shown: all of it, or with cover the middle that fills the box */
	float cw = cover ? w / scale : sw, ch = cover ? h / scale : sh;
	float dw = cw * scale, dh = ch * scale;
	gdImageAlphaBlending(g->im, 1);
	gdImageCopyResampled(g->im, src, px(x + (w - dw) / 2), px(y + (h - dh) / 2),
	                     (int)((sw - cw) / 2), (int)((sh - ch) / 2), px(dw), px(dh), (int)cw, (int)ch);
	gdImageDestroy(src);
	return 0;
}

static void png_c_qr(void *ctx, const struct qr *q, float x, float y, float size)
{
	struct png *g = ctx;
	int total = q->width + 2 * QR_QUIET, box = px(size);
	int m = box / total > QR_MIN_PX ? box / total : QR_MIN_PX;
	int x0 = px(x) + (box - total * m) / 2, y0 = px(y) + (box - total * m) / 2;
	int dark = gd_ink(INK);
	gdImageFilledRectangle(g->im, x0, y0, x0 + total * m - 1, y0 + total * m - 1, gd_ink(WHITE));
	for (int row = 0; row < q->width; row++)
		for (int col = 0; col < q->width; col++)
			if (q->dark[row * q->width + col]) {
				int mx = x0 + (col + QR_QUIET) * m, my = y0 + (row + QR_QUIET) * m;
				gdImageFilledRectangle(g->im, mx, my, mx + m - 1, my + m - 1, dark);
			}
}

static const struct canvas_ops png_ops = {
	png_c_text, png_c_fill, png_c_frame, png_c_line, png_c_image, png_c_qr,
};

unsigned char *certdoc_png(struct arena *a, const struct certdoc *c, size_t *len)
{
	struct png g = { NULL, cfg.pdf_font, latin_font() };
	int box[8];
	if (g.cjk == NULL || gdImageStringFT(NULL, box, 0, (char *)g.cjk, 12, 0, 0, 0, "证") != NULL) {
		log_error_msg("expertpool: cannot load the font %s ([pdf] font)\n", or_empty(g.cjk));
		return NULL;
	}
	g.im = gdImageCreateTrueColor(px(PAGE_W), px(PAGE_H));
	if (g.im == NULL)
		return NULL;
	size_t seal_len = 0;
	unsigned char *seal = read_seal(a, c->seal_path, &seal_len);
	struct canvas cv = { &png_ops, &g, a };
	draw_certificate(&cv, c, seal, seal_len);
	unsigned char *out = NULL;
	int size = 0;
	void *png = gdImagePngPtr(g.im, &size);
	if (png != NULL && size > 0) {
		out = arena_alloc(a, (size_t)size);
		memcpy(out, png, (size_t)size);
		*len = (size_t)size;
	}
	gdFree(png);
	gdImageDestroy(g.im);
	return out;
}
