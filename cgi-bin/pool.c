/* pool: the managers' side of the pool — the expert list with filters and its CSV export, an
 * expert's record, suspend/restore/remove (certificates: the certificate program) and the
 * change requests (异动审核). */
#include <stdlib.h>
#include <string.h>
#include "ep.h"
#include "replies.h"
#include "apply/appform.h"
#include "pool/certificate.h"
#include "pool/change.h"
#include "http/listing.h"
#include "db/rows.h"
#include "pool/rows.def"
#include "pool/formats.h"
#include "doc/pdf.h"
#include "apply/taxonomy.h"

/* ---- the list and the export --------------------------------------------------------------- */

static const char *const expert_statuses[] = { "active", "suspended", "removed", NULL };
static const char *const title_levels[] = { "正高级", "副高级", "中级", "初级", NULL };

/* The filters of the list and the export as the conditions of the rows' query (rows), and of
 * their count (count, may be NULL): with a node, the count reads the node's index, which keeps
 * each expert's filter columns under the same names (*by_node then says so) — unless q is
 * searched, whose few matches are better counted from the search's side, or the certificates
 * filtered; with filters on status, region, title and remote only, or on status and age only,
 * or an employer searched and the status, the count sums the counters kept for those columns
 * (*tally: their head, else PART__MAX). 0 after replying 422. */
static int pool_filter(struct request *r, struct list_query *rows, struct list_query *count, int *by_node,
                       enum sql_part *tally)
{
	struct arena *a = r->arena;
	const char *status = list_choice(r, "status", expert_statuses, NULL);
	long long node = list_int(r, "node", 1, 100000000, 0);
	const char *region = list_text(r, "region", 40), *employer = list_text(r, "employer", 100);
	const char *title = list_choice(r, "title", title_levels, NULL);
	long long age_min = list_int(r, "age_min", 0, 150, -1), age_max = list_int(r, "age_max", 0, 150, -1);
	long long remote = list_int(r, "remote", 0, 1, -1);
	const char *q = list_text(r, "q", 50);
	long long cert_due = list_int(r, "cert_due", 1, 366, 0);
	if (has_field_errors(r)) {
		reply_field_errors(r);
		return 0;
	}
	struct search_terms by_employer, by_name;
	int employer_terms = search_terms(a, employer, &by_employer), name_terms = search_terms(a, q, &by_name);
	/* (the certificates' condition names the expert's id, which the node index calls expert_id) */
	int in_node_count = node > 0 && name_terms == 0 && cert_due <= 0;
	int aged = age_min >= 0 || age_max >= 0;
	/* an employer searched, with a status at most: its texts' counters count it */
	int text_counted = employer_terms > 0 && node <= 0 && !*region && title == NULL && !aged && remote < 0 &&
	                   name_terms == 0 && cert_due <= 0;
	struct list_query *each[2] = { rows, count };
	for (int k = 0; k < 2 && each[k] != NULL; k++) {
		struct list_query *x = each[k];
		int in_node = k == 1 && in_node_count;
		memset(x, 0, sizeof *x);
		if (status != NULL)
			query_where(a, x, PART_POOL_STATUS, "s", status);
		if (node > 0)
			query_where(a, x, in_node ? PART_POOL_IN_NODE : PART_POOL_NODE, "i", node);
		if (*region)
			query_where(a, x, PART_POOL_REGION, "s", region);
		if (employer_terms > 0)
			query_match(a, x, k == 1 && text_counted ? PART_POOL_EMPLOYER_TALLY : PART_POOL_EMPLOYER_MATCH,
			            &by_employer);
		if (title != NULL)
			query_where(a, x, PART_POOL_TITLE, "s", title);
		if (age_min >= 0)
			query_where(a, x, PART_POOL_AGE_MIN, "i", age_min);
		if (age_max >= 0)
			query_where(a, x, PART_POOL_AGE_MAX, "i", age_max + 1);
		if (remote >= 0)
			query_where(a, x, PART_POOL_REMOTE, "i", remote);
		if (name_terms > 0) {           /* q: a name's part, or an expert number exactly */
			query_any_match(a, x, PART_POOL_NAME_MATCH, &by_name);
			query_any(a, x, PART_POOL_NO, "s", q);
		}
		if (cert_due > 0)       /* ending within cert_due days: today .. today + cert_due - 1 */
			query_where(a, x, PART_POOL_CERT_DUE, "i", cert_due);
	}
	if (by_node != NULL)
		*by_node = in_node_count;
	int counted = node <= 0 && employer_terms == 0 && name_terms == 0 && cert_due <= 0;
	if (tally != NULL)
		*tally = text_counted ? PART_POOL_TEXT_TALLY
		       : !counted ? PART__MAX
		       : !aged ? PART_POOL_TALLY
		       : !*region && title == NULL && remote < 0 ? PART_POOL_BIRTH_TALLY : PART__MAX;
	return 1;
}

