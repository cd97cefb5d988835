# scripts/fuzz.sh — ./dev fuzz [SECONDS | --smoke]: builds the libFuzzer drivers that Makefile.am
# lists (tests/fuzz/fuzz_*, with clang and --enable-fuzzing, out of tree in build-fuzz/) and runs
# each for SECONDS (default 60), or with --smoke over its seed corpus for a few thousand runs (the
# suite fuzz of ./dev test). One line per driver: name, executions, ok or the crash's artifact.
# Sourced by ./dev; it only defines.

source "$(dirname "${BASH_SOURCE[0]}")/install.sh"

FUZZ_SMOKE_RUNS=${FUZZ_SMOKE_RUNS:-5000}

# The drivers of the fuzzing build, as its Makefile (from Makefile.am) names them.
fuzz_drivers() {
	printf 'print-fuzz-drivers:\n\t@echo $(filter tests/fuzz/fuzz_%%,$(noinst_PROGRAMS) $(check_PROGRAMS) $(EXTRA_PROGRAMS))\n' |
		make -s --no-print-directory -C "$BUILD_FUZZ" -f Makefile -f - print-fuzz-drivers
}

# fuzz_one DRIVER LIBFUZZER_ARG…: runs a driver with its seed corpus tests/fuzz/corpus/<name>/ (if
# any) behind a working corpus of its own (libFuzzer adds what it finds to the first directory
# only: the seeds stay as committed); prints its line and fails on a crash.
fuzz_one() {
	local driver=$1 name=${1##*/} out=$FUZZ_OUT/${1##*/} status=0 execs artifact corpora
	shift
	rm -rf "$out/artifacts"
	[[ $FUZZ_OUT != *-smoke ]] || rm -rf "$out/corpus"
	mkdir -p "$out/artifacts" "$out/corpus"
	corpora=("$out/corpus")
	[[ ! -d $TOP/tests/fuzz/corpus/$name ]] || corpora+=("$TOP/tests/fuzz/corpus/$name")
	"$BUILD_FUZZ/$driver" -print_final_stats=1 -timeout=25 -artifact_prefix="$out/artifacts/" \
		"$@" "${corpora[@]}" >"$out/log" 2>&1 || status=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/log" | tail -n 1)
	artifact=$(sed -n 's/.*Test unit written to //p' "$out/log" | tail -n 1)
	if ((status == 0)); then
		printf '%-24s %12s  ok\n' "$name" "${execs:-?}"
	elif [[ -n $artifact ]]; then
		printf '%-24s %12s  crash %s (log %s)\n' "$name" "${execs:-?}" "$artifact" "$out/log"
	else
		printf '%-24s %12s  failed: exit %d (log %s)\n' "$name" "${execs:-?}" "$status" "$out/log"
		tail -n 20 "$out/log"
	fi
	return "$status"
}

cmd_fuzz() {
	local seconds=60 smoke=no drivers driver passed=0 failed=0 args
	case ${1:-} in
	--smoke) smoke=yes ;;
	"") ;;
	*[!0-9]*) die "fuzz: the argument is a number of seconds, or --smoke" ;;
	*) seconds=$1 ;;
	esac
	install_packages
	command -v clang >/dev/null || die "fuzz: clang is not installed (apt-get install clang libclang-rt-14-dev)"
	configure_tree "$BUILD_FUZZ" CC=clang --enable-fuzzing
	# The Makefile first, remade if Makefile.am changed (its messages would mix with the list).
	make -C "$BUILD_FUZZ" Makefile >/dev/null
	read -ra drivers < <(fuzz_drivers)
	((${#drivers[@]})) || die "fuzz: Makefile.am lists no tests/fuzz/fuzz_* driver"
	make -C "$BUILD_FUZZ" -j2 "${drivers[@]}"
	# A timed run keeps what it found for the next one (build-fuzz/runs/); a smoke run starts
	# from the seeds alone every time.
	if [[ $smoke == yes ]]; then
		FUZZ_OUT=$BUILD_FUZZ/runs-smoke
		args=(-runs="$FUZZ_SMOKE_RUNS")
	else
		FUZZ_OUT=$BUILD_FUZZ/runs
		args=(-max_total_time="$seconds")
	fi
	# Clang's UBSan only reports and goes on unless told to stop: a report must be a crash.
	export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
	unset ASAN_OPTIONS
	printf '%-24s %12s  %s\n' driver executions result
	for driver in "${drivers[@]}"; do
		if fuzz_one "$driver" "${args[@]}"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
	done
	echo "fuzz: $passed passed, $failed failed"
	((failed == 0))
}
