/* UTF-8: validation and counting of code points; free text made safe for SMS, logs, CSV
 * and PDF; the normalized form and the grams of a text for searching (search_texts,
 * search_grams), and LIKE patterns. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include "core/text.h"

int utf8_valid(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < len) {
		unsigned c = s[i];
		size_t n;
		unsigned cp, min;
		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xE0) == 0xC0) {
			n = 1; cp = c & 0x1F; min = 0x80;
		} else if ((c & 0xF0) == 0xE0) {
			n = 2; cp = c & 0x0F; min = 0x800;
		} else if ((c & 0xF8) == 0xF0) {
			n = 3; cp = c & 0x07; min = 0x10000;
		} else {
			return 0;
		}
		if (len - i <= n)
			return 0;
		for (size_t k = 1; k <= n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		i += n + 1;
	}
	return 1;
}

size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

size_t text_control_len(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	if ((s[0] < 0x20 && s[0] != '\0') || s[0] == 0x7F)
		return 1;
	if (s[0] == 0xC2 && s[1] >= 0x80 && s[1] <= 0x9F)
		return 2;
	if (s[0] == 0xE2 && s[1] == 0x80 && s[2] >= 0xA8 && s[2] <= 0xAE)
		return 3;
	if (s[0] == 0xE2 && s[1] == 0x81 && s[2] >= 0xA6 && s[2] <= 0xA9)
		return 3;
	return 0;
}

char *text_one_line(struct arena *a, const char *s)
{
	char *out = arena_alloc(a, strlen(s) + 1), *o = out;
	while (*s != '\0') {
		size_t n = text_control_len(s);
		if (n > 0) {
			*o++ = ' ';
			s += n;
		} else {
			*o++ = *s++;
		}
	}
	*o = '\0';
	return out;
}

void text_escape_line(char *dst, size_t cap, const char *s)
{
	size_t used = 0;
	if (cap == 0)
		return;
	while (*s != '\0') {
		size_t n = text_control_len(s), len;
		char piece[8];
		if (n == 1) {
			snprintf(piece, sizeof piece, "\\x%02x", (unsigned char)*s);
		} else if (n > 1) {          /* the code point of a 2- or 3-byte control */
			const unsigned char *u = (const unsigned char *)s;
			unsigned cp = n == 2 ? (u[0] & 0x1Fu) << 6 | (u[1] & 0x3Fu)
			                     : (u[0] & 0x0Fu) << 12 | (u[1] & 0x3Fu) << 6 | (u[2] & 0x3Fu);
			snprintf(piece, sizeof piece, "\\u%04x", cp);
		} else {                     /* one whole character, so that a cut never splits one */
			unsigned char c = (unsigned char)*s;
			n = c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
			for (size_t i = 1; i < n; i++)
				if (s[i] == '\0')
					n = i;
			memcpy(piece, s, n);
			piece[n] = '\0';
		}
		len = strlen(piece);
		if (used + len >= cap)
			break;
		memcpy(dst + used, piece, len);
		used += len;
		s += n;
	}
	dst[used] = '\0';
}

size_t text_drop_controls(char *dst, const char *s, size_t n)
{
	size_t kept = 0;
	for (size_t i = 0; i < n;) {
		size_t c = text_control_len(s + i);
		if (c > 0 && i + c <= n) {
			i += c;
			continue;
		}
		dst[kept++] = s[i++];
	}
	dst[kept] = '\0';
	return kept;
}

/* Full-width ＝ ＋ － ＠ (U+FF1D, U+FF0B, U+FF0D, U+FF20): some spreadsheets read them as the
 * ASCII ones. */
static int formula_start(const char *s)
{
	static const char *const wide[] = { "\xEF\xBC\x9D", "\xEF\xBC\x8B", "\xEF\xBC\x8D", "\xEF\xBC\xA0" };
	if (*s != '\0' && strchr("=+-@\t\r", *s) != NULL)
		return 1;
	for (size_t i = 0; i < sizeof wide / sizeof wide[0]; i++)
		if (strncmp(s, wide[i], 3) == 0)
			return 1;
	return 0;
}

char *csv_cell(struct arena *a, const char *s)
{
	int formula = formula_start(s);
	if (!formula && strpbrk(s, ",\"\r\n") == NULL)
		return (char *)s;
	char *out = arena_alloc(a, 2 * strlen(s) + 4), *o = out;
	*o++ = '"';
	if (formula)
		*o++ = '\'';
	for (; *s; s++) {
		if (*s == '"')
			*o++ = '"';
		*o++ = *s;
	}
	*o++ = '"';
	return out;
}

/* ---- search text -------------------------------------------------------------------------------- */

