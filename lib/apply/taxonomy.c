/* The domain/specialty tree: the data file and its loader, the tree as the pages see it, the
 * check of an application's choices, and the editor's changes with their rules. */
#include <stdio.h>
#include <string.h>
#include "core/arena.h"
#include "core/log.h"
#include "core/text.h"
#include "db/db.h"
#include "apply/taxonomy.h"

/* The kinds by level: a domain has no parent, a group's parent is a domain, a leaf's a group. */
enum { LEVEL_DOMAIN, LEVEL_GROUP, LEVEL_LEAF };

static int level_of(const char *kind)
{
	if (kind == NULL)
		return -1;
	if (strcmp(kind, "domain") == 0)
		return LEVEL_DOMAIN;
	if (strcmp(kind, "group") == 0)
		return LEVEL_GROUP;
	if (strcmp(kind, "specialty") == 0 || strcmp(kind, "direction") == 0)
		return LEVEL_LEAF;
	return -1;
}

/* The kind's name in the pages. */
static const char *kind_label(const char *kind)
{
	static const char *const labels[][2] = {
		{ "domain", "领域" }, { "group", "专业类别" }, { "specialty", "擅长专业" }, { "direction", "擅长方向" },
	};
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(kind, labels[i][0]) == 0)
			return labels[i][1];
	return "节点";
}

/* ---- the file ------------------------------------------------------------------------------- */

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
		if (*f[i] == '\0' || !utf8_valid(f[i], strlen(f[i])) || utf8_chars(f[i]) > TAX_NAME_MAX)
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
	long long sort = 0, edited = 0;
	if (db_begin() != 0 || db_one(SQL_TAX_EDITED, "", "i", &edited) != 1 ||
	    db_one(SQL_TAX_MAX_SORT, "", "i", &sort) != 1)
		goto fail;
	if (edited) {
		/* a renamed or moved node would come back under its old name: the editor wins */
		fclose(f);
		db_rollback();
		return -2;
	}
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

/* ---- the tree ------------------------------------------------------------------------------- */

/* A domain or group met while building: where its children go. */
struct inner {
	long long id;
	int retired;
	const char *path;
	cJSON *node;
};

/* Drops the active leaves, then the groups and domains left without any. */
static void keep_retired(cJSON *domains)
{
	static const char *const lists[] = { "specialties", "directions" };
	cJSON *d = domains->child;
	while (d != NULL) {
		cJSON *groups = cJSON_GetObjectItem(d, "groups"), *g = groups->child, *next_d = d->next;
		while (g != NULL) {
			cJSON *next_g = g->next;
			int left = 0;
			for (int i = 0; i < 2; i++) {
				cJSON *list = cJSON_GetObjectItem(g, lists[i]), *l = list->child;
				while (l != NULL) {
					cJSON *next_l = l->next;
					if (!cJSON_IsTrue(cJSON_GetObjectItem(l, "retired")))
						cJSON_Delete(cJSON_DetachItemViaPointer(list, l));
					else
						left++;
					l = next_l;
				}
			}
			if (left == 0)
				cJSON_Delete(cJSON_DetachItemViaPointer(groups, g));
			g = next_g;
		}
		if (groups->child == NULL)
			cJSON_Delete(cJSON_DetachItemViaPointer(domains, d));
		d = next_d;
	}
}

