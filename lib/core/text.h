/* UTF-8 text helpers, and free text made safe for where it goes: one line of an SMS, a log
 * line, a CSV cell, a PDF text run. */
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

#endif