static const struct column pool_cols[] = ROW_COLUMNS(POOL_ROW);

/* The list's sorts: each names a key of its row (sorts_check, at startup), the first is the
 * default. */
static const struct { const char *sort; enum sql_part keys, order; } sorts[] = {
	{ "-joined_at", PART_POOL_BY_JOINED, PART_KEYS_DESC }, { "joined_at", PART_POOL_BY_JOINED, PART_KEYS_ASC },
	{ "name", PART_POOL_BY_NAME, PART_KEYS_ASC }, { "expert_no", PART_POOL_BY_NO, PART_KEY_ASC },
};
#define NSORTS (sizeof sorts / sizeof sorts[0])
static const char *sort_names[NSORTS + 1];      /* sorts' names for list_choice: sorts_check */

/* Fills sort_names; 0 when a sort names no column of the row, which is a mistake of the tables. */
static int sorts_check(void)
{
	for (size_t i = 0; i < NSORTS; i++) {
		if (!columns_sort_ok(COLUMNS(pool_cols), sorts[i].sort))
			return 0;
		sort_names[i] = sorts[i].sort;
	}
	return 1;
}

/* GET /experts */
static void pool_list(struct request *r)
{
	struct page p;
	struct list_query lq, cq;
	int by_node;
	enum sql_part tally;
	list_page(r, &p);
	const char *sort = list_choice(r, "sort", sort_names, sorts[0].sort);
	if (!pool_filter(r, &lq, &cq, &by_node, &tally))
		return;
	size_t by = 0;
	for (size_t i = 0; i < NSORTS; i++)
		if (strcmp(sorts[i].sort, sort) == 0)
			by = i;
	long long total = 0;
	enum sql_part head = tally != PART__MAX ? tally : by_node ? PART_POOL_NODE_COUNT : PART_POOL_COUNT;
	int rows = query_count(r->arena, &cq, head, PART_POOL_IDS, &total) == 0
		? query_page(r->arena, &lq, PART_POOL_ROWS, sorts[by].keys, sorts[by].order, &p, total) : -1;
	if (rows < 0) {
		reply_db_error(r);
		return;
	}
	cJSON *items, *o = list_reply(total, &p, &items);
	if (db_rows_into(r->arena, (enum sql_id)rows, COLUMNS(pool_cols), items) != 0) {
		cJSON_Delete(o);
		reply_db_error(r);
		return;
	}
	reply_json(r, 200, o);
}

/* A phone for a spreadsheet: the national number in the mainland, "(+852) …" elsewhere, so
 * that no cell starts with "+". */
static const char *csv_phone(struct arena *a, const char *e164)
{
	if (strncmp(e164, "+86", 3) == 0)
		return e164 + 3;
	if (*e164 != '+')
		return e164;
	return arena_printf(a, "(%s)", e164);
}

/* 擅长专业 as the expert's record shows them: the names of the profile's leaves (JSON ids), in
 * its order, joined by 、 (retired ones too; an id that is no leaf is left out, as there). */
