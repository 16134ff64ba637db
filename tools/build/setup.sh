#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Install the Debian 12 packages a build, a run or the tests need; silent when all are present.
#
# usage: setup.sh build|run|test        (make's setup-build, setup-run, setup-test)
#
# Each set includes the one before. Missing packages are installed with apt-get when running as
# root (apt-get update first unless the lists are fresh); otherwise the exact command is printed
# and the script fails. SETUP_DRY_RUN=1 only reports what is missing.
set -eu

build="gcc make binutils libc6-dev dpkg-dev newlib-source xz-utils grub-common grub-pc-bin
	grub-efi-amd64-bin xorriso mtools device-tree-compiler libmbedtls-dev"
# Bochs: 'bochs' depends on some GUI plugin package; bochs-term is the light one (Debian builds
# no 'nogui', and 'term' runs headless), else apt would pull bochs-wx and GTK. bochsbios and
# vgabios hold the BIOS and VGA ROM images the harness's bochsrc names.
run="$build qemu-system-x86 ovmf bochs-term bochs bochsbios vgabios"
test="$run libcmocka-dev python3-pytest clang-format clang libclang-rt-14-dev binutils"

case ${1:-} in
build) want=$build ;;
run) want=$run ;;
test) want=$test ;;
*) echo "usage: $0 build|run|test" >&2; exit 2 ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
	# shellcheck disable=SC2086
	echo "setup: not a Debian system; make sure these are installed:" $want >&2
	exit 0
fi

missing() { # the wanted packages dpkg does not list as installed
	# shellcheck disable=SC2086
	installed=" $(dpkg-query -W -f='${Package} ${db:Status-Status}\n' $want 2>/dev/null |
		awk '$2 == "installed" { printf "%s ", $1 }')"
	for p in $want; do
		case $installed in
		*" $p "*) ;;
		*) printf '%s ' "$p" ;;
		esac
	done
}

todo=$(missing)
[ -n "$todo" ] || exit 0
todo=${todo% }

if [ -n "${SETUP_DRY_RUN:-}" ]; then
	echo "setup $1: missing: $todo"
	exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
	echo "setup $1: missing Debian packages; install them with:" >&2
	echo "  sudo apt-get install -y --no-install-recommends $todo" >&2
	exit 1
fi

# One installer at a time (make -j may run setup-build and setup-test together); whoever waited
# re-checks, since the other may have installed everything already.
lock=/var/lock/bulkhead-setup.lock
exec 9>"$lock"
flock 9
todo=$(missing)
[ -n "$todo" ] || exit 0
todo=${todo% }

echo "setup $1: installing $todo"
export DEBIAN_FRONTEND=noninteractive
apt_install() {
	# shellcheck disable=SC2086
	apt-get install -y -q --no-install-recommends $todo
}
# Lists younger than an hour are fresh enough to try without an update (CI images rarely have
# any lists, so there this updates once); a failed install gets one update and one retry.
if find /var/lib/apt/lists -maxdepth 1 -name '*_Packages*' -mmin -60 2>/dev/null | grep -q .; then
	apt_install || { apt-get update -q && apt_install; }
else
	apt-get update -q
	apt_install
fi
left=$(missing)
left=${left% }
if [ -n "$left" ]; then
	echo "setup $1: still missing after apt-get: $left" >&2
	exit 1
fi
