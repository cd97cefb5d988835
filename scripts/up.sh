# scripts/up.sh — the developer's own instance in var/: up [-d], down, reset, db, and db-stop /
# db-start DIR, which the tests use to take an instance's database away and back.
# Sourced by ./dev; it only defines.

source "$(dirname "${BASH_SOURCE[0]}")/install.sh"
source "$(dirname "${BASH_SOURCE[0]}")/instance.sh"

cmd_up() {
	local detach=no
	case ${1:-} in
	-d | --detach) detach=yes ;;
	"") ;;
	*) die "up: unknown option $1" ;;
	esac
	prepare_tree
	use_instance "$VAR"
	read_programs
	! running "$RUN/nginx.pid" || die "already running (./dev down stops it)"
	HTTP_PORT=${PORT:-8080}
	port_is_free "$HTTP_PORT" || die "port $HTTP_PORT is in use: PORT=<another> ./dev up"
	DB_PORT=$(pick_free_port "$HTTP_PORT")
	write_config

	trap 'stop_instance; remove_web_dir' EXIT
	trap 'exit 130' INT TERM
	prepare_db
	load_taxonomy
	local status=0
	create_admin || status=$?
	start_programs
	start_sms_dispatch
	start_nginx

	echo
	case $status in
	0)
		say "the first super-admin (shown once; the password must be changed at first login):"
		sed 's/^/      /' <<<"$ADMIN_OUTPUT"
		;;
	3)
		say "the super-admin '$ADMIN_ACCOUNT' exists already. To give it a new password:"
		say "  EXPERTPOOL_CONF=${CONF#"$TOP"/} ${BIN#"$TOP"/}/expertpool-admin reset-password --account $ADMIN_ACCOUNT"
		;;
	*) say "creating the super-admin failed ($status): $ADMIN_OUTPUT" ;;
	esac
	say "expertpool runs on http://127.0.0.1:$HTTP_PORT/ (admin: http://127.0.0.1:$HTTP_PORT/admin/)"
	say "SMS go to $SMS_LOG, captcha answers to $CAPTCHA_LOG, logs to $LOG/"
	[[ $STAGED != yes ]] ||
		say "$WEB_USER cannot reach this directory: it runs copies of the programs and pages from $WEB (programs' log: $PROGRAMS_LOG, moved to $LOG/ when stopped)"
	say "database shell: ./dev db"
	if [[ $detach == yes ]]; then
		trap - EXIT
		say "running in the background: ./dev down stops it"
		return
	fi
	say "Ctrl-C stops everything. SMS and errors as they come:"
	tail -n 0 -F "$SMS_LOG" "$LOG/nginx-error.log" "$PROGRAMS_LOG" "$LOG/sms-dispatch.log" 2>/dev/null
}

# Stops var/'s instance and removes any throw-away instance (and copy of the tree, see
# tests/dev/) a killed test left behind — not those of a test still running.
cmd_down() {
	local dir
	for dir in "$VAR"/test.*/ "$VAR"/devtest.*/; do
		[[ -d $dir ]] || continue
		if [[ -f $dir/dev.pid ]] && alive "$(<"$dir/dev.pid")"; then continue; fi
		if [[ -x $dir/tree/expertpool/dev ]]; then
			"$dir/tree/expertpool/dev" down >/dev/null || true
		else
			use_instance "${dir%/}"
			stop_instance
			remove_web_dir
		fi
		rm -rf "$dir"
	done
	[[ -d $VAR ]] || return 0
	use_instance "$VAR"
	if ! compgen -G "$RUN/*.pid" >/dev/null; then
		remove_web_dir
		return 0
	fi
	stop_instance
	remove_web_dir
	say "stopped"
}

cmd_reset() {
	cmd_down
	rm -rf "$VAR/db"
	say "database removed: the next ./dev up creates an empty one"
}

cmd_db() {
	[[ -d $VAR ]] || die "not running (./dev up)"
	use_instance "$VAR"
	running "$RUN/mariadb.pid" || die "not running (./dev up)"
	db_client "$DB_NAME" "$@"
}

# db-stop / db-start DIR: for the tests that check the reply while the database is down.
cmd_db_stop() {
	use_instance "$1"
	stop_db
}

cmd_db_start() {
	use_instance "$1"
	DB_PORT=$(ini_get "$CONF" database port)
	start_db
}
