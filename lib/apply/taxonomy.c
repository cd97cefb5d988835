/* Taxonomy file parsing, loading and the API tree. */
#include <stdio.h>
#include <string.h>
#include "core/arena.h"
#include "db/db.h"
#include "core/log.h"
#include "http/form.h"
#include "apply/taxonomy.h"

int taxonomy_parse_line(char *line, struct taxonomy_line *out)
{
	size_t n = strlen(line);
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	if (n == 0 || line[0] == '#')
		return 0;
	char *f[4];
	int tabs = 0;
	for (char *p = line; *p; p++)
		tabs += *p == '\t';
	if (tabs != 3)
		return -1;
	f[0] = line;
	for (int k = 1; k < 4; k++) {
		char *tab = strchr(f[k - 1], '\t');
		*tab = '\0';
		f[k] = tab + 1;
	}
	for (int i = 0; i < 4; i++)
		if (*f[i] == '\0' || !utf8_valid(f[i], strlen(f[i])) || utf8_chars(f[i]) > 60)
			return -1;
	if (strcmp(f[2], "specialty") != 0 && strcmp(f[2], "direction") != 0)
		return -1;
	out->domain = f[0];
	out->group = f[1];
	out->kind = f[2];
	out->item = f[3];
	return 1;
}

/* The id of a node, inserted when missing. */
static long long node(long long parent, const char *kind, const char *name, long long *sort, int *added)
{
	long long id = 0;
	int rc = parent == 0 ? db_one(SQL_TAX_FIND_ROOT, "s", "i", name, &id)
	                     : db_one(SQL_TAX_FIND, "iss", "i", parent, kind, name, &id);
	if (rc < 0)
		return -1;
	if (rc == 1)
		return id;
	if (db_exec(SQL_TAX_INSERT, "issi", parent, kind, name, ++*sort) != 0)
		return -1;
	++*added;
	return (long long)db_insert_id(SQL_TAX_INSERT);
}

int taxonomy_load_file(const char *path)
{
	FILE *f = fopen(path, "r");
	if (f == NULL) {
		perror(path);
		return -1;
	}
	char line[1024];
	int lineno = 0, added = 0;
	long long sort = 0;
	if (db_begin() != 0 || db_one(SQL_TAX_MAX_SORT, "", "i", &sort) != 1)
		goto fail;
	while (fgets(line, sizeof line, f) != NULL) {
		struct taxonomy_line t;
		lineno++;
		int rc = taxonomy_parse_line(line, &t);
		if (rc == 0)
			continue;
		if (rc < 0) {
			log_error_msg("%s:%d: expected domain<TAB>group<TAB>specialty|direction<TAB>item\n", path, lineno);
			goto fail;
		}
		long long d = node(0, "domain", t.domain, &sort, &added);
		long long g = d > 0 ? node(d, "group", t.group, &sort, &added) : -1;
		if (g <= 0 || node(g, t.kind, t.item, &sort, &added) <= 0)
			goto fail;
	}
	fclose(f);
	return db_commit() == 0 ? added : -1;
fail:
	fclose(f);
	db_rollback();
	return -1;
}

static cJSON *find_id(cJSON *array, long long id)
{
	cJSON *it;
	cJSON_ArrayForEach(it, array)
		if ((long long)cJSON_GetNumberValue(cJSON_GetObjectItem(it, "id")) == id)
			return it;
	return NULL;
}

cJSON *taxonomy_tree(void)
{
	if (db_exec(SQL_TAX_ALL, "") != 0)
		return NULL;
	cJSON *domains = cJSON_CreateArray();
	cJSON *groups = cJSON_CreateArray();     /* every group, to find parents; not returned */
	long long id, parent;
	char *kind, *name;
	int rc;
	while ((rc = db_fetch(SQL_TAX_ALL, "iiss", &id, &parent, &kind, &name)) == 1) {
		cJSON *n = cJSON_CreateObject();
		cJSON_AddNumberToObject(n, "id", (double)id);
		cJSON_AddStringToObject(n, "name", name);
		if (strcmp(kind, "domain") == 0) {
			cJSON_AddArrayToObject(n, "groups");
			cJSON_AddItemToArray(domains, n);
			continue;
		}
		if (strcmp(kind, "group") == 0) {
			cJSON *d = find_id(domains, parent);
			if (d == NULL)
				continue;       /* under an inactive domain */
			cJSON_AddArrayToObject(n, "specialties");
			cJSON_AddArrayToObject(n, "directions");
			cJSON_AddItemToArray(cJSON_GetObjectItem(d, "groups"), n);
			cJSON *ref = cJSON_CreateObject();
			cJSON_AddNumberToObject(ref, "id", (double)id);
			cJSON_AddItemReferenceToObject(ref, "node", n);
			cJSON_AddStringToObject(ref, "path", arena_printf(arena_current, "%s / %s",
			                        cJSON_GetStringValue(cJSON_GetObjectItem(d, "name")), name));
			cJSON_AddItemToArray(groups, ref);
			continue;
		}
		cJSON *g = find_id(groups, parent);
		if (g == NULL)
			continue;
		cJSON *gn = cJSON_GetObjectItem(g, "node");
		cJSON_AddStringToObject(n, "path", arena_printf(arena_current, "%s / %s",
		                        cJSON_GetStringValue(cJSON_GetObjectItem(g, "path")), name));
		cJSON_AddItemToArray(cJSON_GetObjectItem(gn, strcmp(kind, "specialty") == 0 ? "specialties" : "directions"), n);
	}
	return rc < 0 ? NULL : domains;
}

static const cJSON *find_leaf(const cJSON *tree, long long id)
{
	const cJSON *d, *g, *leaf;
	cJSON_ArrayForEach(d, tree) {
		cJSON_ArrayForEach(g, cJSON_GetObjectItem(d, "groups")) {
			const char *lists[] = { "specialties", "directions" };
			for (int i = 0; i < 2; i++)
				cJSON_ArrayForEach(leaf, cJSON_GetObjectItem(g, lists[i]))
					if ((long long)cJSON_GetNumberValue(cJSON_GetObjectItem(leaf, "id")) == id)
						return leaf;
		}
	}
	return NULL;
}

const char *taxonomy_leaf_path(const cJSON *tree, long long id)
{
	return cJSON_GetStringValue(cJSON_GetObjectItem(find_leaf(tree, id), "path"));
}

const char *taxonomy_leaf_name(const cJSON *tree, long long id)
{
	return cJSON_GetStringValue(cJSON_GetObjectItem(find_leaf(tree, id), "name"));
}

int taxonomy_leaves_ok(const cJSON *ids)
{
	/* one query whatever the number of ids: the array itself is the parameter */
	char *text = cJSON_PrintUnformatted(ids);
	long long found = 0;
	if (text == NULL || db_one(SQL_TAX_LEAVES_COUNT, "s", "i", text, &found) != 1)
		return -1;
	return found == cJSON_GetArraySize(ids);
}
