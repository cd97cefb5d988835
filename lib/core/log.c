/* libfcgi's stderr is the FastCGI error stream (the server's error log) while a request is
 * served, and the process's stderr otherwise; the message is formatted here, not by libfcgi's
 * printf, which lacks some conversions. */
#include <fcgi_stdio.h>
#include <stdarg.h>
#include <string.h>
#include "core/log.h"

void log_error_msg(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	size_t n = strlen(buf);
	if (n == 0 || buf[n - 1] != '\n') {
		if (n + 1 < sizeof buf) {
			buf[n++] = '\n';
			buf[n] = '\0';
		}
	}
	fwrite(buf, 1, n, stderr);
	fflush(stderr);
}
