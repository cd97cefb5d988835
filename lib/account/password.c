/* The password policy: what of the owner a password may not contain, and the common passwords. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/config.h"
#include "core/log.h"
#include "account/password.h"

#define TAIL 8                  /* the last digits of a phone or characters of an ID number */
#define MAX_BYTES 256           /* 64 characters of up to 4 bytes */

/* The common passwords, lower case and sorted, read on first use and kept for the process. */
static char **common;
static size_t ncommon;
static int loaded;

static int by_text(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void lower(char *s)
{
	for (; *s; s++)
		*s = (char)tolower((unsigned char)*s);
}

/* One entry a line; empty lines and lines starting with '#' are skipped. 0 or -1. */
static int load_common(void)
{
	if (loaded)
		return 0;
	char path[1024];
	snprintf(path, sizeof path, "%s/common-passwords.txt", cfg.share_dir);
	FILE *f = fopen(path, "r");
	if (f == NULL) {
		log_error_msg("expertpool: cannot read the common passwords %s\n", path);
		return -1;
	}
	size_t cap = 0;
	char line[MAX_BYTES + 2];
	int ok = 1;
	while (ok && fgets(line, sizeof line, f) != NULL) {
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '\0' || line[0] == '#')
			continue;
		if (ncommon == cap) {
			cap = cap ? cap * 2 : 4096;
			char **grown = realloc(common, cap * sizeof *common);
			ok = grown != NULL;
			if (ok)
				common = grown;
		}
		if (ok && (common[ncommon] = strdup(line)) != NULL)
			lower(common[ncommon++]);
		else
			ok = 0;
	}
	fclose(f);
	if (!ok || ncommon == 0) {
		log_error_msg("expertpool: %s: %s\n", path, ok ? "no entries" : "out of memory");
		return -1;
	}
	qsort(common, ncommon, sizeof *common, by_text);
	loaded = 1;
	return 0;
}

/* Whether the lower-cased password contains `part` (any case) of at least `min` bytes. */
static int contains(const char *pw, const char *part, size_t min)
{
	if (part == NULL || strlen(part) < min)
		return 0;
	char p[MAX_BYTES + 1];
	snprintf(p, sizeof p, "%s", part);
	lower(p);
	return strstr(pw, p) != NULL;
}

/* The last TAIL characters of s (all of it when shorter). */
static const char *tail(const char *s)
{
	size_t n = strlen(s);
	return n > TAIL ? s + n - TAIL : s;
}

/* The national number of an E.164 phone: without the country code for the regions the suite
 * knows, else without the first digit (the shortest country code). */
static const char *national(const char *phone)
{
	static const char *const codes[] = { "+852", "+853", "+886", "+86" };
	for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
		if (strncmp(phone, codes[i], strlen(codes[i])) == 0)
			return phone + strlen(codes[i]);
	return phone[0] == '+' && phone[1] != '\0' ? phone + 2 : phone;
}

int password_refused(const char *password, const struct password_owner *o, const char **why)
{
	char pw[MAX_BYTES + 1];
	snprintf(pw, sizeof pw, "%s", password);
	lower(pw);
	*why = NULL;
	if (o->phone != NULL && *o->phone && contains(pw, tail(national(o->phone)), 1))
		*why = "密码不能包含手机号";
	else if (contains(pw, o->username, 4))
		*why = "密码不能包含用户名";
	else if (o->id_number != NULL && *o->id_number && contains(pw, tail(o->id_number), 1))
		*why = "密码不能包含证件号码";
	if (*why != NULL)
		return 1;
	if (load_common() != 0)
		return -1;
	const char *key = pw;
	if (bsearch(&key, common, ncommon, sizeof *common, by_text) != NULL) {
		*why = "密码过于常见，容易被猜中，请换一个";
		return 1;
	}
	return 0;
}
