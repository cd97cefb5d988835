/* review: the reviewers' queue, the case with its documents and history, and the decisions
 * 受理 / 通过 / 不通过 (lib/review.c does the work, here are the pages' routes). */
#include <stdlib.h>
#include <string.h>
#include "ep.h"
#include "apply/application.h"
#include "http/listing.h"
#include "review/review.h"
#include "db/rows.h"
#include "review/rows.def"
#include "apply/rows.def"

/* The statuses a status filter stands for, five of them (repeated to fill the statement). */
static const struct {
	const char *filter;
	const char *statuses[5];
} status_filters[] = {
	{ "todo", { "submitted", "reviewing", "passed", "passed", "passed" } },
	{ "all", { "submitted", "reviewing", "passed", "rejected", "approved" } },
	{ "submitted", { "submitted", "submitted", "submitted", "submitted", "submitted" } },
	{ "reviewing", { "reviewing", "reviewing", "reviewing", "reviewing", "reviewing" } },
	{ "passed", { "passed", "passed", "passed", "passed", "passed" } },
	{ "rejected", { "rejected", "rejected", "rejected", "rejected", "rejected" } },
	{ "approved", { "approved", "approved", "approved", "approved", "approved" } },
};
static const char *const filter_names[] = { "todo", "all", "submitted", "reviewing", "passed",
                                             "rejected", "approved", NULL };
static const struct column queue_cols[] = ROW_COLUMNS(REVIEW_ROW);
static const struct column version_cols[] = ROW_COLUMNS(APP_VERSION_ROW);
static const struct column event_cols[] = ROW_COLUMNS(REVIEW_EVENT_ROW);

/* The sorts: each a column of the queue's row (checked at start, sort_check), "-" for descending. */
static const struct sort sorts[] = {
	{ "-submitted_at", PART_REVIEW_BY_SUBMITTED, PART_KEYS_DESC },
	{ "submitted_at", PART_REVIEW_BY_SUBMITTED, PART_KEYS_ASC },
	{ "name", PART_REVIEW_BY_NAME, PART_KEYS_ASC },
	{ NULL, 0, 0 },
};

/* GET /queue */
static void review_queue(struct request *r)
{
	struct page p;
	list_page(r, &p);
	const char *filter = list_choice(r, "status", filter_names, "todo");
	size_t by = list_sort(r, sorts);
	long long node = list_int(r, "node", 1, 100000000, 0);
	const char *from = list_date(r, "from"), *to = list_date(r, "to");
	const char *q = list_text(r, "q", 50);
	if (has_field_errors(r)) {
		reply_field_errors(r);
		return;
	}
	/* the rows' query, and their count's: with a node, over the node's index, which keeps each
	 * application's filter columns under the same names — unless q is searched, whose few matches
	 * are better counted from the search's side */
	struct search_terms terms;                  /* q: a part of the name or of the employer */
	int searched = search_terms(r->arena, q, &terms) > 0, by_node = node > 0 && !searched;
	/* q searched with a status at most: the total is what its texts' counters count as a name
	 * and as an employer (tq), less the rows matching both (bq), counted from their rows */
	int by_texts = searched && node <= 0 && !*from && !*to;
	struct list_query lq, cq, bq;
	struct list_query *each[3] = { &lq, &cq, &bq };
	for (int k = 0; k < (by_texts ? 3 : 2); k++) {
		struct list_query *x = each[k];
		memset(x, 0, sizeof *x);
		for (size_t i = 0; i < sizeof status_filters / sizeof status_filters[0]; i++)
			if (strcmp(status_filters[i].filter, filter) == 0) {
				const char *const *st = status_filters[i].statuses;
				query_where(r->arena, x, PART_REVIEW_STATUS, "sssss", st[0], st[1], st[2], st[3], st[4]);
			}
		if (node > 0)
			query_where(r->arena, x, k == 1 && by_node ? PART_REVIEW_IN_NODE : PART_REVIEW_NODE, "i", node);
		if (*from)
			query_where(r->arena, x, PART_REVIEW_FROM, "s", from);
		if (*to)
			query_where(r->arena, x, PART_REVIEW_TO, "s", to);
		if (searched && k == 2) {
			query_match(r->arena, x, PART_REVIEW_NAME_MATCH, &terms);
			query_match(r->arena, x, PART_REVIEW_EMPLOYER_MATCH, &terms);
		} else if (searched) {
			int tq = k == 1 && by_texts;
			query_any_match(r->arena, x, tq ? PART_REVIEW_NAME_TALLY : PART_REVIEW_NAME_MATCH, &terms);
			query_any_match(r->arena, x, tq ? PART_REVIEW_EMPLOYER_TALLY : PART_REVIEW_EMPLOYER_MATCH, &terms);
		}
	}
	long long total = 0, both = 0;
	/* by status alone: the sum of the counters kept per status */
	int tally = node <= 0 && !*from && !*to && !searched;
	enum sql_part head = tally ? PART_REVIEW_TALLY : by_node ? PART_REVIEW_NODE_COUNT : PART_REVIEW_COUNT;
	int counted = by_texts ? query_sum(r->arena, &cq, PART_REVIEW_TEXT_TALLY, &total) == 0 &&
	                         query_count(r->arena, &bq, PART_REVIEW_COUNT, PART_REVIEW_IDS, &both) == 0
	                       : query_count(r->arena, &cq, head, PART_REVIEW_IDS, &total) == 0;
	total -= both;
	int page = counted ? query_page(r->arena, &lq, PART_REVIEW_ROWS, sorts[by].keys, sorts[by].order, &p, total)
	                   : -1;
	if (page < 0) {
		reply_db_error(r);
		return;
	}
	cJSON *items, *o = list_reply(total, &p, &items);
	if (db_rows_into(r->arena, (enum sql_id)page, COLUMNS(queue_cols), items) != 0) {
		reply_db_error(r);
		return;
	}
	reply_json(r, 200, o);
}

