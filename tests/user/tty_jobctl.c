/*
 * tty_jobctl.c - a terminal's job control cannot be used across sessions or
 * users (Linux: drivers/tty/tty_jobctrl.c tiocspgrp/tiocsctty, tty_io.c
 * tiocsti). A root session leader takes a terminal as its controlling tty
 * (a fresh pty on the host; the console here, which it steals with arg 1);
 * then TIOCSPGRP works only for its own session's groups (EPERM for another
 * session's, ESRCH for none, ENOTTY from outside the session), TIOCSCTTY is
 * EPERM for a non-leader and for another session unless root steals, TIOCSTI
 * is EPERM on a tty that is not the caller's own unless root, and ^C, ^\,
 * ^Z and a window-size change signal only the foreground process group.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include "utest.h"

static const char *tty_path;
static int tty_fd;

/* a pty slave where the kernel has ptys, else the console */
static const char *pick_tty(void)
{
	int m = posix_openpt(O_RDWR | O_NOCTTY);

	if (m >= 0 && !grantpt(m) && !unlockpt(m) && ptsname(m))
		return strdup(ptsname(m));	/* the master stays open for good */
	return "/dev/console";
}

/* run fn in a child, adding its check counts to ours */
static void in_child(void (*fn)(void *), void *arg)
{
	int counts[2] = { 0, 1 }, p[2], st;
	pid_t pid;

	pipe(p);
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		utest_passed = utest_failed = 0;	/* its own checks only */
		fn(arg);
		fflush(stdout);
		counts[0] = utest_passed;
		counts[1] = utest_failed;
		write(p[1], counts, sizeof(counts));
		_exit(0);
	}
	close(p[1]);
	if (read(p[0], counts, sizeof(counts)) != sizeof(counts))
		counts[1] = 1;	/* it died: a failure */
	close(p[0]);
	waitpid(pid, &st, 0);
	utest_passed += counts[0];
	utest_failed += counts[1];
}

static int ioctl_int(int fd, unsigned long cmd, int v)
{
	return ioctl(fd, cmd, &v);
}

static int legacy_tiocsti(void)
{
	FILE *f = fopen("/proc/sys/dev/tty/legacy_tiocsti", "r");
	int v = 1;

	if (f) {
		if (fscanf(f, "%d", &v) != 1)
			v = 1;
		fclose(f);
	}
	return v;
}

/* another session, root then uid 65534: the tty is not theirs */
static void other_session(void *arg)
{
	pid_t owner = *(pid_t *)arg;
	int pgrp = -1;
	char c = 'z';

	CHECK("another session: setsid", setsid() == getpid());
	CHECK_ERR("another session: TIOCSPGRP to its own group is ENOTTY",
		  ioctl_int(tty_fd, TIOCSPGRP, getpid()), ENOTTY);
	CHECK_ERR("another session: TIOCSPGRP to the owner's group is ENOTTY",
		  ioctl_int(tty_fd, TIOCSPGRP, owner), ENOTTY);
	CHECK_ERR("another session: TIOCGPGRP is ENOTTY", ioctl(tty_fd, TIOCGPGRP, &pgrp), ENOTTY);
	CHECK_ERR("another session: TIOCGSID is ENOTTY", ioctl(tty_fd, TIOCGSID, &pgrp), ENOTTY);
	CHECK_ERR("another session's leader: TIOCSCTTY 0 of a tty with a session is EPERM",
		  ioctl(tty_fd, TIOCSCTTY, 0), EPERM);
	if (setuid(65534)) {
		CHECK("setuid(65534)", 0);
		return;
	}
	CHECK_ERR("uid 65534 leader: TIOCSCTTY 1 (steal) is EPERM without CAP_SYS_ADMIN",
		  ioctl(tty_fd, TIOCSCTTY, 1), EPERM);
	CHECK_ERR("uid 65534: TIOCSTI on a tty that is not its own is EPERM",
		  ioctl(tty_fd, TIOCSTI, &c), EPERM);
	CHECK_ERR("uid 65534: TIOCSPGRP is still ENOTTY", ioctl_int(tty_fd, TIOCSPGRP, getpid()),
		  ENOTTY);
}

