# scripts/test.sh — ./dev test [SUITE…] [FILE…]: builds, starts a throw-away instance on free ports
# and runs the suites, counting each one's tests; ends with one line "N passed, N failed".
# Sourced by ./dev; it only defines.

source "$(dirname "${BASH_SOURCE[0]}")/install.sh"
source "$(dirname "${BASH_SOURCE[0]}")/instance.sh"

ALL_SUITES=(unit api apache shared e2e dev fuzz asan-unit asan-api)
# What `./dev test` runs when no suite is named. The sanitizer build and its suites add about
# 10 minutes on two cores: CI runs them, a developer names them.
DEFAULT_SUITES=(unit dev fuzz api apache shared e2e)
[[ ${CI:-} != true ]] || DEFAULT_SUITES+=(asan-unit asan-api)
# The API tests the shared suite runs when no file is named: uploads (chunked and, under the
# limit, one-shot), the application's submission and its PDFs, what the server answers itself.
SHARED_TESTS=(uploads files apply-submit apply-pdf server-errors)
# The apache suite: the files whose subject is what the web server does (routing each URL to its
# program, headers, bodies and their limits, cookies, downloads, a program or the database gone);
# the programs are the same under both servers, so the rest run under nginx only.
APACHE_TESTS=(routes authz-routes authz security downloads files uploads server-errors login captcha
	certificate-program withdraw zz-db-outage)
SUITE_LINES=()
PASSED=0
FAILED=0
TEST_DONE=no
DB_STARTED=no
# The directory of the running suite's sanitizer reports (empty: not a sanitizer suite).
SAN_DIR=

# record NAME PASSED FAILED [SECONDS]
record() {
	SUITE_LINES+=("$(printf '%-9s %4d passed, %d failed%s' "$1" "$2" "$3" "${4:+ ($4 s)}")")
	PASSED=$((PASSED + $2))
	FAILED=$((FAILED + $3))
}

# run_counted NAME KIND COMMAND…: runs a suite with its output to the console and to a log, and
# records its counts. KIND is automake (make check), tap (node --test) or summary (the command's
# own last "N passed, N failed" line). A suite that fails without a failed test, or reports no
# test at all, counts as one failure; in a sanitizer suite each report is one more.
run_counted() {
	local name=$1 kind=$2 log=$LOG/suite-$1.log status=0 passed failed started=$SECONDS
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
	[[ -z $SAN_DIR ]] || failed=$((failed + $(sanitizer_reports "$log")))
	record "$name" "$passed" "$failed" $((SECONDS - started))
}

# ---- sanitizer suites ------------------------------------------------------------------------------

# sanitizer_on NAME LEAKS: ASan and UBSan options for everything started from now on, reports to
# files of their own in a directory the web user may write to. halt_on_error: the first error
# stops the process, so that a report is never lost in a long-running worker's stream. LEAKS
# (1 or 0) is LeakSanitizer's detect_leaks.
sanitizer_on() {
	SAN_DIR=$WEB_LOG/sanitizer-$1
	mkdir -p "$SAN_DIR"
	if [[ -n $WEB_USER ]]; then
		chgrp "$WEB_USER" "$SAN_DIR"
		chmod 0770 "$SAN_DIR"
	fi
	export ASAN_OPTIONS="halt_on_error=1:detect_leaks=$2:log_path=$SAN_DIR/asan:strict_string_checks=1"
	export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:log_path=$SAN_DIR/ubsan"
}

sanitizer_off() {
	unset ASAN_OPTIONS UBSAN_OPTIONS
	SAN_DIR=
}

