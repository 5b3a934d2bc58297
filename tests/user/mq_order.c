/*
 * mq_order: POSIX message queues deliver the highest priority first and
 * FIFO within one priority. A random mix of sends and receives over 32
 * priorities (and the extremes 0 and MQ_PRIO_MAX - 1) is checked against a
 * model queue; the priority and the text come back with every message.
 */
#include "mq_util.h"

#define NPRIO 32
#define MAXMSG 10

struct model_msg {
	unsigned int prio;
	unsigned int seq;
};

static struct model_msg model[MAXMSG];
static int nmodel;

/* the model: the oldest message of the highest priority */
static struct model_msg model_take(void)
{
	int best = 0;
	struct model_msg m;

	for (int i = 1; i < nmodel; i++)
		if (model[i].prio > model[best].prio)
			best = i;	/* strictly greater: the oldest wins ties */
	m = model[best];
	memmove(&model[best], &model[best + 1], (nmodel - best - 1) * sizeof(model[0]));
	nmodel--;
	return m;
}

static unsigned int prio_of(int k)
{
	static const unsigned int extremes[2] = { 0, MQ_PRIO_MAX - 1 };

	return k < NPRIO ? (unsigned int)k * 1000 + 7 : extremes[k - NPRIO];
}

int main(void)
{
	char name[64], buf[64];
	struct mq_attr a = mq_sizes(MAXMSG, 64);
	unsigned int seq = 0, prio, seen[NPRIO + 2] = { 0 };
	int mqd, bad_order = 0, bad_text = 0, ops = 0;
	unsigned long rnd = 12345;

	mq_name(name, sizeof(name), "order");
	mqd = mq_open(name, O_CREAT | O_EXCL | O_RDWR, 0600, &a);
	CHECK_OK("mq_open creates the queue", mqd);
	if (mqd < 0)
		return utest_done();

	/* FIFO within one priority: a full queue of priority 5 */
	for (int i = 0; i < MAXMSG; i++) {
		snprintf(buf, sizeof(buf), "fifo %d", i);
		mq_send(mqd, buf, strlen(buf) + 1, 5);
	}
	for (int i = 0; i < MAXMSG; i++) {
		char want[32];
		ssize_t n = mq_receive(mqd, buf, sizeof(buf), &prio);

		snprintf(want, sizeof(want), "fifo %d", i);
		if (n != (ssize_t)strlen(want) + 1 || strcmp(buf, want) || prio != 5)
			bad_order++;
	}
	CHECK_EQ("ten messages of one priority come back in the order sent", bad_order, 0);

	/* descending: 10 priorities sent in ascending order come back reversed */
	bad_order = 0;
	for (int i = 0; i < MAXMSG; i++)
		mq_send(mqd, "x", 1, i * 3000);
	for (int i = MAXMSG - 1; i >= 0; i--)
		if (mq_receive(mqd, buf, sizeof(buf), &prio) != 1 || prio != (unsigned int)i * 3000)
			bad_order++;
	CHECK_EQ("ascending priorities come back highest first", bad_order, 0);

	/* the random mix against the model */
	bad_order = 0;
	while (ops < 4000) {
		rnd = rnd * 1103515245 + 12345;
		int k = (rnd >> 16) % (NPRIO + 2);
		int send = nmodel == 0 || (nmodel < MAXMSG && ((rnd >> 8) & 1));

		ops++;
		if (send) {
			struct model_msg m = { prio_of(k), seq++ };

			snprintf(buf, sizeof(buf), "%u/%u", m.prio, m.seq);
			if (mq_send(mqd, buf, strlen(buf) + 1, m.prio) != 0) {
				bad_order++;
				break;
			}
			model[nmodel++] = m;
			seen[k]++;
		} else {
			struct model_msg want = model_take();
			char text[32];
			ssize_t n = mq_receive(mqd, buf, sizeof(buf), &prio);

			snprintf(text, sizeof(text), "%u/%u", want.prio, want.seq);
			if (n < 0 || prio != want.prio)
				bad_order++;
			else if (n != (ssize_t)strlen(text) + 1 || strcmp(buf, text))
				bad_text++;
		}
	}
	int all_used = 1;
	for (int k = 0; k < NPRIO + 2; k++)
		all_used &= seen[k] > 0;
	CHECK("the mix used all 32 priorities and both extremes", all_used);
	CHECK_EQ("every receive took the highest priority", bad_order, 0);
	CHECK_EQ("... and within it the oldest message, text intact", bad_text, 0);

	struct mq_attr g;
	mq_getattr(mqd, &g);
	CHECK_EQ("mq_curmsgs agrees with the model", g.mq_curmsgs, nmodel);

	CHECK_ERR("priority MQ_PRIO_MAX is EINVAL", mq_send(mqd, "x", 1, MQ_PRIO_MAX), EINVAL);
	CHECK_ERR("priority ~0 is EINVAL", mq_send(mqd, "x", 1, ~0U), EINVAL);
	/* a NULL priority pointer is allowed */
	while (nmodel) {
		model_take();
		mq_receive(mqd, buf, sizeof(buf), NULL);
	}
	mq_send(mqd, "y", 1, 1);
	CHECK_EQ("receive with a NULL priority pointer", mq_receive(mqd, buf, sizeof(buf), NULL), 1);
	CHECK_OK("close", mq_close(mqd));
	CHECK_OK("mq_unlink", mq_unlink(name));
	return utest_done();
}
