/*
 * fuzz_short.c - the short seeded run of the in-tree fuzzer (tests/fuzz/fuzz.c)
 * that `make test` makes: 100,000 random calls, seed 18, four children at a
 * time. The machine must come through it with no kernel report, every child
 * ended and accounted for, none hung; the leak check around every test
 * program then finds the free pages back at their baseline.
 */
#define FUZZ_NO_MAIN
#include "../fuzz/fuzz.c"
#include "utest.h"

int main(void)
{
	struct fuzz_opts o = { .calls = 100000, .seed = 18, .children = 4, .watchdog_s = 20,
			       .per_child = 20000, .quiet = 1 };
	struct fuzz_result r;
	int rc = fuzz_run(&o, &r);
	print_result(&r);
	CHECK_EQ("the harness set itself up", rc, 0);
	CHECK_EQ("every call was made", r.calls, o.calls);
	CHECK_EQ("no kernel report in the log", r.reports, 0);
	CHECK_EQ("every child ended and was counted", r.started,
		 r.finished + r.crashed + r.exited + r.hung + r.masked + r.stopped);
	CHECK_EQ("no child hung (the 1 ms timer breaks every blocking call)", r.hung, 0);
	CHECK_EQ("no call wrote into the harness's shared page", r.corrupted, 0);
	CHECK("the fuzzer's scratch directory is gone", access(scratch, F_OK) == -1 && errno == ENOENT);
	CHECK("most calls were refused: the arguments are hostile", r.errors > r.calls / 4);
	return utest_done();
}
