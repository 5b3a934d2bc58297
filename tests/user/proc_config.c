/*
 * tests/user/proc_config.c - /proc/config.gz: a gzip file (magic, deflate,
 * its trailer's length) whose text is the kernel's configuration in Kconfig
 * form, with CONFIG_SYSVIPC=y and CONFIG_PROC_FS=y, as LTP's tst_kconfig
 * reads it. A small inflate (after zlib's puff.c) decompresses it here, as
 * there is no zlib in a static test.
 */
#include "utest.h"
#include <fcntl.h>

struct state {
	const unsigned char *in;
	size_t inlen, incnt;
	unsigned int bitbuf, bitcnt;
	unsigned char *out;
	size_t outlen, outcnt;
	int err;
};

static int bits(struct state *s, int need)
{
	long val = s->bitbuf;

	while (s->bitcnt < (unsigned int)need) {
		if (s->incnt >= s->inlen) {
			s->err = 1;
			return 0;
		}
		val |= (long)s->in[s->incnt++] << s->bitcnt;
		s->bitcnt += 8;
	}
	s->bitbuf = (unsigned int)(val >> need);
	s->bitcnt -= need;
	return (int)(val & ((1L << need) - 1));
}

struct huffman {
	short count[16];
	short symbol[320];
};

static int decode(struct state *s, const struct huffman *h)
{
	int code = 0, first = 0, index = 0;

	for (int len = 1; len < 16; len++) {
		code |= bits(s, 1);
		int count = h->count[len];

		if (code - count < first)
			return h->symbol[index + (code - first)];
		index += count;
		first += count;
		first <<= 1;
		code <<= 1;
	}
	s->err = 1;
	return 0;
}

static void construct(struct huffman *h, const short *length, int n)
{
	short offs[16];

	memset(h->count, 0, sizeof(h->count));
	for (int i = 0; i < n; i++)
		h->count[length[i]]++;
	offs[1] = 0;
	for (int len = 1; len < 15; len++)
		offs[len + 1] = offs[len] + h->count[len];
	for (int i = 0; i < n; i++)
		if (length[i])
			h->symbol[offs[length[i]]++] = i;
	h->count[0] = 0;
}

static const short lbase[29] = { 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35,
				 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258 };
static const short lext[29] = { 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3,
				4, 4, 4, 4, 5, 5, 5, 5, 0 };
static const short dbase[30] = { 1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
				 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
				 8193, 12289, 16385, 24577 };
static const short dext[30] = { 0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8,
				9, 9, 10, 10, 11, 11, 12, 12, 13, 13 };

static void codes(struct state *s, const struct huffman *lc, const struct huffman *dc)
{
	for (;;) {
		int sym = decode(s, lc);

		if (s->err)
			return;
		if (sym < 256) {
			if (s->outcnt >= s->outlen) {
				s->err = 1;
				return;
			}
			s->out[s->outcnt++] = sym;
		} else if (sym == 256) {
			return;
		} else {
			sym -= 257;
			if (sym >= 29) {
				s->err = 1;
				return;
			}
			int len = lbase[sym] + bits(s, lext[sym]);
			int ds = decode(s, dc);

			if (ds >= 30) {
				s->err = 1;
				return;
			}
			size_t dist = dbase[ds] + bits(s, dext[ds]);

			if (dist > s->outcnt || s->outcnt + len > s->outlen) {
				s->err = 1;
				return;
			}
			while (len--) {
				s->out[s->outcnt] = s->out[s->outcnt - dist];
				s->outcnt++;
			}
		}
	}
}

