/* certificate: certificates (聘书) — the expert's own (its state: 证书待生成 while it waits for
 * training and payment; PDF and PNG), and for managers any expert's copy, revocation and
 * reissue. (Moved here from /api/expert/certificate.* and /api/pool/experts/<id>/certificate*.) */
#include <string.h>
#include "ep.h"
#include "replies.h"
#include "pool/certificate.h"
#include "pool/expert.h"
#include "doc/pdf.h"

/* GET /: the expert's certificate and its state: issued, or pending (证书待生成). */
static void certificate_get(struct request *r)
{
	struct expert e;
	if (!expert_mine(r, &e))
		return;
	struct certificate c;
	int rc = cert_current(e.id, &c);
	if (rc < 0) {
		reply_db_error(r);
		return;
	}
	struct text_pair texts[] = {
		{ "expert_no", e.expert_no }, { "state", rc == 1 ? "issued" : "pending" },
		{ "state_label", rc == 1 ? "已发证" : "证书待生成" }, { NULL, NULL },
	};
	cJSON *o = json_texts(texts);
	cJSON_AddItemToObject(o, "certificate", rc == 1 ? cert_json(&c, e.status) : cJSON_CreateNull());
	reply_json(r, 200, o);
}

/* GET /pdf, /png: the expert's own current certificate. */
static void own_document(struct request *r, int png)
{
	struct expert e;
	if (expert_mine(r, &e))
		cert_reply(r, &e, png);
}

static void own_pdf(struct request *r) { own_document(r, 0); }
static void own_png(struct request *r) { own_document(r, 1); }

/* Revoke (reissue 0) or revoke-and-issue (reissue 1) the current certificate. */
static void certificate_change(struct request *r, int reissue)
{
	struct expert e;
	if (!expert_named(r, &e))
		return;
	const char *reason = req_field(r, "reason");
	struct certificate c, fresh;
	const char *status = NULL;
	/* the expert's row locked first: two changes at once would both revoke the same certificate
	 * or both issue a new one; the second waits and then sees what the first did */
	if (db_begin() != 0 || expert_lock(e.id, &status) != 1) {
		reply_db_error(r);
		return;
	}
	if (strcmp(status, "active") != 0) {
		db_rollback();
		reply_error(r, E_CONFLICT, "只有在库专家的证书可以撤销或补发");
		return;
	}
	int have = cert_current(e.id, &c);
	if (have < 0) {
		reply_db_error(r);
		return;
	}
	int live = have == 1 && strcmp(c.status, "revoked") != 0;
	if (!reissue && !live) {
		db_rollback();
		reply_error(r, E_CONFLICT, "没有可撤销的证书");
		return;
	}
	if ((live && cert_revoke(c.id, reason) != 0) || (reissue && cert_issue(e.id, &fresh) != 0)) {
		reply_db_error(r);
		return;
	}
	struct text_pair texts[] = {
		{ "expert_no", e.expert_no }, { "reason", reason }, { "revoked", live ? c.cert_no : NULL },
		{ "issued", reissue ? fresh.cert_no : NULL }, { NULL, NULL },
	};
	cJSON *summary = json_texts(texts);
	if (expert_event(e.id, r->session->user_id, reissue ? "certificate.reissue" : "certificate.revoke",
	                 reason, summary) != 0 ||
	    audit(r, reissue ? "certificate.reissue" : "certificate.revoke", "expert", e.id, summary) != 0 ||
	    db_commit() != 0) {
		reply_db_error(r);
		return;
	}
	if (!reissue) {
		c.status = "revoked";
		fresh = c;
	}
	cJSON *o = cJSON_CreateObject();
	cJSON_AddItemToObject(o, "certificate", cert_json(&fresh, e.status));
	reply_json(r, 200, o);
}

static void cert_revoke_route(struct request *r) { certificate_change(r, 0); }
static void cert_reissue_route(struct request *r) { certificate_change(r, 1); }

/* GET /experts/<id>/pdf, /png: a manager's copy of an expert's current certificate. */
static void expert_document(struct request *r, int png)
{
	struct expert e;
	if (expert_named(r, &e))
		cert_reply(r, &e, png);
}

static void expert_pdf(struct request *r) { expert_document(r, 0); }
static void expert_png(struct request *r) { expert_document(r, 1); }


static const struct field cert_fields[] = {
	{ "reason", "原因", REQUIRED | MULTILINE, 500, NULL },
	FIELD_END
};

static const struct route routes[] = {
	{ M_GET, "/", certificate_get, ROLE_EXPERT, 0, NULL, 0 },
	{ M_GET, "/pdf", own_pdf, ROLE_EXPERT, 0, NULL, 0, .guard = may_get_certificate },
	{ M_GET, "/png", own_png, ROLE_EXPERT, 0, NULL, 0, .guard = may_get_certificate },
	{ M_GET, "/experts/#/pdf", expert_pdf, ROLE_MANAGER, 0, NULL, 0 },
	{ M_GET, "/experts/#/png", expert_png, ROLE_MANAGER, 0, NULL, 0 },
	{ M_POST, "/experts/#/revoke", cert_revoke_route, ROLE_MANAGER, KB(8), cert_fields, 0 },
	{ M_POST, "/experts/#/reissue", cert_reissue_route, ROLE_MANAGER, KB(8), cert_fields, 0 },
};

int main(void)
{
	run_between_requests(pdf_warm);
	return RUN(routes);
}
