/* expertpool-admin: the operator's console tool.
 *   create-super --phone +86… [--username NAME] [--name 姓名]   first super-admin (exit 3: exists)
 *   reset-password --account PHONE|USERNAME                     new initial password
 *   purge                                                       delete expired rows (cron, hourly)
 *   load-taxonomy FILE                                          add the tree's missing items (first
 *                                                               install; none once edited in the pages)
 *   application --phone +86… open|approve|reject [--department D] [--reason R]
 *                                                               a reviewer's decision, from the console
 *   certificates                                                mark expired certificates, queue the
 *                                                               expiry notices (cron, daily)
 *   rehash-ids                                                  recompute the ID-number hashes (once,
 *                                                               after upgrading: migrations/README.md)
 *   reindex-search                                              rebuild the search dictionary (after
 *                                                               migration 004, or a change of its rules)
 *   recount                                                     rebuild the admin lists' counters from
 *                                                               the rows (after migration 008, or to check)
 * Prints the generated password once; it must be changed at first login. */
#include <stdio.h>
#include <string.h>
#include "ep.h"
#include "review/review.h"
#include "apply/application.h"
#include "apply/taxonomy.h"
#include "search/search.h"
#include "db/counts.h"

static const char *opt(int argc, char **argv, const char *name)
{
	for (int i = 2; i + 1 < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return argv[i + 1];
	return NULL;
}

static int usage(void)
{
	fputs("usage: expertpool-admin create-super --phone +86… [--username NAME] [--name 姓名]\n"
	      "       expertpool-admin reset-password --account PHONE|USERNAME\n"
	      "       expertpool-admin purge\n"
	      "       expertpool-admin load-taxonomy FILE\n"
	      "       expertpool-admin application --phone +86… open|approve|reject [--department D] [--reason R]\n"
	      "       expertpool-admin certificates\n"
	      "       expertpool-admin rehash-ids\n"
	      "       expertpool-admin reindex-search\n"
	      "       expertpool-admin recount\n",
	      stderr);
	return 2;
}

static int db_failed(void)
{
	db_rollback();
	fputs("expertpool-admin: database error (see above)\n", stderr);
	return 1;
}

static int create_super(int argc, char **argv)
{
	const char *phone = opt(argc, argv, "--phone"), *username = opt(argc, argv, "--username");
	const char *name = opt(argc, argv, "--name"), *msg;
	if (phone == NULL)
		return usage();
	if ((msg = check_phone(phone)) != NULL ||
	    (username != NULL && (msg = check_username(username)) != NULL) ||
	    (name != NULL && (msg = check_person_name(name)) != NULL)) {
		fprintf(stderr, "expertpool-admin: %s\n", msg);
		return 2;
	}
	struct user_row u;
	int a = user_find(phone, &u), b = username ? user_find(username, &u) : 0;
	if (a < 0 || b < 0)
		return db_failed();
	if (a || b) {
		fprintf(stderr, "expertpool-admin: an account with that %s already exists\n", a ? "phone" : "username");
		return 3;
	}
	char *password = password_generate(arena_current);
	char *hash = password_hash(arena_current, password);
	if (hash == NULL)
		return 1;
	if (db_begin() != 0 ||
	    db_exec(SQL_USER_INSERT, "ssssii", phone, username, name, hash, (long long)ROLE_SUPER, 1LL) != 0)
		return db_failure() == DB_DUPLICATE ? (db_rollback(), 3) : db_failed();
	long long id = (long long)db_insert_id(SQL_USER_INSERT);
	cJSON *summary = cJSON_CreateObject();
	cJSON_AddStringToObject(summary, "phone", phone);
	cJSON_AddStringToObject(summary, "roles", "super");
	if (audit_console("admin.create", "user", id, summary) != 0 || db_commit() != 0)
		return db_failed();
	printf("account: %s\nphone: %s\npassword: %s\n", username ? username : phone, phone, password);
	return 0;
}

static int reset_password(int argc, char **argv)
{
	const char *account = opt(argc, argv, "--account");
	if (account == NULL)
		return usage();
	struct user_row u;
	int found = user_find(account, &u);
	if (found < 0)
		return db_failed();
	if (found == 0) {
		fprintf(stderr, "expertpool-admin: no such account: %s\n", account);
		return 1;
	}
	char *password = password_generate(arena_current);
	char *hash = password_hash(arena_current, password);
	if (hash == NULL)
		return 1;
	if (db_begin() != 0 || db_exec(SQL_USER_SET_PASSWORD, "sii", hash, 1LL, u.id) != 0 ||
	    session_end_all(u.id) != 0 || audit_console("account.reset_password", "user", u.id, NULL) != 0 ||
	    db_commit() != 0)
		return db_failed();
	printf("account: %s\npassword: %s\n", account, password);
	return 0;
}

static int purge(void)
{
	static const enum sql_id purges[] = {
		SQL_SESSION_PURGE, SQL_CAPTCHA_PURGE, SQL_CODE_PURGE, SQL_RATE_PURGE, SQL_LOCK_PURGE,
		SQL_UPLOAD_PURGE,   /* upload sessions idle a day, with their chunks */
	};
	unsigned long long total = 0;
	for (size_t i = 0; i < sizeof purges / sizeof purges[0]; i++) {
		do {
			if (db_exec(purges[i], "") != 0)
				return db_failed();
			total += db_affected(purges[i]);
		} while (db_affected(purges[i]) == 1000);   /* they delete in batches of 1000 */
	}
	printf("purged %llu expired rows\n", total);
	return 0;
}

static int load_taxonomy(int argc, char **argv)
{
	if (argc != 3)
		return usage();
	int added = taxonomy_load_file(argv[2]);
	if (added == -2) {
		printf("taxonomy: edited in the admin pages (领域专业) since it was loaded: nothing added\n");
		return 0;
	}
	if (added < 0)
		return db_failed();
	printf("taxonomy: %d items added\n", added);
	return 0;
}

/* A reviewer's step taken at the console, through the same decision the review pages make. */
static int application_decide(int argc, char **argv)
{
	static const struct { const char *verb; enum decision d; } verbs[] = {
		{ "open", DECIDE_OPEN }, { "approve", DECIDE_APPROVE }, { "reject", DECIDE_REJECT },
	};
	const char *phone = opt(argc, argv, "--phone"), *verb = "";
	for (int k = 2; k < argc; k++) {       /* the one word that is not an option or its value */
		if (strncmp(argv[k], "--", 2) == 0)
			k++;
		else
			verb = argv[k];
	}
	const char *department = opt(argc, argv, "--department"), *reason = opt(argc, argv, "--reason");
	size_t i;
	for (i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
		if (strcmp(verb, verbs[i].verb) == 0)
			break;
	if (phone == NULL || i == sizeof verbs / sizeof verbs[0])
		return usage();
	if (verbs[i].d == DECIDE_REJECT && (reason == NULL || department == NULL)) {
		fputs("expertpool-admin: a rejection needs --department and --reason\n", stderr);
		return 2;
	}
	long long id, version;
	char *status;
	int rc = db_one(SQL_APP_BY_PHONE, "s", "iis", phone, &id, &version, &status);
	if (rc < 0)
		return db_failed();
	struct review_case c;
	if (rc == 0 || (rc = review_case_load(id, &c)) == 0) {
		fprintf(stderr, "expertpool-admin: no submitted application for %s\n", phone);
		return 1;
	}
	if (rc < 0 || db_begin() != 0)
		return db_failed();
	struct review_result res;
	rc = review_decide(&c, c.version, verbs[i].d, 0, "console",
	                   verbs[i].d == DECIDE_OPEN ? NULL : department ? department : cfg.authority,
	                   reason, &res);
	if (rc == -1)
		return db_failed();
	if (rc != 1) {
		db_rollback();
		fprintf(stderr, "expertpool-admin: the application is %s; cannot %s it\n", c.status, verb);
		return 3;
	}
	if (audit_console(arena_printf(arena_current, "application.%s", verb), "application", id, NULL) != 0 ||
	    db_commit() != 0)
		return db_failed();
	printf("application %lld: %s → %s\n", id, c.status, res.status);
	if (res.expert_no != NULL)
		printf("expert %s%s%s\n", res.expert_no, res.certified ? ", certificate " : "",
		       res.certified ? res.cert.cert_no : "");
	return 0;
}

/* The daily run: certificates past their validity become expired, and the experts whose
 * certificate ends within the notice period are told by SMS, each certificate once (the
 * notice is claimed by an UPDATE before it is queued, so overlapping runs cannot send two). */
static int certificates(void)
{
	if (db_exec(SQL_CERT_EXPIRE, "") != 0)
		return db_failed();
	unsigned long long expired = db_affected(SQL_CERT_EXPIRE);
	if (expired > 0) {
		cJSON *summary = cJSON_CreateObject();
		cJSON_AddNumberToObject(summary, "expired", (double)expired);
		if (audit_console("certificate.expire", "certificate", 0, summary) != 0)
			return db_failed();
	}
	struct due { long long id; char *no, *until, *phone, *name; } *due = NULL;
	size_t n = 0, cap = 0;
	if (db_exec(SQL_CERT_DUE_NOTICE, "i", (long long)cfg.cert_notice_days) != 0)
		return db_failed();
	struct due d;
	int rc;
	while ((rc = db_fetch(SQL_CERT_DUE_NOTICE, "issss", &d.id, &d.no, &d.until, &d.phone, &d.name)) == 1) {
		if (n == cap) {
			struct due *bigger = arena_alloc(arena_current, (cap = cap ? 2 * cap : 64) * sizeof *due);
			if (n > 0)
				memcpy(bigger, due, n * sizeof *due);
			due = bigger;
		}
		due[n++] = d;
	}
	if (rc < 0)
		return db_failed();
	size_t sent = 0;
	for (size_t i = 0; i < n; i++) {
		if (db_begin() != 0 || db_exec(SQL_CERT_NOTIFIED, "i", due[i].id) != 0)
			return db_failed();
		if (db_affected(SQL_CERT_NOTIFIED) == 1 && *due[i].phone &&
		    sms_queue(due[i].phone, arena_printf(arena_current,
		              "%s您好，您的专家证书（%s）将于%s到期，请及时办理续聘。", due[i].name,
		              due[i].no, due[i].until)) != 0)
			return db_failed();
		sent += db_affected(SQL_CERT_NOTIFIED) == 1;
		if (db_commit() != 0)
			return db_failed();
	}
	printf("certificates: %llu expired, %zu expiry notices queued\n", expired, sent);
	return 0;
}

/* The keyed hash of each application's ID number, recomputed from the decrypted number: once
 * after the upgrade that made it cover the normalized number alone (it covered the type too, so
 * one number under two types was two people). Idempotent: a current hash is left alone. A number
 * that two non-draft applications hold (entered under two types before) cannot take the new hash
 * twice: the pair is printed and the later keeps its old hash (harmless: the number is taken by
 * the earlier either way), exit 3. Exit 1: a database failure or a number that cannot be
 * decrypted. */
static int rehash_ids(void)
{
	enum { BATCH = 500 };           /* rows per transaction: short locks on a live site */
	size_t changed = 0, current = 0, clashes = 0, unreadable = 0, batch = 0;
	long long id;
	unsigned char *enc, *old;
	size_t enclen, oldlen;
	int rc;
	if (db_exec(SQL_APP_ID_NUMBERS, "") != 0)
		return db_failed();
	while ((rc = db_fetch(SQL_APP_ID_NUMBERS, "ibb", &id, &enc, &enclen, &old, &oldlen)) == 1) {
		char *number = unseal(arena_current, enc, enclen);
		unsigned char h[32];
		if (number == NULL) {
			fprintf(stderr, "expertpool-admin: application %lld: its ID number cannot be decrypted "
			        "(another [security] id_key?)\n", id);
			unreadable++;
			continue;
		}
		id_number_hash(h, number);
		if (oldlen == sizeof h && memcmp(old, h, sizeof h) == 0) {
			current++;
			continue;
		}
		if (batch == 0 && db_begin() != 0)
			return db_failed();
		if (db_exec(SQL_APP_SET_ID_HASH, "bib", h, sizeof h, id, enc, enclen) != 0) {
			long long holder = 0;
			if (db_failure() != DB_DUPLICATE || db_one(SQL_APP_BY_ID_HASH, "b", "i", h, sizeof h, &holder) < 0)
				return db_failed();
			fprintf(stderr, "expertpool-admin: applications %lld and %lld hold the same ID number and "
			        "neither is a draft (one person twice?); %lld keeps its old hash\n",
			        holder, id, id);
			clashes++;
			continue;
		}
		changed += db_affected(SQL_APP_SET_ID_HASH);    /* 0: the number changed meanwhile */
		if (++batch == BATCH) {
			if (db_commit() != 0)
				return db_failed();
			batch = 0;
		}
	}
	if (rc < 0 || (batch > 0 && db_commit() != 0))
		return db_failed();
	printf("rehash-ids: %zu recomputed, %zu already current, %zu clashes, %zu unreadable\n",
	       changed, current, clashes, unreadable);
	return unreadable > 0 ? 1 : clashes > 0 ? 3 : 0;
}

/* The search dictionary rebuilt from the experts' and applications' names and employers. */
static int reindex_search(void)
{
	struct search_reindex n;
	if (search_reindex(&n) != 0)
		return db_failed();
	printf("reindex-search: %lld rows, %lld pointed at other texts; %lld unused texts dropped; "
	       "%lld texts with %lld grams\n", n.rows, n.changed, n.dropped, n.texts, n.grams);
	return 0;
}

/* The admin lists' counters made anew; says how many had drifted from their rows (none, while
 * the triggers of migration 008 are in place). Exit 3 when some had. */
static int recount(void)
{
	long long off;
	if (counts_rebuild(&off) != 0)
		return db_failed();
	printf("recount: %lld counts differed from their rows; all rebuilt\n", off);
	return off > 0 ? 3 : 0;
}

int main(int argc, char **argv)
{
	static struct arena arena;
	if (argc < 2)
		return usage();
	if (program_init(&arena) != 0)
		return 1;
	int rc;
	if (strcmp(argv[1], "create-super") == 0)
		rc = create_super(argc, argv);
	else if (strcmp(argv[1], "reset-password") == 0)
		rc = reset_password(argc, argv);
	else if (strcmp(argv[1], "purge") == 0)
		rc = purge();
	else if (strcmp(argv[1], "load-taxonomy") == 0)
		rc = load_taxonomy(argc, argv);
	else if (strcmp(argv[1], "application") == 0)
		rc = application_decide(argc, argv);
	else if (strcmp(argv[1], "certificates") == 0)
		rc = certificates();
	else if (strcmp(argv[1], "rehash-ids") == 0)
		rc = rehash_ids();
	else if (strcmp(argv[1], "reindex-search") == 0)
		rc = reindex_search();
	else if (strcmp(argv[1], "recount") == 0)
		rc = recount();
	else
		rc = usage();
	db_close();
	arena_free(&arena);
	return rc;
}
