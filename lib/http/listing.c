/* Query parameters of the admin lists. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/arena.h"
#include "core/log.h"
#include "core/time.h"
#include "http/form.h"
#include "http/reply.h"
#include "http/listing.h"

static long long whole(const char *s, int *ok)
{
	char *end;
	long long v = strtoll(s, &end, 10);
	*ok = *s != '\0' && *end == '\0' && strlen(s) <= 12 && (*s == '-' || (*s >= '0' && *s <= '9'));
	return v;
}

long long list_int(struct request *r, const char *name, long long min, long long max, long long absent)
{
	const char *s = req_arg(r, name);
	if (s == NULL || *s == '\0')
		return absent;
	int ok;
	long long v = whole(s, &ok);
	if (!ok || v < min || v > max) {
		field_error(r, name, arena_printf(r->arena, "须为 %lld 到 %lld 之间的整数", min, max));
		return absent;
	}
	return v;
}

void list_page(struct request *r, struct page *p)
{
	p->page = list_int(r, "page", 1, 100000, 1);
	p->size = list_int(r, "size", 10, 50, 10);
	if (p->size != 10 && p->size != 20 && p->size != 50) {
		field_error(r, "size", "每页条数只能是 10、20 或 50");
		p->size = 10;
	}
	p->offset = (p->page - 1) * p->size;
}

const char *list_text(struct request *r, const char *name, size_t max_chars)
{
	const char *s = req_arg(r, name);
	if (s == NULL)
		return "";
	size_t chars = 0;
	for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
		if (*c < 0x20 || *c == 0x7f) {
			field_error(r, name, "含有不允许的字符");
			return "";
		}
		chars += (*c & 0xC0) != 0x80;
	}
	if (!utf8_valid(s, strlen(s)) || chars > max_chars) {
		field_error(r, name, arena_printf(r->arena, "不能超过 %zu 个字", max_chars));
		return "";
	}
	return s;
}

const char *list_date(struct request *r, const char *name)
{
	const char *s = req_arg(r, name);
	if (s == NULL || *s == '\0')
		return "";
	int y, m, d;
	if (!date_parse(s, 0, &y, &m, &d)) {
		field_error(r, name, "日期格式应为 YYYY-MM-DD");
		return "";
	}
	return s;
}

const char *list_choice(struct request *r, const char *name, const char *const *choices,
                        const char *absent)
{
	const char *s = req_arg(r, name);
	if (s == NULL || *s == '\0')
		return absent;
	for (const char *const *c = choices; *c != NULL; c++)
		if (strcmp(*c, s) == 0)
			return *c;
	field_error(r, name, "取值无效");
	return absent;
}

size_t list_sort(struct request *r, const struct sort *sorts)
{
	const char *s = req_arg(r, "sort");
	if (s == NULL || *s == '\0')
		return 0;
	for (size_t i = 0; sorts[i].name != NULL; i++)
		if (strcmp(sorts[i].name, s) == 0)
			return i;
	field_error(r, "sort", "取值无效");
	return 0;
}

int sort_check(const struct sort *sorts, const struct column *cols, size_t n)
{
	for (const struct sort *s = sorts; s->name != NULL; s++) {
		const char *key = s->name + (s->name[0] == '-');
		size_t i = 0;
		while (i < n && strcmp(cols[i].key, key) != 0)
			i++;
		if (i == n) {
			log_error_msg("sort %s names no column of the list's row", s->name);
			return -1;
		}
	}
	return 0;
}

cJSON *list_reply(long long total, const struct page *p, cJSON **items)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "total", (double)total);
	cJSON_AddNumberToObject(o, "page", (double)p->page);
	cJSON_AddNumberToObject(o, "size", (double)p->size);
	*items = cJSON_AddArrayToObject(o, "items");
	return o;
}

/* text with its first `name` ("{match}") replaced by with. */
static const char *fill(struct arena *a, const char *text, const char *name, const char *with)
{
	const char *at = strstr(text, name);
	if (at == NULL)
		return text;
	return arena_printf(a, "%.*s%s%s", (int)(at - text), text, with, at + strlen(name));
}

