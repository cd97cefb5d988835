/* The pool's column formats (pool/formats.h). */
#include <stddef.h>
#include "pool/change.h"
#include "pool/expert.h"
#include "pool/formats.h"

const char *fmt_expert_status(struct arena *a, const char *status)
{
	(void)a;
	return expert_status_label(status);
}

const char *fmt_masked_id(struct arena *a, const char *number) { return mask_id(a, number); }
const char *fmt_masked_name(struct arena *a, const char *name) { return mask_name(a, name); }

const char *fmt_change_kind(struct arena *a, const char *kind)
{
	(void)a;
	const struct change_kind *k = change_kind(kind);
	return k != NULL ? k->label : NULL;
}

const char *fmt_change_status(struct arena *a, const char *status)
{
	(void)a;
	return change_status_label(status);
}

const char *fmt_files_hint(struct arena *a, const char *kind)
{
	(void)a;
	const struct change_kind *k = change_kind(kind);
	return k != NULL ? k->files_hint : NULL;
}
