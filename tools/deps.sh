#!/bin/sh
# tools/deps.sh - `make deps`: install the Debian packages the project needs
# (with apt-get, when running as root), then fetch Debian's i386
# busybox-static for the initramfs (tools/fetch-busybox.sh) and the Debian
# i386 userland of the larger image (tools/fetch-debian.sh). libc6-i386-cross
# is also where the image's /lib (the dynamic loader, libc.so.6) comes from.
#
#   sh tools/deps.sh          install what is missing, fetch busybox
#   sh tools/deps.sh --list   print the package list (tools/check-deps.py reads it)
#
# Every package the build uses must be on PKGS, or be pulled in by one of
# them through Depends (the install uses --no-install-recommends, so
# Recommends do not count), or be one of Debian's required packages:
# .ci/run checks this with tools/check-deps.py. Works without make, so on a
# bare machine `sh tools/deps.sh` comes first.
set -e
PKGS="make gcc-i686-linux-gnu libc6-dev-i386-cross libc6-i386-cross binutils-i686-linux-gnu nasm qemu-system-x86 grub-pc-bin grub-common xorriso mtools gdb cpio python3"
if [ "$1" = "--list" ]; then
	echo "$PKGS"
	exit 0
fi
cd "$(dirname "$0")/.."
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "deps: missing Debian packages:$missing" >&2
		echo "deps: run as root, or: sudo apt-get install --no-install-recommends$missing" >&2
		exit 1
	fi
	echo "deps: installing$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
sh tools/fetch-busybox.sh
# Debian's i386 userland for the larger image (make run DEBIAN=1, the debian tests)
sh tools/fetch-debian.sh
