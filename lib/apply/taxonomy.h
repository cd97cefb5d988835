/* The domain/specialty tree: the data file's format, loading it, and the tree as the API
 * shows it. Items are identified by id (their place), never by their words. */
#ifndef EP_TAXONOMY_H
#define EP_TAXONOMY_H
#include <cjson/cJSON.h>

struct taxonomy_line {
	char *domain, *group, *kind, *item;
};

/* Splits one line of taxonomy.tsv in place. 1 a leaf, 0 blank or comment, -1 malformed. */
int taxonomy_parse_line(char *line, struct taxonomy_line *out);
/* Adds what the file has and the table lacks, keeping the file's order. Returns the number of
 * rows added, or -1 (with the line number on stderr). */
int taxonomy_load_file(const char *path);
/* [{id,name,groups:[{id,name,specialties:[{id,name}],directions:[…]}]}] of the active tree. */
cJSON *taxonomy_tree(void);
/* 1 when every id of the (duplicate-free) JSON array is an active leaf, 0 not, -1 failure. */
int taxonomy_leaves_ok(const cJSON *ids);
/* "领域 / 专业组 / 项" for a leaf id in a tree from taxonomy_tree(), or NULL if it is no leaf. */
const char *taxonomy_leaf_path(const cJSON *tree, long long id);
/* The leaf's own name ("项"), or NULL if it is no leaf. */
const char *taxonomy_leaf_name(const cJSON *tree, long long id);

#endif
