/*
 * mq_leak: 10,000 rounds of mq_open(O_CREAT) + send + receive + close +
 * mq_unlink, some unlinked while open, some with a notification or a
 * message left behind; every call must succeed every time (the guest's
 * runner also compares the free pages before and after the program).
 */
#include "mq_util.h"

#define ROUNDS 10000

int main(void)
{
	char name[64], buf[64];
	struct mq_attr a = mq_sizes(4, 64);
	struct sigevent sev;
	int failed = 0;

	memset(&sev, 0, sizeof(sev));
	sev.sigev_notify = SIGEV_NONE;
	mq_name(name, sizeof(name), "leak");
	for (int i = 0; i < ROUNDS; i++) {
		unsigned int prio;
		int q = mq_open(name, O_CREAT | O_EXCL | O_RDWR, 0600, &a);

		if (q < 0) {
			failed++;
			break;
		}
		if (i % 3 == 0 && mq_notify(q, &sev) != 0)
			failed++;
		if (mq_send(q, "ping", 5, i % 32) != 0 || mq_send(q, "left", 5, 0) != 0)
			failed++;
		if (mq_receive(q, buf, sizeof(buf), &prio) != 5 || prio != (unsigned int)(i % 32))
			failed++;
		if (i % 2) {
			/* unlinked while open: freed by the close */
			if (mq_unlink(name) != 0 || close(q) != 0)
				failed++;
		} else if (close(q) != 0 || mq_unlink(name) != 0) {
			failed++;
		}
	}
	CHECK_EQ("10,000 open/send/receive/close/unlink rounds, every call succeeding", failed, 0);
	CHECK_ERR("nothing is left under the name", mq_open(name, O_RDWR), ENOENT);
	return utest_done();
}