static char *specialty_names(struct arena *a, const cJSON *tree, const char *ids)
{
	char *out = "";
	const cJSON *id;
	cJSON_ArrayForEach(id, cJSON_Parse(ids)) {
		const char *name = cJSON_IsNumber(id) ? taxonomy_leaf_name(tree, (long long)id->valuedouble) : NULL;
		if (name != NULL)
			out = *out ? arena_printf(a, "%s、%s", out, name) : arena_strdup(a, name);
	}
	return out;
}

/* GET /experts.csv: streamed row by row; each row's memory is released before the next. */
/* The export's columns: a field of the form under the form's own label (one field, one name:
 * appform.c, labels.js, the PDFs), the others (derived or outside the form) as the pages name them. */
static const struct { const char *field, *label; } csv_columns[] = {
	{ NULL, "专家编号" }, { "name", NULL }, { "gender", NULL }, { NULL, "年龄" }, { "id_type", NULL },
	{ "id_number", NULL }, { NULL, "手机号" }, { "email", NULL }, { "employer", NULL }, { "region", NULL },
	{ NULL, "最高职称" }, { "specialties", NULL }, { "remote", NULL }, { NULL, "状态" }, { NULL, "证书编号" },
	{ NULL, "证书有效期至" }, { NULL, "入库时间" },
};

/* The header line, with the byte order mark spreadsheets need to read UTF-8. */
static const char *csv_head(struct arena *a)
{
	const char *line = "\xEF\xBB\xBF";
	for (size_t i = 0; i < sizeof csv_columns / sizeof csv_columns[0]; i++)
		line = arena_printf(a, "%s%s%s", line, i > 0 ? "," : "",
		                    csv_columns[i].field ? appform_label(NULL, csv_columns[i].field) : csv_columns[i].label);
	return arena_printf(a, "%s\r\n", line);
}

static void pool_export(struct request *r)
{
	struct list_query lq;
	if (!pool_filter(r, &lq, NULL, NULL, NULL))
		return;
	cJSON *tree = taxonomy_tree(TAX_ALL);
	int found = tree != NULL
		? query_stream(r->arena, &lq, PART_POOL_EXPORT, PART_POOL_IDS, PART_POOL_IN_IDS, PART_POOL_BY_ID) : -1;
	if (found < 0) {
		reply_db_error(r);
		return;
	}
	reply_stream(r, "text/csv; charset=utf-8", "专家名单.csv");
	const char *head = csv_head(r->arena);
	reply_write(r, head, strlen(head));
	struct arena rows = { 0 }, *request_arena = arena_current;
	arena_current = &rows;
	long long age, remote;
	char *no, *name, *gender, *id_type, *phone, *email, *employer, *region, *title, *leaves, *status;
	char *cert, *joined;
	unsigned char *enc;
	size_t enclen;
	int rc;
	while ((rc = db_fetch((enum sql_id)found, "sssisbssssssisss", &no, &name, &gender, &age, &id_type,
	                      &enc, &enclen, &phone, &email, &employer, &region, &title, &leaves, &remote,
	                      &status, &cert, &joined)) == 1) {
		char *valid = strchr(cert, ' ');
		if (valid != NULL)
			*valid++ = '\0';
		char *line = arena_printf(&rows, "%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\r\n",
		                          csv_cell(&rows, no), csv_cell(&rows, name), gender,
		                          age >= 0 ? arena_printf(&rows, "%lld", age) : "", csv_cell(&rows, id_type),
		                          mask_id(&rows, unseal(&rows, enc, enclen)), csv_phone(&rows, phone),
		                          csv_cell(&rows, email), csv_cell(&rows, employer), csv_cell(&rows, region), title,
		                          csv_cell(&rows, specialty_names(&rows, tree, leaves)), remote ? "接受" : "不接受",
		                          expert_status_label(status), cert, valid ? valid : "", joined);
		reply_write(r, line, strlen(line));
		arena_reset(&rows);
	}
	arena_current = request_arena;
	arena_free(&rows);
	if (rc < 0)
		log_error_msg("pool: the export stopped at a database failure");
}

/* ---- one expert ---------------------------------------------------------------------------- */