static void add_param(struct db_param *p, size_t *n, char type, const char *s, long long i)
{
	if (*n >= LIST_MAX_PARAMS)
		return;
	struct db_param *d = &p[(*n)++];
	memset(d, 0, sizeof *d);
	d->type = type;
	d->i = i;
	d->p = s;
	d->len = s ? strlen(s) : 0;
}

static void add_params(struct db_param *p, size_t *n, const char *types, va_list ap)
{
	for (const char *t = types; *t; t++)
		if (*t == 'i')
			add_param(p, n, 'i', NULL, va_arg(ap, long long));
		else
			add_param(p, n, 's', va_arg(ap, const char *), 0);
}

/* cond with {match}: the ids of the texts holding every gram (and LIKE the pattern), its
 * parameters added to p in the order of their ?. */
static const char *match(struct arena *a, enum sql_part cond, const struct search_terms *t,
                         struct db_param *p, size_t *n)
{
	static const enum sql_part joins[] = { PART_MATCH_GRAM1, PART_MATCH_GRAM2, PART_MATCH_GRAM3 };
	const char *sql = sql_part[PART_MATCH];
	for (size_t i = 1; i < t->n && i <= sizeof joins / sizeof joins[0]; i++) {
		sql = arena_printf(a, "%s %s", sql, sql_part[joins[i - 1]]);
		add_param(p, n, 's', t->grams[i], 0);
	}
	if (t->like != NULL) {
		sql = arena_printf(a, "%s %s", sql, sql_part[PART_MATCH_LIKE]);
		add_param(p, n, 's', t->like, 0);
	}
	sql = arena_printf(a, "%s %s", sql, sql_part[PART_MATCH_WHERE]);
	add_param(p, n, 's', t->grams[0], 0);
	return fill(a, sql_part[cond], "{match}", sql);
}

static void and(struct arena *a, struct list_query *q, const char *cond)
{
	q->where = arena_printf(a, "%s %s %s", q->where ? q->where : "", q->where && *q->where ? "AND" : "WHERE",
	                        cond);
}

void query_where(struct arena *a, struct list_query *q, enum sql_part cond, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	and(a, q, sql_part[cond]);
	add_params(q->p, &q->n, types, ap);
	va_end(ap);
}

void query_match(struct arena *a, struct list_query *q, enum sql_part cond, const struct search_terms *t)
{
	and(a, q, match(a, cond, t, q->p, &q->n));
}

void query_any(struct arena *a, struct list_query *q, enum sql_part cond, const char *types, ...)
{
	if (q->nany == LIST_MAX_ANY)
		return;
	va_list ap;
	va_start(ap, types);
	q->any[q->nany] = sql_part[cond];
	q->anyn[q->nany] = 0;
	add_params(q->anyp[q->nany], &q->anyn[q->nany], types, ap);
	q->nany++;
	va_end(ap);
}

void query_any_match(struct arena *a, struct list_query *q, enum sql_part cond, const struct search_terms *t)
{
	if (q->nany == LIST_MAX_ANY)
		return;
	q->anyn[q->nany] = 0;
	q->any[q->nany] = match(a, cond, t, q->anyp[q->nany], &q->anyn[q->nany]);
	q->nany++;
}

/* The statement's parameters so far, and room for two more (a page's LIMIT and OFFSET). */
struct params {
	struct db_param p[2 * LIST_MAX_PARAMS + 2];
	size_t n;
};

static void append(struct params *to, const struct db_param *p, size_t n)
{
	for (size_t i = 0; i < n && to->n < sizeof to->p / sizeof to->p[0]; i++)
		to->p[to->n++] = p[i];
}

/* head + conditions, or the UNION over the alternatives of head + conditions + the alternative;
 * the parameters appended to out. (Branches made disjoint instead, with "AND NOT" the
 * alternatives before, would spare the UNION's duplicate removal, but the server then probes the
 * other search for every row of a branch: slower.) */
