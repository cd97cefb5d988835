/* libFuzzer driver: the configuration file (config_parse_string, the INI reading config_load
 * does from the file). Whatever the text, a configuration that loads keeps the rules the
 * programs rely on, and loading the same text again gives the same configuration. */
#include "fuzz.h"
#include "core/config.h"

/* The configuration's text parts, for comparing two loads. */
static char *text_of(const struct config *c)
{
	const char *const s[] = { c->site_name, c->authority, c->db_host, c->db_socket, c->db_user,
	                          c->db_password, c->db_name, c->cookie_secure, c->sms_driver, c->sms_file,
	                          c->sms_command, c->sms_sign, c->captcha_answer_log, c->share_dir,
	                          c->pdf_font, c->apply_style, c->regions, c->site_url,
	                          c->expert_no_format, c->cert_no_format, c->cert_seal };
	char *out = arena_strdup(&fuzz_arena, "");
	for (size_t i = 0; i < sizeof s / sizeof s[0]; i++) {
		CHECK(s[i] != NULL);
		out = arena_printf(&fuzz_arena, "%s\n%zu:%s", out, strlen(s[i]), s[i]);
	}
	return out;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	/* the library's own complaints about bad files are expected by the thousand; sanitizer
	 * and libFuzzer reports do not go through stdio's stderr and still show */
	FILE *quiet = fopen("/dev/null", "w");
	if (quiet != NULL)
		stderr = quiet;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = arena_strndup(&fuzz_arena, (const char *)data, size);
	int rc = config_parse_string(text, "fuzz.ini");
	CHECK(rc == 0 || rc == -1);
	if (rc == 0) {
		CHECK(strcmp(cfg.apply_style, "city") == 0 || strcmp(cfg.apply_style, "provincial") == 0);
		CHECK(cfg.review_levels == 1 || cfg.review_levels == 2);
		CHECK(cfg.cert_valid_years >= 1 && cfg.cert_valid_years <= 10);
		const int ints[] = { cfg.db_port, cfg.expert_idle_minutes, cfg.expert_absolute_hours,
		                     cfg.admin_idle_minutes, cfg.admin_absolute_hours, cfg.max_age,
		                     cfg.senior_max_age, cfg.min_years, cfg.cert_notice_days };
		for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++)
			CHECK(ints[i] >= 0 && ints[i] <= 1000000);
		const int flags[] = { cfg.require_photo, cfg.require_id_scans, cfg.cert_after_training };
		for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
			CHECK(flags[i] == 0 || flags[i] == 1);
		struct config first = cfg;
		char *texts = text_of(&cfg);
		CHECK(config_parse_string(text, "fuzz.ini") == 0);
		CHECK(strcmp(texts, text_of(&cfg)) == 0);
		CHECK(memcmp(first.secret, cfg.secret, sizeof cfg.secret) == 0);
		CHECK(memcmp(first.id_key, cfg.id_key, sizeof cfg.id_key) == 0);
		CHECK(first.db_port == cfg.db_port && first.review_levels == cfg.review_levels &&
		      first.max_age == cfg.max_age && first.require_photo == cfg.require_photo);
	}
	fuzz_done(size, 64);
	return 0;
}