static const struct column record_cols[] = ROW_COLUMNS(EXPERT_RECORD_ROW);
static const struct column event_cols[] = ROW_COLUMNS(EXPERT_EVENT_ROW);
static const struct column brief_cols[] = ROW_COLUMNS(CHANGE_BRIEF_ROW);

/* The rows of statement `id` for `expert` as the array `key` of `o`: 0, or -1. */
static int add_rows(struct arena *a, cJSON *o, const char *key, enum sql_id id, long long expert,
                    const struct column *cols, size_t n)
{
	return db_exec(id, "i", expert) == 0 ? db_rows_into(a, id, cols, n, cJSON_AddArrayToObject(o, key)) : -1;
}

/* GET /experts/<id>: the record, its specialties, certificates, history and change requests */
static void pool_get(struct request *r)
{
	cJSON *x = NULL;
	int rc = db_exec(SQL_EXPERT_RECORD, "i", r->ids[0]) == 0
		? db_row_json(r->arena, SQL_EXPERT_RECORD, COLUMNS(record_cols), &x) : -1;
	if (rc == 0) {
		reply_error(r, E_NOT_FOUND, "没有这位专家");
		return;
	}
	long long id = r->ids[0];
	const char *status = rc == 1 ? appform_text(x, "status") : NULL;
	cJSON *paths = rc == 1 ? specialty_paths(cJSON_GetObjectItem(x, "profile")) : NULL;
	if (paths == NULL || cert_list(id) != 0) {
		reply_db_error(r);
		return;
	}
	cJSON_AddItemToObject(x, "specialties", paths);
	cJSON *certs = cJSON_AddArrayToObject(x, "certificates");
	struct certificate c;
	while ((rc = cert_list_next(&c)) == 1)
		cJSON_AddItemToArray(certs, cert_json(&c, status));
	if (rc < 0 || add_rows(r->arena, x, "events", SQL_EXPERT_EVENTS, id, COLUMNS(event_cols)) != 0 ||
	    add_rows(r->arena, x, "changes", SQL_CHANGE_BRIEF_OF_EXPERT, id, COLUMNS(brief_cols)) != 0) {
		reply_db_error(r);
		return;
	}
	cJSON *o = cJSON_CreateObject();
	cJSON_AddItemToObject(o, "expert", x);
	reply_json(r, 200, o);
}

/* ---- status: suspend, restore, remove ------------------------------------------------------- */

static const struct status_action {
	const char *verb, *from1, *from2, *to, *audit;
} status_actions[] = {
	{ "suspend", "active", NULL, "suspended", "expert.suspend" },
	{ "restore", "suspended", NULL, "active", "expert.restore" },
	{ "remove", "active", "suspended", "removed", "expert.remove" },
};

static void move(struct request *r, const struct status_action *a)
{
	struct expert e;
	if (!expert_named(r, &e))
		return;
	const char *reason = req_field(r, "reason");
	int allowed = strcmp(e.status, a->from1) == 0 || (a->from2 && strcmp(e.status, a->from2) == 0);
	if (!allowed || e.version != req_version(r)) {
		reply_error(r, E_CONFLICT, !allowed ? arena_printf(r->arena, "专家当前状态为“%s”，不能执行此操作",
		                                                   expert_status_label(e.status))
		                                    : "专家信息已被修改，请刷新后重试");
		return;
	}
	if (db_begin() != 0) {
		reply_db_error(r);
		return;
	}
	int rc = expert_move(&e, req_version(r), a->to, a->verb, r->session->user_id, reason);
	struct text_pair texts[] = {
		{ "expert_no", e.expert_no }, { "from", e.status }, { "to", a->to }, { "reason", reason }, { NULL, NULL },
	};
	cJSON *summary = json_texts(texts);
	if (rc == 1 && (audit(r, a->audit, "expert", e.id, summary) != 0 || db_commit() != 0))
		rc = -1;
	if (rc != 1) {
		reply_step_failed(r, rc, "专家信息已被修改，请刷新后重试");
		return;
	}
	reply_moved(r, a->to, expert_status_label(a->to), e.version + 1);
}

