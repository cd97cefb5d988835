# scripts/instance.sh — one running expertpool: its private MariaDB (create, start, stop, migrate,
# load), the FastCGI programs and sms-dispatch, nginx or Apache in front; throw-away instances.
# Every server runs as a plain process under the instance's directories. Sourced; only defines.

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# A throw-away instance on free ports under var/, for tests and benchmarks; its database is
# created by prepare_db when first needed, close_instance removes it all. dev.pid tells
# `./dev down` whether the run that made it is still going.
open_throwaway_instance() {
	local dir
	mkdir -p "$VAR"
	dir=$(mktemp -d "$VAR/test.XXXXXX")
	chmod 0755 "$dir"
	use_instance "$dir"
	echo $$ >"$INST/dev.pid"
	DB_PORT=$(pick_free_port)
	HTTP_PORT=$(pick_free_port "$DB_PORT")
	APACHE_PORT=$(pick_free_port "$DB_PORT" "$HTTP_PORT")
	write_config
}

close_instance() {
	[[ -n ${INST:-} && -d $INST ]] || return 0
	stop_instance
	remove_web_dir
	rm -rf "$INST"
}

# Everything of the instance, front to back: web servers, programs, database.
stop_instance() {
	stop_pidfiles "$RUN/nginx.pid" "$RUN/apache.pid"
	stop_programs
	stop_pidfiles "$RUN/mariadb.pid"
}

# ---- MariaDB -------------------------------------------------------------------------------------

db_client() { mariadb --no-defaults --default-character-set=utf8mb4 --socket="$DB_SOCK" -uroot "$@"; }

# Starts the instance's MariaDB; a new one (or one whose creation failed half-way) is created
# and gets the schema, the programs' user and the grants.
prepare_db() {
	if [[ -f $DATADIR/$DB_READY_MARK ]]; then
		start_db
		migrate_database
		return
	fi
	rm -rf "$DATADIR"
	say "creating the database in $DATADIR"
	# its bootstrap server's temporary files in the instance too (another user's leftovers in a
	# shared /tmp make it fail: "Error on delete of '/tmp/#sql-temptable-…'")
	mkdir -p "$INST/tmp"
	mariadb-install-db --no-defaults --datadir="$DATADIR" --user="$(id -un)" --tmpdir="$INST/tmp" \
		--auth-root-authentication-method=normal --skip-test-db >"$LOG/mariadb-install.log" 2>&1 ||
		{ cat "$LOG/mariadb-install.log" >&2; die "mariadb-install-db failed"; }
	start_db
	load_database
	touch "$DATADIR/$DB_READY_MARK"
}

# The buffer pool is small for development; bench/scale sets DB_BUFFER_POOL so that its
# 100,000 experts fit, as a server of that size would be set up. Temporary files stay in the
# instance (a shared /tmp may be cleaned under a running statement).
start_db() {
	local pid i
	! running "$RUN/mariadb.pid" || return 0
	mkdir -p "$INST/tmp"
	pid=$(start_background "$LOG/mariadb.out" mariadbd --no-defaults --datadir="$DATADIR" \
		--tmpdir="$INST/tmp" \
		--socket="$DB_SOCK" --port="$DB_PORT" --bind-address=127.0.0.1 --user="$(id -un)" \
		--pid-file="$RUN/mariadb.pid" --log-error="$LOG/mariadb.err" \
		--character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
		--innodb-buffer-pool-size="${DB_BUFFER_POOL:-64M}")
	for ((i = 0; i < 300; i++)); do
		mariadb-admin --no-defaults --socket="$DB_SOCK" -uroot ping >/dev/null 2>&1 && return 0
		alive "$pid" || { tail -n 20 "$LOG/mariadb.err" >&2; die "mariadbd exited at start"; }
		sleep 0.1
	done
	die "mariadbd does not answer after 30 s (see $LOG/mariadb.err)"
}

stop_db() { stop_pidfiles "$RUN/mariadb.pid"; }

