/* Configuration: one INI file, read once per process (path from $EXPERTPOOL_CONF). */
#ifndef EP_CONFIG_H
#define EP_CONFIG_H

struct config {
	char *site_name, *authority;
	char *db_host, *db_socket, *db_user, *db_password, *db_name;
	int db_port;
	unsigned char secret[32], id_key[32];
	char *cookie_secure;            /* auto, yes, no */
	int expert_idle_minutes, expert_absolute_hours;
	int admin_idle_minutes, admin_absolute_hours;
	char *sms_driver, *sms_file, *sms_command, *sms_sign;
	char *captcha_answer_log;
	char *share_dir;                /* taxonomy, document templates */
	char *pdf_font;                 /* a TrueType CJK font (glyf outlines) for PDFs */
	char *apply_style;              /* city | provincial */
	int max_age, senior_max_age, min_years;
	int require_photo, require_id_scans;        /* 1 or 0 */
	char *regions;                  /* comma-separated 评标地区 */
	char *site_url;                 /* the public base URL, for links in QR codes */
	int review_levels;              /* 1 or 2 */
	char *expert_no_format, *cert_no_format;    /* "ZJ{year}{seq:5}" */
	int cert_valid_years;
	int cert_after_training;        /* issue only once training and payment are complete */
	char *cert_seal;                /* optional PNG of the seal, printed on certificates */
	int cert_notice_days;           /* expiry notice this many days before */
};

extern struct config cfg;

/* Loads the file named by $EXPERTPOOL_CONF (default SYSCONFDIR/expertpool/expertpool.ini).
 * Returns 0, or -1 after printing what is wrong to stderr. */
int config_load(void);
/* The same from INI text in memory; `name` stands for the file in the messages. */
int config_parse_string(const char *text, const char *name);
const char *config_path(void);

#endif
