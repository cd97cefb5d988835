# scripts/lib.sh — what every ./dev command shares: messages, the paths of the tree, its builds and
# an instance (with the web user's side of it), ports, processes, the configuration file, templates.
# Sourced by ./dev, the other scripts and bench/; it only defines.

[[ -z ${EP_LIB_LOADED:-} ]] || return 0
EP_LIB_LOADED=1

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VAR=$TOP/var
# The builds, each out of tree (automake refuses a second, VPATH build of a source tree that is
# configured in place): the normal one, the sanitizer one (ASan+UBSan), the libFuzzer one (clang).
BUILD=$TOP/build
BUILD_ASAN=$TOP/build-asan
BUILD_FUZZ=$TOP/build-fuzz
# The programs an instance runs: the normal build's unless a suite picks another (asan-api).
BIN=$BUILD/cgi-bin
DB_NAME=expertpool
DB_USER=expertpool
ADMIN_ACCOUNT=admin
ADMIN_PHONE=+8613900000000
ADMIN_NAME=系统管理员
SUITE_TIMEOUT=${SUITE_TIMEOUT:-600}
# Marks a database that got its schema, user and grants: a datadir without it is a failed start.
DB_READY_MARK=.expertpool-ready

# Web servers drop to this user when started as root; the programs run as it too, so that both
# servers see the same permissions as in production.
WEB_USER=
[[ $EUID -ne 0 ]] || WEB_USER=www-data
# When the web user cannot reach the tree (a clone in root's 0700 home, or any private
# directory), what it needs of an instance is placed under here instead, one directory per
# instance. The user's own permissions are never loosened.
WEB_STAGE_ROOT=${EP_WEB_STAGE_ROOT:-/var/lib/expertpool-dev}

say() { printf 'dev: %s\n' "$*"; }
die() { printf 'dev: %s\n' "$*" >&2; exit 1; }

