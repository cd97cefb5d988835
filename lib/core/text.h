/* UTF-8 text helpers, free text made safe for where it goes (one line of an SMS, a log line, a
 * CSV cell, a PDF text run), and the text of searches. */
#ifndef EP_TEXT_H
#define EP_TEXT_H
#include <stddef.h>
#include "core/arena.h"

int utf8_valid(const char *s, size_t len);
size_t utf8_chars(const char *s);             /* code points in a valid string */

/* The length in bytes of the control character at s, or 0: C0 controls (tab, CR, LF…), DEL,
 * C1 controls (U+0080–U+009F, NEL among them), the line and paragraph separators U+2028 and
 * U+2029, and the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069), which reorder what a reader sees. */
size_t text_control_len(const char *s);

/* For an SMS and any one-line record: every control character becomes a space. */
char *text_one_line(struct arena *a, const char *s);
/* For a log line: each control character escaped (\x0a, \u2028), into dst of `cap` bytes
 * (cut short if need be, always NUL-terminated). */
void text_escape_line(char *dst, size_t cap, const char *s);
/* For a PDF text run: the n bytes of s without their control characters, into dst (n + 1
 * bytes at least, NUL-terminated); returns the bytes kept. */
size_t text_drop_controls(char *dst, const char *s, size_t n);
/* A CSV cell: quoted when it holds a comma, a quote or a line break (kept, inside the quotes);
 * a cell a spreadsheet would take for a formula — starting with = + - @, a tab or a CR, or
 * their full-width forms ＝ ＋ － ＠ — gets a leading apostrophe. */
char *csv_cell(struct arena *a, const char *s);

/* The word for a code in a table of {code, word} pairs (a status, a role, an action…): the code
 * itself when the table has none (NULL stays NULL). WORD(table, code) passes the table's size. */
const char *text_word(const char *const (*words)[2], size_t n, const char *code);
#define WORD(table, code) text_word((table), sizeof (table) / sizeof (table)[0], (code))
/* "%text%" for LIKE, with % _ and \ escaped; "" for "". */
char *like_pattern(struct arena *a, const char *text);

/* Search: a text is searched in its normalized form — ASCII letters in lower case, full-width
 * ASCII (U+FF01–U+FF5E) as half-width, every run of white space (the ideographic space
 * included) as one space, none at either end. */
char *search_normalize(struct arena *a, const char *s);
/* A name as stored (a taxonomy node's, a unit's): trimmed of spaces (also no-break and
 * ideographic ones), 1–max_chars characters, valid UTF-8 with no control or invisible
 * formatting characters. NULL with *why (Chinese) set when it will not do. */
const char *text_name(struct arena *a, const char *raw, size_t max_chars, const char **why);
/* An organisation's name as the key that finds it whatever way it was typed (the unit
 * registry): as search_normalize, then with no white space, no brackets of any kind (their
 * content kept: 中建三局（北京）有限公司 = 中建三局北京有限公司), no separators (· • . , 、 - _ and
 * quotes), and the legal suffix's variants as one (有限责任公司 → 有限公司, 股份有限公司 stays,
 * being another legal form). Never longer than the input. */
char *org_name_key(struct arena *a, const char *s);
/* The grams of a normalized text, each once, in order: every character but a space (unigrams,
 * unless bigrams_only) and every pair of adjacent characters with no space (bigrams). */
const char **search_grams(struct arena *a, const char *norm, int bigrams_only, size_t *count);

/* What a query text q looks for: the texts holding every gram (at most SEARCH_MAX_GRAMS of them,
 * spread over q), and, when the grams alone do not decide (q is longer than two characters or
 * holds a space), whose normalized text is LIKE `like` ("%q%", escaped). */
#define SEARCH_MAX_GRAMS 4
struct search_terms {
	const char *grams[SEARCH_MAX_GRAMS];
	size_t n;
	const char *like;               /* NULL: the grams decide */
};
/* The number of grams: 0 when q holds nothing but white space (no search). */
int search_terms(struct arena *a, const char *q, struct search_terms *t);

#endif
