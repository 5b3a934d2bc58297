/*
 * user/fifo_demo.c - a writer and a reader meeting at a FIFO, to watch from
 * the shell: "fifo_demo write PATH [N]" sends N numbered lines, one every
 * 200 ms; "fifo_demo read PATH" prints what arrives until the writer closes.
 * Create the FIFO first (mkfifo /tmp/f), start the two in the background
 * with "run ... &", and look at "pipes" while they run.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char buf[256];
	int fd;

	if (argc < 3 || (strcmp(argv[1], "write") && strcmp(argv[1], "read"))) {
		fprintf(stderr, "usage: fifo_demo write PATH [N] | fifo_demo read PATH\n");
		return 2;
	}
	if (!strcmp(argv[1], "write")) {
		int n = argc > 3 ? atoi(argv[3]) : 20;
		struct timespec pause = { 0, 200 * 1000 * 1000 };

		fd = open(argv[2], O_WRONLY);	/* waits for a reader */
		if (fd < 0) {
			perror(argv[2]);
			return 1;
		}
		for (int i = 1; i <= n; i++) {
			int len = snprintf(buf, sizeof(buf), "line %d from writer %d\n", i, getpid());

			if (write(fd, buf, len) != len) {
				perror("write");
				return 1;
			}
			nanosleep(&pause, NULL);
		}
		return 0;
	}
	fd = open(argv[2], O_RDONLY);		/* waits for a writer */
	if (fd < 0) {
		perror(argv[2]);
		return 1;
	}
	for (;;) {
		ssize_t got = read(fd, buf, sizeof(buf));

		if (got <= 0)
			break;
		printf("reader %d got: %.*s", getpid(), (int)got, buf);
		fflush(stdout);
	}
	printf("reader %d: end of file\n", getpid());
	return 0;
}