/* The case named by the path, or a reply (404 or the database error) and 0. */
static int load_case(struct request *r, struct review_case *c)
{
	int rc = review_case_load(r->ids[0], c);
	if (rc < 0)
		reply_db_error(r);
	else if (rc == 0)
		reply_error(r, E_NOT_FOUND, "没有这个申请");
	return rc == 1;
}

/* A submitted version with its ID number: the JSON, or NULL (after a reply). */
static cJSON *version_json(struct request *r, long long app_id, long long no)
{
	cJSON *v = NULL;
	int rc = application_version(r->arena, app_id, no, &v);
	if (rc < 0)
		reply_db_error(r);
	else if (rc == 0)
		reply_error(r, E_NOT_FOUND, "没有这个版本");
	return v;
}

/* The uploaded files a snapshot refers to, wherever they are in it, with the field's path. */
static void collect_files(cJSON *out, const cJSON *node, const char *path)
{
	static const char *const file_keys[] = { "photo", "id_front", "id_back", "scan", "attachment",
	                                         "commitment_scan", "form_scan", NULL };
	const cJSON *c;
	int index = 0;
	cJSON_ArrayForEach(c, node) {
		const char *key = cJSON_IsArray(node) ? NULL : c->string;
		const char *here = key ? (*path ? arena_printf(arena_current, "%s.%s", path, key) : key)
		                       : arena_printf(arena_current, "%s.%d", path, index);
		index++;
		if (cJSON_IsObject(c) || cJSON_IsArray(c)) {
			if (key == NULL || strcmp(key, "resolved") != 0)
				collect_files(out, c, here);
			continue;
		}
		for (const char *const *k = file_keys; key != NULL && *k != NULL; k++) {
			if (strcmp(*k, key) != 0 || !cJSON_IsNumber(c))
				continue;
			long long owner;
			char *kind;
			if (file_owner((long long)c->valuedouble, &owner, &kind) != 1)
				continue;
			cJSON *f = cJSON_CreateObject();
			cJSON_AddNumberToObject(f, "id", c->valuedouble);
			cJSON_AddStringToObject(f, "field", here);
			cJSON_AddStringToObject(f, "kind", kind);
			cJSON_AddStringToObject(f, "url", arena_printf(arena_current, "/api/files/%lld?inline=1",
			                                               (long long)c->valuedouble));
			cJSON_AddItemToArray(out, f);
		}
	}
}

/* GET /<id> */
static void review_get(struct request *r)
{
	struct review_case c;
	if (!load_case(r, &c))
		return;
	cJSON *latest = version_json(r, c.id, c.submitted_no);
	if (latest == NULL)
		return;
	cJSON *o = cJSON_CreateObject(), *a = cJSON_AddObjectToObject(o, "application");
	cJSON_AddNumberToObject(a, "id", (double)c.id);
	cJSON_AddStringToObject(a, "status", c.status);
	cJSON_AddStringToObject(a, "status_label", application_status_label(c.status));
	cJSON_AddNumberToObject(a, "version", (double)c.version);
	cJSON_AddNumberToObject(a, "review_level", (double)(strcmp(c.status, "passed") == 0 ? 2 : c.level));
	cJSON_AddNumberToObject(a, "levels", cfg.review_levels);
	cJSON_AddNumberToObject(a, "submitted_version", (double)c.submitted_no);
	cJSON_AddStringToObject(a, "submitted_at", c.submitted_at);
	cJSON *data = cJSON_DetachItemFromObject(latest, "data");
	cJSON_AddItemToObject(a, "data", data);
	collect_files(cJSON_AddArrayToObject(a, "files"), data, "");
	cJSON *versions = NULL, *events = NULL, *e;
	if (db_exec(SQL_APP_VERSIONS, "i", c.id) != 0 ||
	    (versions = db_rows_json(r->arena, SQL_APP_VERSIONS, COLUMNS(version_cols))) == NULL ||
	    db_exec(SQL_APP_EVENTS_FULL, "i", c.id) != 0 ||
	    (events = db_rows_json(r->arena, SQL_APP_EVENTS_FULL, COLUMNS(event_cols))) == NULL) {
		reply_db_error(r);
		return;
	}
	cJSON_AddItemToObject(a, "versions", versions);
	cJSON_AddItemToObject(a, "events", events);
	cJSON *rejections = cJSON_AddArrayToObject(a, "rejections");
	cJSON_ArrayForEach(e, events)
		if (strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(e, "to")), "rejected") == 0)
			cJSON_AddItemReferenceToArray(rejections, e);
	cJSON_AddBoolToObject(a, "can_open", review_can_open(&c));
	cJSON_AddBoolToObject(a, "can_decide", review_can_decide(&c));
	reply_json(r, 200, o);
}