/* the owner's session, not its leader, as uid 65534 */
static void same_session_user(void *arg)
{
	char c = 'q', nl = '\n';

	(void)arg;
	setpgid(0, 0);
	if (setuid(65534)) {
		CHECK("setuid(65534)", 0);
		return;
	}
	CHECK_ERR("uid 65534 in the session, not its leader: TIOCSCTTY is EPERM",
		  ioctl(tty_fd, TIOCSCTTY, 0), EPERM);
	if (legacy_tiocsti()) {
		CHECK_OK("uid 65534 in the session: TIOCSTI on its own tty works",
			 ioctl(tty_fd, TIOCSTI, &c));
		CHECK_OK("and a newline", ioctl(tty_fd, TIOCSTI, &nl));
	} else {
		CHECK_ERR("uid 65534: TIOCSTI is EIO with dev.tty.legacy_tiocsti 0",
			  ioctl(tty_fd, TIOCSTI, &c), EIO);
	}
}

/* the tty signals pending here (bits: INT, QUIT, TSTP, WINCH), consumed */
static uint32_t own_pending(void)
{
	sigset_t set, all;
	uint32_t mask;
	int s;

	sigpending(&set);
	mask = (sigismember(&set, SIGINT) << 0) | (sigismember(&set, SIGQUIT) << 1) |
	       (sigismember(&set, SIGTSTP) << 2) | (sigismember(&set, SIGWINCH) << 3);
	sigemptyset(&all);
	sigaddset(&all, SIGINT);
	sigaddset(&all, SIGQUIT);
	sigaddset(&all, SIGTSTP);
	sigaddset(&all, SIGWINCH);
	for (int i = 0; i < 4; i++)
		if (mask & (1u << i))
			sigwait(&all, &s);
	return mask;
}

/* a process in the owner's session, in its own group: reports its pending signals */
static pid_t spawn_member(int cmd[2], int reply[2])
{
	pid_t pid;

	pipe(cmd);
	pipe(reply);
	pid = fork();
	if (pid == 0) {
		uint32_t mask;
		char c;

		setpgid(0, 0);
		close(cmd[1]);
		close(reply[0]);
		while (read(cmd[0], &c, 1) == 1) {
			mask = own_pending();
			write(reply[1], &mask, sizeof(mask));
		}
		_exit(0);
	}
	setpgid(pid, pid);
	close(cmd[0]);
	close(reply[1]);
	return pid;
}

static uint32_t member_pending(int cmd[2], int reply[2])
{
	uint32_t mask = ~0u;

	write(cmd[1], "?", 1);
	read(reply[0], &mask, sizeof(mask));
	return mask;
}

static void inject(const char *s)
{
	for (; *s; s++)
		ioctl(tty_fd, TIOCSTI, s);
}

