/*
 * tests/user/utest.h - the check helpers shared by the differential test
 * programs. Each program is plain Linux C (static i386 glibc): it must pass on
 * the Linux host first, then in this kernel. One line per check, a closing
 * "N passed, N failed", exit status 0 only when nothing failed.
 */
#ifndef UTEST_H
#define UTEST_H

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char *program_invocation_short_name;

static int utest_passed, utest_failed;

static void utest_report(int ok, const char *what, const char *file, int line,
			 const char *detail)
{
	if (ok) {
		utest_passed++;
		printf("PASS %s: %s\n", program_invocation_short_name, what);
	} else {
		utest_failed++;
		printf("FAIL %s: %s (%s:%d%s%s)\n", program_invocation_short_name,
		       what, file, line, detail[0] ? ": " : "", detail);
	}
	fflush(stdout);
}

/* CHECK("what is claimed", condition) */
#define CHECK(what, cond) \
	utest_report(!!(cond), (what), __FILE__, __LINE__, "")

/* CHECK_EQ("what", got, want): integers, both values printed on failure */
#define CHECK_EQ(what, got, want) do {					\
	long long _g = (long long)(got), _w = (long long)(want);	\
	char _d[96];							\
	snprintf(_d, sizeof(_d), "got %lld, want %lld", _g, _w);	\
	utest_report(_g == _w, (what), __FILE__, __LINE__, _d);		\
} while (0)

/* CHECK_ERR("what", call, EXXX): the call returns -1 with errno EXXX */
#define CHECK_ERR(what, call, err) do {					\
	errno = 0;							\
	long _r = (long)(call);						\
	int _e = errno;							\
	char _d[96];							\
	snprintf(_d, sizeof(_d), "got %ld errno %d (%s), want -1 errno %d (%s)", \
		 _r, _e, strerror(_e), (int)(err), strerror(err));	\
	utest_report(_r == -1 && _e == (err), (what), __FILE__, __LINE__, _d); \
} while (0)

/* CHECK_OK("what", call): the call does not return -1 */
#define CHECK_OK(what, call) do {					\
	errno = 0;							\
	long _r = (long)(call);						\
	int _e = errno;							\
	char _d[96];							\
	snprintf(_d, sizeof(_d), "got %ld errno %d (%s)", _r, _e, strerror(_e)); \
	utest_report(_r != -1, (what), __FILE__, __LINE__, _d);		\
} while (0)

/*
 * A small file (a /proc or /proc/sys entry) read into buf as a string:
 * its length, or -1 when it cannot be opened or is empty.
 */
static inline int utest_read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY), n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	return n;
}

/* Print the closing line; use as "return utest_done();" at the end of main. */
static int utest_done(void)
{
	printf("%d passed, %d failed\n", utest_passed, utest_failed);
	fflush(stdout);
	return utest_failed ? 1 : 0;
}

#endif /* UTEST_H */
