#!/usr/bin/env bash
# The ctest case "package.deb": builds the Debian package with cpack, installs
# it with dpkg, runs the installed program, finds its man pages and
# completions, and removes the package again.
#
# Usage: package_deb.sh BUILD-DIR CPACK VERSION
#
# It changes the system, so it runs only as root with dpkg (CI's throwaway
# machine) and exits 77, which ctest reports as skipped, otherwise, or when
# a backplan is already installed: it never overwrites one from elsewhere.
set -euo pipefail

build=$1 cpack=$2 version=$3

skip() {
  echo "SKIPPED: $*"
  exit 77
}
fail() {
  echo "FAILED: $*" >&2
  exit 1
}

[[ $(id -u) == 0 ]] || skip "installing a .deb needs root"
command -v dpkg >/dev/null || skip "dpkg is not installed"
command -v dpkg-shlibdeps >/dev/null || fail "dpkg-shlibdeps is missing: apt-get install dpkg-dev"
command -v man >/dev/null || fail "man is missing: apt-get install man-db"

# One run at a time on this machine, whichever build folder it comes from.
exec 9>/tmp/backplan-package-test.lock
flock 9

if dpkg-query -W -f '${Status}' backplan 2>/dev/null | grep -q ' installed$'; then
  skip "a backplan package is already installed"
fi
[[ ! -e /usr/bin/backplan ]] || skip "/usr/bin/backplan exists and is not ours to overwrite"

work=$(mktemp -d)
installed=
cleanup() {
  if [[ -n $installed ]]; then
    dpkg -r backplan >/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

"$cpack" -G DEB --config "$build/CPackConfig.cmake" -B "$work" >"$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log"; fail "cpack -G DEB failed"; }
deb=$(echo "$work"/backplan_"$version"_*.deb)
[[ -f $deb ]] || { ls "$work"; fail "no backplan_${version}_*.deb"; }

# The Depends name the runtime libraries the binary links.
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for library in 'libc6' 'libstdc\+\+6' 'libgcc-s1' 'libyaml-cpp[0-9.]+' 'libfmt[0-9]+'; do
  grep -Eq "(^|, )$library( |,|$)" <<<"$depends" || fail "Depends lacks $library"
done

# Slim Debian images tell dpkg to leave out man pages and docs: ours go in.
dpkg --path-include='/usr/share/man/man*/backplan*' --path-include='/usr/share/doc/backplan/*' \
  -i "$deb"
installed=1

[[ $(/usr/bin/backplan --version) == "backplan $version" ]] || fail "/usr/bin/backplan --version"
[[ $(man -w backplan) == /usr/share/man/man1/backplan.1* ]] || fail "man -w backplan"
[[ $(man -w 5 backplan-catalog) == /usr/share/man/man5/backplan-catalog.5* ]] ||
  fail "man -w 5 backplan-catalog"
for file in /usr/share/bash-completion/completions/backplan \
            /usr/share/zsh/vendor-completions/_backplan \
            /usr/share/fish/vendor_completions.d/backplan.fish \
            /usr/share/doc/backplan/README.md /usr/share/doc/backplan/LICENSE; do
  dpkg -S "$file" >/dev/null || fail "$file is not in the package"
done
/usr/bin/backplan plan -m 5 >/dev/null || fail "the installed backplan cannot make a plan"

dpkg -r backplan
installed=
[[ ! -e /usr/bin/backplan ]] || fail "dpkg -r left /usr/bin/backplan behind"
echo "ok: $(basename "$deb") installs, runs and removes cleanly"