# An empty database from schema.sql, with the programs' user: conf/grants.sql says its rights
# table by table (@DB@ and @USER@ filled in), else it gets data rights on the whole database.
# Never DDL. Replaces the database and the user if they exist.
load_database() {
	local password user
	[[ -f $TOP/schema.sql ]] || die "schema.sql is missing"
	password=$(ini_get "$CONF" database password)
	db_client <<-SQL
		DROP DATABASE IF EXISTS $DB_NAME;
		DROP USER IF EXISTS '$DB_USER'@'127.0.0.1', '$DB_USER'@'localhost';
		CREATE DATABASE $DB_NAME CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
	SQL
	db_client "$DB_NAME" <"$TOP/schema.sql"
	# TCP connections from 127.0.0.1 may match either host, depending on name resolution.
	for user in "'$DB_USER'@'127.0.0.1'" "'$DB_USER'@'localhost'"; do
		db_client <<<"CREATE USER $user IDENTIFIED BY '$password';"
		if [[ -f $TOP/conf/grants.sql ]]; then
			sed -e "s/@DB@/$DB_NAME/g" -e "s/@USER@/$user/g" "$TOP/conf/grants.sql" | db_client "$DB_NAME" >/dev/null
		else
			db_client <<<"GRANT SELECT, INSERT, UPDATE, DELETE ON $DB_NAME.* TO $user;"
		fi
	done
	load_taxonomy
}

