#!/bin/sh
# tools/deps.sh - check for the Debian packages the project needs and install
# the missing ones with apt-get when running as root (make deps).
set -e
PKGS="gcc-i686-linux-gnu libc6-dev-i386-cross binutils-i686-linux-gnu nasm qemu-system-x86 grub-pc-bin grub-common xorriso mtools gdb cpio python3 make"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
	echo "deps: missing Debian packages:$missing" >&2
	echo "deps: run as root, or: sudo apt-get install$missing" >&2
	exit 1
fi
echo "deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends $missing >/dev/null