static void pool_suspend(struct request *r) { move(r, &status_actions[0]); }
static void pool_restore(struct request *r) { move(r, &status_actions[1]); }
static void pool_remove(struct request *r) { move(r, &status_actions[2]); }

/* ---- change requests ---------------------------------------------------------------------------- */

static const char *const change_statuses[] = { "pending", "approved", "rejected", "cancelled", "all", NULL };

static const struct column change_cols[] = ROW_COLUMNS(CHANGE_ROW);
static const struct column change_record_cols[] = ROW_COLUMNS(CHANGE_RECORD_ROW);

/* GET /changes */
static void changes_list(struct request *r)
{
	struct page p;
	list_page(r, &p);
	const char *status = list_choice(r, "status", change_statuses, "pending");
	const char *kind = list_choice(r, "kind", change_kind_names, "");
	const char *q = list_text(r, "q", 50);
	if (has_field_errors(r)) {
		reply_field_errors(r);
		return;
	}
	struct arena *a = r->arena;
	struct list_query lq = { 0 };
	int all = strcmp(status, "all") == 0;
	const char *s[4];
	for (int i = 0; i < 4; i++)
		s[i] = all ? change_statuses[i] : status;
	query_where(a, &lq, PART_CHANGE_STATUS, "ssss", s[0], s[1], s[2], s[3]);
	if (*kind)
		query_where(a, &lq, PART_CHANGE_KIND, "s", kind);
	struct search_terms terms;
	if (search_terms(a, q, &terms) > 0) {       /* the expert's name's part, or their number */
		query_any_match(a, &lq, PART_CHANGE_NAME_MATCH, &terms);
		query_any(a, &lq, PART_CHANGE_NO, "s", q);
	}
	long long total = 0;
	int found = query_count(a, &lq, PART_CHANGE_COUNT, PART_CHANGE_IDS, &total) == 0
		? query_page(a, &lq, PART_CHANGE_ROWS, PART_CHANGE_BY_ID, PART_KEY_DESC, &p, total) : -1;
	if (found < 0) {
		reply_db_error(r);
		return;
	}
	cJSON *items, *o = list_reply(total, &p, &items);
	if (db_rows_into(a, (enum sql_id)found, COLUMNS(change_cols), items) != 0) {
		cJSON_Delete(o);
		reply_db_error(r);
		return;
	}
	reply_json(r, 200, o);
}

/* The change request named by the path as its record (CHANGE_RECORD_ROW), or a reply and NULL. */
static cJSON *load_change(struct request *r)
{
	cJSON *x = NULL;
	int rc = db_exec(SQL_CHANGE_RECORD, "i", r->ids[0]) == 0
		? db_row_json(r->arena, SQL_CHANGE_RECORD, COLUMNS(change_record_cols), &x) : -1;
	if (rc < 0)
		reply_db_error(r);
	else if (rc == 0)
		reply_error(r, E_NOT_FOUND, "没有这个异动申请");
	return rc == 1 ? x : NULL;
}

/* Specialty ids shown with their paths, for the side-by-side view. */
static void with_paths(cJSON *fields)
{
	cJSON *ids = cJSON_GetObjectItem(fields, "specialties");
	if (ids == NULL)
		return;
	cJSON *paths = specialty_paths(fields);
	if (paths != NULL)
		cJSON_AddItemToObject(fields, "specialty_paths", paths);
}

/* GET /changes/<id> */
static void change_get(struct request *r)
{
	cJSON *x = load_change(r);
	if (x == NULL)
		return;
	with_paths(cJSON_GetObjectItem(x, "current"));
	with_paths(cJSON_GetObjectItem(x, "proposed"));
	cJSON *files = change_files(r->arena, r->ids[0]);
	if (files == NULL) {
		reply_db_error(r);
		return;
	}
	cJSON_AddItemToObject(x, "files", files);
	cJSON *o = cJSON_CreateObject();
	cJSON_AddItemToObject(o, "change", x);
	reply_json(r, 200, o);
}

