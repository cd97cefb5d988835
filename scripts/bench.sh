# scripts/bench.sh — ./dev bench [run|scale]: the benchmarks of bench/, each on a throw-away
# instance of its own. Sourced by ./dev; it only defines.

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# Each part runs on its own instance; a part whose requests fail does not stop the next.
cmd_bench() {
	local parts=("$@") part status=0
	((${#parts[@]})) || parts=(run scale)
	for part in "${parts[@]}"; do
		[[ $part == run || $part == scale ]] || die "bench: unknown part $part (run, scale)"
	done
	for part in "${parts[@]}"; do
		"$TOP/bench/$part" || status=$?
	done
	return "$status"
}