/* the session leader that owns the tty */
static void owner(void *arg)
{
	struct termios saved, t;
	struct winsize ws;
	sigset_t set;
	pid_t me, other, gone, member;
	int cmd[2], reply[2], pgrp = -1, st;
	char buf[8];

	(void)arg;
	me = setsid();
	CHECK("owner: setsid", me == getpid());
	tty_fd = open(tty_path, O_RDWR | O_NOCTTY);
	CHECK("owner: open the tty", tty_fd >= 0);
	CHECK_OK("root session leader: TIOCSCTTY 1 makes it the controlling tty",
		 ioctl(tty_fd, TIOCSCTTY, 1));
	CHECK_OK("TIOCSCTTY again, by the owner, is fine", ioctl(tty_fd, TIOCSCTTY, 0));
	CHECK("TIOCGSID is the owner's session", ioctl(tty_fd, TIOCGSID, &pgrp) == 0 && pgrp == me);
	CHECK("TIOCGPGRP is the owner's group", ioctl(tty_fd, TIOCGPGRP, &pgrp) == 0 && pgrp == me);

	/* as a shell does: ignore SIGTTOU, so that TIOCSPGRP works from the background */
	signal(SIGTTOU, SIG_IGN);
	/* quiet, so that nothing injected shows on the console */
	tcgetattr(tty_fd, &saved);
	t = saved;
	t.c_lflag &= ~(ECHO | ECHOE | ECHOK | ECHONL | ECHOCTL);
	t.c_lflag |= ICANON | ISIG;
	tcsetattr(tty_fd, TCSANOW, &t);

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGQUIT);
	sigaddset(&set, SIGTSTP);
	sigaddset(&set, SIGWINCH);
	sigprocmask(SIG_BLOCK, &set, NULL);
	member = spawn_member(cmd, reply);

	CHECK_OK("TIOCSPGRP to a group of its own session works", ioctl_int(tty_fd, TIOCSPGRP, member));
	CHECK("and TIOCGPGRP shows it", ioctl(tty_fd, TIOCGPGRP, &pgrp) == 0 && pgrp == member);
	CHECK_OK("TIOCSPGRP back to the owner's group", ioctl_int(tty_fd, TIOCSPGRP, me));

	other = fork();
	if (other == 0) {
		setsid();
		pause();
		_exit(0);
	}
	usleep(50000);
	CHECK_ERR("TIOCSPGRP to another session's group is EPERM", ioctl_int(tty_fd, TIOCSPGRP, other),
		  EPERM);
	gone = fork();
	if (gone == 0)
		_exit(0);
	waitpid(gone, &st, 0);
	CHECK_ERR("TIOCSPGRP to a group that does not exist is ESRCH",
		  ioctl_int(tty_fd, TIOCSPGRP, gone), ESRCH);
	CHECK_ERR("TIOCSPGRP to -1 is EINVAL", ioctl_int(tty_fd, TIOCSPGRP, -1), EINVAL);
	CHECK("the foreground group is still the owner's",
	      ioctl(tty_fd, TIOCGPGRP, &pgrp) == 0 && pgrp == me);
	kill(other, SIGKILL);
	waitpid(other, &st, 0);

	in_child(other_session, &me);
	in_child(same_session_user, NULL);
	if (legacy_tiocsti()) {
		memset(buf, 0, sizeof(buf));
		CHECK_EQ("the owner reads the line its session's uid 65534 process injected",
			 read(tty_fd, buf, sizeof(buf)), 2);
		CHECK("it is \"q\\n\"", !strcmp(buf, "q\n"));
	}

	/* tty signals: only the foreground group */
	inject("\003\034\032");	/* ^C ^\ ^Z */
	ioctl(tty_fd, TIOCGWINSZ, &ws);
	ws.ws_row ^= 1;
	ioctl(tty_fd, TIOCSWINSZ, &ws);
	usleep(50000);
	CHECK_EQ("^C ^\\ ^Z and TIOCSWINSZ signal the foreground group (the owner)", own_pending(), 0xf);
	CHECK_EQ("and not a background group of the same session", member_pending(cmd, reply), 0);
	ioctl_int(tty_fd, TIOCSPGRP, member);
	inject("\003\034\032");
	ws.ws_row ^= 1;
	ioctl(tty_fd, TIOCSWINSZ, &ws);
	usleep(50000);
	CHECK_EQ("with the other group in front, it gets them", member_pending(cmd, reply), 0xf);
	CHECK_EQ("and the owner, now in the background, does not", own_pending(), 0);
	ioctl_int(tty_fd, TIOCSPGRP, me);

	tcflush(tty_fd, TCIFLUSH);
	tcsetattr(tty_fd, TCSANOW, &saved);
	close(cmd[1]);
	waitpid(member, &st, 0);
}

int main(void)
{
	alarm(30);
	tty_path = pick_tty();
	in_child(owner, NULL);
	return utest_done();
}
