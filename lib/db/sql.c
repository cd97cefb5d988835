/* The statement table, built from every domain's list (lib/<domain>/sql.def, see sql.h). Statements
 * have ? placeholders only. Times are UTC (db.c sets the session zone). */
#include "core/roles.h"
#include "db/sql.h"
#include "db/sqltext.h"
#include "db/rows.h"
#include "pool/rows.def"
#include "draw/rows.def"
#include "account/rows.def"
#include "apply/rows.def"
#include "review/rows.def"
#include "audit/rows.def"

#define SQL_TEXTS       /* the .def files define their own text helpers in this pass */
#define STMT(id, in, out, text) [id] = { text, in, out },
#define PART(id, text)
const struct sql_stmt sql_stmts[SQL__MAX] = {
#include "http/sql.def"
#include "account/sql.def"
#include "sms/sql.def"
#include "files/sql.def"
#include "search/sql.def"
#include "apply/sql.def"
#include "review/sql.def"
#include "pool/sql.def"
#include "audit/sql.def"
#include "draw/sql.def"
};
#undef STMT
#undef PART

/* The pieces the admin lists assemble their statements from (lib/http/listing.c): a head, the
 * conditions of the filters in use joined by AND, an order. Each condition's ? in order. A
 * search's condition names {match}: the texts holding the search's grams, as listing.c puts them
 * together from PART_MATCH… (params: the grams after the first, the LIKE pattern if any, the
 * first gram); a page's rows part names {keys}: the page's keys (listing.h, query_page). */
#define STMT(id, in, out, text)
#define PART(id, text) [id] = text,
const char *const sql_part[PART__MAX] = {
#include "http/sql.def"
#include "account/sql.def"
#include "sms/sql.def"
#include "files/sql.def"
#include "search/sql.def"
#include "apply/sql.def"
#include "review/sql.def"
#include "pool/sql.def"
#include "audit/sql.def"
#include "draw/sql.def"
};
#undef STMT
#undef PART
