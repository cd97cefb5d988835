/* Rows as JSON by a column table (db/rows.h). */
#include <string.h>
#include "core/crypto.h"
#include "core/roles.h"
#include "db/rows.h"

#define MAX_COLUMNS 32

void roles_to_json(cJSON *array, unsigned roles)
{
#define ROLE_ENTRY_(bit, name) { bit, name },
	static const struct { unsigned bit; const char *name; } names[] = { ROLE_NAMES(ROLE_ENTRY_) };
#undef ROLE_ENTRY_
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (roles & names[i].bit)
			cJSON_AddItemToArray(array, cJSON_CreateString(names[i].name));
}

int db_row_json(struct arena *a, enum sql_id id, const struct column *cols, size_t n, cJSON **out)
{
	char fmt[MAX_COLUMNS + 1];
	struct db_value v[MAX_COLUMNS];
	if (n > MAX_COLUMNS)
		return -1;
	/* a named statement is read with its declared formats, which the table must agree with;
	 * a disagreement makes a format db_fetch_values refuses */
	const char *declared = (int)id < SQL__MAX ? sql_stmts[id].out : NULL;
	int agrees = declared == NULL || strlen(declared) == n;
	for (size_t i = 0; i < n; i++) {
		enum col_kind k = cols[i].kind;
		char want = k == COL_INT || k == COL_BOOL || k == COL_ID || k == COL_OPT || k == COL_ROLES ? 'i'
		          : k == COL_SEALED ? 'b' : 's';
		if (declared != NULL && agrees && k == COL_SKIP)
			want = declared[i];
		fmt[i] = declared == NULL || (agrees && declared[i] == want) ? want : '?';
	}
	fmt[n] = '\0';
	int rc = db_fetch_values(id, fmt, v);
	if (rc != 1)
		return rc;
	cJSON *o = cJSON_CreateObject();
	for (size_t i = 0; i < n; i++) {
		const struct column *c = &cols[i];
		switch (c->kind) {
		case COL_INT:
			cJSON_AddNumberToObject(o, c->key, (double)v[i].i);
			break;
		case COL_OPT:
			if (v[i].i >= 0)
				cJSON_AddNumberToObject(o, c->key, (double)v[i].i);
			else
				cJSON_AddNullToObject(o, c->key);
			break;
		case COL_SEALED: {
			const char *plain = v[i].s != NULL ? unseal(a, (const unsigned char *)v[i].s, v[i].len) : NULL;
			const char *s = plain != NULL && c->format != NULL ? c->format(a, plain) : plain;
			if (s == NULL)
				cJSON_AddNullToObject(o, c->key);
			else
				cJSON_AddStringToObject(o, c->key, s);
			break;
		}
		case COL_ID:
			if (v[i].i > 0)
				cJSON_AddNumberToObject(o, c->key, (double)v[i].i);
			else
				cJSON_AddNullToObject(o, c->key);
			break;
		case COL_BOOL:
			cJSON_AddBoolToObject(o, c->key, v[i].i != 0);
			break;
		case COL_JSON:
		case COL_OBJECT: {
			cJSON *j = v[i].s != NULL ? cJSON_Parse(v[i].s) : NULL;
			if (j == NULL)
				j = c->kind == COL_OBJECT ? cJSON_CreateObject() : cJSON_CreateNull();
			cJSON_AddItemToObject(o, c->key, j);
			break;
		}
		case COL_TEXT: {
			const char *s = v[i].s != NULL && c->format != NULL ? c->format(a, v[i].s) : v[i].s;
			if (s == NULL)
				cJSON_AddNullToObject(o, c->key);
			else
				cJSON_AddStringToObject(o, c->key, s);
			break;
		}
		case COL_ROLES:
			roles_to_json(cJSON_AddArrayToObject(o, c->key), (unsigned)v[i].i);
			break;
		case COL_SKIP:
			break;
		}
	}
	*out = o;
	return 1;
}

int db_rows_into(struct arena *a, enum sql_id id, const struct column *cols, size_t n, cJSON *list)
{
	cJSON *row;
	int rc;
	while ((rc = db_row_json(a, id, cols, n, &row)) == 1)
		cJSON_AddItemToArray(list, row);
	return rc < 0 ? -1 : 0;
}

cJSON *db_rows_json(struct arena *a, enum sql_id id, const struct column *cols, size_t n)
{
	cJSON *list = cJSON_CreateArray();
	if (db_rows_into(a, id, cols, n, list) != 0) {
		cJSON_Delete(list);
		return NULL;
	}
	return list;
}

int columns_sort_ok(const struct column *cols, size_t n, const char *sort)
{
	const char *key = sort != NULL && *sort == '-' ? sort + 1 : sort;
	for (size_t i = 0; key != NULL && i < n; i++)
		if (cols[i].kind != COL_SKIP && strcmp(cols[i].key, key) == 0)
			return 1;
	return 0;
}
