/* The roles of an account: bits stored in users.roles. The SQL statements use the same numbers
 * through the ROLE_SQL_* texts, which are made from these macros, so that no bit is written
 * twice. */
#ifndef EP_ROLES_H
#define EP_ROLES_H

#define ROLE_EXPERT_BIT 1
#define ROLE_REVIEWER_BIT 2
#define ROLE_MANAGER_BIT 4
#define ROLE_SUPER_BIT 8
/* Every staff role (reviewer, manager, super-admin); checked against the bits below. */
#define ROLES_ADMIN_BITS 14

enum role {
	ROLE_EXPERT = ROLE_EXPERT_BIT,
	ROLE_REVIEWER = ROLE_REVIEWER_BIT,
	ROLE_MANAGER = ROLE_MANAGER_BIT,
	ROLE_SUPER = ROLE_SUPER_BIT,
};
/* The roles' names as the API writes them, in this order: X(bit, name) per role. */
#define ROLE_NAMES(X) \
	X(ROLE_EXPERT_BIT, "expert") X(ROLE_REVIEWER_BIT, "reviewer") \
	X(ROLE_MANAGER_BIT, "manager") X(ROLE_SUPER_BIT, "super")
#define ROLES_ADMIN (ROLE_REVIEWER | ROLE_MANAGER | ROLE_SUPER)
#define ROLES_ALL (ROLE_EXPERT | ROLES_ADMIN)
_Static_assert(ROLES_ADMIN_BITS == ROLES_ADMIN, "ROLES_ADMIN_BITS must be every staff role");

#define ROLE_STR_(x) #x
#define ROLE_STR(x) ROLE_STR_(x)
/* For SQL text: "(u.roles & " ROLE_SQL_ADMIN ")". */
#define ROLE_SQL_EXPERT ROLE_STR(ROLE_EXPERT_BIT)
#define ROLE_SQL_ADMIN ROLE_STR(ROLES_ADMIN_BITS)
/* The smallest roles value that holds a staff role: the lowest staff bit, which is above the
 * expert's ("u.roles >= " ROLE_SQL_ADMIN_MIN reads only the staff's index entries). */
#define ROLE_SQL_ADMIN_MIN ROLE_STR(ROLE_REVIEWER_BIT)
_Static_assert((ROLES_ADMIN & -ROLES_ADMIN) == ROLE_REVIEWER_BIT && ROLE_EXPERT_BIT < ROLE_REVIEWER_BIT,
               "ROLE_SQL_ADMIN_MIN must be the lowest staff bit, above the expert's");

#endif
