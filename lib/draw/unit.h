/* The unit registry (单位库): organisations named once, by a name and its aliases (each under its
 * key, core/text.h org_name_key) and at most one 统一社会信用代码, so that conflicts of interest are
 * decided by identity. Managers add, rename, give aliases, and merge a duplicate into the unit it
 * repeats (the duplicate stays, pointing at the other). Each change runs in the caller's
 * transaction; the caller audits and commits it, or rolls back. */
#ifndef EP_UNIT_H
#define EP_UNIT_H
#include <cjson/cJSON.h>
#include "core/result.h"

#define UNIT_NAME_MAX 100       /* characters */
#define UNIT_ALIASES_MAX 20     /* aliases a unit may have */

/* {id,name,credit_code,merged_into,aliases,created_at,updated_at,version,names:[{id,name,alias}],
 * merged:[{id,name}]}, or NULL (none: *found 0, else a failure). */
cJSON *unit_json(long long id, int *found);
/* The live unit a free-text name or a credit code names (a merged one resolves to its target):
 * its id, 0 none, -1 a failure. */
long long unit_find(const char *name_or_code);

/* A credit code as stored: upper case ("" stays "": none). */
char *unit_code_of(const char *raw);

enum result unit_add(const char *name, const char *credit_code, struct outcome *out);
/* A new name and code (either may stay as it was; an empty code removes it). */
enum result unit_update(long long id, long long version, const char *name, const char *credit_code,
                        struct outcome *out);
enum result unit_alias_add(long long id, long long version, const char *name, struct outcome *out);
enum result unit_alias_remove(long long id, long long version, long long name_id, struct outcome *out);
/* `id` (the duplicate) into `into`: its names become the other's aliases, its code the other's
 * if that has none; two different codes are two organisations and are refused. */
enum result unit_merge(long long id, long long version, long long into, long long into_version,
                       struct outcome *out);

#endif
