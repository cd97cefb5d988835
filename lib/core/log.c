/* libfcgi's stderr is the FastCGI error stream (the server's error log) while a request is
 * served, and the process's stderr otherwise; the message is formatted here, not by libfcgi's
 * printf, which lacks some conversions. A message is one line: whatever it quotes (a path, a
 * name, a database error) has its control characters escaped, so it cannot forge lines. */
#include <fcgi_stdio.h>
#include <stdarg.h>
#include <string.h>
#include "core/text.h"
#include "core/log.h"

void log_error_msg(const char *fmt, ...)
{
	char raw[1024], line[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(raw, sizeof raw, fmt, ap);
	va_end(ap);
	size_t n = strlen(raw);
	if (n > 0 && raw[n - 1] == '\n')        /* the line's own end */
		raw[--n] = '\0';
	text_escape_line(line, sizeof line - 1, raw);
	n = strlen(line);
	line[n++] = '\n';
	fwrite(line, 1, n, stderr);
	fflush(stderr);
}
