/* libFuzzer driver: the list query parameters — the query string as request_from_env parses
 * it (form_parse_urlencoded into query_args), then list_page, list_choice, list_int, list_text,
 * list_date, like_pattern and search_terms as the admin lists call them, and the conditions
 * assembled from them (query_where, query_match, query_any): what comes out is within its
 * bounds, and every ? has its parameter. */
#include "fuzz.h"
#include "http/reply.h"
#include "http/listing.h"

static const char *const sorts[] = { "-joined_at", "joined_at", "name", "expert_no", NULL };
static const char *const statuses[] = { "active", "suspended", "removed", NULL };

static size_t placeholders(const char *sql)
{
	size_t n = 0;
	for (; *sql; sql++)
		n += *sql == '?';
	return n;
}

/* like_pattern's escapes undone: the text between the two '%'. */
static int like_of(const char *pattern, const char *text)
{
	size_t n = strlen(pattern);
	if (*text == '\0')
		return n == 0;
	if (n < 2 || pattern[0] != '%' || pattern[n - 1] != '%')
		return 0;
	for (size_t i = 1; i < n - 1; i++, text++) {
		if (pattern[i] == '%' || pattern[i] == '_')
			return 0;       /* a wildcard not escaped */
		if (pattern[i] == '\\' && (++i == n - 1 || !strchr("%_\\", pattern[i])))
			return 0;
		if (pattern[i] != *text)
			return 0;
	}
	return *text == '\0';
}

static int plain(const char *s, size_t max_chars)
{
	for (const char *c = s; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			return 0;
	return utf8_valid(s, strlen(s)) && utf8_chars(s) <= max_chars;
}

/* list_choice's answer: `absent`, or the very string of the list that was asked for. */
static int chosen(const char *s, const char *const *list, const char *absent)
{
	while (*list != NULL && *list != s)
		list++;
	return s == absent || *list != NULL;
}

static int date_ok(const char *s)
{
	if (*s == '\0')
		return 1;
	int y, m, d;
	return strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d", &y, &m, &d) == 3 && y >= 1900 && y <= 2999 &&
	       m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	if (!ready) {
		fuzz_init();
		ready = 1;
	}
	struct request r = { .arena = &fuzz_arena };
	r.query = arena_strndup(&fuzz_arena, (const char *)data, size);
	if (form_parse_urlencoded(&fuzz_arena, r.query, strlen(r.query), &r.query_args) != FORM_OK)
		memset(&r.query_args, 0, sizeof r.query_args);
	struct page p;
	list_page(&r, &p);
	CHECK(p.page >= 1 && p.page <= 100000);
	CHECK(p.size == 10 || p.size == 20 || p.size == 50);
	CHECK(p.offset == (p.page - 1) * p.size);
	static const char by_default[] = "-joined_at";
	const char *sort = list_choice(&r, "sort", sorts, by_default);
	const char *status = list_choice(&r, "status", statuses, NULL);
	CHECK(chosen(sort, sorts, by_default) && chosen(status, statuses, NULL));
	CHECK(sort == by_default || strcmp(sort, req_arg(&r, "sort")) == 0);
	long long node = list_int(&r, "node", 1, 100000000, 0);
	long long age = list_int(&r, "age_min", 0, 150, -1);
	long long actor = list_int(&r, "actor", 1, 1LL << 53, 0);
	CHECK((node >= 1 && node <= 100000000) || node == 0);
	CHECK((age >= 0 && age <= 150) || age == -1);
	CHECK((actor >= 1 && actor <= 1LL << 53) || actor == 0);
	const char *q = list_text(&r, "q", 50), *employer = list_text(&r, "employer", 100);
	CHECK(plain(q, 50) && plain(employer, 100));
	const char *from = list_date(&r, "from"), *to = list_date(&r, "to");
	CHECK(date_ok(from) && date_ok(to));
	/* a value given and refused has its message; one taken as given has none */
	static const char *const names[] = { "page", "size", "sort", "status", "node", "age_min", "actor",
	                                     "q", "employer", "from", "to", NULL };
	for (const char *const *n = names; *n != NULL; n++) {
		const char *v = req_arg(&r, *n);
		if (v == NULL || *v == '\0')
			CHECK(!has_field_error(&r, *n));
	}
	CHECK(!has_field_error(&r, "q") || *q == '\0');
	CHECK(has_field_error(&r, "q") || strcmp(q, req_arg(&r, "q") ? req_arg(&r, "q") : "") == 0);
	const char *like = like_pattern(&fuzz_arena, q);
	CHECK(like_of(like, q));
	/* the conditions of the filters in use, as the expert list assembles them */
	struct list_query lq = {0};
	if (status != NULL)
		query_where(&fuzz_arena, &lq, PART_POOL_STATUS, "s", status);
	if (node > 0)
		query_where(&fuzz_arena, &lq, PART_POOL_NODE, "i", node);
	struct search_terms terms;
	if (search_terms(&fuzz_arena, employer, &terms) > 0)
		query_match(&fuzz_arena, &lq, PART_POOL_EMPLOYER_MATCH, &terms);
	if (age >= 0)
		query_where(&fuzz_arena, &lq, PART_POOL_AGE_MIN, "i", age);
	/* what a search looks for: 1 to SEARCH_MAX_GRAMS grams of one or two characters, none a
	 * space; the LIKE when more than two characters, escaped */
	int n = search_terms(&fuzz_arena, q, &terms);
	CHECK(n >= 0 && (size_t)n == terms.n && terms.n <= SEARCH_MAX_GRAMS);
	for (size_t i = 0; i < terms.n; i++)
		CHECK(*terms.grams[i] && utf8_chars(terms.grams[i]) <= 2 && !strchr(terms.grams[i], ' '));
	CHECK(terms.like == NULL || like_of(terms.like, search_normalize(&fuzz_arena, q)));
	CHECK(n > 0 || *search_normalize(&fuzz_arena, q) == '\0');
	if (n > 0) {
		query_any_match(&fuzz_arena, &lq, PART_POOL_NAME_MATCH, &terms);
		query_any(&fuzz_arena, &lq, PART_POOL_NO, "s", q);
	}
	if (*from)
		query_where(&fuzz_arena, &lq, PART_REVIEW_FROM, "s", from);
	if (*to)
		query_where(&fuzz_arena, &lq, PART_REVIEW_TO, "s", to);
	CHECK(lq.n <= LIST_MAX_PARAMS);
	CHECK(lq.where == NULL ? lq.n == 0 : placeholders(lq.where) == lq.n);
	for (size_t i = 0; i < lq.n; i++)
		CHECK(lq.p[i].type == 'i' || (lq.p[i].type == 's' && lq.p[i].len == strlen(lq.p[i].p)));
	CHECK(lq.nany == 0 || lq.nany == 2);
	for (size_t k = 0; k < lq.nany; k++) {
		CHECK(placeholders(lq.any[k]) == lq.anyn[k]);
		for (size_t i = 0; i < lq.anyn[k]; i++)
			CHECK(lq.anyp[k][i].type == 's' && lq.anyp[k][i].len == strlen(lq.anyp[k][i].p));
	}
	if (has_field_errors(&r)) {
		const cJSON *e;
		cJSON_ArrayForEach(e, r.field_errors)
			CHECK(cJSON_IsString(e) && text_ok(e->valuestring, strlen(e->valuestring)));
	}
	fuzz_done(size, 64);
	return 0;
}