as_root() { if [[ $EUID -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

# ---- what the web user can reach -----------------------------------------------------------------

as_web_user() { if [[ -n $WEB_USER ]]; then runuser -u "$WEB_USER" -- "$@"; else "$@"; fi; }

# web_user_check OP PATH [OP PATH…]: whether the web user passes `test OP PATH` for each pair
# (-x, -r, -w). On the first that fails it prints which path is out of reach and why — the first
# directory on the way it may not enter, or the file's own mode — and returns 1.
web_user_check() {
	local failed op path prefix part parts
	failed=$(as_web_user sh -c 'while [ $# -gt 1 ]; do test "$1" "$2" || { printf "%s %s" "$1" "$2"; exit; }; shift 2; done' sh "$@") || true
	[[ -n $failed ]] || return 0
	op=${failed%% *}
	path=${failed#* }
	prefix=
	IFS=/ read -ra parts <<<"${path#/}"
	for part in "${parts[@]:0:${#parts[@]}-1}"; do
		prefix+=/$part
		if ! as_web_user test -x "$prefix"; then
			echo "${WEB_USER:-$(id -un)} cannot reach $path: it may not enter $prefix ($(stat -c '%A %U:%G' "$prefix"))"
			return 1
		fi
	done
	if [[ ! -e $path ]]; then
		echo "$path does not exist"
	else
		case $op in -x) op=execute ;; -r) op=read ;; -w) op="write to" ;; esac
		echo "${WEB_USER:-$(id -un)} may not $op $path ($(stat -c '%A %U:%G' "$path"))"
	fi
	return 1
}

# Decides where the instance's web side goes (sets WEB and STAGED): the instance directory
# itself when the web user can enter it and the tree's build and share/, else a directory of its
# own under $WEB_STAGE_ROOT named by a hash of the instance's path (kept once made, so that
# `./dev down` finds what `up` started).
choose_web_dir() {
	local staged=$WEB_STAGE_ROOT/$(printf '%s' "$INST" | sha256sum | cut -c1-16) checks=() dir
	STAGED=no
	WEB=$INST
	[[ -n $WEB_USER ]] || return 0
	for dir in "$INST" "$TOP/share" "$BUILD"; do [[ ! -d $dir ]] || checks+=(-x "$dir"); done
	if [[ ! -d $staged ]] && web_user_check "${checks[@]}" >/dev/null; then return 0; fi
	STAGED=yes
	WEB=$staged
	[[ -d $WEB ]] && return 0
	getent passwd "$WEB_USER" >/dev/null ||
		die "the web user $WEB_USER does not exist (it comes with Debian's base-passwd; nginx and Apache run as it)"
	say "$WEB_USER cannot reach $INST: what it needs goes to $WEB"
	# $WEB_STAGE_ROOT lets others only pass through; an instance's directory is for root and the web user.
	install -d -m 0711 "$WEB_STAGE_ROOT" && install -d -m 0750 -g "$WEB_USER" "$WEB" ||
		die "cannot make $WEB for the web user: clone expertpool into a directory $WEB_USER can enter (e.g. /srv/expertpool), or make $WEB_STAGE_ROOT writable"
	local problem
	if ! problem=$(web_user_check -x "$WEB"); then
		rmdir "$WEB"
		die "$problem. Clone expertpool into a directory $WEB_USER can enter (e.g. /srv/expertpool), or set EP_WEB_STAGE_ROOT to one it can"
	fi
}

# stage PATH: PATH itself, or when the instance is staged a copy of it in $WEB that the web user
# may read (and run): build/cgi-bin/login → $WEB/bin/build/login, share → $WEB/share. Prints
# the path to use. Copied afresh at every start, so a rebuild is seen.
stage() {
	local src=$1 dest
	if [[ $STAGED != yes ]]; then
		echo "$src"
		return
	fi
	if [[ -d $src ]]; then
		dest=$WEB/${src##*/}
		rm -rf "$dest.new"
		cp -R "$src" "$dest.new"
		rm -rf "$dest"
		mv "$dest.new" "$dest"
		chgrp -R "$WEB_USER" "$dest"
		chmod -R g+rX,o-rwx "$dest"
	else
		# the build's directory name (build, build-asan) keeps the builds' programs apart
		dest=$WEB/bin/$(basename "$(dirname "$(dirname "$src")")")/${src##*/}
		install -d -m 0750 -g "$WEB_USER" "$WEB/bin" "$(dirname "$dest")"
		install -m 0750 -g "$WEB_USER" "$src" "$dest"
	fi
	echo "$dest"
}

# ---- instances and ports -----------------------------------------------------------------------

# Sets the paths of the instance in directory $1. The database, the logs, the SMS log and the
# instance's configuration (its keys) stay there; sockets, the configuration the programs read,
# the captcha log, the web servers' own directories are on the web side ($WEB, the same
# directory unless the web user cannot reach it). The programs find their configuration through
# EXPERTPOOL_CONF, exported here once for everything started later.
use_instance() {
	INST=$1
	mkdir -p "$INST/log"
	choose_web_dir
	CONF=$INST/expertpool.ini
	LOG=$INST/log
	DATADIR=$INST/db
	SMS_LOG=$INST/sms.log
	RUN=$WEB/run
	WEB_CONF=$WEB/expertpool.ini
	CAPTCHA_LOG=$WEB/captcha.log
	# Logs the web user writes itself: the programs' stderr (spawn-fcgi would send it to
	# /dev/null), sanitizer reports. Copied into $LOG when a staged web side is removed.
	WEB_LOG=$LOG
	[[ $STAGED != yes ]] || WEB_LOG=$WEB/log
	PROGRAMS_LOG=$WEB_LOG/programs.log
	DB_SOCK=$RUN/mysqld.sock
	SHARE=$TOP/share
	export EXPERTPOOL_CONF=$WEB_CONF
	mkdir -p "$RUN" "$WEB_LOG"
	if [[ -n $WEB_USER ]]; then
		chgrp "$WEB_USER" "$WEB_LOG"
		chmod 0770 "$WEB_LOG"
		[[ $STAGED != yes ]] || { chgrp "$WEB_USER" "$RUN"; chmod 0750 "$RUN"; }
	fi
}

# The web side of a staged instance goes when the instance stops: it holds copies, sockets and
# logs, which are kept with the instance's own.
remove_web_dir() {
	[[ ${STAGED:-no} == yes && -d $WEB ]] || return 0
	cp -r "$WEB_LOG/." "$LOG/" 2>/dev/null || true
	rm -rf "$WEB"
}

port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A port nothing listens on, other than the ports given as arguments.
pick_free_port() {
	local p
	while :; do
		p=$((20000 + RANDOM))
		[[ " $* " != *" $p "* ]] && port_is_free "$p" && { echo "$p"; return; }
	done
}

# Waits until something listens on port $1; fails when process $2 ($3 names it) has died.
wait_for_port() {
	local port=$1 pid=$2 name=$3 i
	for ((i = 0; i < 100; i++)); do
		port_is_free "$port" || return 0
		alive "$pid" || die "$name exited at start (see $LOG)"
		sleep 0.1
	done
	die "$name does not listen on port $port after 10 s (see $LOG)"
}

# ---- configuration -------------------------------------------------------------------------------

random_hex() { od -An -tx1 -N"$1" /dev/urandom | tr -d ' \n'; }

# ini_get FILE SECTION KEY: the value, empty when unset.
ini_get() {
	awk -v want_section="$2" -v want_key="$3" '
		/^[ \t]*\[/ { section = $0; gsub(/[][ \t]/, "", section); next }
		section == want_section && /^[ \t]*[^;#]/ {
			eq = index($0, "="); key = substr($0, 1, eq - 1); gsub(/[ \t]/, "", key)
			if (eq && key == want_key) { value = substr($0, eq + 1); gsub(/^[ \t]+|[ \t]+$/, "", value); print value; exit }
		}' "$1"
}

# ini_set FILE SECTION.KEY=VALUE…: sets each key within its section, on the key's line, else on a
# commented-out line of the same key, else at the end of the section. Everything else is kept.
ini_set() {
	local file=$1
	shift
	awk '
		BEGIN {
			for (i = 1; i < ARGC - 2; i++) {
				eq = index(ARGV[i], "="); dot = index(ARGV[i], ".")
				section = substr(ARGV[i], 1, dot - 1); key = substr(ARGV[i], dot + 1, eq - dot - 1)
				value[section, key] = substr(ARGV[i], eq + 1); keys[section] = keys[section] " " key
				delete ARGV[i]
			}
		}
		function parse(line) {
			commented = line ~ /^[ \t]*[;#]/
			sub(/^[ \t;#]*/, "", line)
			eq = index(line, "="); key = substr(line, 1, eq - 1); gsub(/[ \t]/, "", key)
			if (!eq) key = ""
		}
		function add_missing(   n, list, j) {
			n = split(keys[section], list, " ")
			for (j = 1; j <= n; j++)
				if (!((section, list[j]) in done)) { print list[j] " = " value[section, list[j]]; done[section, list[j]] = 1 }
		}
		FNR == 1 { section = "" }
		/^[ \t]*\[/ {
			if (FNR != NR) add_missing()
			section = $0; gsub(/[][ \t]/, "", section)
			if (FNR == NR) next
			print; next
		}
		FNR == NR { parse($0); if (key != "" && !commented) active[section, key] = 1; next }
		{
			parse($0)
			if (key != "" && (section, key) in value && !((section, key) in done) && (!commented || !((section, key) in active))) {
				print key " = " value[section, key]; done[section, key] = 1; next
			}
			print
		}
		END { add_missing() }' "$@" "$file" "$file" >"$file.new"
	mv "$file.new" "$file"
}

# The instance's expertpool.ini, made from the sample so that the sample stays the one list of
# keys. The database password and the keys of an existing file are kept. The programs read it
# (and share/) on the web side: a copy there when the instance is staged.
write_config() {
	local password= secret= id_key=
	if [[ -f $CONF ]]; then
		password=$(ini_get "$CONF" database password)
		secret=$(ini_get "$CONF" security secret)
		id_key=$(ini_get "$CONF" security id_key)
	fi
	SHARE=$(stage "$TOP/share")
	cp "$TOP/conf/expertpool.ini.sample" "$CONF.tmp"
	ini_set "$CONF.tmp" \
		database.host=127.0.0.1 database.port="$DB_PORT" database.socket="$DB_SOCK" database.user="$DB_USER" \
		database.password="${password:-$(random_hex 16)}" database.name="$DB_NAME" \
		security.secret="${secret:-$(random_hex 32)}" security.id_key="${id_key:-$(random_hex 32)}" \
		sms.driver=file sms.file="$SMS_LOG" captcha.answer_log="$CAPTCHA_LOG" \
		site.share_dir="$SHARE" site.url="http://127.0.0.1:$HTTP_PORT"
	chmod 0640 "$CONF.tmp"
	[[ -z $WEB_USER ]] || chgrp "$WEB_USER" "$CONF.tmp"
	mv "$CONF.tmp" "$CONF"
	[[ $WEB_CONF == "$CONF" ]] || cp -p "$CONF" "$WEB_CONF"
	touch "$SMS_LOG" "$CAPTCHA_LOG"
	if [[ -n $WEB_USER ]]; then
		# The programs run as the web user: they append captcha answers.
		chgrp "$WEB_USER" "$CAPTCHA_LOG"
		chmod 0660 "$CAPTCHA_LOG"
	fi
}

# fill_template TEMPLATE OUTPUT NAME=VALUE…: the template with every @NAME@ replaced.
fill_template() {
	local template=$1 output=$2
	shift 2
	awk '
		BEGIN {
			for (i = 1; i < ARGC - 1; i++) {
				eq = index(ARGV[i], "="); name[i] = "@" substr(ARGV[i], 1, eq - 1) "@"
				value[i] = substr(ARGV[i], eq + 1); n = i; delete ARGV[i]
			}
		}
		{
			for (i = 1; i <= n; i++)
				while ((p = index($0, name[i])) > 0)
					$0 = substr($0, 1, p - 1) value[i] substr($0, p + length(name[i]))
			print
		}' "$@" "$template" >"$output"
	! grep -nE '@[A-Z_]+@' "$output" >&2 || die "$output: a @…@ name is left without a value"
}

# ---- processes -----------------------------------------------------------------------------------

# A live process (zombies, which a container's init may never reap, count as dead).
alive() {
	local state
	state=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null) || return 1
	[[ ${state:0:1} != Z ]]
}

any_alive() {
	local pid
	for pid; do alive "$pid" && return 0; done
	return 1
}

# A live process started from this checkout or its web side: a pid file left by a crash may
# name another one.
ours() {
	local cmdline
	alive "$1" || return 1
	cmdline=$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null) || return 1
	[[ $cmdline == *"$TOP/"* || $cmdline == *"${WEB:-$TOP}/"* ]]
}

# stop_pidfiles FILE…: TERM every process listed, wait for all of them together, KILL what is
# still there after 10 s, remove the files. (An idle libfcgi program takes 1.5–3 s to exit.)
stop_pidfiles() {
	local pids=() file pid i
	for file; do
		[[ -f $file ]] || continue
		for pid in $(<"$file"); do ours "$pid" && pids+=("$pid"); done
	done
	if ((${#pids[@]})); then
		kill -TERM "${pids[@]}" 2>/dev/null || true
		for ((i = 0; i < 100; i++)); do
			any_alive "${pids[@]}" || break
			sleep 0.1
		done
		for pid in "${pids[@]}"; do
			if alive "$pid"; then
				say "process $pid did not stop after 10 s: killing it"
				kill -KILL "$pid" 2>/dev/null || true
			fi
		done
	fi
	rm -f "$@"
}

# Runs a command in the background in a session of its own (Ctrl-C reaches only this script,
# which then stops everything in order), output to log $1; prints its pid.
start_background() {
	local log=$1
	shift
	setsid "$@" </dev/null >>"$log" 2>&1 &
	echo $!
}

running() { [[ -f $1 ]] && ours "$(head -n 1 "$1")"; }