cJSON *taxonomy_tree(enum tax_view view)
{
	if (db_exec(SQL_TAX_ALL, "") != 0)
		return NULL;
	cJSON *domains = cJSON_CreateArray();
	size_t n = 0, cap = 64;
	struct inner *in = arena_alloc(arena_current, cap * sizeof *in);
	long long id, parent, active, version;
	char *kind, *name;
	int rc;
	while ((rc = db_fetch(SQL_TAX_ALL, "iissii", &id, &parent, &kind, &name, &active, &version)) == 1) {
		int level = level_of(kind);
		const struct inner *up = NULL;
		for (size_t i = 0; level > LEVEL_DOMAIN && i < n && up == NULL; i++)
			if (in[i].id == parent)
				up = &in[i];
		if (level < 0 || (level > LEVEL_DOMAIN && up == NULL))
			continue;       /* under a node not shown */
		int retired = !active || (up != NULL && up->retired);
		if (retired && view == TAX_CHOICES)
			continue;
		cJSON *o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "id", (double)id);
		cJSON_AddStringToObject(o, "name", name);
		if (view == TAX_EDIT) {
			cJSON_AddStringToObject(o, "kind", kind);
			cJSON_AddNumberToObject(o, "version", (double)version);
			cJSON_AddBoolToObject(o, "active", active != 0);
			cJSON_AddBoolToObject(o, "retired", retired);
		} else if (retired) {
			cJSON_AddBoolToObject(o, "retired", 1);
		}
		const char *path = up != NULL ? arena_printf(arena_current, "%s / %s", up->path, name) : name;
		if (level == LEVEL_LEAF) {
			cJSON_AddStringToObject(o, "path", path);
			cJSON_AddItemToArray(cJSON_GetObjectItem(up->node, strcmp(kind, "specialty") == 0
			                                         ? "specialties" : "directions"), o);
			continue;
		}
		if (level == LEVEL_DOMAIN) {
			cJSON_AddArrayToObject(o, "groups");
			cJSON_AddItemToArray(domains, o);
		} else {
			cJSON_AddArrayToObject(o, "specialties");
			cJSON_AddArrayToObject(o, "directions");
			cJSON_AddItemToArray(cJSON_GetObjectItem(up->node, "groups"), o);
		}
		if (n == cap) {
			struct inner *more = arena_alloc(arena_current, 2 * cap * sizeof *more);
			memcpy(more, in, cap * sizeof *in);
			in = more;
			cap *= 2;
		}
		in[n++] = (struct inner){ id, retired, path, o };
	}
	if (rc < 0)
		return NULL;
	if (view == TAX_RETIRED)
		keep_retired(domains);
	return domains;
}

const cJSON *taxonomy_leaf(const cJSON *tree, long long id)
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
	return cJSON_GetStringValue(cJSON_GetObjectItem(taxonomy_leaf(tree, id), "path"));
}

const char *taxonomy_leaf_name(const cJSON *tree, long long id)
{
	return cJSON_GetStringValue(cJSON_GetObjectItem(taxonomy_leaf(tree, id), "name"));
}

int taxonomy_leaves_check(const cJSON *ids, const char **why)
{
	/* one query whatever the number of ids: the array itself is the parameter */
	char *text = cJSON_PrintUnformatted(ids);
	if (text == NULL || db_exec(SQL_TAX_LEAVES_CHECK, "s", text) != 0)
		return -1;
	char *path;
	long long choosable;
	const char *retired = NULL;
	int unknown = 0, rc;
	while ((rc = db_fetch(SQL_TAX_LEAVES_CHECK, "si", &path, &choosable)) == 1) {
		if (*path == '\0')
			unknown = 1;
		else if (!choosable)
			retired = arena_printf(arena_current, "%s「%s」", retired ? retired : "", path);
	}
	if (rc < 0)
		return -1;
	const char *msg = retired != NULL ? arena_printf(arena_current, "%s已停用，不能再选择，请取消后重新选择", retired)
	                : unknown ? "所选专业或方向无效，请重新选择" : NULL;
	if (why != NULL)
		*why = msg;
	return msg == NULL;
}

/* ---- names ---------------------------------------------------------------------------------- */

const char *taxonomy_name(struct arena *a, const char *raw, const char **why)
{
	const char *name = text_name(a, raw, TAX_NAME_MAX, why);
	if (name != NULL && strstr(name, " / ") != NULL) {
		*why = "名称不能包含“ / ”（层级的分隔符）";
		return NULL;
	}
	return name;
}

/* ---- the editor ----------------------------------------------------------------------------- */

struct node {
	long long id, parent, version;
	int active, level;
	char *kind, *name;
};

/* Locks a node's row for the transaction: 1, 0 none, -1 failure. */
static int lock_node(long long id, struct node *n)
{
	long long active;
	int rc = id > 0 ? db_one(SQL_TAX_LOCK, "i", "iissii", id, &n->id, &n->parent, &n->kind, &n->name,
	                         &active, &n->version) : 0;
	if (rc == 1) {
		n->active = active != 0;
		n->level = level_of(n->kind);
	}
	return rc;
}

/* A node as the editor shows it: {id,parent_id,kind,name,path,active,retired,version}; NULL
 * on a failure. *retired (may be NULL) whether it or an ancestor is retired. */
static cJSON *node_json(long long id, int *retired)
{
	long long pid, active, version, gone;
	char *kind, *name, *path;
	if (db_one(SQL_TAX_NODE, "i", "iissiisi", id, &id, &pid, &kind, &name, &active, &version, &path, &gone) != 1)
		return NULL;
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "id", (double)id);
	cJSON_AddNumberToObject(o, "parent_id", (double)pid);
	cJSON_AddStringToObject(o, "kind", kind);
	cJSON_AddStringToObject(o, "name", name);
	cJSON_AddStringToObject(o, "path", path);
	cJSON_AddBoolToObject(o, "active", active != 0);
	cJSON_AddBoolToObject(o, "retired", gone != 0);
	cJSON_AddNumberToObject(o, "version", (double)version);
	if (retired != NULL)
		*retired = gone != 0;
	return o;
}

