/* apply: the documents it generates (apply-pdf.c). */
#ifndef APPLY_H
#define APPLY_H
#include <cjson/cJSON.h>
#include "request.h"

struct application;

/* The commitment letter from share/commitment.txt with the name filled in. NULL on failure. */
unsigned char *commitment_pdf(struct request *r, const char *name, size_t *len);
/* The application form (申请表): every field of the draft, the photo, the chosen specialties. */
unsigned char *application_form_pdf(struct request *r, const struct application *a,
                                    const cJSON *taxonomy, size_t *len);

#endif
