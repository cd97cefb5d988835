/* hello: the benchmark baseline. The same run loop as every program, no database. */
#include "ep.h"

static void hello(struct request *r)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "hello", "world");
	reply_json(r, 200, o);
}

static const struct route routes[] = {
	{ M_GET, "/", hello, PUBLIC, 0, NULL, 0 },
};

int main(void)
{
	return RUN(routes);
}
