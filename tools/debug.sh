#!/bin/sh
# tools/debug.sh - `make debug`: QEMU paused with its gdb stub on 127.0.0.1:1234,
# the console in a log file, and gdb attached with tools/gdbinit.
cd "$(dirname "$0")/.." || exit 1
LOG=build/debug-serial.log
qemu-system-i386 -m 256 -no-reboot -display none -serial file:$LOG -monitor none \
	-device isa-debug-exit,iobase=0xf4,iosize=4 -kernel build/kernel.elf \
	-initrd build/initramfs.cpio \
	${KERNEL_ARGS:+-append "$KERNEL_ARGS"} -S -gdb tcp:127.0.0.1:1234 &
QPID=$!
echo "QEMU paused (pid $QPID); serial output goes to $LOG (tail -f it in another terminal)"
gdb -nx -x tools/gdbinit
kill $QPID 2>/dev/null
