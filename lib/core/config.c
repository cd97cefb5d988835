/* Configuration keys are one table: section, key, kind, where it goes, default. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stddef.h>
#include <ini.h>
#include <sodium.h>
#include "core/config.h"

#ifndef SYSCONFDIR
#define SYSCONFDIR "/etc"
#endif
#ifndef DATADIR
#define DATADIR "/usr/share"
#endif

struct config cfg;

enum kind { K_STR, K_INT, K_BOOL, K_KEY32 };

struct key {
	const char *section, *name;
	enum kind kind;
	size_t offset;
	const char *def;        /* NULL: required */
};

#define O(f) offsetof(struct config, f)
static const struct key keys[] = {
	{ "site", "name", K_STR, O(site_name), "专家库系统" },
	{ "site", "authority", K_STR, O(authority), "" },
	{ "database", "host", K_STR, O(db_host), "127.0.0.1" },
	{ "database", "port", K_INT, O(db_port), "3306" },
	{ "database", "socket", K_STR, O(db_socket), "" },
	{ "database", "user", K_STR, O(db_user), "expertpool" },
	{ "database", "password", K_STR, O(db_password), "" },
	{ "database", "name", K_STR, O(db_name), "expertpool" },
	{ "security", "secret", K_KEY32, O(secret), NULL },
	{ "security", "id_key", K_KEY32, O(id_key), NULL },
	{ "security", "cookie_secure", K_STR, O(cookie_secure), "auto" },
	{ "session", "expert_idle_minutes", K_INT, O(expert_idle_minutes), "120" },
	{ "session", "expert_absolute_hours", K_INT, O(expert_absolute_hours), "24" },
	{ "session", "admin_idle_minutes", K_INT, O(admin_idle_minutes), "30" },
	{ "session", "admin_absolute_hours", K_INT, O(admin_absolute_hours), "8" },
	{ "sms", "driver", K_STR, O(sms_driver), "file" },
	{ "sms", "file", K_STR, O(sms_file), "/var/log/expertpool/sms.log" },
	{ "sms", "command", K_STR, O(sms_command), "" },
	{ "sms", "sign", K_STR, O(sms_sign), "【专家库】" },
	{ "captcha", "answer_log", K_STR, O(captcha_answer_log), "" },
	{ "site", "share_dir", K_STR, O(share_dir), DATADIR "/expertpool" },
	{ "pdf", "font", K_STR, O(pdf_font), "/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf" },
	{ "apply", "style", K_STR, O(apply_style), "city" },
	{ "apply", "max_age", K_INT, O(max_age), "65" },
	{ "apply", "senior_max_age", K_INT, O(senior_max_age), "70" },
	{ "apply", "min_years", K_INT, O(min_years), "0" },
	{ "apply", "regions", K_STR, O(regions), "本级" },
	{ "apply", "require_photo", K_BOOL, O(require_photo), "yes" },
	{ "apply", "require_id_scans", K_BOOL, O(require_id_scans), "yes" },
	{ "site", "url", K_STR, O(site_url), "http://localhost" },
	{ "review", "levels", K_INT, O(review_levels), "1" },
	{ "certificate", "expert_no", K_STR, O(expert_no_format), "ZJ{year}{seq:5}" },
	{ "certificate", "cert_no", K_STR, O(cert_no_format), "ZS{year}{seq:6}" },
	{ "certificate", "valid_years", K_INT, O(cert_valid_years), "2" },
	{ "certificate", "after_training", K_BOOL, O(cert_after_training), "no" },
	{ "certificate", "seal", K_STR, O(cert_seal), "" },
	{ "certificate", "notice_days", K_INT, O(cert_notice_days), "30" },
};
#undef O
#define NKEYS (sizeof keys / sizeof keys[0])

static int seen[NKEYS];
static int bad;

