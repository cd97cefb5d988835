/* JSON request bodies: strict checks cJSON does not make (NUL escapes, repeated keys,
 * nesting, the number of items), and the top-level scalars as text fields. */
#ifndef EP_JSONBODY_H
#define EP_JSONBODY_H
#include <cjson/cJSON.h>
#include "http/form.h"

#define JSON_MAX_DEPTH 16
/* Members and elements in one body, at any depth: a hard bound whatever the route (each
 * route has its own, lower one: struct route's max_items). */
#define JSON_MAX_ITEMS 10000

/* Parses an object body. On success *root is the object and its top-level strings, numbers
 * and booleans are added to `fields` as text (null counts as absent). */
enum form_err jsonbody_parse(struct arena *a, const char *body, size_t len,
                             cJSON **root, struct kvlist *fields);
/* The members and elements of a parsed body, at any depth. */
size_t jsonbody_items(const cJSON *root);

#endif
