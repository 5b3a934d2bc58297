#!/bin/sh
# tools/fetch-debian.sh - fetch a small Debian 12 (bookworm) i386 userland for
# the optional larger image (build/initramfs-debian.cpio, `make run DEBIAN=1`):
# libc6, util-linux, coreutils, procps, stress-ng and the shared libraries their
# programs need, found by following DT_NEEDED through the ELF dynamic sections
# (not apt's Depends, which would drag in much more). Called by `make deps`.
#
#   sh tools/fetch-debian.sh           fetch once; print the root's path
#   sh tools/fetch-debian.sh --linux   also Debian's Linux 6.1 686 kernel
#                                      (for tools/stress.py's side-by-side run)
#
# apt runs with state of its own (lists, cache, sources, architecture i386)
# under the cache, so this machine's apt setup is left alone and root is not
# needed. Packages are unpacked with dpkg-deb -x into
#   $CACHE/pkgs/NAME/        one tree per package, as shipped
#   $CACHE/root/             the merged tree tools/mkinitramfs.sh packs
# with CACHE=${XDG_CACHE_HOME:-~/.cache}/ipckernel/debian (DEBIAN_CACHE
# overrides). Nothing here is committed. Once $CACHE/root/.complete names the
# same package roots, nothing touches the network.
set -e
ROOTS="libc6 util-linux coreutils procps stress-ng"
CACHE=${DEBIAN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ipckernel/debian}
READELF=${READELF:-i686-linux-gnu-readelf}
command -v "$READELF" >/dev/null || READELF=readelf
linux=0
[ "$1" = "--linux" ] && linux=1

apt_setup() {
	[ -n "$apt_ready" ] && return 0
	mkdir -p "$CACHE/apt/lists/partial" "$CACHE/apt/cache/archives/partial" \
		"$CACHE/apt/sources.list.d" "$CACHE/debs"
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
	APT="-o APT::Architecture=i386 -o APT::Architectures=i386
		-o Dir::State::Lists=$CACHE/apt/lists -o Dir::State::status=/dev/null
		-o Dir::Cache=$CACHE/apt/cache -o Dir::Etc::SourceList=/dev/null
		-o Dir::Etc::SourceParts=$CACHE/apt/sources.list.d -o APT::Sandbox::User=root
		-o Debug::NoLocking=1"
	echo "debian: apt lists for i386 into $CACHE/apt" >&2
	# shellcheck disable=SC2086
	apt-get $APT -qq update
	apt_ready=1
}

# fetch and unpack one package into $CACHE/pkgs/NAME (once)
fetch_pkg() {
	[ -f "$CACHE/pkgs/$1/.unpacked" ] && return 0
	apt_setup
	# shellcheck disable=SC2086
	(cd "$CACHE/debs" && rm -f "$1"_*.deb && apt-get $APT -qq download "$1:i386")
	deb=$(ls "$CACHE/debs/$1"_*_i386.deb "$CACHE/debs/$1"_*_all.deb 2>/dev/null | head -n 1)
	[ -n "$deb" ] || { echo "debian: no .deb for $1" >&2; exit 1; }
	rm -rf "$CACHE/pkgs/$1"
	mkdir -p "$CACHE/pkgs/$1"
	dpkg-deb -x "$deb" "$CACHE/pkgs/$1"
	echo "$(dpkg-deb -f "$deb" Version)" > "$CACHE/pkgs/$1/.unpacked"
}

# the package names a package Depends or Pre-Depends on (first alternative)
pkg_depends() {
	apt_setup
	# shellcheck disable=SC2086
	apt-cache $APT depends --no-recommends --no-suggests --no-conflicts --no-breaks \
		--no-replaces --no-enhances "$1:i386" 2>/dev/null |
		awk '$1 == "Depends:" || $1 == "PreDepends:" { n = $2; sub(/:i386$/, "", n); if (n !~ /^</) print n }' |
		sort -u
}

# ELF files of a package tree: "PATH" lines
elf_files() {
	find "$1" -type f \( -perm -u+x -o -name '*.so*' \) | while read -r f; do
		[ "$(head -c 4 "$f" | od -An -tx1 | tr -d ' \n')" = 7f454c46 ] && echo "$f"
	done
}

# the DT_NEEDED sonames of the ELF files under a tree (kept in .needed)
needed_of() {
	[ -f "$1/.needed" ] || elf_files "$1" | while read -r f; do
		"$READELF" -d "$f" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'
	done | sort -u > "$1/.needed"
	cat "$1/.needed"
}

# the shared-object names a tree provides under its library directories
# (gconv modules need libraries beside them, in a subdirectory)
provided_by() {
	for d in lib usr/lib; do
		[ -d "$1/$d" ] || continue
		find "$1/$d" \( -type f -o -type l \) -name '*.so*' -exec basename {} \;
	done | sort -u
}

