# scripts/test.sh — ./dev test [SUITE…] [FILE…]: builds, starts a throw-away instance on free ports
# and runs the suites, counting each one's tests; ends with one line "N passed, N failed".
# Sourced by ./dev; it only defines.

source "$(dirname "${BASH_SOURCE[0]}")/install.sh"
source "$(dirname "${BASH_SOURCE[0]}")/instance.sh"

ALL_SUITES=(unit api apache e2e dev)
# What `./dev test` runs when no suite is named.
DEFAULT_SUITES=(unit dev api apache e2e)
SUITE_LINES=()
PASSED=0
FAILED=0
TEST_DONE=no
DB_STARTED=no

# record NAME PASSED FAILED
record() {
	SUITE_LINES+=("$(printf '%-9s %4d passed, %d failed' "$1" "$2" "$3")")
	PASSED=$((PASSED + $2))
	FAILED=$((FAILED + $3))
}

# run_counted NAME KIND COMMAND…: runs a suite with its output to the console and to a log, and
# records its counts. KIND is automake (make check), tap (node --test) or summary (the command's
# own last "N passed, N failed" line). A suite that fails without a failed test, or reports no
# test at all, counts as one failure.
run_counted() {
	local name=$1 kind=$2 log=$LOG/suite-$1.log status=0 passed failed
	shift 2
	say "suite $name: $*"
	timeout --foreground --kill-after=10 "$SUITE_TIMEOUT" "$@" 2>&1 | tee "$log" || status=$?
	case $kind in
	automake)
		passed=$(awk '/^# PASS:/ { n += $3 } END { print n + 0 }' "$log")
		failed=$(awk '/^# (FAIL|ERROR|XPASS):/ { n += $3 } END { print n + 0 }' "$log")
		;;
	tap)
		passed=$(awk '/^# pass / { n = $3 } END { print n + 0 }' "$log")
		failed=$(awk '/^# (fail|cancelled) / { n += $3 } END { print n + 0 }' "$log")
		;;
	summary)
		read -r passed failed < <(sed -nE 's/^([a-z-]+: )?([0-9]+) passed, ([0-9]+) failed.*/\2 \3/p' "$log" | tail -n 1)
		passed=${passed:-0} failed=${failed:-0}
		;;
	esac
	if ((status == 124)); then say "suite $name: timed out after $SUITE_TIMEOUT s"; fi
	if (((status != 0 || passed + failed == 0) && failed == 0)); then failed=1; fi
	record "$name" "$passed" "$failed"
}

# ---- the node suites -------------------------------------------------------------------------------

# The test files named on the command line (NAME for tests/<suite dir>/NAME.test.mjs).
TEST_FILES=()

suite_dir() {
	case $1 in
	api | apache) echo tests/api ;;
	e2e) echo tests/e2e ;;
	esac
}

