/* UTF-8 text helpers. */
#ifndef EP_TEXT_H
#define EP_TEXT_H
#include <stddef.h>

int utf8_valid(const char *s, size_t len);
size_t utf8_chars(const char *s);             /* code points in a valid string */

#endif
