#!/bin/sh
# tests/host/run-host-tests.sh - what `make test-host` runs: every user test
# program natively on this Linux host, which proves each check states Linux's
# own behaviour.
exec python3 "$(dirname "$0")/run_tests.py" --host-only "$@"
