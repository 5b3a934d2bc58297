/*
 * pipe_atomic.c - PIPE_BUF atomicity: writes of <= 4096 bytes from 4 concurrent
 * writers are never split or interleaved; a larger blocking write completes in
 * full; a non-blocking one larger than the free room returns a short count.
 */
#define _GNU_SOURCE
#include "utest.h"
#include <fcntl.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>

#define NW	4		/* writer processes */
#define NREC1	256		/* 4096-byte records per writer, phase 1 */
#define NREC2	300		/* variable records per writer, phase 2 */
#define BIG	200000

static unsigned char rbuf[70000];
static unsigned char big[BIG];

static void msleep(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

/* ---- phase 1: 4096-byte records, every 32-bit word = id|seq|index ---- */

static uint32_t word1(int id, int seq, int k)
{
	return (uint32_t)id << 26 | (uint32_t)seq << 10 | (uint32_t)k;
}

static void writer1(int fd, int id)
{
	static uint32_t rec[1024];
	int seq, k, bad = 0;

	for (seq = 0; seq < NREC1; seq++) {
		for (k = 0; k < 1024; k++)
			rec[k] = word1(id, seq, k);
		if (write(fd, rec, 4096) != 4096)
			bad++;
	}
	_exit(bad ? 1 : 0);
}

static int next1[NW], bad1;
static uint32_t cur1[1024];
static size_t have1;

static void check_record1(void)
{
	uint32_t w = cur1[0];
	int id = w >> 26, seq = (w >> 10) & 0xffff, k;

	if (id >= NW || (w & 1023) != 0 || seq != next1[id]) {
		bad1++;
		return;
	}
	for (k = 0; k < 1024; k++)
		if (cur1[k] != word1(id, seq, k)) {
			bad1++;
			return;
		}
	next1[id]++;
}

static void feed1(const unsigned char *d, size_t n)
{
	while (n) {
		size_t take = 4096 - have1;

		if (take > n)
			take = n;
		memcpy((char *)cur1 + have1, d, take);
		have1 += take;
		d += take;
		n -= take;
		if (have1 == 4096) {
			check_record1();
			have1 = 0;
		}
	}
}

/* ---- phase 2: records of 8..4096 bytes with a header ---- */

static int len2(int id, int seq)
{
	uint32_t h = (uint32_t)seq * 2654435761u + (uint32_t)id * 40503u;

	if (seq % 7 == 3)
		return 4096;
	return 8 + (int)((h >> 8) % 4089);	/* 8..4096 */
}

static unsigned char body2(int id, int seq, int i)
{
	return (unsigned char)(id * 31 + seq * 7 + i);
}

static void writer2(int fd, int id)
{
	static unsigned char rec[4096];
	int seq, i, bad = 0;

	for (seq = 0; seq < NREC2; seq++) {
		int len = len2(id, seq);

		rec[0] = 0xa5;
		rec[1] = (unsigned char)id;
		rec[2] = (unsigned char)seq;
		rec[3] = (unsigned char)(seq >> 8);
		rec[4] = (unsigned char)len;
		rec[5] = (unsigned char)(len >> 8);
		rec[6] = 0x5a;
		rec[7] = (unsigned char)~len;
		for (i = 8; i < len; i++)
			rec[i] = body2(id, seq, i);
		if (write(fd, rec, len) != len)
			bad++;
	}
	_exit(bad ? 1 : 0);
}

static int next2[NW], bad2, broken2;
static unsigned char cur2[4096];
static size_t have2, need2 = 8;

static void feed2(const unsigned char *d, size_t n)
{
	while (n && !broken2) {
		size_t take = need2 - have2;

		if (take > n)
			take = n;
		memcpy(cur2 + have2, d, take);
		have2 += take;
		d += take;
		n -= take;
		if (have2 < need2)
			continue;
		if (need2 == 8 && have2 == 8) {	/* header complete */
			int id = cur2[1], len = cur2[4] | cur2[5] << 8;

			if (cur2[0] != 0xa5 || cur2[6] != 0x5a || id >= NW ||
			    cur2[7] != (unsigned char)~len || len < 8 || len > 4096) {
				broken2 = 1;	/* lost framing: data was interleaved */
				return;
			}
			need2 = len;
			if (len > 8)
				continue;
		}
		{		/* record complete */
			int id = cur2[1], seq = cur2[2] | cur2[3] << 8, i;

			if (seq != next2[id] || (int)need2 != len2(id, seq))
				bad2++;
			else {
				for (i = 8; i < (int)need2; i++)
					if (cur2[i] != body2(id, seq, i))
						break;
				if (i < (int)need2)
					bad2++;
				else
					next2[id]++;
			}
			have2 = 0;
			need2 = 8;
		}
	}
}

/* Run NW writer children through one pipe; the parent reads with odd sizes. */
static int run_writers(void (*writer)(int, int), void (*feed)(const unsigned char *, size_t))
{
	static const int rs[] = { 5000, 4096, 1, 65536, 100, 12345, 8191, 3 };
	int p[2], i, failed = 0, nr = 0, status;
	ssize_t r;

	pipe(p);
	for (i = 0; i < NW; i++) {
		if (fork() == 0) {
			close(p[0]);
			writer(p[1], i);
		}
	}
	close(p[1]);
	while ((r = read(p[0], rbuf, rs[nr++ % 8])) > 0)
		feed(rbuf, r);
	close(p[0]);
	for (i = 0; i < NW; i++)
		if (wait(&status) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
			failed++;
	return failed;
}

int main(void)
{
	int p[2], i, status, n, ok;
	pid_t pid;
	ssize_t r;

	alarm(20);

	/* Phase 1. */
	CHECK_EQ("4 writers of 4096-byte records: every write returned 4096",
		 run_writers(writer1, feed1), 0);
	CHECK_EQ("no 4096-byte record was split or interleaved", bad1, 0);
	CHECK_EQ("no partial record is left over at EOF", have1, 0);
	for (i = 0, ok = 1; i < NW; i++)
		if (next1[i] != NREC1)
			ok = 0;
	CHECK("every record of every writer arrived exactly once, in order", ok);

	/* Phase 2. */
	CHECK_EQ("4 writers of 8..4096-byte records: every write returned its size",
		 run_writers(writer2, feed2), 0);
	CHECK_EQ("record framing never broke (no interleaving of small writes)", broken2, 0);
	CHECK_EQ("no small record was corrupted or out of order", bad2, 0);
	for (i = 0, ok = 1; i < NW; i++)
		if (next2[i] != NREC2)
			ok = 0;
	CHECK("every small record arrived exactly once", ok && have2 == 0);

	/* Phase 3: a blocking 200000-byte write against a slow reader. */
	for (i = 0; i < BIG; i++)
		big[i] = (unsigned char)(i * 7 + i / 251);
	pipe(p);
	pid = fork();
	if (pid == 0) {
		long got = 0, bad = 0;

		close(p[1]);
		msleep(20);
		while ((r = read(p[0], rbuf, 7000)) > 0) {
			if (got + r > BIG || memcmp(rbuf, big + got, r) != 0)
				bad++;
			got += r;
			msleep(2);
		}
		_exit(bad == 0 && got == BIG ? 0 : 1);
	}
	close(p[0]);
	CHECK_EQ("blocking 200000-byte write with a slow reader returns 200000",
		 write(p[1], big, BIG), BIG);
	close(p[1]);
	waitpid(pid, &status, 0);
	CHECK("the slow reader got all 200000 bytes in order, then EOF",
	      WIFEXITED(status) && WEXITSTATUS(status) == 0);

	/* Phase 4: non-blocking writes larger than the free room. */
	pipe2(p, O_NONBLOCK);
	for (i = 0; i < 10; i++)
		write(p[1], big, 4096);
	CHECK_EQ("10 pages used: non-blocking 40000-byte write returns 6 pages (24576)",
		 write(p[1], big, 40000), 24576);
	CHECK_ERR("the pipe is then full: next write gives EAGAIN", write(p[1], big, 5000), EAGAIN);
	while (read(p[0], rbuf, sizeof(rbuf)) > 0)
		;
	memset(rbuf, 'z', 1000);
	write(p[1], rbuf, 1000);
	CHECK_EQ("after 1000 bytes, non-blocking 70000 write returns 368 (merged) + 15 pages",
		 write(p[1], big, 70000), 368 + 15 * 4096);
	n = -1;
	ioctl(p[0], FIONREAD, &n);
	CHECK_EQ("FIONREAD is 1000 + 61808", n, 62808);
	r = read(p[0], rbuf, 1000);
	CHECK("the first 1000 bytes read back unchanged", r == 1000 && rbuf[0] == 'z' &&
	      rbuf[999] == 'z');
	r = read(p[0], rbuf, sizeof(rbuf));
	CHECK("then exactly the first 61808 bytes of the short write's buffer, in order",
	      r == 61808 && memcmp(rbuf, big, 61808) == 0);
	close(p[0]);
	close(p[1]);
	return utest_done();
}
