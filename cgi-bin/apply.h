/* The documents of the application form (apply-pdf.c), used by apply and expert. */
#ifndef APPLY_H
#define APPLY_H
#include <cjson/cJSON.h>
#include "http/request.h"

struct application;

/* The commitment letter from share/commitment.txt with the name filled in. NULL on failure. */
unsigned char *commitment_pdf(struct request *r, const char *name, size_t *len);
/* A printable form of every field of an application's data, the photo, the chosen
 * specialties: the application form (申请表) and the expert's personal information form
 * (个人信息表) are both this layout. */
struct form_doc {
	const char *title;              /* 入库申请表, after the authority's and the site's names */
	const char *ref_label, *ref;    /* 申请编号 / 专家编号 and its value */
	const char *status_label, *status;
	const cJSON *data;              /* with id_number */
};
unsigned char *form_pdf(struct request *r, const struct form_doc *doc, const cJSON *taxonomy,
                        size_t *len);

#endif