# sanitizer_reports SUITE_LOG: shows every report of the suite (files asan.<pid>, ubsan.<pid>, or
# "runtime error:" lines in its logs) and prints their number.
sanitizer_reports() {
	local files=() file lines n
	for file in "$SAN_DIR"/asan.* "$SAN_DIR"/ubsan.*; do [[ -f $file ]] && files+=("$file"); done
	lines=$(grep -h 'runtime error:' "$1" "$PROGRAMS_LOG" "$LOG"/nginx-error.log "$LOG"/sms-dispatch.log 2>/dev/null || true)
	n=$((${#files[@]} + $(grep -c . <<<"$lines" || true)))
	for file in "${files[@]}"; do
		echo "==== sanitizer report $file ====" >&2
		head -n 60 "$file" >&2
	done
	[[ -z $lines ]] || { echo "==== runtime errors in the logs ====" >&2; echo "$lines" >&2; }
	echo "$n"
}

# ---- the node suites -------------------------------------------------------------------------------

# The test files named on the command line (NAME for tests/<suite dir>/NAME.test.mjs).
TEST_FILES=()

suite_dir() {
	case $1 in
	api | apache | shared | asan-api) echo tests/api ;;
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
	elif [[ $server == shared ]]; then
		start_apache_shared
		base_url=http://127.0.0.1:$APACHE_PORT
	else
		start_programs
		start_nginx
		base_url=http://127.0.0.1:$HTTP_PORT
	fi
	# The tests' environment (tests/lib/env.mjs reads it).
	export BASE_URL=$base_url SERVER=$server SMS_LOG CAPTCHA_LOG ADMIN_ACCOUNT ADMIN_PASSWORD
	export SCREENSHOT_DIR=${KEEP_SCREENSHOTS:-$INST/screenshots} BIN_DIR=$BIN
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
	[[ " ${suites[*]} " != *" asan-"* ]] || build_asan
	[[ ! -f $TOP/tests/package.json ]] || npm_install tests
	read_programs
	open_throwaway_instance
	say "instance $INST: database on port $DB_PORT, nginx $HTTP_PORT, Apache $APACHE_PORT"

	for suite in "${suites[@]}"; do
		case $suite in
		unit) run_counted unit automake make -C "$BUILD" -j2 check AM_COLOR_TESTS=no ;;
		dev) run_counted dev summary bash "$TOP/tests/dev/private-tree.sh" ;;
		fuzz)
			if ! command -v clang >/dev/null; then
				say "suite fuzz: clang is not installed: skipped"
				continue
			fi
			run_counted fuzz summary "$TOP/dev" fuzz --smoke
			;;
		asan-unit)
			# Unit tests are short-lived processes that exit normally: leaks are real and checked.
			sanitizer_on asan-unit 1
			run_counted asan-unit automake make -C "$BUILD_ASAN" -j2 check AM_COLOR_TESTS=no
			sanitizer_off
			;;
		api | apache | shared | e2e | asan-api)
			if [[ -z $(suite_targets "$(suite_dir "$suite")") ]]; then
				say "suite $suite: none of the named files"
				continue
			fi
			;;&
		api) run_node_suite api nginx tests/api --test-concurrency=1 ;;
		apache)
			local named=("${TEST_FILES[@]}")
			((${#named[@]})) || TEST_FILES=("${APACHE_TESTS[@]}")
			run_node_suite apache apache tests/api --test-concurrency=1
			TEST_FILES=("${named[@]}")
			;;
		shared)
			# a shared host (mod_fcgid's 128 KiB, .htaccess only): the uploads, the application
			# and its PDFs, every upload sent in chunks as the page sends it
			local named=("${TEST_FILES[@]}")
			((${#named[@]})) || TEST_FILES=("${SHARED_TESTS[@]}")
			EP_UPLOADS=chunked run_node_suite shared shared tests/api --test-concurrency=1
			TEST_FILES=("${named[@]}")
			;;
		e2e) run_node_suite e2e nginx tests/e2e ;;
		asan-api)
			# detect_leaks=0: see README (Test it) for why leaks are left to asan-unit.
			BIN=$BUILD_ASAN/cgi-bin
			sanitizer_on asan-api 1
			SUITE_TIMEOUT=$((SUITE_TIMEOUT * 2)) run_node_suite asan-api nginx tests/api --test-concurrency=1
			sanitizer_off
			BIN=$BUILD/cgi-bin
			;;
		esac
	done
	TEST_DONE=yes
}