static int set(const struct key *k, const char *value)
{
	void *dst = (char *)&cfg + k->offset;
	switch (k->kind) {
	case K_STR:
		free(*(char **)dst);
		*(char **)dst = strdup(value);
		return *(char **)dst != NULL;
	case K_INT: {
		char *end;
		long v = strtol(value, &end, 10);
		if (*value == '\0' || *end != '\0' || v < 0 || v > 1000000)
			return 0;
		*(int *)dst = (int)v;
		return 1;
	}
	case K_BOOL:
		if (strcmp(value, "yes") == 0 || strcmp(value, "true") == 0 || strcmp(value, "1") == 0)
			*(int *)dst = 1;
		else if (strcmp(value, "no") == 0 || strcmp(value, "false") == 0 || strcmp(value, "0") == 0)
			*(int *)dst = 0;
		else
			return 0;
		return 1;
	case K_KEY32: {
		size_t len = 0;
		if (strlen(value) != 64 ||
		    sodium_hex2bin(dst, 32, value, 64, NULL, &len, NULL) != 0 || len != 32)
			return 0;
		return 1;
	}
	}
	return 0;
}

static int on_key(void *user, const char *section, const char *name, const char *value)
{
	const char *path = user;
	for (size_t i = 0; i < NKEYS; i++) {
		if (strcmp(keys[i].section, section) == 0 && strcmp(keys[i].name, name) == 0) {
			if (keys[i].kind == K_KEY32 && *value == '\0')
				return 1;       /* left empty: reported as missing below */
			if (!set(&keys[i], value)) {
				fprintf(stderr, "%s: [%s] %s: invalid value\n", path, section, name);
				bad = 1;
			}
			seen[i] = 1;
			return 1;
		}
	}
	fprintf(stderr, "%s: unknown key [%s] %s (ignored)\n", path, section, name);
	return 1;
}

const char *config_path(void)
{
	const char *p = getenv("EXPERTPOOL_CONF");
	return p != NULL && *p != '\0' ? p : SYSCONFDIR "/expertpool/expertpool.ini";
}

/* After inih's pass (rc: 0, the first line with a syntax error, or negative when the text could
 * not be read, which `unreadable` then says): the defaults of the keys not given, and the rules
 * between keys. */
static int finish(const char *name, int rc, const char *unreadable)
{
	if (rc < 0) {
		fprintf(stderr, "%s: %s\n", name, unreadable);
		return -1;
	}
	if (rc > 0) {
		fprintf(stderr, "%s:%d: syntax error\n", name, rc);
		return -1;
	}
	for (size_t i = 0; i < NKEYS; i++) {
		if (seen[i])
			continue;
		if (keys[i].def == NULL) {
			fprintf(stderr, "%s: [%s] %s is required\n", name, keys[i].section, keys[i].name);
			bad = 1;
		} else {
			set(&keys[i], keys[i].def);
		}
	}
	if (strcmp(cfg.apply_style, "city") != 0 && strcmp(cfg.apply_style, "provincial") != 0) {
		fprintf(stderr, "%s: [apply] style must be city or provincial\n", name);
		bad = 1;
	}
	if (cfg.review_levels != 1 && cfg.review_levels != 2) {
		fprintf(stderr, "%s: [review] levels must be 1 or 2\n", name);
		bad = 1;
	}
	if (cfg.cert_valid_years < 1 || cfg.cert_valid_years > 10) {
		fprintf(stderr, "%s: [certificate] valid_years must be 1 to 10\n", name);
		bad = 1;
	}
	return bad ? -1 : 0;
}

/* Before inih's pass: nothing seen, nothing wrong. */
static void start(void)
{
	memset(seen, 0, sizeof seen);
	bad = 0;
}

int config_load(void)
{
	const char *path = config_path();
	start();
	return finish(path, ini_parse(path, on_key, (void *)path), "cannot open the configuration file");
}

int config_parse_string(const char *text, const char *name)
{
	start();
	return finish(name, ini_parse_string(text, on_key, (void *)name), "out of memory");
}