static const char *branches(struct arena *a, const struct list_query *q, const char *head, const char *join,
                            struct params *out)
{
	const char *where = q->where ? q->where : "";
	if (q->nany == 0) {
		append(out, q->p, q->n);
		return arena_printf(a, "%s%s", head, where);
	}
	const char *sql = "";
	for (size_t i = 0; i < q->nany; i++) {
		sql = arena_printf(a, "%s%s%s%s %s %s", sql, i ? join : "", head, where,
		                   *where ? "AND" : "WHERE", q->any[i]);
		append(out, q->p, q->n);
		append(out, q->anyp[i], q->anyn[i]);
	}
	return sql;
}

static int run(enum sql_id id, const struct params *p, int stream)
{
	return (stream ? db_stream_params(id, p->p, p->n) : db_exec_params(id, p->p, p->n)) == 0 ? (int)id : -1;
}

int query_count(struct arena *a, const struct list_query *q, enum sql_part head, enum sql_part ids,
                long long *total)
{
	struct params p = { .n = 0 };
	const char *sql = q->nany == 0 ? branches(a, q, sql_part[head], " UNION ", &p)
	                               : arena_printf(a, "SELECT COUNT(*) FROM (%s) m", branches(a, q, sql_part[ids], " UNION ", &p));
	int id = run(db_statement(sql), &p, 0);
	return id >= 0 && db_fetch((enum sql_id)id, "i", total) == 1 ? 0 : -1;
}

int query_sum(struct arena *a, const struct list_query *q, enum sql_part head, long long *total)
{
	struct params p = { .n = 0 };
	const char *sql = arena_printf(a, "SELECT CAST(IFNULL(SUM(s.n), 0) AS SIGNED) FROM (%s) s",
	                               branches(a, q, sql_part[head], " UNION ALL ", &p));
	int id = run(db_statement(sql), &p, 0);
	return id >= 0 && db_fetch((enum sql_id)id, "i", total) == 1 ? 0 : -1;
}

/* The order that reads the same keys from the other end. */
static enum sql_part reverse(enum sql_part order)
{
	switch (order) {
	case PART_KEYS_ASC: return PART_KEYS_DESC;
	case PART_KEYS_DESC: return PART_KEYS_ASC;
	case PART_KEY_ASC: return PART_KEY_DESC;
	case PART_KEY_DESC: return PART_KEY_ASC;
	default: return order;
	}
}

int query_page(struct arena *a, const struct list_query *q, enum sql_part rows, enum sql_part keys,
               enum sql_part order, const struct page *page, long long total)
{
	/* (a LIMIT in each branch would make the server read it in the order's index, as if the
	 * search matched everywhere: a name's few matches would cost every row) */
	struct params p = { .n = 0 };
	long long limit = page->size, offset = page->offset;
	enum sql_part inner_order = order;
	if (offset < total && offset > total / 2 && reverse(order) != order) {
		limit = total - offset < limit ? total - offset : limit;
		offset = total - offset - limit;
		inner_order = reverse(order);
	}
	const char *inner = arena_printf(a, "%s %s LIMIT ? OFFSET ?", branches(a, q, sql_part[keys], " UNION ", &p),
	                                 sql_part[inner_order]);
	append(&p, (struct db_param[]){ { .type = 'i', .i = limit }, { .type = 'i', .i = offset } }, 2);
	const char *sql = arena_printf(a, "%s %s", fill(a, sql_part[rows], "{keys}", inner), sql_part[order]);
	return run(db_statement(sql), &p, 0);
}

int query_stream(struct arena *a, const struct list_query *q, enum sql_part head, enum sql_part ids,
                 enum sql_part in_ids, enum sql_part order)
{
	struct params p = { .n = 0 };
	const char *sql = q->nany == 0
		? branches(a, q, sql_part[head], " UNION ", &p)
		: arena_printf(a, "%s WHERE %s", sql_part[head],
		               fill(a, sql_part[in_ids], "{ids}", branches(a, q, sql_part[ids], " UNION ", &p)));
	return run(db_statement(arena_printf(a, "%s %s", sql, sql_part[order])), &p, 1);
}
