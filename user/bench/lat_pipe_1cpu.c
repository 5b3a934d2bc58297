/*
 * user/bench/lat_pipe_1cpu.c - pipe round trip (lat_pipe.c) on one CPU: parent and child both pinned to CPU 0, for make bench SMP=2; prints "lat_pipe_1cpu VALUE UNIT" and a "pin" line.
 */
#define BENCH_PIN_PARENT 0
#define BENCH_PIN_CHILD 0
#define BENCH_NAME_SUFFIX "_1cpu"
#include "lat_pipe.c"
