#!/bin/sh
# tools/debug.sh - `make debug`: QEMU paused with its gdb stub, the console on
# a socket for tools/console.py, gdb in the foreground (tools/debug.py).
cd "$(dirname "$0")/.." || exit 1
exec python3 tools/debug.py "$@"