/* Approve (apply the proposal to the profile) or reject with a reason, in one transaction. */
static void change_decide(struct request *r, int approve)
{
	cJSON *c = load_change(r);
	struct expert e;
	if (c == NULL)
		return;
	long long id = r->ids[0], version = (long long)cJSON_GetNumberValue(cJSON_GetObjectItem(c, "version"));
	const char *status = appform_text(c, "status"), *kind = appform_text(c, "kind");
	const cJSON *proposed = cJSON_GetObjectItem(c, "proposed");
	const char *reason = approve ? NULL : req_field(r, "reason");
	if (strcmp(status, "pending") != 0 || version != req_version(r)) {
		reply_error(r, E_CONFLICT, strcmp(status, "pending") != 0 ? "该申请已处理" : "申请已变化，请刷新后重试");
		return;
	}
	int rc = expert_load((long long)cJSON_GetNumberValue(cJSON_GetObjectItem(c, "expert_id")), &e);
	if (rc != 1 || db_begin() != 0) {
		reply_db_error(r);
		return;
	}
	rc = db_exec(SQL_CHANGE_DECIDE, "ssiii", approve ? "approved" : "rejected", reason,
	             r->session->user_id, id, version) == 0 ? (int)db_affected(SQL_CHANGE_DECIDE) : -1;
	if (rc == 1 && approve)
		rc = change_apply(&e, change_kind(kind), proposed, id, r->session->user_id);
	if (rc == 1 && change_notify(&e, change_kind(kind), approve, reason) != 0)
		rc = -1;
	struct text_pair texts[] = { { "expert_no", e.expert_no }, { "kind", kind }, { "reason", reason }, { NULL, NULL } };
	cJSON *summary = json_texts(texts);
	if (approve) {
		cJSON_AddItemToObject(summary, "before", change_pick(e.profile, change_kind(kind)));
		cJSON_AddItemToObject(summary, "after", cJSON_Duplicate(proposed, 1));
	}
	if (rc == 1 && (audit(r, approve ? "change.approve" : "change.reject", "change_request", id, summary) != 0 ||
	                db_commit() != 0))
		rc = -1;
	if (rc != 1) {
		reply_step_failed(r, rc, "申请或专家信息已变化，请刷新后重试");
		return;
	}
	reply_moved(r, approve ? "approved" : "rejected", NULL, version + 1);
}

static void change_approve(struct request *r) { change_decide(r, 1); }
static void change_reject(struct request *r) { change_decide(r, 0); }

/* ---- routes ----------------------------------------------------------------------------------- */

static const struct field reason_fields[] = {
	{ "version", "版本", REQUIRED, 10, check_version },
	{ "reason", "原因", REQUIRED | MULTILINE, 500, NULL },
	FIELD_END
};

static const struct route routes[] = {
	{ M_GET, "/experts", pool_list, ROLE_MANAGER, 0, NULL, 0 },
	{ M_GET, "/experts.csv", pool_export, ROLE_MANAGER, 0, NULL, 0 },
	{ M_GET, "/experts/#", pool_get, ROLE_MANAGER, 0, NULL, 0 },
	{ M_POST, "/experts/#/suspend", pool_suspend, ROLE_MANAGER, KB(8), reason_fields, 0 },
	{ M_POST, "/experts/#/restore", pool_restore, ROLE_MANAGER, KB(8), reason_fields, 0 },
	{ M_POST, "/experts/#/remove", pool_remove, ROLE_MANAGER, KB(8), reason_fields, 0 },
	{ M_GET, "/changes", changes_list, ROLE_MANAGER, 0, NULL, 0 },
	{ M_GET, "/changes/#", change_get, ROLE_MANAGER, 0, NULL, 0 },
	{ M_POST, "/changes/#/approve", change_approve, ROLE_MANAGER, KB(4), version_only_fields, 0 },
	{ M_POST, "/changes/#/reject", change_reject, ROLE_MANAGER, KB(8), reason_fields, 0 },
};

int main(void)
{
	if (!sorts_check()) {
		log_error_msg("pool: a sort of the list names no column of its rows");
		return 1;
	}
	run_between_requests(pdf_warm);
	return RUN(routes);
}
