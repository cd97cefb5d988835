#!/bin/sh
# The library's layers only include downwards: core ← db, doc ← http ← domains ← cgi-bin.
# Each folder of lib/ may include its own headers and those of the folders its rule lists; a
# domain never includes the reply header (domain code returns results, programs reply). The
# statement table (lib/db/sql.h, sql.c) alone includes the domains' lists (lib/<domain>/sql.def) and
# record types (lib/<domain>/rows.def, sql.c only).
# Run by `make check`; prints every upward include and fails if there is one.
top=${srcdir:-.}
lib=$top/lib
domains="account sms files search apply review pool audit draw"

# allowed FOLDER: the folders FOLDER's files may include.
allowed() {
	case $1 in
	core) echo "core" ;;
	db) echo "core db" ;;
	doc) echo "core doc" ;;
	http) echo "core db http" ;;
	*) echo "core db doc http $domains" ;;
	esac
}

status=0
for dir in "$lib"/*/; do
	folder=$(basename "$dir")
	case " core db doc http $domains " in
	*" $folder "*) ;;
	*) echo "lib/$folder/: a folder the layer rules do not know (add it to tests/layers.sh)"; status=1; continue ;;
	esac
	ok=" $(allowed "$folder") "
	for file in "$dir"*.[ch]; do
		[ -f "$file" ] || continue
		grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$file" | while IFS= read -r line; do
			target=$(printf '%s\n' "$line" | sed 's/.*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/')
			case $target in
			*/*) to=${target%%/*} ;;
			*) echo "lib/$folder/$(basename "$file"):${line%%:*}: \"$target\" names no folder"; echo x; continue ;;
			esac
			# the one exception: the statement table (db/sql.h, sql.c) gathers every domain's
			# list; a .def is data only (checked below), so db/ learns no domain's code
			case $folder/$(basename "$file"):$target in
			db/sql.[ch]:*/sql.def | db/sql.c:*/rows.def) continue ;;
			esac
			case $ok in
			*" $to "*) ;;
			*) echo "lib/$folder/$(basename "$file"):${line%%:*}: includes $target, above its layer"; echo x; continue ;;
			esac
			if [ "$target" = http/reply.h ] && [ "$folder" != http ]; then
				echo "lib/$folder/$(basename "$file"):${line%%:*}: domain code includes the reply header"
				echo x
			fi
		done
	done
	for file in "$dir"*.def; do
		[ -f "$file" ] || continue
		grep -n '^[[:space:]]*#[[:space:]]*include' "$file" | while IFS= read -r line; do
			echo "lib/$folder/$(basename "$file"):${line%%:*}: a statement list includes nothing"
			echo x
		done
	done
done >"${TMPDIR:-/tmp}/layers.$$"
grep -v '^x$' "${TMPDIR:-/tmp}/layers.$$"
grep -q '^x$' "${TMPDIR:-/tmp}/layers.$$" && status=1
for file in "$lib"/*.c "$lib"/*.h; do
	[ -f "$file" ] || continue
	case $(basename "$file") in ep.h) ;; *) echo "lib/$(basename "$file"): flat in lib/, belongs in a layer's folder"; status=1 ;; esac
done
rm -f "${TMPDIR:-/tmp}/layers.$$"
[ $status -eq 0 ] && echo "layers: every include goes downwards"
exit $status
