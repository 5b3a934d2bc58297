#!/bin/sh
# tests/host/run-tests.sh - what `make test` runs (see run_tests.py).
exec python3 "$(dirname "$0")/run_tests.py" "$@"
