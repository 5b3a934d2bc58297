#!/bin/sh
# scripts/mkconfig.sh - the kernel's configuration in Kconfig's .config form,
# worked out from the source tree at build time (what is built in, and the
# constants it is built with), for /proc/config.gz (kernel/configs.c; Linux:
# CONFIG_IKCONFIG_PROC). Run from the top of the tree; prints on stdout.
set -e
y() { echo "CONFIG_$1=y"; }
n() { echo "# CONFIG_$1 is not set"; }
have() { if [ -e "$2" ]; then y "$1"; else n "$1"; fi; }
num() { sed -n "s/^#define $2[[:space:]]*\([0-9][0-9]*\).*/\1/p" "$3" | head -1; }

hz=$(num x HZ include/kernel/timer.h)
logbuf=$(num x LOG_BUF_LEN kernel/printk.c)
shift=0
while [ $((1 << shift)) -lt "$logbuf" ]; do shift=$((shift + 1)); done

echo "#"
echo "# Automatically generated file; DO NOT EDIT."
echo "# ipckernel $(sed -n 's/^#define KERNEL_VERSION "\(.*\)"/\1/p' include/kernel/boot.h) Kernel Configuration"
echo "#"
y X86
y X86_32
y M686
have SMP boot/smpboot.c
if [ -e boot/smpboot.c ]; then
	echo "CONFIG_NR_CPUS=$(num x NR_CPUS include/kernel/smp.h)"
	y X86_LOCAL_APIC
	y DEBUG_SPINLOCK
fi
n MODULES
n HIGHMEM4G
y NOHIGHMEM
y VMSPLIT_3G
echo "CONFIG_PAGE_OFFSET=0xC0000000"
y "HZ_$hz"
echo "CONFIG_HZ=$hz"
y MULTIUSER
y PRINTK
echo "CONFIG_LOG_BUF_SHIFT=$shift"
y BLK_DEV_INITRD
y SYSVIPC
y SYSVIPC_SYSCTL
have POSIX_MQUEUE ipc/mqueue.c
y CHECKPOINT_RESTORE
have FUTEX kernel/futex.c
have EPOLL fs/eventpoll.c
have FILE_LOCKING fs/locks.c
have POSIX_TIMERS kernel/posix-timers.c
have NET net/socket.c
have UNIX net/unix/af_unix.c
y PROC_FS
y PROC_SYSCTL
y SYSCTL
y IKCONFIG
y IKCONFIG_PROC
have TMPFS mm/shmem.c
n SWAP
n BLOCK
y TTY
y SERIAL_8250
y SERIAL_8250_CONSOLE
y VGA_CONSOLE
y KALLSYMS
y DEBUG_INFO
# the debug kernel's options (make DEBUG=1 passes them in DEBUG_CONFIGS)
for c in DEBUG_KERNEL DEBUG_SLAB PAGE_POISONING DEBUG_LIST DEBUG_SPINLOCK_SLEEP DEBUG_STACKOVERFLOW; do
	case " ${DEBUG_CONFIGS:-} " in
	*" $c "*) y "$c" ;;
	*) n "$c" ;;
	esac
done
