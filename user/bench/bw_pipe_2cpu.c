/*
 * user/bench/bw_pipe_2cpu.c - pipe bandwidth (bw_pipe.c) on two CPUs: the parent pinned to CPU 0, the child to CPU 1, for make bench SMP=2; prints "bw_pipe_2cpu VALUE UNIT" and a "pin" line.
 */
#define BENCH_PIN_PARENT 0
#define BENCH_PIN_CHILD 1
#define BENCH_NAME_SUFFIX "_2cpu"
#include "bw_pipe.c"
