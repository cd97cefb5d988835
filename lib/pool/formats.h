/* The pool's column formats (db/rows.h's format functions), named by pool/rows.def: each shows
 * a stored value as the pages read it. */
#ifndef EP_POOL_FORMATS_H
#define EP_POOL_FORMATS_H
#include "core/arena.h"

const char *fmt_expert_status(struct arena *a, const char *status);    /* 在库 / 暂停 / 出库 */
const char *fmt_masked_id(struct arena *a, const char *number);        /* 110***********1234 */
const char *fmt_masked_name(struct arena *a, const char *name);        /* 张* */
const char *fmt_change_kind(struct arena *a, const char *kind);        /* the kind's label */
const char *fmt_change_status(struct arena *a, const char *status);    /* 待审核 … */
const char *fmt_files_hint(struct arena *a, const char *kind);         /* what the kind asks to attach */

#endif
