/* The application form (入库申请): its fields as a table, and the two checks on it —
 * the format of whatever is saved in a draft, and the completeness a submission needs. */
#ifndef EP_APPFORM_H
#define EP_APPFORM_H
#include <cjson/cJSON.h>
#include "core/arena.h"
#include "core/validate.h"

/* What the checks need to know beyond the form. */
struct appform_ctx {
	long long user_id;              /* files must be this user's */
	/* taxonomy check: 1 when every id of the array is a leaf that may be chosen; 0 not, with
	 * *why the message (or NULL for the general one); -1 failure */
	int (*leaves_ok)(const cJSON *ids, const char **why);
	int today_y, today_m, today_d;
	int provincial;                 /* the signed-scan steps exist */
	/* file look-up: 1 owned by user_id and of a fitting kind, 0 not, -1 failure */
	int (*file_ok)(long long user_id, long long file_id, const char *kind);
};

/* A context for a user's form: today's date, files must be theirs and of a fitting kind,
 * taxonomy ids leaves that may be chosen (not retired); the city style (set `provincial` for the other). */
struct appform_ctx *appform_context(struct arena *a, long long user_id);

/* The option lists of the form (also served by GET /api/apply/options). */
extern const char *const opt_id_types[], *const opt_genders[], *const opt_political[],
	*const opt_employment[], *const opt_honours[], *const opt_degrees[], *const opt_title_levels[],
	*const opt_entry_types[];
cJSON *opt_array(const char *const *list);
cJSON *opt_regions(void);                       /* from the configuration */
cJSON *appform_steps(int provincial);

/* Format check of a draft: messages by path ("education.0.from") added to `errors`, also for
 * every key the form does not define ("resolved", "work.0.note"). File ids
 * are looked up here (a stored file never changes owner, so a saved draft's files stay valid).
 * Returns the number of problems, or -1 on a database failure. */
int appform_check_format(const struct appform_ctx *ctx, const cJSON *data, cJSON *errors);
/* Completeness check: messages grouped by step into `missing` ({"basic":{…},"domains":{…}}),
 * every step of the style present. Returns the number of problems, or -1. */
int appform_check_complete(const struct appform_ctx *ctx, const cJSON *data, cJSON *missing);

/* The label of a form field (list NULL) or of a field of a list's entries ("education",
 * "school" → 毕业院校); NULL for a key the form does not have. */
const char *appform_label(const char *list, const char *key);
/* The most entries a list of the form may have ("work" → 20); 0 for a key that is no list. */
int appform_list_max(const char *key);
/* Whether that field holds the id of an uploaded file. */
int appform_is_file(const char *list, const char *key);

/* A non-empty string field of a form object, or NULL. */
const char *appform_text(const cJSON *o, const char *key);

/* The age today (China) from the form's birth date, or -1. */
int appform_age(const cJSON *data);

/* The mainland ID card type (the one with a check character and derived fields). */
#define ID_TYPE_MAINLAND "居民身份证"

/* The number of an identity document of type `type` (one of opt_id_types; NULL: not chosen
 * yet, any 5–20 letters or digits) by that type's format. A number of another type's format
 * that is a citizen identity number (an 18-character 居民身份证 number entered as a passport)
 * is refused with a message naming the type to choose. NULL when good, else the message; `out`
 * (may be NULL) gets the birth date and gender when the number holds them (year 0 if not). */
const char *appform_check_id_number(const char *type, const char *number, struct idcard *out);

#endif
