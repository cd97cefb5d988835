/* Certificates (聘书): issuing with a unique number and a validity, revoking, the live status
 * the public verification shows, the tagged verification link, and the documents. */
#ifndef EP_CERTIFICATE_H
#define EP_CERTIFICATE_H
#include <stddef.h>
#include <cjson/cJSON.h>
#include "http/request.h"
#include "pool/expert.h"

struct certificate {
	long long id;
	const char *cert_no, *status, *issued_on, *valid_until, *revoked_at, *revoke_reason;
	int past;                       /* valid_until is before today (China) */
};

/* Issues a new certificate to an expert, valid from today for the configured years. Inside the
 * caller's transaction. 0, or -1. */
int cert_issue(long long expert_id, struct certificate *out);

/* Whether approval issues the certificate now (no training and payment required first). */
int cert_on_approval(void);

/* The expert's newest certificate: 1 found, 0 none, -1 failure. */
int cert_current(long long expert_id, struct certificate *c);

/* Every certificate of an expert, newest first: cert_list, then cert_list_next until it
 * returns 0 (1 a row, -1 failure). */
int cert_list(long long expert_id);
int cert_list_next(struct certificate *c);

/* Revokes a certificate (no-op when already revoked). 0 or -1. */
int cert_revoke(long long cert_id, const char *reason);

/* The status as it stands now: valid, suspended, revoked, expired or removed. */
const char *cert_live_status(const struct certificate *c, const char *expert_status);
const char *cert_status_label(const char *live);

/* The verification link the QR code holds: <site url>/verify/<no>?t=<tag>. */
char *cert_verify_url(struct arena *a, const char *cert_no);
/* Whether a tag is the one of this number (constant time). */
int cert_tag_ok(const char *cert_no, const char *tag);

/* {"cert_no","status","status_label","issued_on","valid_until","verify_url", …}. */
cJSON *cert_json(const struct certificate *c, const char *expert_status);

/* The certificate of an expert as a PDF (png 0) or PNG (png 1); NULL on failure. */
unsigned char *cert_document(struct request *r, const struct expert *e,
                             const struct certificate *c, int png, size_t *len);


/* The "领域 / 专业组 / 项" paths of a profile's specialties, as a JSON array of {id,path}, with
 * "retired":true on a leaf retired since (still the expert's); NULL on a database failure. */
cJSON *specialty_paths(const cJSON *profile);

#endif
