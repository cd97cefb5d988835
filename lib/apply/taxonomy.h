/* The domain/specialty tree: the data file's format, loading it, the tree as the pages show it,
 * the check of an application's choices, and the editor's changes with their rules. Items are
 * identified by id (their place), never by their words. A node is retired when it or one of
 * its ancestors is: it stays attached to whoever chose it and is shown with its name, but can
 * no longer be chosen. */
#ifndef EP_TAXONOMY_H
#define EP_TAXONOMY_H
#include <stddef.h>
#include <cjson/cJSON.h>
#include "core/arena.h"
#include "core/result.h"

struct taxonomy_line {
	char *domain, *group, *kind, *item;
};

/* Splits one line of taxonomy.tsv in place. 1 a leaf, 0 blank or comment, -1 malformed. */
int taxonomy_parse_line(char *line, struct taxonomy_line *out);
/* Adds what the file has and the table lacks, keeping the file's order. Returns the number of
 * rows added, or -1 (with the line number on stderr). Once the tree has been edited in the
 * admin pages the database is its truth: nothing is added, and -2 says so. */
int taxonomy_load_file(const char *path);

/* Which nodes a tree holds. */
enum tax_view {
	TAX_CHOICES,            /* what may be chosen: the nodes that are not retired */
	TAX_ALL,                /* every node, retired ones marked "retired":true: for showing choices */
	TAX_RETIRED,            /* only the retired leaves, under their (maybe active) ancestors */
	TAX_EDIT,               /* every node with its kind, version, own flag and whether retired */
};
/* [{id,name,groups:[{id,name,specialties:[{id,name,path}],directions:[…]}]}], siblings in
 * their order; NULL on a database failure. */
cJSON *taxonomy_tree(enum tax_view view);
/* A leaf of a tree from taxonomy_tree() ({id,name,path[,retired]}), or NULL if it is none. */
const cJSON *taxonomy_leaf(const cJSON *tree, long long id);
/* Its path, "领域 / 专业组 / 项", or NULL. */
const char *taxonomy_leaf_path(const cJSON *tree, long long id);
/* The leaf's own name ("项"), or NULL if it is no leaf. */
const char *taxonomy_leaf_name(const cJSON *tree, long long id);
/* Whether every id of the (duplicate-free) JSON array is a leaf that may be chosen: 1 yes; 0
 * not, with *why (may be NULL) the message for the field, naming the retired leaves; -1 failure. */
int taxonomy_leaves_check(const cJSON *ids, const char **why);

/* ---- the editor ------------------------------------------------------------------------------
 * Each change runs inside the caller's transaction, locks the rows it decides on, and says in
 * `out` how it went: RES_OK; RES_NOT_FOUND (no node of that id); RES_CONFLICT (changed since
 * the caller saw it: version, siblings, retired); RES_INVALID (out->field and out->message say
 * what is wrong); RES_FAILED (the database). The caller writes the audit record from
 * out->summary and replies. */
/* The position of a node in a new order of its siblings, with the version the caller saw. */
struct tax_place {
	long long id, version;
};

/* A new node: a domain (parent_id 0), a group under a domain, a specialty or direction under
 * a group. Its name must be free among its siblings of its kind; it comes last among them. */
enum result taxonomy_add(long long parent_id, const char *kind, const char *name,
                         struct outcome *out);
enum result taxonomy_rename(long long id, long long version, const char *name,
                            struct outcome *out);
/* Under another parent of the right kind (never a domain's move, never into its own subtree),
 * last among its new siblings; the pool's and the queue's specialty filters follow. */
enum result taxonomy_move(long long id, long long version, long long parent_id,
                          struct outcome *out);
/* Retire (active 0) or restore (active 1) a node; its subtree follows it. */
enum result taxonomy_set_active(long long id, long long version, int active,
                                struct outcome *out);
/* New positions among siblings: `order` is every node with one parent and kind, each once,
 * at the versions the caller saw. */
enum result taxonomy_reorder(const struct tax_place *order, size_t n, struct outcome *out);

#define TAX_NAME_MAX 60
/* A node's name as stored: trimmed of spaces (also no-break and ideographic ones), 1–60
 * characters, no control or formatting characters, no " / " (the path separator). NULL with
 * *why set when it will not do. */
const char *taxonomy_name(struct arena *a, const char *raw, const char **why);

#endif