/* GET /<id>/versions/<no> */
static void review_version(struct request *r)
{
	struct review_case c;
	if (!load_case(r, &c))
		return;
	long long no = r->ids[1];
	if (no > c.submitted_no) {
		reply_error(r, E_NOT_FOUND, "没有这个版本");
		return;
	}
	cJSON *v = version_json(r, c.id, no);
	if (v == NULL)
		return;
	cJSON *o = cJSON_CreateObject();
	cJSON_AddItemToObject(o, "version", v);
	reply_json(r, 200, o);
}

/* The department a decision is made in: the reviewer's, or the authority's name. */
static const char *department_of(struct request *r)
{
	char *d = NULL;
	if (db_one(SQL_USER_DEPARTMENT, "i", "s", r->session->user_id, &d) < 0)
		return NULL;
	return d != NULL && *d ? d : *cfg.authority ? cfg.authority : cfg.site_name;
}

static void decide(struct request *r, enum decision d)
{
	static const char *const actions[] = { "application.open", "application.approve", "application.reject" };
	struct review_case c;
	if (!load_case(r, &c))
		return;
	const char *reason = d == DECIDE_REJECT ? req_field(r, "reason") : NULL;
	const char *department = department_of(r);
	if (department == NULL || db_begin() != 0) {
		reply_db_error(r);
		return;
	}
	struct review_result res;
	int rc = review_decide(&c, req_version(r), d, r->session->user_id, "reviewer",
	                       d == DECIDE_OPEN ? NULL : department, reason, &res);
	if (rc == 1) {
		cJSON *summary = cJSON_CreateObject();
		cJSON_AddStringToObject(summary, "from", c.status);
		cJSON_AddStringToObject(summary, "to", res.status);
		cJSON_AddNumberToObject(summary, "version_no", (double)c.submitted_no);
		if (reason != NULL)
			cJSON_AddStringToObject(summary, "reason", reason);
		if (res.expert_no != NULL)
			cJSON_AddStringToObject(summary, "expert_no", res.expert_no);
		if (audit(r, actions[d], "application", c.id, summary) != 0)
			rc = -1;
	}
	if (rc != 1 || db_commit() != 0) {
		if (rc >= 0 || rc == -2)
			db_rollback();
		if (rc == 0)
			reply_error(r, E_CONFLICT, "申请状态已变化，请刷新后重试");
		else if (rc == -2)
			reply_error(r, E_CONFLICT, "终审须由另一名审核员进行");
		else
			reply_db_error(r);
		return;
	}
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "status", res.status);
	cJSON_AddNumberToObject(o, "version", (double)res.version);
	if (res.expert_no != NULL) {
		cJSON *e = cJSON_AddObjectToObject(o, "expert");
		cJSON_AddNumberToObject(e, "id", (double)res.expert_id);
		cJSON_AddStringToObject(e, "expert_no", res.expert_no);
		if (res.certified)
			cJSON_AddItemToObject(o, "certificate", cert_json(&res.cert, "active"));
		else
			cJSON_AddNullToObject(o, "certificate");
	}
	reply_json(r, 200, o);
}

static void review_open(struct request *r)
{
	decide(r, DECIDE_OPEN);
}

static void review_approve(struct request *r)
{
	decide(r, DECIDE_APPROVE);
}

static void review_reject(struct request *r)
{
	decide(r, DECIDE_REJECT);
}

static const struct field version_fields[] = {
	{ "version", "版本", REQUIRED, 10, check_version },
	FIELD_END
};
static const struct field reject_fields[] = {
	{ "version", "版本", REQUIRED, 10, check_version },
	{ "reason", "不通过原因", REQUIRED | MULTILINE, 500, NULL },
	FIELD_END
};

static const struct route routes[] = {
	{ M_GET, "/queue", review_queue, ROLE_REVIEWER, 0, NULL, 0 },
	{ M_GET, "/#", review_get, ROLE_REVIEWER, 0, NULL, 0 },
	{ M_GET, "/#/versions/#", review_version, ROLE_REVIEWER, 0, NULL, 0 },
	{ M_POST, "/#/open", review_open, ROLE_REVIEWER, KB(4), version_fields, 0 },
	{ M_POST, "/#/approve", review_approve, ROLE_REVIEWER, KB(4), version_fields, 0 },
	{ M_POST, "/#/reject", review_reject, ROLE_REVIEWER, KB(8), reject_fields, 0 },
};

int main(void)
{
	if (sort_check(sorts, COLUMNS(queue_cols)) != 0)
		return 1;
	return RUN(routes);
}