# suite_targets DIR: what node --test runs in DIR: the named files there, else the directory.
suite_targets() {
	local name
	if ((${#TEST_FILES[@]} == 0)); then
		echo "$1/"
		return
	fi
	for name in "${TEST_FILES[@]}"; do
		[[ ! -f $TOP/$1/$name.test.mjs ]] || echo "$1/$name.test.mjs"
	done
}

# run_node_suite NAME SERVER DIR NODE_OPTION…: the tests in DIR (or the named files there)
# against a fresh database and a server started for them (nginx or apache), with the programs
# of $BIN.
run_node_suite() {
	local name=$1 server=$2 dir=$3 base_url targets
	shift 3
	mapfile -t targets < <(suite_targets "$dir")
	if [[ $DB_STARTED == yes ]]; then load_database; else prepare_db; fi
	DB_STARTED=yes
	create_admin || die "creating the super-admin failed: $ADMIN_OUTPUT"
	start_sms_dispatch
	if [[ $server == apache ]]; then
		start_apache
		base_url=http://127.0.0.1:$APACHE_PORT
	else
		start_programs
		start_nginx
		base_url=http://127.0.0.1:$HTTP_PORT
	fi
	# The tests' environment (tests/lib/env.mjs reads it).
	export BASE_URL=$base_url SERVER=$server SMS_LOG CAPTCHA_LOG ADMIN_ACCOUNT ADMIN_PASSWORD
	export SCREENSHOT_DIR=$INST/screenshots BIN_DIR=$BIN
	DB_CLI=$(printf '%q ' mariadb --no-defaults --default-character-set=utf8mb4 --socket="$DB_SOCK" -uroot "$DB_NAME")
	EP_DB_STOP=$(printf '%q ' "$TOP/dev" db-stop "$INST")
	EP_DB_START=$(printf '%q ' "$TOP/dev" db-start "$INST")
	export DB_CLI EP_DB_STOP EP_DB_START
	say "suite $name: $server on $BASE_URL"
	run_counted "$name" tap node --test --test-reporter=tap "$@" "${targets[@]}"
	stop_pidfiles "$RUN/nginx.pid" "$RUN/apache.pid"
	stop_programs
}

# ---- the end of a run ------------------------------------------------------------------------------

show_logs() {
	local file
	for file in nginx-error.log apache-error.log mariadb.err sms-dispatch.log programs.log; do
		[[ -s $LOG/$file ]] || continue
		echo "==== $file (the last 60 lines that are not routine) ===="
		awk '!/\[Note\]|child spawned successfully/' "$LOG/$file" | tail -n 60
	done
	rm -rf "$VAR/test-logs"
	cp -r "$LOG" "$VAR/test-logs"
	say "all logs of this run: $VAR/test-logs/"
}

# On exit, however it comes: stop and remove the instance, show what failed, print the counts.
# Nothing may cut this short, so no exit on errors here.
finish_test() {
	trap - EXIT
	set +e
	[[ $TEST_DONE == yes ]] || record aborted 0 1
	if [[ -n ${INST:-} && -d $INST ]]; then
		stop_instance
		remove_web_dir
		if ((FAILED)); then
			show_logs
			if [[ -n $(ls -A "$INST/screenshots" 2>/dev/null) ]]; then
				rm -rf "$VAR/test-screenshots"
				cp -r "$INST/screenshots" "$VAR/test-screenshots"
				say "screenshots: $VAR/test-screenshots/"
			fi
		fi
		rm -rf "$INST"
	fi
	echo
	printf '%s\n' "${SUITE_LINES[@]}"
	echo "$PASSED passed, $FAILED failed"
	((FAILED == 0)) || exit 1
}

cmd_test() {
	local suites=() arg suite
	for arg; do
		if [[ " ${ALL_SUITES[*]} " == *" $arg "* ]]; then
			suites+=("$arg")
		elif [[ $arg =~ ^[A-Za-z0-9._-]+$ && ( -f $TOP/tests/api/$arg.test.mjs || -f $TOP/tests/e2e/$arg.test.mjs ) ]]; then
			TEST_FILES+=("$arg")
		else
			die "test: $arg is neither a suite (${ALL_SUITES[*]}) nor a file tests/{api,e2e}/$arg.test.mjs"
		fi
	done
	if ((${#suites[@]} == 0)); then
		for suite in "${DEFAULT_SUITES[@]}"; do
			# with files named, the node suites that have one of them
			if ((${#TEST_FILES[@]} == 0)) || [[ -n $(suite_dir "$suite") && -n $(suite_targets "$(suite_dir "$suite")") ]]; then
				suites+=("$suite")
			fi
		done
	fi
	trap finish_test EXIT
	trap 'exit 130' INT TERM
	rm -rf "$VAR/test-logs" "$VAR/test-screenshots"
	prepare_tree
	[[ ! -f $TOP/tests/package.json ]] || npm_install tests
	read_programs
	open_throwaway_instance
	say "instance $INST: database on port $DB_PORT, nginx $HTTP_PORT, Apache $APACHE_PORT"

	for suite in "${suites[@]}"; do
		case $suite in
		unit) run_counted unit automake make -C "$BUILD" -j2 check AM_COLOR_TESTS=no ;;
		dev) run_counted dev summary bash "$TOP/tests/dev/private-tree.sh" ;;
		api | apache | e2e)
			if [[ -z $(suite_targets "$(suite_dir "$suite")") ]]; then
				say "suite $suite: none of the named files"
				continue
			fi
			;;&
		api) run_node_suite api nginx tests/api --test-concurrency=1 ;;
		apache) run_node_suite apache apache tests/api --test-concurrency=1 ;;
		e2e) run_node_suite e2e nginx tests/e2e ;;
		esac
	done
	TEST_DONE=yes
}
