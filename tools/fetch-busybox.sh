#!/bin/sh
# tools/fetch-busybox.sh - fetch Debian bookworm's busybox-static for i386
# (the initramfs's /bin/busybox and its applet links, tools/mkinitramfs.sh)
# into the user's cache, once: `apt-get download` with apt state of its own
# (lists, cache, sources copied from this machine's bookworm entries), so
# the machine's own apt setup, architectures and package lists are left
# alone. Root is not needed. Once cached, nothing here touches the network.
#
#   sh tools/fetch-busybox.sh      prints the cached binary's path
set -e
CACHE=${BUSYBOX_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ipckernel/busybox}
BIN=$CACHE/busybox
is_i386_elf() {	# ELF32, little-endian, ET_EXEC, EM_386
	case "$(od -An -tx1 -N20 "$1" 2>/dev/null | tr -d ' \n')" in
	7f454c46010101??????????????????02000300) return 0 ;;
	esac
	return 1
}
if [ -x "$BIN" ] && is_i386_elf "$BIN"; then
	echo "busybox: $BIN (cached)"
	exit 0
fi
mkdir -p "$CACHE/apt/lists/partial" "$CACHE/apt/cache/archives/partial" "$CACHE/apt/sources.list.d"
rm -f "$CACHE"/apt/sources.list.d/*
# this machine's bookworm sources (one-line or deb822), else Debian's own
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
	[ -f "$f" ] && grep -qs '^[^#]*bookworm' "$f" || continue
	case "$f" in
	*.sources) cp "$f" "$CACHE/apt/sources.list.d/$(basename "$f")" ;;
	*) cp "$f" "$CACHE/apt/sources.list.d/$(basename "$f" .list)-$(echo "$f" | cksum | cut -d' ' -f1).list" ;;
	esac
done
if [ -z "$(ls "$CACHE/apt/sources.list.d")" ]; then
	echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm main" \
		> "$CACHE/apt/sources.list.d/debian.list"
fi
set -- -o APT::Architecture=i386 -o APT::Architectures=i386 \
	-o Dir::State::Lists="$CACHE/apt/lists" -o Dir::State::status=/dev/null \
	-o Dir::Cache="$CACHE/apt/cache" -o Dir::Etc::SourceList=/dev/null \
	-o Dir::Etc::SourceParts="$CACHE/apt/sources.list.d" -o APT::Sandbox::User=root \
	-o Debug::NoLocking=1
echo "busybox: fetching Debian's busybox-static for i386 into $CACHE"
apt-get "$@" -qq update
(cd "$CACHE" && rm -f busybox-static_*.deb && apt-get "$@" -qq download busybox-static)
rm -rf "$CACHE/x"
dpkg-deb -x "$CACHE"/busybox-static_*.deb "$CACHE/x"
is_i386_elf "$CACHE/x/bin/busybox" || { echo "busybox: $CACHE/x/bin/busybox is not an i386 ELF" >&2; exit 1; }
mv "$CACHE/x/bin/busybox" "$BIN.tmp"
mv "$BIN.tmp" "$BIN"
rm -rf "$CACHE/x"
echo "busybox: $BIN ($(dpkg-deb -f "$CACHE"/busybox-static_*.deb Version))"
