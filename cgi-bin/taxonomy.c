/* taxonomy: the managers' editor of the domain/specialty tree (领域专业) — add, rename, move,
 * reorder, retire and restore nodes; every change audited. The rules are the domain's
 * (lib/apply/taxonomy.c); this program turns its results into replies. */
#include <stdlib.h>
#include <string.h>
#include "ep.h"
#include "replies.h"
#include "apply/taxonomy.h"

/* Who keeps the tree: the managers (专家库管理员) and the super-admin. */
#define EDITORS (ROLE_MANAGER | ROLE_SUPER)
/* The most siblings an order may name (the shipped tree's largest group has a few dozen). */
#define ORDER_MAX 500

/* A change's end: audited as `action` on the node, committed, replied `status` with {key}. */
static void finish(struct request *r, struct outcome *res, const char *action, int status,
                   const char *key)
{
	reply_outcome(r, res, action, "taxonomy", status, key);
}

/* A parent_id field: 0 (or absent) for none. */
static long long field_id(struct request *r, const char *name)
{
	const char *v = req_field(r, name);
	return v != NULL ? strtoll(v, NULL, 10) : 0;
}

static int begun(struct request *r)
{
	if (db_begin() == 0)
		return 1;
	reply_db_error(r);
	return 0;
}

/* GET / */
static void tax_get(struct request *r)
{
	cJSON *tree = taxonomy_tree(TAX_EDIT);
	if (tree == NULL) {
		reply_db_error(r);
		return;
	}
	cJSON *o = cJSON_CreateObject();
	cJSON_AddItemToObject(o, "taxonomy", tree);
	reply_json(r, 200, o);
}

/* POST /nodes {parent_id, kind, name} */
static void tax_add(struct request *r)
{
	struct outcome res;
	if (!begun(r))
		return;
	taxonomy_add(field_id(r, "parent_id"), req_field(r, "kind"), req_field(r, "name"), &res);
	finish(r, &res, "taxonomy.add", 201, "node");
}

/* POST /nodes/<id>/rename {version, name} */
static void tax_rename(struct request *r)
{
	struct outcome res;
	if (!begun(r))
		return;
	taxonomy_rename(r->ids[0], req_version(r), req_field(r, "name"), &res);
	finish(r, &res, "taxonomy.rename", 200, "node");
}

/* POST /nodes/<id>/move {version, parent_id} */
static void tax_move(struct request *r)
{
	struct outcome res;
	if (!begun(r))
		return;
	taxonomy_move(r->ids[0], req_version(r), field_id(r, "parent_id"), &res);
	finish(r, &res, "taxonomy.move", 200, "node");
}

/* POST /nodes/<id>/retire and /restore {version} */
static void set_active(struct request *r, int active)
{
	struct outcome res;
	if (!begun(r))
		return;
	taxonomy_set_active(r->ids[0], req_version(r), active, &res);
	finish(r, &res, active ? "taxonomy.restore" : "taxonomy.retire", 200, "node");
}

static void tax_retire(struct request *r) { set_active(r, 0); }
static void tax_restore(struct request *r) { set_active(r, 1); }

/* A whole number within [min, max] as a JSON number, into *out. */
static int whole(const cJSON *v, double min, double max, long long *out)
{
	if (!cJSON_IsNumber(v) || v->valuedouble < min || v->valuedouble > max ||
	    v->valuedouble != (double)(long long)v->valuedouble)
		return 0;
	*out = (long long)v->valuedouble;
	return 1;
}

/* The body's order as places (their number in *n); NULL, with a message on the field, when it
 * is not a list of 1 to ORDER_MAX {id, version}. */
static struct tax_place *places(struct request *r, size_t *n)
{
	const cJSON *list = r->json ? cJSON_GetObjectItem(r->json, "order") : NULL, *e;
	int count = cJSON_GetArraySize(list);
	if (!cJSON_IsArray(list) || count == 0 || count > ORDER_MAX) {
		field_error(r, "order", count > ORDER_MAX ? "节点过多" : "请按新的顺序给出同一级的全部节点");
		return NULL;
	}
	struct tax_place *order = arena_alloc(r->arena, (size_t)count * sizeof *order);
	size_t i = 0;
	cJSON_ArrayForEach(e, list) {
		if (!cJSON_IsObject(e) || cJSON_GetArraySize(e) != 2 ||
		    !whole(cJSON_GetObjectItem(e, "id"), 1, 4294967295.0, &order[i].id) ||
		    !whole(cJSON_GetObjectItem(e, "version"), 0, 4294967295.0, &order[i].version)) {
			field_error(r, "order", "每一项应为 {id, version}");
			return NULL;
		}
		i++;
	}
	*n = i;
	return order;
}

/* The route's input check: the order's shape (the loop replies 422 when it is wrong). */
static void order_check(struct request *r)
{
	size_t n;
	places(r, &n);
}

/* POST /order {order: [{id, version}, …]}: every sibling of one parent and kind, in its new order */
static void tax_order(struct request *r)
{
	size_t n = 0;
	struct tax_place *order = places(r, &n);       /* checked by order_check: never NULL here */
	struct outcome res;
	if (order == NULL) {
		reply_field_errors(r);
		return;
	}
	if (!begun(r))
		return;
	taxonomy_reorder(order, n, &res);
	finish(r, &res, "taxonomy.reorder", 200, "nodes");
}

/* A node id in the body: digits (0 for none). */
static const char *check_node_id(const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return "节点编号无效";
	return n >= 1 && n <= 10 ? NULL : "节点编号无效";
}

static const struct field add_fields[] = {
	{ "parent_id", "上级", 0, 10, check_node_id },
	{ "kind", "类型", REQUIRED, 10, NULL },
	{ "name", "名称", REQUIRED, 100, NULL },
	FIELD_END
};
static const struct field rename_fields[] = {
	{ "version", "版本", REQUIRED, 10, check_version },
	{ "name", "名称", REQUIRED, 100, NULL },
	FIELD_END
};
static const struct field move_fields[] = {
	{ "version", "版本", REQUIRED, 10, check_version },
	{ "parent_id", "目标", REQUIRED, 10, check_node_id },
	FIELD_END
};
static const struct field version_fields[] = {
	{ "version", "版本", REQUIRED, 10, check_version },
	FIELD_END
};

static const struct route routes[] = {
	{ M_GET, "/", tax_get, EDITORS, 0, NULL, 0 },
	{ M_POST, "/nodes", tax_add, EDITORS, KB(4), add_fields, 0 },
	{ M_POST, "/nodes/#/rename", tax_rename, EDITORS, KB(4), rename_fields, 0 },
	{ M_POST, "/nodes/#/move", tax_move, EDITORS, KB(4), move_fields, 0 },
	{ M_POST, "/nodes/#/retire", tax_retire, EDITORS, KB(4), version_fields, 0 },
	{ M_POST, "/nodes/#/restore", tax_restore, EDITORS, KB(4), version_fields, 0 },
	/* every entry {id, version} is three items */
	{ M_POST, "/order", tax_order, EDITORS, KB(32), NULL, 0, order_check, 3 * ORDER_MAX + 2, NULL },
};

int main(void)
{
	return RUN(routes);
}