/* A malformed byte b comes back as MALFORMED + b, which put_cp writes as the byte again. */
#define MALFORMED 0x110000u

/* The code point at *s (advancing *s). */
static unsigned next_cp(const unsigned char **s)
{
	const unsigned char *p = *s;
	unsigned c = p[0], cp;
	size_t n;
	if (c < 0x80) {
		*s = p + 1;
		return c;
	} else if ((c & 0xE0) == 0xC0) {
		n = 1; cp = c & 0x1F;
	} else if ((c & 0xF0) == 0xE0) {
		n = 2; cp = c & 0x0F;
	} else if ((c & 0xF8) == 0xF0) {
		n = 3; cp = c & 0x07;
	} else {
		*s = p + 1;
		return MALFORMED + c;
	}
	for (size_t k = 1; k <= n; k++) {
		if ((p[k] & 0xC0) != 0x80) {
			*s = p + 1;
			return MALFORMED + c;
		}
		cp = (cp << 6) | (p[k] & 0x3F);
	}
	if (cp > 0x10FFFF) {
		*s = p + 1;
		return MALFORMED + c;
	}
	*s = p + n + 1;
	return cp;
}

static char *put_cp(char *o, unsigned cp)
{
	if (cp >= MALFORMED) {
		*o++ = (char)(cp - MALFORMED);
	} else if (cp < 0x80) {
		*o++ = (char)cp;
	} else if (cp < 0x800) {
		*o++ = (char)(0xC0 | (cp >> 6));
		*o++ = (char)(0x80 | (cp & 0x3F));
	} else if (cp < 0x10000) {
		*o++ = (char)(0xE0 | (cp >> 12));
		*o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
		*o++ = (char)(0x80 | (cp & 0x3F));
	} else {
		*o++ = (char)(0xF0 | (cp >> 18));
		*o++ = (char)(0x80 | ((cp >> 12) & 0x3F));
		*o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
		*o++ = (char)(0x80 | (cp & 0x3F));
	}
	return o;
}

static int is_space(unsigned cp)
{
	return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0xA0 || cp == 0x3000;
}

char *search_normalize(struct arena *a, const char *s)
{
	/* never longer than the input: every mapping shortens or keeps the encoding */
	char *out = arena_alloc(a, strlen(s) + 1), *o = out;
	int space = 0;
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned cp = next_cp(&p);
		if (is_space(cp)) {
			space = o != out;
			continue;
		}
		if (cp >= 0xFF01 && cp <= 0xFF5E)       /* full-width ASCII */
			cp -= 0xFEE0;
		if (cp >= 'A' && cp <= 'Z')
			cp += 'a' - 'A';
		if (space)
			*o++ = ' ';
		space = 0;
		o = put_cp(o, cp);
	}
	*o = '\0';
	return out;
}

/* the characters an organisation's key drops: brackets (ASCII, full-width and CJK forms; the
 * full-width ASCII ones arrive as ASCII), separators and quotes */
static int org_dropped(unsigned cp)
{
	static const unsigned dropped[] = {
		'(', ')', '[', ']', '{', '}', '<', '>', '.', ',', '-', '_', '\'', '"', '`', '/',
		0x00B7, 0x2022, 0x30FB, 0x2014, 0x2013, 0x3001, 0x3002, 0x2018, 0x2019, 0x201C, 0x201D,
		0x3008, 0x3009, 0x300A, 0x300B, 0x300C, 0x300D, 0x300E, 0x300F, 0x3010, 0x3011,
		0x3014, 0x3015, 0x3016, 0x3017,
	};
	for (size_t i = 0; i < sizeof dropped / sizeof dropped[0]; i++)
		if (cp == dropped[i])
			return 1;
	return 0;
}

char *org_name_key(struct arena *a, const char *s)
{
	static const char *const suffixes[][2] = { { "有限责任公司", "有限公司" } };
	char *norm = search_normalize(a, s), *out = arena_alloc(a, strlen(norm) + 1), *o = out;
	const unsigned char *p = (const unsigned char *)norm;
	while (*p) {
		unsigned cp = next_cp(&p);
		if (cp != ' ' && !org_dropped(cp))
			o = put_cp(o, cp);
	}
	*o = '\0';
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		size_t n = strlen(out), from = strlen(suffixes[i][0]), to = strlen(suffixes[i][1]);
		if (n >= from && strcmp(out + n - from, suffixes[i][0]) == 0)
			memcpy(out + n - from, suffixes[i][1], to + 1);
	}
	return out;
}

/* Adds gram [g, g + len) to list unless there. */
static void add_gram(struct arena *a, const char **list, size_t *n, const char *g, size_t len)
{
	for (size_t i = 0; i < *n; i++)
		if (strlen(list[i]) == len && memcmp(list[i], g, len) == 0)
			return;
	list[(*n)++] = arena_strndup(a, g, len);
}

