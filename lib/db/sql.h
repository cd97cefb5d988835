/* Every SQL statement the suite runs, by name. Each domain declares its own in lib/<domain>/sql.def:
 *   STMT(SQL_NAME, "in", "out", "SELECT … ?")   parameter formats, result formats (db.h), text
 *   PART(PART_NAME, "…")                        a piece of an assembled list statement (listing.h)
 * To add a statement: one STMT line in its domain's sql.def (a new domain's .def is included
 * below and in sql.c). db.c refuses a call whose formats differ from the declared ones, and a
 * statement whose declaration does not match the server's parameters and columns. The .def
 * files hold data only (no #include), so db/ may read them (tests/layers.sh allows exactly this). */
#ifndef EP_SQL_H
#define EP_SQL_H

#define STMT(id, in, out, text) id,
#define PART(id, text)
enum sql_id {
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
	SQL__MAX
};
#undef STMT
#undef PART

/* A statement's text and its declared formats. */
struct sql_stmt {
	const char *text;
	const char *in;         /* parameter formats: one letter per ? */
	const char *out;        /* result formats: one letter per column, "" for none */
};
extern const struct sql_stmt sql_stmts[SQL__MAX];

/* Pieces of the statements the admin lists assemble for the filters in use (listing.h). */
#define STMT(id, in, out, text)
#define PART(id, text) id,
enum sql_part {
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
	PART__MAX
};
#undef STMT
#undef PART
extern const char *const sql_part[PART__MAX];

#endif
