/* The search dictionary: texts with their grams, and the rebuild of every row's text ids. */
#include <string.h>
#include <cjson/cJSON.h>
#include "core/arena.h"
#include "core/text.h"
#include "db/db.h"
#include "search/search.h"

/* [gram, text id] pairs of one normalized text, added to pairs. */
static size_t add_grams(cJSON *pairs, const char *norm, long long id)
{
	size_t n;
	const char **grams = search_grams(arena_current, norm, 0, &n);
	for (size_t i = 0; i < n; i++) {
		cJSON *pair = cJSON_CreateArray();
		cJSON_AddItemToArray(pair, cJSON_CreateString(grams[i]));
		cJSON_AddItemToArray(pair, cJSON_CreateNumber((double)id));
		cJSON_AddItemToArray(pairs, pair);
	}
	return n;
}

/* Adds a normalized text that was not there, with its grams; *id gets its id. 0, or -1. */
static int add_text(const char *norm, long long *id)
{
	if (db_exec(SQL_SEARCH_TEXT_ADD, "s", norm) != 0) {
		/* added meanwhile by another transaction, committed now (READ COMMITTED sees it) */
		if (db_failure() != DB_DUPLICATE)
			return -1;
		return db_one(SQL_SEARCH_TEXT_ID, "s", "i", norm, id) == 1 ? 0 : -1;
	}
	*id = (long long)db_insert_id(SQL_SEARCH_TEXT_ADD);
	cJSON *pairs = cJSON_CreateArray();
	add_grams(pairs, norm, *id);
	return db_exec(SQL_SEARCH_GRAMS_ADD, "s", cJSON_PrintUnformatted(pairs));
}

int search_texts(const char *const *raw, long long *ids, int n)
{
	const char *norm[2] = { "", "" };
	int own = 0, rc = 0;
	for (int i = 0; i < n && i < 2 && rc == 0; i++) {
		ids[i] = 0;
		norm[i] = raw[i] != NULL ? search_normalize(arena_current, raw[i]) : "";
		if (*norm[i] == '\0')
			continue;
		if (i == 1 && strcmp(norm[1], norm[0]) == 0) {
			ids[1] = ids[0];
			continue;
		}
		int found = db_one(SQL_SEARCH_TEXT_ID, "s", "i", norm[i], &ids[i]);
		if (found == 0 && !db_in_transaction()) {
			if (db_begin() != 0)
				return -1;
			own = 1;
		}
		if (found < 0 || (found == 0 && add_text(norm[i], &ids[i]) != 0))
			rc = -1;
	}
	if (own && (rc != 0 || db_commit() != 0)) {
		db_rollback();
		return -1;
	}
	return rc;
}

/* ---- the rebuild ---------------------------------------------------------------------------- */

#define BATCH 2000

struct owner {
	long long id, version, name_sid, employer_sid;
	char *name, *employer;
};

/* The texts met so far in the rebuild (normalized text → id): the same names and employers
 * recur in many rows, and each is looked up once. Open addressing, grown at half full. */
static struct known {
	struct arena arena;
	char **keys;
	long long *ids;
	size_t size, used;
} known;

static size_t known_slot(const char *key)
{
	size_t h = 14695981039346656037u;
	for (const unsigned char *c = (const unsigned char *)key; *c; c++)
		h = (h ^ *c) * 1099511628211u;
	size_t i = h & (known.size - 1);
	while (known.keys[i] != NULL && strcmp(known.keys[i], key) != 0)
		i = (i + 1) & (known.size - 1);
	return i;
}

static void known_add(const char *key, long long id)
{
	if (2 * (known.used + 1) > known.size) {
		struct known old = known;
		known.size = old.size ? 2 * old.size : 4096;
		known.keys = arena_alloc(&known.arena, known.size * sizeof *known.keys);
		known.ids = arena_alloc(&known.arena, known.size * sizeof *known.ids);
		known.used = 0;
		for (size_t i = 0; i < old.size; i++)
			if (old.keys[i] != NULL)
				known_add(old.keys[i], old.ids[i]);
	}
	size_t i = known_slot(key);
	if (known.keys[i] == NULL) {
		known.keys[i] = arena_strdup(&known.arena, key);
		known.used++;
	}
	known.ids[i] = id;
}

/* The ids of a row's name and employer, through the texts met so far. */
static int known_texts(const char *const *raw, long long *ids)
{
	const char *norm[2];
	int missing = 0;
	for (int i = 0; i < 2; i++) {
		norm[i] = search_normalize(arena_current, raw[i] ? raw[i] : "");
		size_t slot = known.size ? known_slot(norm[i]) : 0;
		if (*norm[i] == '\0')
			ids[i] = 0;
		else if (known.size && known.keys[slot] != NULL)
			ids[i] = known.ids[slot];
		else
			missing = 1;
	}
	if (!missing)
		return 0;
	if (search_texts(raw, ids, 2) != 0)
		return -1;
	for (int i = 0; i < 2; i++)
		if (ids[i] != 0)
			known_add(norm[i], ids[i]);
	return 0;
}

/* One batch of a table's rows after `*last`: their text ids set where they changed; 0 when no
 * rows were left, 1 after a batch, -1 on failure. */
