#!/bin/sh
# tools/mkinitramfs.sh - pack the initramfs: a cpio archive in the "newc"
# format that the kernel unpacks into its root ramfs at boot (Linux:
# usr/gen_init_cpio.c does the same job from a list).
#
#   sh tools/mkinitramfs.sh OUT [FILE...]
#
# The tree it packs, every entry owned by root:
#   /bin        build/user/*            (the user programs)
#   /bin/bench  build/user/bench/*      (the benchmarks)
#   /bin/tests  build/tests/user/*      (the differential test programs)
#   /sbin/init  build/user/init         (pid 1)
#   /dev /tmp (1777)                    empty; the kernel makes the /dev nodes
#   /etc        tools/rootfs/etc/*      (motd, passwd, group)
#   /lib        the dynamic loader ld-linux.so.2 and glibc's libraries
#               (libc, libm, libdl, libpthread, librt, libresolv, libutil,
#               libgcc_s) from the cross toolchain's sysroot $SYSROOT_LIB
#               (/usr/i686-linux-gnu/lib, package libc6-i386-cross), and
#               build/tests/lib/*.so (the test programs' own libraries)
#   /bin/busybox                        Debian's busybox-static for i386
#                                       (tools/fetch-busybox.sh), with a link
#                                       /bin/APPLET -> busybox for each applet
#                                       (sh, ls, cat, seq, wc, mkfifo, ...) that
#                                       does not shadow a project program
# and FILE... (extra programs) in /bin. Programs are stripped to save space.
#
# With DEBIAN_ROOT=DIR (tools/fetch-debian.sh's merged tree), the larger image
# build/initramfs-debian.cpio: DIR/usr as /usr (Debian's util-linux, coreutils,
# procps, stress-ng and their libraries), /lib a link to usr/lib (so the
# loader /lib/ld-linux.so.2 is Debian's), and DIR/etc's files that the
# project's /etc does not have. The project's own programs keep /bin.
set -e
out=$1
shift || { echo "usage: $0 OUT [FILE...]" >&2; exit 2; }
B=${B:-build}
STRIP=${STRIP:-i686-linux-gnu-strip}
here=$(cd "$(dirname "$0")" && pwd)
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT

mkdir -p "$root/bin/bench" "$root/bin/tests" "$root/sbin" "$root/dev" "$root/etc" "$root/tmp" "$root/lib"
chmod 755 "$root" "$root/bin" "$root/bin/bench" "$root/bin/tests" "$root/sbin" "$root/dev" "$root/etc" "$root/lib"
chmod 1777 "$root/tmp"
cp -p "$here"/rootfs/etc/* "$root/etc/"
chmod 644 "$root"/etc/*
ln -s /proc/mounts "$root/etc/mtab"	# as Linux systems have it (after the chmod: it would follow)

# copy executables (not directories, not .d files) from $1 into $2, stripped
add_progs() {
	for f in "$1"/*; do
		[ -f "$f" ] && [ -x "$f" ] || continue
		case "$f" in *.d|*.o) continue ;; esac
		"$STRIP" -o "$2/$(basename "$f")" "$f" 2>/dev/null || cp "$f" "$2/"
		chmod 755 "$2/$(basename "$f")"
	done
}
[ -d "$B/user" ] && add_progs "$B/user" "$root/bin"
[ -d "$B/user/bench" ] && add_progs "$B/user/bench" "$root/bin/bench"
[ -d "$B/tests/user" ] && add_progs "$B/tests/user" "$root/bin/tests"
# what dynamically linked programs need: the loader PT_INTERP names and glibc
SYSROOT_LIB=${SYSROOT_LIB:-/usr/i686-linux-gnu/lib}
for l in ld-linux.so.2 libc.so.6 libm.so.6 libdl.so.2 libpthread.so.0 librt.so.1 \
	 libresolv.so.2 libutil.so.1 libgcc_s.so.1; do
	if [ -f "$SYSROOT_LIB/$l" ]; then
		cp -L "$SYSROOT_LIB/$l" "$root/lib/$l"
		chmod 755 "$root/lib/$l"
	else
		echo "mkinitramfs: no $SYSROOT_LIB/$l (package libc6-i386-cross); dynamic programs will not run" >&2
	fi
done
for f in "$B"/tests/lib/*.so; do
	[ -f "$f" ] || continue
	"$STRIP" --strip-unneeded -o "$root/lib/$(basename "$f")" "$f" 2>/dev/null || cp "$f" "$root/lib/"
	chmod 755 "$root/lib/$(basename "$f")"
done
# init is pid 1's program (user/init.c): the kernel execs /sbin/init
[ -f "$root/bin/init" ] && mv "$root/bin/init" "$root/sbin/init"
# busybox last: the project's own programs (ipcs, ipcrm, init...) keep their names
BUSYBOX=${BUSYBOX:-${XDG_CACHE_HOME:-$HOME/.cache}/ipckernel/busybox/busybox}
if [ -x "$BUSYBOX" ]; then
	cp "$BUSYBOX" "$root/bin/busybox"
	chmod 755 "$root/bin/busybox"
	for a in $("$BUSYBOX" --list); do
		case "$a" in busybox|init|linuxrc) continue ;; esac
		[ -e "$root/bin/$a" ] || [ -e "$root/sbin/$a" ] || ln -s busybox "$root/bin/$a"
	done
else
	echo "mkinitramfs: no busybox at $BUSYBOX (make deps fetches it); the image has no /bin/sh" >&2
fi
for f in "$@"; do
	cp "$f" "$root/bin/"
	chmod 755 "$root/bin/$(basename "$f")"
done

if [ -n "$DEBIAN_ROOT" ]; then
	[ -f "$DEBIAN_ROOT/.complete" ] || { echo "mkinitramfs: no Debian root at $DEBIAN_ROOT (make deps)" >&2; exit 1; }
	cp -a "$DEBIAN_ROOT/usr" "$root/usr"
	# what the project put in /lib stays reachable unless Debian has the same name
	if [ -d "$root/lib" ] && [ ! -L "$root/lib" ]; then
		cp -an "$root/lib/." "$root/usr/lib/"
		rm -rf "$root/lib"
	fi
	ln -s usr/lib "$root/lib"
	cp -an "$DEBIAN_ROOT/etc/." "$root/etc/"
	chmod -R u+w,go-w "$root/usr" "$root/etc"
fi

(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) > "$out.tmp"
mv "$out.tmp" "$out"
