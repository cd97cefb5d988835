/* The generic part of input checking: presence, length, characters, then the validator. */
#include <string.h>
#include "http/reply.h"
#include "http/input.h"

static int has_control(const char *s, int multiline)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c < 0x20 && !(multiline && (c == '\n' || c == '\r' || c == '\t'))) || c == 0x7f)
			return 1;
	}
	return 0;
}

int input_check(struct request *r, const struct field *fields)
{
	for (const struct field *f = fields; f != NULL && f->name != NULL; f++) {
		const char *v = req_field(r, f->name);
		if (v != NULL && f->normalize != NULL) {
			struct kv *kv = (struct kv *)kv_find(&r->fields, f->name);
			kv->val = v = f->normalize(r->arena, v);
			kv->len = strlen(v);
		}
		size_t max = f->max_chars ? f->max_chars : 200;
		if (v == NULL) {
			if (f->flags & REQUIRED)
				field_error(r, f->name, arena_printf(r->arena, "请输入%s", f->label));
			continue;
		}
		const char *msg = NULL;
		if (utf8_chars(v) > max)
			msg = arena_printf(r->arena, "%s不能超过%zu个字符", f->label, max);
		else if (has_control(v, (f->flags & MULTILINE) != 0))
			msg = arena_printf(r->arena, "%s包含无效字符", f->label);
		else if (f->check != NULL)
			msg = f->check(v);
		if (msg != NULL)
			field_error(r, f->name, msg);
	}
	return !has_field_errors(r);
}