static int reindex_batch(enum sql_id read, enum sql_id set, enum sql_id facts, long long *last,
                         struct search_reindex *out)
{
	static struct owner rows[BATCH];
	size_t n = 0;
	if (db_exec(read, "ii", *last, (long long)BATCH) != 0)
		return -1;
	struct owner o;
	int rc;
	while ((rc = db_fetch(read, "iissii", &o.id, &o.version, &o.name, &o.employer, &o.name_sid,
	                      &o.employer_sid)) == 1)
		if (n < BATCH)
			rows[n++] = o;
	if (rc < 0)
		return -1;
	if (n == 0)
		return 0;
	*last = rows[n - 1].id;
	if (db_begin() != 0)
		return -1;
	cJSON *changed = cJSON_CreateArray();
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		const char *raw[2] = { rows[i].name, rows[i].employer };
		long long ids[2];
		if (known_texts(raw, ids) != 0) {
			db_rollback();
			return -1;
		}
		if (ids[0] == rows[i].name_sid && ids[1] == rows[i].employer_sid)
			continue;
		cJSON *row = cJSON_CreateArray();
		cJSON_AddItemToArray(row, cJSON_CreateNumber((double)rows[i].id));
		cJSON_AddItemToArray(row, cJSON_CreateNumber((double)rows[i].version));
		cJSON_AddItemToArray(row, cJSON_CreateNumber((double)ids[0]));
		cJSON_AddItemToArray(row, cJSON_CreateNumber((double)ids[1]));
		cJSON_AddItemToArray(changed, row);
		k++;
	}
	/* the node index's copies of the text ids follow (SQL_EXPERT_TAX_FACTS, SQL_APP_TAX_FACTS) */
	if ((k > 0 && (db_exec(set, "s", cJSON_PrintUnformatted(changed)) != 0 ||
	               db_exec(facts, "ii", rows[0].id, rows[n - 1].id) != 0)) || db_commit() != 0) {
		db_rollback();
		return -1;
	}
	out->rows += (long long)n;
	out->changed += k > 0 ? (long long)db_affected(set) : 0;
	return 1;
}

/* Each batch's memory goes before the next. */
static int batches(int (*step)(void *, struct search_reindex *), void *arg, struct search_reindex *out)
{
	struct arena batch = { 0 }, *outer = arena_current;
	int rc;
	arena_current = &batch;
	while ((rc = step(arg, out)) == 1)
		arena_reset(&batch);
	arena_current = outer;
	arena_free(&batch);
	return rc;
}

struct table { enum sql_id read, set, facts; long long last; };

static int owners_step(void *arg, struct search_reindex *out)
{
	struct table *t = arg;
	return reindex_batch(t->read, t->set, t->facts, &t->last, out);
}

static int unused_step(void *arg, struct search_reindex *out)
{
	long long *last = arg, ids[BATCH], id;
	size_t n = 0;
	int rc;
	if (db_exec(SQL_SEARCH_UNUSED, "i", *last) != 0)
		return -1;
	while ((rc = db_fetch(SQL_SEARCH_UNUSED, "i", &id)) == 1)
		if (n < BATCH)
			ids[n++] = id;
	if (rc < 0)
		return -1;
	if (n == 0)
		return 0;
	*last = ids[n - 1];
	for (size_t i = 0; i < n; i++) {
		if (db_exec(SQL_SEARCH_TEXT_DROP, "i", ids[i]) != 0)
			return -1;
		out->dropped += (long long)db_affected(SQL_SEARCH_TEXT_DROP);
	}
	return 1;
}

static int grams_step(void *arg, struct search_reindex *out)
{
	long long *last = arg, id;
	char *text;
	size_t n = 0;
	int rc;
	if (db_exec(SQL_SEARCH_TEXTS, "ii", *last, (long long)BATCH) != 0)
		return -1;
	/* the grams of exactly the texts read (not of an id range: a text added meanwhile keeps its own) */
	cJSON *pairs = cJSON_CreateArray(), *ids = cJSON_CreateArray();
	long long grams = 0;
	while ((rc = db_fetch(SQL_SEARCH_TEXTS, "is", &id, &text)) == 1) {
		n++;
		*last = id;
		cJSON_AddItemToArray(ids, cJSON_CreateNumber((double)id));
		grams += (long long)add_grams(pairs, text, id);
	}
	if (rc < 0)
		return -1;
	if (n == 0)
		return 0;
	if (db_begin() != 0 || db_exec(SQL_SEARCH_GRAMS_CLEAR, "s", cJSON_PrintUnformatted(ids)) != 0 ||
	    db_exec(SQL_SEARCH_GRAMS_ADD, "s", cJSON_PrintUnformatted(pairs)) != 0 || db_commit() != 0) {
		db_rollback();
		return -1;
	}
	out->texts += (long long)n;
	out->grams += grams;
	return 1;
}

int search_reindex(struct search_reindex *out)
{
	memset(out, 0, sizeof *out);
	struct table experts = { SQL_SEARCH_EXPERTS, SQL_SEARCH_SET_EXPERTS, SQL_EXPERT_TAX_FACTS, 0 };
	struct table apps = { SQL_SEARCH_APPS, SQL_SEARCH_SET_APPS, SQL_APP_TAX_FACTS, 0 };
	long long unused = 0, texts = 0;
	int rc = batches(owners_step, &experts, out) == 0 && batches(owners_step, &apps, out) == 0 &&
	         batches(unused_step, &unused, out) == 0 && batches(grams_step, &texts, out) == 0 ? 0 : -1;
	arena_free(&known.arena);
	memset(&known, 0, sizeof known);
	return rc;
}