static const char *text_of(const cJSON *o, const char *key)
{
	return cJSON_GetStringValue(cJSON_GetObjectItem(o, key));
}

static enum result done(struct outcome *o, enum result s, const char *field, const char *message)
{
	o->status = s;
	o->field = field;
	o->message = message;
	return s;
}

/* Ends a change: the node as it is now in out->data, the summary's "after" from it. */
static enum result finish(struct outcome *o, long long id, cJSON *before)
{
	cJSON *now = node_json(id, NULL);
	if (now == NULL)
		return done(o, RES_FAILED, NULL, NULL);
	o->id = id;
	o->data = now;
	o->summary = cJSON_CreateObject();
	cJSON_AddStringToObject(o->summary, "kind", text_of(now, "kind"));
	if (before != NULL)
		cJSON_AddItemToObject(o->summary, "before", before);
	cJSON *after = cJSON_AddObjectToObject(o->summary, "after");
	static const char *const keys[] = { "parent_id", "name", "path", "active" };
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		cJSON_AddItemToObject(after, keys[i], cJSON_Duplicate(cJSON_GetObjectItem(now, keys[i]), 1));
	return done(o, RES_OK, NULL, NULL);
}

/* The name free among the siblings of `kind` under `parent` (0: the domains), `self` aside:
 * RES_OK, else RES_INVALID on `field` naming the sibling that holds it. */
static enum result name_free(long long parent, const char *kind, const char *name, long long self,
                                 const char *field, struct outcome *o)
{
	long long other, active;
	int rc = db_one(SQL_TAX_SIBLING, "issi", "ii", parent, kind, name, self, &other, &active);
	if (rc < 0)
		return done(o, RES_FAILED, NULL, NULL);
	if (rc == 0)
		return RES_OK;
	return done(o, RES_INVALID, field, arena_printf(arena_current,
	            active ? "同一级已有名为「%s」的%s" : "同一级已有名为「%s」的%s（已停用，可将其启用）",
	            name, kind_label(kind)));
}

/* A write refused by a unique key is a sibling of that name that came in meanwhile. */
static enum result write_failed(long long parent, const char *kind, const char *name, long long self,
                                    const char *field, struct outcome *o)
{
	if (db_failure() != DB_DUPLICATE)
		return done(o, RES_FAILED, NULL, NULL);
	enum result s = name_free(parent, kind, name, self, field, o);
	return s == RES_OK ? done(o, RES_INVALID, field, "同一级已有同名节点") : s;
}

/* Whether a node of `level` may hang under `parent` (locked): RES_OK or why not, on `field`. */
static enum result parent_fits(int level, const char *kind, const struct node *parent,
                                   const char *field, struct outcome *o)
{
	if (parent->level != level - 1)
		return done(o, RES_INVALID, field, arena_printf(arena_current, "%s只能放在%s之下", kind_label(kind),
		            level == LEVEL_GROUP ? "领域" : "专业类别"));
	int retired = 0;
	if (node_json(parent->id, &retired) == NULL)
		return done(o, RES_FAILED, NULL, NULL);
	if (retired)
		return done(o, RES_CONFLICT, field, arena_printf(arena_current, "「%s」已停用，不能在其下添加", parent->name));
	return RES_OK;
}

enum result taxonomy_add(long long parent_id, const char *kind, const char *raw, struct outcome *o)
{
	memset(o, 0, sizeof *o);
	int level = level_of(kind);
	if (level < 0)
		return done(o, RES_INVALID, "kind", "类型无效");
	const char *why = NULL, *name = taxonomy_name(arena_current, raw, &why);
	if (name == NULL)
		return done(o, RES_INVALID, "name", why);
	if (level == LEVEL_DOMAIN && parent_id != 0)
		return done(o, RES_INVALID, "parent_id", "领域是第一级，没有上级");
	if (level > LEVEL_DOMAIN) {
		struct node p;
		int rc = parent_id > 0 ? lock_node(parent_id, &p) : 0;
		if (rc < 0)
			return done(o, RES_FAILED, NULL, NULL);
		if (rc == 0)
			return done(o, RES_INVALID, "parent_id", parent_id > 0 ? "上级不存在" : "请选择上级");
		enum result s = parent_fits(level, kind, &p, "parent_id", o);
		if (s != RES_OK)
			return s;
	}
	long long sort = 0;
	enum result s = name_free(parent_id, kind, name, 0, "name", o);
	if (s != RES_OK)
		return s;
	if (db_one(SQL_TAX_NEXT_SORT, "is", "i", parent_id, kind, &sort) != 1)
		return done(o, RES_FAILED, NULL, NULL);
	if (db_exec(SQL_TAX_INSERT, "issi", parent_id, kind, name, sort) != 0)
		return write_failed(parent_id, kind, name, 0, "name", o);
	return finish(o, (long long)db_insert_id(SQL_TAX_INSERT), NULL);
}

