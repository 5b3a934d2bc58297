/*
 * smp_pipe_writers.c - PIPE_BUF atomicity with writers on every CPU: twice as
 * many writer processes as CPUs (at least 8), each pinned to a CPU where the
 * kernel can pin, write checksummed records of 12..4096 bytes into one pipe
 * while a reader on yet another CPU takes them out with odd read sizes.
 * No record may be split, interleaved or lost, each writer's arrive in its
 * order; then again through a pipe shrunk to one page, where every full-page
 * write has to wait for the pipe to empty (wake-ups from CPU to CPU).
 * pipe_atomic.c checks the same rules with 4 unpinned writers.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/wait.h>

#include "utest.h"
#include "smp_util.h"

#define MAXW	32
#define NREC	300		/* records per writer and phase */
#define HDR	12
#define MAGIC	0xc35a

static unsigned char rbuf[70000];

static int rec_len(int id, int seq)
{
	uint32_t h = (uint32_t)seq * 2654435761u ^ (uint32_t)id * 2246822519u;

	if (seq % 5 == 2)
		return 4096;			/* PIPE_BUF exactly */
	return HDR + (int)((h >> 7) % (4096 - HDR + 1));
}

static unsigned char body(int id, int seq, int i)
{
	return (unsigned char)(id * 37 + seq * 11 + i * 3 + (i >> 8));
}

static uint32_t fnv(const unsigned char *p, int n)
{
	uint32_t h = 2166136261u;

	while (n-- > 0)
		h = (h ^ *p++) * 16777619u;
	return h;
}

static void put16(unsigned char *p, int v) { p[0] = (unsigned char)v; p[1] = (unsigned char)(v >> 8); }
static int get16(const unsigned char *p) { return p[0] | p[1] << 8; }

static void writer(int fd, int id, struct smp_report *r)
{
	static unsigned char rec[4096];

	smp_worker_start(r, id);
	for (int seq = 0; seq < NREC; seq++) {
		int len = rec_len(id, seq);
		uint32_t c;

		for (int i = HDR; i < len; i++)
			rec[i] = body(id, seq, i);
		c = fnv(rec + HDR, len - HDR);
		put16(rec, MAGIC);
		rec[2] = (unsigned char)id;
		rec[3] = (unsigned char)~id;
		put16(rec + 4, len);
		put16(rec + 6, seq);
		memcpy(rec + 8, &c, 4);
		if (write(fd, rec, len) != len)
			r->bad++;
		else
			r->count++;
	}
	smp_worker_end(r);
	_exit(0);
}

/* the reader's parser: records rebuilt from whatever the reads return */
static struct {
	unsigned char cur[4096];
	int have, need, broken, bad, next[MAXW];
	long long bytes;
} rd;

static void feed(int nw, const unsigned char *d, size_t n)
{
	rd.bytes += n;
	while (n && !rd.broken) {
		int take = rd.need - rd.have;

		if ((size_t)take > n)
			take = (int)n;
		memcpy(rd.cur + rd.have, d, take);
		rd.have += take;
		d += take;
		n -= take;
		if (rd.have < rd.need)
			continue;
		if (rd.need == HDR) {
			int id = rd.cur[2], len = get16(rd.cur + 4);

			if (get16(rd.cur) != MAGIC || rd.cur[3] != (unsigned char)~id || id >= nw ||
			    len < HDR || len > 4096) {
				rd.broken = 1;	/* the framing is lost: records were interleaved */
				return;
			}
			rd.need = len;
			if (len > HDR)
				continue;
		}
		{
			int id = rd.cur[2], seq = get16(rd.cur + 6), ok = 1;
			uint32_t c;

			memcpy(&c, rd.cur + 8, 4);
			if (seq != rd.next[id] || rd.need != rec_len(id, seq) ||
			    c != fnv(rd.cur + HDR, rd.need - HDR))
				ok = 0;
			for (int i = HDR; ok && i < rd.need; i++)
				ok = rd.cur[i] == body(id, seq, i);
			if (ok)
				rd.next[id]++;
			else
				rd.bad++;
			rd.have = 0;
			rd.need = HDR;
		}
	}
}

static void phase(const char *what, int nw, int small)
{
	static const int rs[] = { 4096, 1, 5000, 65536, 17, 12345, 8191, 4095 };
	struct smp_report *r = smp_reports(nw + 1);
	long long want = 0;
	int p[2], i, nr = 0, failed = 0, all = 1, st;
	ssize_t n;
	char msg[160];

	memset(&rd, 0, sizeof(rd));
	rd.need = HDR;
	if (!r || pipe(p)) {
		CHECK("pipe and the report page", 0);
		return;
	}
	if (small) {
		snprintf(msg, sizeof(msg), "%s: F_SETPIPE_SZ to one page", what);
		CHECK_EQ(msg, fcntl(p[1], F_SETPIPE_SZ, 4096), 4096);
	}
	for (i = 0; i < nw; i++) {
		pid_t pid = fork();

		if (pid == 0) {
			close(p[0]);
			writer(p[1], i, &r[i]);
		}
		if (pid < 0)
			failed++;
	}
	close(p[1]);
	smp_worker_start(&r[nw], nw);	/* the reader: a CPU of its own where there are enough */
	while ((n = read(p[0], rbuf, rs[nr++ % 8])) > 0)
		feed(nw, rbuf, n);
	smp_worker_end(&r[nw]);
	close(p[0]);
	for (i = 0; i < nw; i++)
		if (wait(&st) < 0 || !WIFEXITED(st) || WEXITSTATUS(st))
			failed++;
	for (i = 0; i < nw; i++) {
		for (int s = 0; s < NREC; s++)
			want += rec_len(i, s);
		if (rd.next[i] != NREC || r[i].count != NREC)
			all = 0;
	}
	snprintf(msg, sizeof(msg), "%s: %d writers forked and exited 0", what, nw);
	CHECK_EQ(msg, failed, 0);
	for (i = 0, n = 0; i < nw; i++)
		n += r[i].bad;
	snprintf(msg, sizeof(msg), "%s: every write of <= PIPE_BUF returned its full size", what);
	CHECK_EQ(msg, n, 0);
	snprintf(msg, sizeof(msg), "%s: the framing never broke (no write was split or interleaved)", what);
	CHECK_EQ(msg, rd.broken, 0);
	snprintf(msg, sizeof(msg), "%s: no record corrupted (checksum, body) or out of its writer's order", what);
	CHECK_EQ(msg, rd.bad, 0);
	snprintf(msg, sizeof(msg), "%s: all %d records of every writer arrived, none left partial", what, NREC);
	CHECK(msg, all && rd.have == 0);
	snprintf(msg, sizeof(msg), "%s: the reader got every byte written", what);
	CHECK_EQ(msg, rd.bytes, want);
	snprintf(msg, sizeof(msg), "%s: every pinned worker ran on its own CPU", what);
	CHECK_EQ(msg, smp_summary(what, r, nw + 1), 0);
	munmap(r, sizeof(*r) * (nw + 1));
}

int main(void)
{
	int nw = smp_workers(MAXW / 2) * 2;

	alarm(90);
	phase("64 KiB pipe", nw, 0);
	phase("one-page pipe", nw, 1);
	return utest_done();
}
