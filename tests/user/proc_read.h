/*
 * tests/user/proc_read.h - read a whole /proc file into a buffer, NUL
 * ended, for the proc_* tests. Returns the bytes read, or -1.
 */
#ifndef PROC_READ_H
#define PROC_READ_H

#include <fcntl.h>
#include <unistd.h>

static int read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY), n, total = 0;

	if (fd < 0)
		return -1;
	while ((size_t)total < size - 1 && (n = read(fd, buf + total, size - 1 - total)) > 0)
		total += n;
	close(fd);
	buf[total] = '\0';
	return n < 0 ? -1 : total;
}

#endif