# Brings a kept database up to schema.sql's version with migrations/NNN-*.sql (as root, since
# the programs' account has no DDL rights), then renews the grants for any new table. A
# migration runs when its number is above the version the database was created at (the lowest
# it records: schema.sql holds every migration below its own) and not recorded yet — so one that
# lands after a higher number (work merged in another order) still runs.
migrate_database() {
	local created recorded file number user applied=0
	created=$(db_client -N -B "$DB_NAME" <<<"SELECT IFNULL(MIN(version), 0) FROM schema_version;")
	recorded=" $(db_client -N -B "$DB_NAME" <<<"SELECT version FROM schema_version;" | tr '\n' ' ') "
	for file in "$TOP"/migrations/[0-9][0-9][0-9]-*.sql; do
		[[ -f $file ]] || continue
		number=$(basename "$file")
		number=$((10#${number%%-*}))
		((number > created)) && [[ $recorded != *" $number "* ]] || continue
		say "migrating the database to schema $number ($(basename "$file"))"
		db_client "$DB_NAME" <"$file" || die "migration $(basename "$file") failed"
		applied=1
	done
	((applied)) || return 0
	for user in "'$DB_USER'@'127.0.0.1'" "'$DB_USER'@'localhost'"; do
		sed -e "s/@DB@/$DB_NAME/g" -e "s/@USER@/$user/g" "$TOP/conf/grants.sql" | db_client "$DB_NAME" >/dev/null
	done
	# schema 4 brought the search dictionary: the rows written before it get their texts
	if [[ $recorded != *" 4 "* ]] && ((4 > created)); then
		say "building the search dictionary (expertpool-admin reindex-search)"
		"$BIN/expertpool-admin" reindex-search >"$LOG/reindex-search.log" 2>&1 ||
			{ cat "$LOG/reindex-search.log" >&2; die "reindex-search failed"; }
	fi
}

# The domain/specialty tree from share/taxonomy.tsv: adds what the database lacks (an edited
# file shows up at the next start), never deletes.
load_taxonomy() {
	"$BIN/expertpool-admin" load-taxonomy "$TOP/share/taxonomy.tsv" >"$LOG/taxonomy.log" 2>&1 ||
		{ cat "$LOG/taxonomy.log" >&2; die "loading share/taxonomy.tsv failed"; }
}

# create_admin: the first super-admin; its tool's output is in ADMIN_OUTPUT, the password in
# ADMIN_PASSWORD. Returns the tool's status (3: it exists already).
create_admin() {
	local status=0
	ADMIN_OUTPUT=$("$BIN/expertpool-admin" create-super --phone "$ADMIN_PHONE" \
		--username "$ADMIN_ACCOUNT" --name "$ADMIN_NAME" 2>&1) || status=$?
	ADMIN_PASSWORD=$(sed -n 's/^password: *//p' <<<"$ADMIN_OUTPUT")
	return "$status"
}

# ---- programs and web servers --------------------------------------------------------------------

# PROGRAMS: the FastCGI programs of conf/programs. API_PROGRAMS: those the web servers mount
# under /api/, the same unless a benchmark adds its own.
PROGRAMS=()
API_PROGRAMS=()
declare -A WORKERS=()
read_programs() {
	local name count
	PROGRAMS=()
	while read -r name count _; do
		[[ -n $name && $name != \#* ]] || continue
		PROGRAMS+=("$name")
		WORKERS[$name]=${count:-2}
	done <"$TOP/conf/programs"
	API_PROGRAMS=("${PROGRAMS[@]}")
}
programs_regex() { local IFS='|'; echo "${API_PROGRAMS[*]}"; }

# start_fastcgi NAME BINARY: the program's workers on $RUN/NAME.sock, as the web user. What the
# web user cannot reach is said first, by path, in programs.log (spawn-fcgi itself would only
# log "child exited with: 13"). A shell starts each worker with its stderr appended there, for
# spawn-fcgi gives workers /dev/null: a message before the first request, a sanitizer's report.
start_fastcgi() {
	local name=$1 binary=$2 user=() problem
	[[ -x $binary ]] || die "$binary is missing (did the build fail?)"
	binary=$(stage "$binary")
	touch "$PROGRAMS_LOG"
	[[ -z $WEB_USER ]] || { chgrp "$WEB_USER" "$PROGRAMS_LOG" && chmod 0660 "$PROGRAMS_LOG"; }
	if ! problem=$(web_user_check -x "$binary" -r "$EXPERTPOOL_CONF" -r "$SHARE/taxonomy.tsv" -x "$RUN" -w "$PROGRAMS_LOG"); then
		printf 'dev: %s cannot start: %s\n' "$name" "$problem" >>"$PROGRAMS_LOG"
		die "$name cannot start: $problem"
	fi
	[[ -z $WEB_USER ]] || user=(-u "$WEB_USER" -g "$WEB_USER")
	rm -f "$RUN/$name.sock"
	# shellcheck disable=SC2016 # expanded by the worker's shell
	spawn-fcgi -s "$RUN/$name.sock" -M 0660 -F "${FCGI_WORKERS:-${WORKERS[$name]:-2}}" -P "$RUN/$name.pid" "${user[@]}" \
		-- /bin/sh -c 'exec "$0" 2>>"$1"' "$binary" "$PROGRAMS_LOG" \
		>>"$PROGRAMS_LOG" 2>&1 || die "spawn-fcgi $name failed (see $PROGRAMS_LOG)"
}

start_programs() {
	local name
	for name in "${PROGRAMS[@]}"; do start_fastcgi "$name" "$BIN/$name"; done
}

start_sms_dispatch() {
	start_background "$LOG/sms-dispatch.log" "$BIN/sms-dispatch" --loop --interval-ms 200 \
		>"$RUN/sms-dispatch.pid"
}

# The FastCGI programs and sms-dispatch (every pid file but the servers'), all at once.
stop_programs() {
	local files=() file
	for file in "$RUN"/*.pid; do
		case ${file##*/} in
		nginx.pid | apache.pid | mariadb.pid) ;;
		*) files+=("$file") ;;
		esac
	done
	stop_pidfiles "${files[@]}"
	for file in "${files[@]}"; do rm -f "${file%.pid}.sock"; done
}

# The pages nginx and Apache serve, checked as their workers will read them.
check_www() {
	local problem
	problem=$(web_user_check -r "$SHARE/www/index.html") || die "the web server cannot serve the pages: $problem"
}

start_nginx() {
	local prefix=$WEB/nginx pid
	mkdir -p "$prefix/tmp"
	check_www
	fill_template "$TOP/conf/nginx.conf.in" "$prefix/nginx.conf" PREFIX="$prefix" \
		PORT="$HTTP_PORT" WWW="$SHARE/www" RUN="$RUN" LOG="$LOG" PROGRAMS="$(programs_regex)"
	pid=$(start_background "$LOG/nginx-error.log" nginx -p "$prefix" -c "$prefix/nginx.conf" \
		-e "$LOG/nginx-error.log" -g 'daemon off;')
	wait_for_port "$HTTP_PORT" "$pid" nginx
}

# Apache runs the programs itself (mod_fcgid), from $BIN or its copy on the web side.
start_apache() {
	local prefix=$WEB/apache pid name cgibin=$BIN problem
	# Not fcgid/: mod_fcgid must create its socket directory itself.
	mkdir -p "$prefix/run"
	check_www
	for name in "${API_PROGRAMS[@]}"; do
		cgibin=$(dirname "$(stage "$BIN/$name")")
		problem=$(web_user_check -x "$cgibin/$name" -r "$EXPERTPOOL_CONF") || die "Apache cannot run $name: $problem"
	done
	fill_template "$TOP/conf/apache-fcgid.conf.in" "$prefix/httpd.conf" PREFIX="$prefix" \
		PORT="$APACHE_PORT" WWW="$SHARE/www" CGIBIN="$cgibin" CONF="$EXPERTPOOL_CONF" RUN="$RUN" \
		LOG="$LOG" PROGRAMS="$(programs_regex)"
	pid=$(start_background "$LOG/apache-error.log" apache2 -f "$prefix/httpd.conf" -DFOREGROUND)
	wait_for_port "$APACHE_PORT" "$pid" apache2
}

# A shared host (conf/apache-shared.conf.in): mod_fcgid at its defaults, and a customer's web root
# made exactly as conf/htaccess.sample says — the built pages, that file as .htaccess, and one
# wrapper api-bin/<program>.fcgi per program that sets EXPERTPOOL_CONF and runs it.
start_apache_shared() {
	local prefix=$WEB/shared pid name cgibin=$BIN problem docroot
	docroot=$prefix/public_html
	rm -rf "$prefix"
	mkdir -p "$prefix/run" "$docroot/api-bin"
	check_www
	cp -R "$SHARE/www/." "$docroot/"
	cp "$TOP/conf/htaccess.sample" "$docroot/.htaccess"
	for name in "${API_PROGRAMS[@]}"; do
		cgibin=$(dirname "$(stage "$BIN/$name")")
		printf '#!/bin/sh\nEXPERTPOOL_CONF=%s\nexport EXPERTPOOL_CONF\nexec %s\n' \
			"$EXPERTPOOL_CONF" "$cgibin/$name" >"$docroot/api-bin/$name.fcgi"
		chmod 0755 "$docroot/api-bin/$name.fcgi"
	done
	if [[ -n $WEB_USER ]]; then
		chgrp -R "$WEB_USER" "$prefix"
		chmod -R g+rX "$prefix"
	fi
	problem=$(web_user_check -r "$docroot/.htaccess" -x "$docroot/api-bin/files.fcgi" -x "$cgibin/files" -r "$EXPERTPOOL_CONF") ||
		die "the shared host cannot serve $docroot: $problem"
	fill_template "$TOP/conf/apache-shared.conf.in" "$prefix/httpd.conf" PREFIX="$prefix" \
		PORT="$APACHE_PORT" DOCROOT="$docroot" RUN="$RUN" LOG="$LOG"
	pid=$(start_background "$LOG/apache-error.log" apache2 -f "$prefix/httpd.conf" -DFOREGROUND)
	wait_for_port "$APACHE_PORT" "$pid" apache2
}
