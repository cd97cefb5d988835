/* Error logging: to the web server's error log under FastCGI, to stderr otherwise. */
#ifndef EP_LOG_H
#define EP_LOG_H

void log_error_msg(const char *fmt, ...) __attribute__((format(__printf__, 1, 2)));

#endif