const char **search_grams(struct arena *a, const char *norm, int bigrams_only, size_t *count)
{
	size_t len = strlen(norm), n = 0;
	const char **list = arena_alloc(a, (2 * len + 1) * sizeof *list);
	const unsigned char *p = (const unsigned char *)norm;
	while (*p) {
		const unsigned char *start = p;
		if (next_cp(&p) == ' ')
			continue;
		if (!bigrams_only)
			add_gram(a, list, &n, (const char *)start, (size_t)(p - start));
		if (*p && *p != ' ') {
			const unsigned char *end = p;
			next_cp(&end);
			add_gram(a, list, &n, (const char *)start, (size_t)(end - start));
		}
	}
	*count = n;
	return list;
}

int search_terms(struct arena *a, const char *q, struct search_terms *t)
{
	memset(t, 0, sizeof *t);
	const char *norm = search_normalize(a, q);
	size_t chars = utf8_chars(norm), n;
	if (chars == 0)
		return 0;
	/* one character: its unigram; else the bigrams, which decide alone for two characters */
	const char **grams = search_grams(a, norm, chars > 1, &n);
	if (n == 0)                     /* single characters between spaces */
		grams = search_grams(a, norm, 0, &n);
	if (chars > 2 || strchr(norm, ' ') != NULL)
		t->like = like_pattern(a, norm);
	/* of many grams, a few spread over the text: the rest is the LIKE's work */
	size_t keep = n < SEARCH_MAX_GRAMS ? n : SEARCH_MAX_GRAMS;
	for (size_t i = 0; i < keep; i++)
		t->grams[t->n++] = grams[keep == n ? i : i * (n - 1) / (keep - 1)];
	return (int)t->n;
}

char *like_pattern(struct arena *a, const char *text)
{
	if (*text == '\0')
		return "";
	char *out = arena_alloc(a, 2 * strlen(text) + 3), *o = out;
	*o++ = '%';
	for (const char *t = text; *t; t++) {
		if (*t == '%' || *t == '_' || *t == '\\')
			*o++ = '\\';
		*o++ = *t;
	}
	*o++ = '%';
	return out;
}

const char *text_word(const char *const (*words)[2], size_t n, const char *code)
{
	for (size_t i = 0; code != NULL && i < n; i++)
		if (strcmp(words[i][0], code) == 0)
			return words[i][1];
	return code;
}

/* The code point at s (valid UTF-8) and its length in *len. */
static unsigned name_code_point(const unsigned char *s, size_t *len)
{
	if (s[0] < 0x80) {
		*len = 1;
		return s[0];
	}
	size_t n = (s[0] & 0xE0) == 0xC0 ? 1 : (s[0] & 0xF0) == 0xE0 ? 2 : 3;
	unsigned cp = s[0] & (0x3F >> n);
	for (size_t k = 1; k <= n; k++)
		cp = (cp << 6) | (s[k] & 0x3F);
	*len = n + 1;
	return cp;
}

/* Control characters, and the invisible ones that change how text around them reads or joins
 * (zero widths, direction marks and overrides, line/paragraph separators, the BOM). */
static int name_control(unsigned cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x200B && cp <= 0x200F) ||
	       (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x206F) || cp == 0xFEFF ||
	       (cp >= 0xFFF9 && cp <= 0xFFFB);
}

const char *text_name(struct arena *a, const char *raw, size_t max_chars, const char **why)
{
	size_t len = raw != NULL ? strlen(raw) : 0;
	if (raw != NULL && !utf8_valid(raw, len)) {
		*why = "名称包含无效字符";
		return NULL;
	}
	/* the characters' offsets: the first and past the last that are no space */
	const unsigned char *s = (const unsigned char *)raw;
	size_t first = len, last = 0, chars = 0, i = 0, k;
	while (i < len) {
		unsigned cp = name_code_point(s + i, &k);
		if (name_control(cp)) {
			*why = "名称不能包含控制字符或不可见字符";
			return NULL;
		}
		if (cp != ' ' && cp != 0xA0 && cp != 0x3000) {
			if (first == len)
				first = i;
			last = i + k;
		}
		i += k;
	}
	if (first == len) {
		*why = "请输入名称";
		return NULL;
	}
	char *name = arena_strndup(a, raw + first, last - first);
	for (const char *p = name; *p; p += k) {
		name_code_point((const unsigned char *)p, &k);
		chars++;
	}
	if (chars > max_chars) {
		*why = arena_printf(a, "名称不能超过%zu个字符", max_chars);
		return NULL;
	}
	return name;
}
