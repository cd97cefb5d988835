# scripts/install.sh — what a run needs before it starts: Debian packages, a recent enough Node,
# the C programs (built out of tree in build/, build-asan/, build-fuzz/), the web pages, npm.
# Sourced by ./dev's commands and bench/; it only defines.

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PACKAGES=(build-essential autoconf automake libtool pkg-config libfcgi-dev libfcgi-bin
	libmariadb-dev libcjson-dev libqrencode-dev libhpdf-dev libsodium-dev libinih-dev libgd-dev
	libcmocka-dev mariadb-server mariadb-client nginx spawn-fcgi apache2 libapache2-mod-fcgid wrk
	chromium fonts-arphic-gbsn00lp fonts-wqy-microhei poppler-utils zbar-tools
	clang libclang-rt-14-dev)
# (clang and its libFuzzer runtime: ./dev fuzz, the suite fuzz)

package_installed() { [[ $(dpkg-query -W -f='${Status}' "$1" 2>/dev/null) == "install ok installed" ]]; }

install_packages() {
	local wanted=("${PACKAGES[@]}") missing=() p
	command -v node >/dev/null || wanted+=(nodejs npm)
	for p in "${wanted[@]}"; do package_installed "$p" || missing+=("$p"); done
	((${#missing[@]})) || return 0
	say "installing ${missing[*]}"
	as_root apt-get update
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
}

# The web build (Vite 8) needs Node 20.19 or later, the test runner 20.10; Debian 12's nodejs is 18.
require_node() {
	node -e 'const [major, minor] = process.versions.node.split(".").map(Number);
		process.exit(major > 20 || (major === 20 && minor >= 19) ? 0 : 1)' ||
		die "node $(node --version) is too old: the web build needs Node 20.19 or later (Debian 12's own nodejs is 18: install Node 20 or 22, e.g. from NodeSource)"
}

# configure_tree DIR [CONFIGURE_ARG…]: configures DIR, a directory of the tree, with ../configure
# the first time (relative, so that a copy of the tree builds from its own sources).
configure_tree() {
	local dir=$1
	shift
	cd "$TOP"
	if [[ ! -x configure || configure.ac -nt configure ]]; then autoreconf -fi; fi
	# A tree an older ./dev configured in place would make every out-of-tree configure fail.
	if [[ -f config.status ]]; then
		say "the tree was configured in place by an older ./dev: cleaning it (builds are in build/ now)"
		make distclean >/dev/null 2>&1 || rm -f config.status
	fi
	[[ ! -f $dir/Makefile ]] || return 0
	mkdir -p "$dir"
	(cd "$dir" && ../configure "$@") >"$dir.configure.log" 2>&1 ||
		{ tail -n 30 "$dir.configure.log" >&2; rm -f "$dir/Makefile"; die "configure in ${dir#"$TOP"/} failed (see $dir.configure.log)"; }
}

# build_tree DIR [CONFIGURE_ARG…]: configured if need be, then every program made.
build_tree() {
	configure_tree "$@"
	make -C "$1" -j2
}

build_c() { build_tree "$BUILD" ${CI:+--enable-werror}; }

# The same programs with AddressSanitizer and UndefinedBehaviorSanitizer, for asan-unit and asan-api.
build_asan() { build_tree "$BUILD_ASAN" --enable-asan --enable-ubsan ${CI:+--enable-werror}; }

# npm ci in DIR unless its node_modules is already newer than its lock file.
npm_install() {
	local dir=$TOP/$1
	[[ ! $dir/node_modules/.package-lock.json -nt $dir/package-lock.json ]] || return 0
	if [[ -f $dir/package-lock.json ]]; then
		(cd "$dir" && npm ci --no-audit --no-fund)
	else
		(cd "$dir" && npm install --no-audit --no-fund)
	fi
}

# The web pages, rebuilt when a source in web/ is newer than the built share/www/index.html.
build_web() {
	local built=$TOP/share/www/index.html
	[[ -f $TOP/web/package.json ]] || { say "web/package.json is missing: no web pages built"; return 0; }
	if [[ -f $built && -z $(find "$TOP/web" -path "$TOP/web/node_modules" -prune -o -type f -newer "$built" -print -quit) ]]; then
		return 0
	fi
	npm_install web
	(cd "$TOP/web" && npm run build)
	[[ -f $built ]] || die "the web build did not produce share/www/index.html"
}

# Everything `up` and the tests need before an instance starts.
prepare_tree() {
	install_packages
	require_node
	build_c
	build_web
}
