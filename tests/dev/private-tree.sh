#!/usr/bin/env bash
# tests/dev/private-tree.sh — the suite `dev` of ./dev test: the first command works from a tree
# the web user cannot reach (as root's 0700 home is). A hard-linked copy of the built tree goes
# into a 0700 directory under a 0700 parent; there `./dev up -d` must serve the pages and the API
# on a free port, and `./dev down` stop it all. Prints TAP lines and "dev: N passed, N failed".
set -euo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
source "$TOP/scripts/lib.sh"

PASSED=0
FAILED=0
N=0
ok() { N=$((N + 1)) PASSED=$((PASSED + 1)); echo "ok $N - $*"; }
not_ok() { N=$((N + 1)) FAILED=$((FAILED + 1)); echo "not ok $N - $*"; }

# The copy lives in var/ (the same file system, so hard links work); ./dev down removes what a
# killed run leaves there, unless dev.pid names a live run.
mkdir -p "$VAR"
PARENT=$(mktemp -d "$VAR/devtest.XXXXXX")
echo $$ >"$PARENT/dev.pid"
COPY=$PARENT/tree/expertpool
mkdir -m 0700 "$PARENT/tree" "$COPY"
PORT=$(pick_free_port)
OUT=$PARENT/up.log

finish() {
	"$COPY/dev" down >>"$OUT" 2>&1 || true
	if ((FAILED)); then
		echo "# ./dev up -d and down in the copy said:"
		sed 's/^/#   /' "$OUT"
		for log in "$COPY"/var/log/programs.log "$COPY"/var/log/nginx-error.log; do
			[[ -s $log ]] && { echo "# $log:"; tail -n 20 "$log" | sed 's/^/#   /'; }
		done
	fi
	rm -rf "$PARENT"
	echo "dev: $PASSED passed, $FAILED failed"
	((FAILED == 0))
}
trap finish EXIT

# Every file of the built tree but var/, the other builds, node packages and git: links, not
# copies (a copy where links are impossible). Timestamps are shared, so nothing is rebuilt.
(cd "$TOP" && find . \( -path ./var -o -path ./.git -o -path './build-*' -o -name node_modules \) -prune \
	-o \( -type f -o -type l \) -print0) >"$PARENT/files"
(cd "$TOP" && { xargs -0 cp -lP --parents -t "$COPY" <"$PARENT/files" 2>/dev/null ||
	xargs -0 cp -P --parents -t "$COPY" <"$PARENT/files"; })
[[ -x $COPY/build/cgi-bin/captcha ]] && ok "a built copy in a 0700 directory under a 0700 parent" ||
	not_ok "a built copy in a 0700 directory under a 0700 parent"

if (cd "$COPY" && PORT=$PORT ./dev up -d) >"$OUT" 2>&1; then
	ok "./dev up -d in the copy"
else
	not_ok "./dev up -d in the copy"
	exit 1
fi

status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/")
[[ $status == 200 ]] && ok "GET / answers 200" || not_ok "GET / answers 200 (got $status)"
status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/api/captcha/new")
[[ $status == 200 ]] && ok "GET /api/captcha/new answers 200" || not_ok "GET /api/captcha/new answers 200 (got $status)"

# What the web user cannot reach is named, with the directory in the way.
problem=$(web_user_check -x "$COPY/build/cgi-bin/captcha") && problem=
if [[ -z $WEB_USER ]]; then
	ok "# SKIP the web user is the user itself (not root)"
elif [[ $problem == *"cannot reach $COPY/build/cgi-bin/captcha: it may not enter /"*"(drwx------ "* ]]; then
	ok "an unreachable program is reported with the directory in the way"
else
	not_ok "an unreachable program is reported with the directory in the way (got: $problem)"
fi

if (cd "$COPY" && ./dev down) >>"$OUT" 2>&1 && port_is_free "$PORT"; then
	ok "./dev down stops it"
else
	not_ok "./dev down stops it"
fi
