/* SQL text helpers that several domains' statement lists use (lib/<domain>/sql.def); sql.c only. */
#ifndef EP_SQLTEXT_H
#define EP_SQLTEXT_H
/* A UTC DATETIME column as China time text; a DATE as text; today's date in China. */
#define CHINA(col) "DATE_FORMAT(CONVERT_TZ(" col ", '+00:00', '+08:00'), '%Y-%m-%d %H:%i:%s')"
#define DAY(col) "DATE_FORMAT(" col ", '%Y-%m-%d')"
#define TODAY "DATE(CONVERT_TZ(NOW(), '+00:00', '+08:00'))"
/* The leaf ids of a JSON array (at `path` in the JSON `doc`) as the rows j.leaf, and each one's
 * taxonomy nodes n: the leaf, its group and its domain. */
#define TAX_LEAVES(doc, path) "JSON_TABLE(" doc ", '" path "' COLUMNS (leaf BIGINT PATH '$')) j "
#define TAX_UP \
	"JOIN taxonomy l ON l.id = j.leaf JOIN taxonomy g ON g.id = l.parent_id " \
	"JOIN taxonomy n ON n.id IN (l.id, g.id, g.parent_id)"
/* The taxonomy nodes of a JSON array of leaf ids. Params: `owner` (in the select list) first,
 * then the array. */
#define TAX_NODES(owner) "SELECT DISTINCT n.id, " owner " FROM " TAX_LEAVES("?", "$[*]") TAX_UP
/* A counter checked against its rows and repaired (expertpool-admin recount) in one statement
 * each, so in one snapshot of both: COUNTS_DIFF, the keys whose counter rows (`counter`: the
 * keys and n) and the rows' tally (`tally`: the keys and -COUNT(*)) do not cancel out, with the
 * difference d; COUNTS_OFF, their number; COUNTS_FIX, each difference taken off the key's slot 0
 * (COUNTS_FIX_ONE: a counter without slots). A fix adds to what writers committed meanwhile, so
 * it neither clears nor locks more than the keys that were off. */
#define COUNTS_DIFF(keys, counter, tally) \
	"SELECT " keys ", SUM(n) AS d FROM (" counter " UNION ALL " tally ") u GROUP BY " keys " HAVING SUM(n) <> 0"
#define COUNTS_OFF(diff) "SELECT COUNT(*) FROM (" diff ") off"
#define COUNTS_FIX(table, keys, diff) \
	"INSERT INTO " table " (" keys ", slot, n) SELECT " keys ", 0, -d FROM (" diff ") f " \
	"ON DUPLICATE KEY UPDATE n = n + VALUES(n)"
#define COUNTS_FIX_ONE(table, keys, diff) \
	"INSERT INTO " table " (" keys ", n) SELECT " keys ", -d FROM (" diff ") f " \
	"ON DUPLICATE KEY UPDATE n = n + VALUES(n)"
#define WHO(u) "IFNULL(" u ".name, IFNULL(" u ".username, ''))"
#endif