fetch_linux() {
	kernel=$(ls "$CACHE"/linux/boot/vmlinuz-*-686 2>/dev/null | head -n 1 || true)
	if [ -z "$kernel" ]; then
		apt_setup
		# the versioned package linux-image-686 (the metapackage) depends on
		pkg=$(pkg_depends linux-image-686 | grep '^linux-image-[0-9]' | head -n 1)
		[ -n "$pkg" ] || { echo "debian: cannot find linux-image-686's kernel package" >&2; exit 1; }
		fetch_pkg "$pkg"
		rm -rf "$CACHE/linux"
		mkdir -p "$CACHE/linux/boot"
		cp "$CACHE/pkgs/$pkg"/boot/vmlinuz-*-686 "$CACHE/linux/boot/"
		rm -rf "$CACHE/pkgs/$pkg"	# its modules are not needed: keep only the image
		mkdir -p "$CACHE/pkgs/$pkg" && echo kernel-only > "$CACHE/pkgs/$pkg/.unpacked"
		kernel=$(ls "$CACHE"/linux/boot/vmlinuz-*-686 | head -n 1)
	fi
	echo "debian: Linux kernel $kernel"
}

if [ -f "$CACHE/root/.complete" ] && [ "$(head -n 1 "$CACHE/root/.complete")" = "$ROOTS" ]; then
	echo "debian: $CACHE/root (cached, $(($(wc -l < "$CACHE/root/.complete") - 1)) packages)"
	[ $linux = 1 ] && fetch_linux
	exit 0
fi

# the closure: start from the roots; while some ELF file needs a soname no
# chosen package provides, fetch the Depends of the packages that need it and
# choose those that provide it
apt_setup
chosen=""
for p in $ROOTS; do
	fetch_pkg "$p"
	chosen="$chosen $p"
done
tried=" $chosen "
while :; do
	provided=$(for p in $chosen; do provided_by "$CACHE/pkgs/$p"; done | sort -u)
	missing=""
	needers=""
	for p in $chosen; do
		m=$(needed_of "$CACHE/pkgs/$p" | while read -r so; do
			echo "$provided" | grep -qxF "$so" || echo "$so"
		done)
		[ -n "$m" ] || continue
		missing="$missing $m"
		needers="$needers $p"
	done
	[ -n "$missing" ] || break
	added=0
	for p in $needers; do
		for d in $(pkg_depends "$p"); do
			case "$tried" in *" $d "*) continue ;; esac
			tried="$tried$d "
			fetch_pkg "$d"
			gives=$(provided_by "$CACHE/pkgs/$d")
			for so in $missing; do
				if echo "$gives" | grep -qxF "$so"; then
					chosen="$chosen $d"
					added=1
					break
				fi
			done
		done
	done
	if [ $added = 0 ]; then
		echo "debian: no package found for:$(echo "$missing" | tr ' ' '\n' | sort -u | tr '\n' ' ')" >&2
		exit 1
	fi
done

# the merged tree: /bin, /sbin and /lib of a package go to /usr/bin, /usr/sbin
# and /usr/lib (the image keeps the project's own /bin; /lib is a link to
# usr/lib there); documentation, manuals and translations are left out
rm -rf "$CACHE/root.new"
mkdir -p "$CACHE/root.new/usr"
for p in $chosen; do
	(cd "$CACHE/pkgs/$p" && find . -mindepth 1 \( -type f -o -type l \) ! -name .unpacked ! -name .needed) | while read -r f; do
		f=${f#./}
		case "$f" in
		usr/share/doc/*|usr/share/man/*|usr/share/info/*|usr/share/locale/*|usr/share/lintian/*|\
		usr/share/bash-completion/*|usr/share/zsh/*|usr/share/bug/*|usr/share/gdb/*) continue ;;
		bin/*|sbin/*|lib/*) to=usr/$f ;;
		*) to=$f ;;
		esac
		mkdir -p "$CACHE/root.new/$(dirname "$to")"
		if [ -L "$CACHE/pkgs/$p/$f" ]; then
			t=$(readlink "$CACHE/pkgs/$p/$f")
			# an absolute target in /bin, /sbin or /lib moves with the tree;
			# a relative one is resolved where it was (its directory may move)
			case "$t" in
			/bin/*|/sbin/*|/lib/*) t=/usr$t ;;
			/*) ;;
			*) t=$(realpath -ms "$(dirname "/$f")/$t") ;;
			esac
			case "$t" in /bin/*|/sbin/*|/lib/*) t=/usr$t ;; esac
			# relative again, so the tree also works where it lies on the host
			ln -sfn "$(realpath -ms --relative-to="$(dirname "/$to")" "$t")" "$CACHE/root.new/$to"
		else
			cp -p "$CACHE/pkgs/$p/$f" "$CACHE/root.new/$to"
		fi
	done
done
[ -L "$CACHE/root.new/usr/lib/ld-linux.so.2" ] || [ -f "$CACHE/root.new/usr/lib/ld-linux.so.2" ] || { echo "debian: no ld-linux.so.2 in libc6" >&2; exit 1; }
rm -rf "$CACHE/root"
mv "$CACHE/root.new" "$CACHE/root"
{
	echo "$ROOTS"
	for p in $chosen; do echo "$p $(cat "$CACHE/pkgs/$p/.unpacked")"; done
} > "$CACHE/root/.complete"
echo "debian: $CACHE/root ($(echo $chosen | wc -w) packages, $(du -sh "$CACHE/root" | cut -f1))"
[ $linux = 1 ] && fetch_linux
exit 0
