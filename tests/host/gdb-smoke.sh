#!/bin/sh
# tests/host/gdb-smoke.sh - gdb through QEMU's stub. First in batch mode: break
# at a kernel function, continue to it, and fail unless the backtrace names it
# and its caller with source lines. Then `make debug` on a pseudo terminal
# (tests/host/gdb_debug.py): Ctrl-C stops the guest and QEMU lives on, the
# console socket reaches the kshell and its command hits a breakpoint, and
# quitting gdb ends QEMU and make cleanly. Last, tools/gdb's lx-* commands
# against a kernel stopped with a known pipe and semaphore state
# (tests/host/gdb_helpers.py), and the README's pipe session (tests/host/gdb_pipe_session.py).
cd "$(dirname "$0")/../.." || exit 1
PORT=$((20000 + $$ % 20000))
qemu-system-i386 -m 256 -no-reboot -display none -serial null -monitor none \
	-device isa-debug-exit,iobase=0xf4,iosize=4 \
	-kernel build/kernel.elf -append 'kshell.run="mem"' \
	-S -gdb tcp:127.0.0.1:$PORT &
QPID=$!
OUT=$(timeout 60 gdb -nx -batch \
	-ex "set confirm off" \
	-ex "file build/kernel.elf" \
	-ex "target remote 127.0.0.1:$PORT" \
	-ex "break show_mem" \
	-ex "continue" \
	-ex "bt" \
	-ex "kill" 2>&1)
kill $QPID 2>/dev/null
wait $QPID 2>/dev/null
echo "$OUT"
echo "$OUT" | grep -q "^#0 .*show_mem .*at mm/init.c:[0-9]" || { echo "gdb-smoke: no show_mem frame"; exit 1; }
echo "$OUT" | grep -q "^#1 .*cmd_mem .*at kernel/kshell.c:[0-9]" || { echo "gdb-smoke: no cmd_mem caller"; exit 1; }
timeout 240 python3 tests/host/gdb_debug.py || { echo "gdb-smoke: make debug session failed"; exit 1; }
timeout 240 python3 tests/host/gdb_helpers.py || { echo "gdb-smoke: lx-* helpers failed"; exit 1; }
timeout 240 python3 tests/host/gdb_pipe_session.py || { echo "gdb-smoke: the README pipe session failed"; exit 1; }
exit 0