static void dynamic(struct state *s)
{
	static const short order[19] = { 16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15 };
	short lengths[320];
	struct huffman lc, dc;
	int nlen = bits(s, 5) + 257, ndist = bits(s, 5) + 1, ncode = bits(s, 4) + 4, index;

	for (index = 0; index < ncode; index++)
		lengths[order[index]] = bits(s, 3);
	for (; index < 19; index++)
		lengths[order[index]] = 0;
	construct(&lc, lengths, 19);
	for (index = 0; index < nlen + ndist && !s->err;) {
		int sym = decode(s, &lc), len = 0, rep;

		if (sym < 16) {
			lengths[index++] = sym;
			continue;
		}
		if (sym == 16) {
			if (!index) {
				s->err = 1;
				return;
			}
			len = lengths[index - 1];
			rep = 3 + bits(s, 2);
		} else if (sym == 17) {
			rep = 3 + bits(s, 3);
		} else {
			rep = 11 + bits(s, 7);
		}
		if (index + rep > nlen + ndist) {
			s->err = 1;
			return;
		}
		while (rep--)
			lengths[index++] = len;
	}
	construct(&lc, lengths, nlen);
	construct(&dc, lengths + nlen, ndist);
	codes(s, &lc, &dc);
}

static void fixed(struct state *s)
{
	short lengths[320];
	struct huffman lc, dc;
	int i;

	for (i = 0; i < 144; i++)
		lengths[i] = 8;
	for (; i < 256; i++)
		lengths[i] = 9;
	for (; i < 280; i++)
		lengths[i] = 7;
	for (; i < 288; i++)
		lengths[i] = 8;
	construct(&lc, lengths, 288);
	for (i = 0; i < 30; i++)
		lengths[i] = 5;
	construct(&dc, lengths, 30);
	codes(s, &lc, &dc);
}

/* raw deflate data to out; the bytes made, or -1 */
static long inflate(const unsigned char *in, size_t inlen, unsigned char *out, size_t outlen)
{
	struct state s = { .in = in, .inlen = inlen, .out = out, .outlen = outlen };
	int last;

	do {
		last = bits(&s, 1);
		int type = bits(&s, 2);

		if (type == 0) {
			s.bitbuf = s.bitcnt = 0;
			if (s.incnt + 4 > inlen)
				return -1;
			unsigned int len = in[s.incnt] | in[s.incnt + 1] << 8;

			s.incnt += 4;
			if (s.incnt + len > inlen || s.outcnt + len > outlen)
				return -1;
			memcpy(out + s.outcnt, in + s.incnt, len);
			s.incnt += len;
			s.outcnt += len;
		} else if (type == 1) {
			fixed(&s);
		} else if (type == 2) {
			dynamic(&s);
		} else {
			return -1;
		}
	} while (!last && !s.err);
	return s.err ? -1 : (long)s.outcnt;
}

static unsigned char gz[1 << 20], text[1 << 22];

int main(void)
{
	int fd = open("/proc/config.gz", O_RDONLY);
	long n = 0, r, len;
	size_t hdr = 10;

	alarm(30);
	CHECK("/proc/config.gz opens", fd >= 0);
	while (fd >= 0 && (r = read(fd, gz + n, 333)) > 0)
		n += r;
	if (fd >= 0)
		close(fd);
	CHECK("it reads in 333-byte pieces", n > 20);
	CHECK("gzip's magic and deflate", gz[0] == 0x1f && gz[1] == 0x8b && gz[2] == 8);
	if (gz[3] & 8)		/* FNAME */
		while (hdr < (size_t)n && gz[hdr++])
			;
	len = inflate(gz + hdr, n - hdr, text, sizeof(text) - 1);
	CHECK("it inflates", len > 0);
	text[len > 0 ? len : 0] = '\0';
	CHECK_EQ("to the length its trailer gives",
		 len, gz[n - 4] | gz[n - 3] << 8 | gz[n - 2] << 16 | (long)gz[n - 1] << 24);
	CHECK("Kconfig form: CONFIG_SYSVIPC=y", strstr((char *)text, "\nCONFIG_SYSVIPC=y\n") != NULL);
	CHECK("CONFIG_PROC_FS=y", strstr((char *)text, "\nCONFIG_PROC_FS=y\n") != NULL);
	CHECK("CONFIG_HZ= a number", strstr((char *)text, "\nCONFIG_HZ=") &&
	      atoi(strstr((char *)text, "\nCONFIG_HZ=") + 11) > 0);
	CHECK("'is not set' lines", strstr((char *)text, " is not set\n") != NULL);
	return utest_done();
}