/* Locks the node a change is about, at the version the caller saw: RES_OK, or the refusal. */
static enum result lock_seen(long long id, long long version, struct node *n, struct outcome *o)
{
	memset(o, 0, sizeof *o);
	int rc = lock_node(id, n);
	if (rc < 0)
		return done(o, RES_FAILED, NULL, NULL);
	if (rc == 0)
		return done(o, RES_NOT_FOUND, NULL, "没有这个节点");
	if (n->version != version)
		return done(o, RES_CONFLICT, NULL, "该节点已被他人修改，请刷新后重试");
	return RES_OK;
}

/* The summary's "before": the node's fields as locked. */
static cJSON *before_of(const struct node *n, const char *path)
{
	cJSON *b = cJSON_CreateObject();
	cJSON_AddNumberToObject(b, "parent_id", (double)n->parent);
	cJSON_AddStringToObject(b, "name", n->name);
	cJSON_AddStringToObject(b, "path", path);
	cJSON_AddBoolToObject(b, "active", n->active);
	return b;
}

/* The node's path now (before the change). */
static const char *path_now(long long id)
{
	cJSON *j = node_json(id, NULL);
	return j != NULL ? text_of(j, "path") : NULL;
}

enum result taxonomy_rename(long long id, long long version, const char *raw, struct outcome *o)
{
	struct node n;
	enum result s = lock_seen(id, version, &n, o);
	if (s != RES_OK)
		return s;
	const char *why = NULL, *name = taxonomy_name(arena_current, raw, &why), *path = path_now(id);
	if (name == NULL)
		return done(o, RES_INVALID, "name", why);
	if (path == NULL)
		return done(o, RES_FAILED, NULL, NULL);
	if (strcmp(name, n.name) == 0)
		return done(o, RES_INVALID, "name", "新名称与原名称相同");
	if ((s = name_free(n.parent, n.kind, name, id, "name", o)) != RES_OK)
		return s;
	if (db_exec(SQL_TAX_RENAME, "sii", name, id, version) != 0)
		return write_failed(n.parent, n.kind, name, id, "name", o);
	return finish(o, id, before_of(&n, path));
}

enum result taxonomy_move(long long id, long long version, long long parent_id, struct outcome *o)
{
	struct node n, p;
	enum result s = lock_seen(id, version, &n, o);
	if (s != RES_OK)
		return s;
	if (n.level == LEVEL_DOMAIN)
		return done(o, RES_INVALID, "parent_id", "领域是第一级，不能移动");
	if (parent_id == n.parent)
		return done(o, RES_INVALID, "parent_id", "已在该上级之下，请选择另一个");
	int rc = lock_node(parent_id, &p);
	if (rc < 0)
		return done(o, RES_FAILED, NULL, NULL);
	if (rc == 0)
		return done(o, RES_INVALID, "parent_id", "目标不存在");
	/* the kinds make a cycle impossible; walk up all the same, so no edit of those rules can
	 * ever hang a node below itself */
	struct node a = p;
	for (int hops = 0; a.id != 0; hops++) {
		if (a.id == id || hops > 8)
			return done(o, RES_INVALID, "parent_id", "不能移到自己或自己的下级之下");
		if (a.parent == 0)
			break;
		if ((rc = lock_node(a.parent, &a)) != 1)
			return done(o, rc < 0 ? RES_FAILED : RES_INVALID, "parent_id", "目标不存在");
	}
	if ((s = parent_fits(n.level, n.kind, &p, "parent_id", o)) != RES_OK)
		return s;
	const char *path = path_now(id);
	if (path == NULL)
		return done(o, RES_FAILED, NULL, NULL);
	if ((s = name_free(parent_id, n.kind, n.name, id, "parent_id", o)) != RES_OK)
		return s;
	long long sort = 0;
	if (db_one(SQL_TAX_NEXT_SORT, "is", "i", parent_id, n.kind, &sort) != 1)
		return done(o, RES_FAILED, NULL, NULL);
	if (db_exec(SQL_TAX_MOVE, "iiii", parent_id, sort, id, version) != 0)
		return write_failed(parent_id, n.kind, n.name, id, "parent_id", o);
	/* the filters of the pool and of the review queue index each leaf's ancestors */
	if (db_exec(SQL_TAX_EXPERTS_UNINDEX, "i", id) != 0 || db_exec(SQL_TAX_EXPERTS_REINDEX, "i", id) != 0 ||
	    db_exec(SQL_TAX_APPS_UNINDEX, "i", id) != 0 || db_exec(SQL_TAX_APPS_REINDEX, "i", id) != 0)
		return done(o, RES_FAILED, NULL, NULL);
	return finish(o, id, before_of(&n, path));
}

