/* Query parameters of the admin lists. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/arena.h"
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

const char *like_pattern(struct arena *a, const char *text)
{
	if (*text == '\0')
		return "";
	char *out = arena_alloc(a, 2 * strlen(text) + 3), *o = out;
	*o++ = '%';
	for (const char *t = text; *t; t++) {
		if (*t == '%' || *t == '_' || *t == '\\')
			*o++ = '\\';
		*o++ = *t;
	}
	*o++ = '%';
	return out;
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

void query_where(struct arena *a, struct list_query *q, enum sql_part cond, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	q->where = arena_printf(a, "%s %s %s", q->where ? q->where : "", q->where && *q->where ? "AND" : "WHERE",
	                        sql_part[cond]);
	for (const char *t = types; *t && q->n < LIST_MAX_PARAMS; t++) {
		struct db_param *p = &q->p[q->n++];
		memset(p, 0, sizeof *p);
		p->type = *t;
		if (*t == 'i') {
			p->i = va_arg(ap, long long);
		} else {
			p->p = va_arg(ap, const char *);
			p->len = strlen(p->p);
		}
	}
	va_end(ap);
}

int query_count(struct arena *a, const struct list_query *q, enum sql_part head, long long *total)
{
	enum sql_id id = db_statement(arena_printf(a, "%s%s", sql_part[head], q->where ? q->where : ""));
	if (db_exec_params(id, q->p, q->n) != 0)
		return -1;
	return db_fetch(id, "i", total) == 1 ? 0 : -1;
}

int query_rows(struct arena *a, const struct list_query *q, enum sql_part head, enum sql_part order,
               const struct page *page)
{
	struct db_param p[LIST_MAX_PARAMS + 2];
	memcpy(p, q->p, q->n * sizeof *p);
	size_t n = q->n;
	const char *where = q->where ? q->where : "";
	if (page == NULL) {
		enum sql_id id = db_statement(arena_printf(a, "%s%s %s", sql_part[head], where, sql_part[order]));
		return db_stream_params(id, p, n) == 0 ? (int)id : -1;
	}
	p[n++] = (struct db_param){ .type = 'i', .i = page->size };
	p[n++] = (struct db_param){ .type = 'i', .i = page->offset };
	enum sql_id id = db_statement(arena_printf(a, "%s%s %s LIMIT ? OFFSET ?", sql_part[head], where,
	                                           sql_part[order]));
	return db_exec_params(id, p, n) == 0 ? (int)id : -1;
}