enum result taxonomy_set_active(long long id, long long version, int active, struct outcome *o)
{
	struct node n;
	enum result s = lock_seen(id, version, &n, o);
	if (s != RES_OK)
		return s;
	if (n.active == (active != 0))
		return done(o, RES_CONFLICT, NULL, active ? "该节点未停用" : "该节点已停用");
	const char *path = path_now(id);
	if (path == NULL || db_exec(SQL_TAX_SET_ACTIVE, "iii", (long long)(active != 0), id, version) != 0)
		return done(o, RES_FAILED, NULL, NULL);
	return finish(o, id, before_of(&n, path));
}

enum result taxonomy_reorder(const struct tax_place *order, size_t n, struct outcome *o)
{
	memset(o, 0, sizeof *o);
	if (n == 0)
		return done(o, RES_INVALID, "order", "请给出同一级的全部节点");
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < i; k++)
			if (order[k].id == order[i].id)
				return done(o, RES_INVALID, "order", "同一节点出现了两次");
	/* whose siblings: read, not locked — two orders locking different first nodes and then
	 * each other's would deadlock; the siblings' lock below is taken in one statement, in one
	 * order for everybody, and a node moved meanwhile is no longer among them */
	struct node first;
	long long active, retired;
	char *path;
	int rc = db_one(SQL_TAX_NODE, "i", "iissiisi", order[0].id, &first.id, &first.parent, &first.kind,
	                &first.name, &active, &first.version, &path, &retired);
	if (rc < 0)
		return done(o, RES_FAILED, NULL, NULL);
	if (rc == 0)
		return done(o, RES_INVALID, "order", "节点不存在");
	/* the siblings as they are now, locked: exactly these, each at the version seen */
	if (db_exec(SQL_TAX_SIBLINGS, "is", first.parent, first.kind) != 0)
		return done(o, RES_FAILED, NULL, NULL);
	cJSON *before = cJSON_CreateArray();
	size_t count = 0, matched = 0;
	long long id, version;
	while ((rc = db_fetch(SQL_TAX_SIBLINGS, "ii", &id, &version)) == 1) {
		cJSON_AddItemToArray(before, cJSON_CreateNumber((double)id));
		count++;
		for (size_t i = 0; i < n; i++)
			if (order[i].id == id && order[i].version == version)
				matched++;
	}
	if (rc < 0)
		return done(o, RES_FAILED, NULL, NULL);
	if (count != n || matched != n)
		return done(o, RES_CONFLICT, "order", "同一级的节点已被他人修改，请刷新后重试");
	cJSON *after = cJSON_CreateArray(), *nodes = cJSON_CreateArray();
	for (size_t i = 0; i < n; i++) {
		if (db_exec(SQL_TAX_SET_SORT, "iii", (long long)(i + 1), order[i].id, order[i].version) != 0)
			return done(o, RES_FAILED, NULL, NULL);
		cJSON_AddItemToArray(after, cJSON_CreateNumber((double)order[i].id));
		cJSON *x = cJSON_CreateObject();
		cJSON_AddNumberToObject(x, "id", (double)order[i].id);
		cJSON_AddNumberToObject(x, "version", (double)(order[i].version + 1));
		cJSON_AddItemToArray(nodes, x);
	}
	o->id = first.parent;
	o->data = nodes;
	o->summary = cJSON_CreateObject();
	cJSON_AddNumberToObject(o->summary, "parent_id", (double)first.parent);
	cJSON_AddStringToObject(o->summary, "kind", first.kind);
	cJSON_AddItemToObject(o->summary, "before", before);
	cJSON_AddItemToObject(o->summary, "after", after);
	return done(o, RES_OK, NULL, NULL);
}
