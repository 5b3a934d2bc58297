/*
 * kernel/drivers/tty.c - the tty layer and the N_TTY line discipline
 * (Linux: drivers/char/tty_io.c, n_tty.c and tty_ioctl.c, much reduced).
 * There is one tty, the console: the keyboard and the serial line both
 * feed it, and what it writes goes to every console (VGA and serial), so
 * typing works the same on either. /dev/console, /dev/tty, /dev/tty0,
 * /dev/tty1 and /dev/ttyS0 all open it.
 *
 * Characters arrive from interrupt handlers into a 4 KiB ring. In
 * canonical mode the line being typed can be edited (erase, word erase,
 * kill) and only complete lines are readable; line ends are marked in
 * read_flags. ^C, ^\ and ^Z signal the foreground process group; when
 * there is none (the in-kernel shell), ^C makes a blocked read return
 * -EINTR instead, which is how the shell abandons a line.
 *
 * Job control follows Linux's tiocsctty/tiocspgrp/tiocsti: the tty belongs
 * to one session (its controlling tty), only that session picks the
 * foreground group, among its own groups, and only that group gets the tty's
 * signals.
 *
 * SMP: tty->read_lock (2.6's n_tty read_lock) guards the input ring, its
 * flags and counters, and the termios the line discipline reads, taken
 * with interrupts off by the keyboard/serial interrupt (tty_receive_char)
 * and by readers on any CPU. Order: console_input_lock, then read_lock, then
 * what receiving a character takes: the console output lock (echo), the
 * task list and siglock (^C's kill_pg), the read_wait queue lock. The
 * session and foreground group are set by process context (ioctls, under
 * the big kernel lock) and only read by the interrupt.
 */
#include <kernel/tty.h>
#include <kernel/console.h>
#include <kernel/fs.h>
#include <kernel/poll.h>
#include <kernel/sched.h>
#include <kernel/signal.h>
#include <kernel/io.h>
#include <kernel/string.h>
#include <kernel/errno.h>
#include <kernel/uaccess.h>
#include <uapi/ioctls.h>

#define RB_MASK		(N_TTY_BUF_SIZE - 1)
#define L(tty, f)	((tty)->termios.c_lflag & (f))
#define I(tty, f)	((tty)->termios.c_iflag & (f))
#define CC(tty, c)	((tty)->termios.c_cc[c])

enum { ERASE, WERASE, KILL };

struct tty_struct console_tty;

/* kernel/signal.c's, once processes exist; until then nobody to signal */
int __attribute__((weak)) kill_pg(pid_t pgrp, int sig, int priv)
{
	(void)pgrp;
	(void)sig;
	(void)priv;
	return 0;
}

static const struct termios tty_std_termios = {
	.c_iflag = ICRNL | IXON,
	.c_oflag = OPOST | ONLCR,
	.c_cflag = B38400 | CS8 | CREAD | HUPCL,
	.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN,
	.c_line = N_TTY,
	/* ^C ^\ DEL ^U ^D time 0 min 1 - ^Q ^S ^Z - ^R ^O ^W ^V - */
	.c_cc = { 3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22, 0 },
};

static void console_tty_write(struct tty_struct *tty, const char *buf, size_t n)
{
	(void)tty;
	console_write(buf, n, 6);
}

static const struct tty_driver_ops console_tty_ops = {
	.write = console_tty_write,
};

static int test_flag(const unsigned long *map, unsigned int i)
{
	return (map[i / 32] >> (i % 32)) & 1;
}

static void set_flag(unsigned long *map, unsigned int i, int on)
{
	if (on)
		map[i / 32] |= 1UL << (i % 32);
	else
		map[i / 32] &= ~(1UL << (i % 32));
}

/* ---- receiving (interrupts off) ---- */

static void tty_out(struct tty_struct *tty, const char *s, size_t n)
{
	tty->ops->write(tty, s, n);
}

/* echo one character; control characters as ^X with ECHOCTL */
static void echo_char(struct tty_struct *tty, unsigned char c)
{
	if (L(tty, ECHOCTL) && (c < 32 || c == 127) && c != '\t' && c != '\n') {
		char b[2] = { '^', (char)(c ^ 0100) };

		tty_out(tty, b, 2);
	} else {
		tty_out(tty, (const char *)&c, 1);
	}
}

static void put_tty_queue(struct tty_struct *tty, unsigned char c)
{
	if (tty->read_cnt >= N_TTY_BUF_SIZE)
		return;
	tty->read_buf[tty->read_head] = c;
	set_flag(tty->read_flags, tty->read_head, 0);
	set_flag(tty->eof_flags, tty->read_head, 0);
	tty->read_head = (tty->read_head + 1) & RB_MASK;
	tty->read_cnt++;
}

void tty_flush_input(struct tty_struct *tty)
{
	unsigned long flags;

	spin_lock_irqsave(&tty->read_lock, flags);
	tty->read_head = tty->read_tail = tty->canon_head = 0;
	tty->read_cnt = tty->canon_data = 0;
	spin_unlock_irqrestore(&tty->read_lock, flags);
}

/* take back characters of the line being typed, and from the screen */
static void eraser(struct tty_struct *tty, int kind)
{
	int seen_word = 0;

	if (tty->read_head == tty->canon_head)
		return;
	if (kind == KILL && L(tty, ECHO) && !(L(tty, ECHOKE) && L(tty, ECHOE))) {
		tty->read_cnt -= (tty->read_head - tty->canon_head) & RB_MASK;
		tty->read_head = tty->canon_head;
		echo_char(tty, CC(tty, VKILL));
		if (L(tty, ECHOK))
			tty_out(tty, "\n", 1);
		return;
	}
	while (tty->read_head != tty->canon_head) {
		unsigned int head = (tty->read_head - 1) & RB_MASK;
		unsigned char c = tty->read_buf[head];

		if (kind == WERASE) {
			int space = c == ' ' || c == '\t';

			if (space && seen_word)
				break;
			if (!space)
				seen_word = 1;
		}
		tty->read_head = head;
		tty->read_cnt--;
		if (L(tty, ECHO)) {
			if (!L(tty, ECHOE)) {
				echo_char(tty, CC(tty, VERASE));
			} else {
				int cols = (L(tty, ECHOCTL) && (c < 32 || c == 127) && c != '\t') ? 2 : 1;

				while (cols--)
					tty_out(tty, "\b \b", 3);
			}
		}
		if (kind == ERASE)
			break;
	}
}

/* ---- job control ---- */

#define ANY_SESSION	(-1)

/* a live task in session (or ANY_SESSION) and in group pgrp (0: any)? */
static int session_has(pid_t session, pid_t pgrp)
{
	struct task_struct *p;
	unsigned long flags;
	int found = 0;

	spin_lock_irqsave(&tasklist_lock, flags);	/* the interrupt's ^C asks too */
	list_for_each_entry(p, &task_list, tasks) {
		if (p->state & (EXIT_ZOMBIE | EXIT_DEAD))
			continue;
		if ((session == ANY_SESSION || p->session == session) && (!pgrp || p->pgrp == pgrp)) {
			found = 1;
			break;
		}
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return found;
}

/*
 * The session whose controlling tty this is. With one tty a task's
 * controlling tty is "the tty whose session is the task's", so no per-task
 * pointer is kept. Session 0 is the kernel's: the in-kernel shell's and that
 * of the programs it runs (until they call setsid). A session that has
 * ended gives the console back to it (Linux frees the tty at the leader's
 * exit, in disassociate_ctty).
 */
static pid_t tty_session(struct tty_struct *tty)
{
	if (tty->session && !session_has(tty->session, 0))
		tty->session = tty->pgrp = 0;
	return tty->session;
}

static int is_current_tty(struct tty_struct *tty)
{
	return tty_session(tty) == current->session;
}

/*
 * A kernel thread - the in-kernel shell, or the child it is about to exec
 * into a program - acts as the console's login: it may give the console to
 * its session and choose any foreground group there, or none (0).
 */
static int kernel_caller(void)
{
	return current->flags & PF_KTHREAD;
}

/*
 * A tty signal goes to the foreground group, and only inside the tty's
 * session; 0 when there is no such group to take it.
 */
static int tty_signal_pgrp(struct tty_struct *tty, int sig)
{
	if (tty->pgrp <= 0 || !session_has(tty_session(tty), tty->pgrp))
		return 0;
	kill_pg(tty->pgrp, sig, 1);
	return 1;
}

/* TIOCSCTTY (Linux: tiocsctty) */
static int tiocsctty(struct tty_struct *tty, struct file *file, unsigned long arg)
{
	if (is_current_tty(tty) && current->session == current->pid)
		return 0;		/* already ours */
	if (!kernel_caller()) {
		/* only a session leader, and the tty is someone else's: root may steal it */
		if (current->session != current->pid)
			return -EPERM;
		if (arg != 1 || !capable(CAP_SYS_ADMIN))
			return -EPERM;
		if (!(file->f_mode & FMODE_READ) && !capable(CAP_SYS_ADMIN))
			return -EPERM;
	}
	tty->session = current->session;
	tty->pgrp = current->pgrp;
	return 0;
}

/* TIOCSPGRP (Linux: tiocspgrp) */
static int tiocspgrp(struct tty_struct *tty, pid_t __user *p)
{
	pid_t pgrp;

	if (!kernel_caller() && !is_current_tty(tty))
		return -ENOTTY;
	if (get_user(pgrp, p))
		return -EFAULT;
	if (pgrp < 0)
		return -EINVAL;
	if (kernel_caller()) {
		tty->session = current->session;
		tty->pgrp = pgrp;
		return 0;
	}
	if (!pgrp || !session_has(ANY_SESSION, pgrp))
		return -ESRCH;
	if (!session_has(current->session, pgrp))
		return -EPERM;	/* a group of another session */
	tty->pgrp = pgrp;
	return 0;
}

/* TIOCSTI (Linux: tiocsti): type a character, on one's own tty or as root */
static int tiocsti(struct tty_struct *tty, char __user *p)
{
	char c;

	if (!is_current_tty(tty) && !capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (get_user(c, p))
		return -EFAULT;
	tty_receive_char(tty, c);	/* as if it came from the keyboard interrupt */
	return 0;
}

static void isig(struct tty_struct *tty, int sig, unsigned char c)
{
	if (!L(tty, NOFLSH)) {
		tty->read_head = tty->read_tail = tty->canon_head = 0;
		tty->read_cnt = tty->canon_data = 0;
	}
	if (L(tty, ECHO))
		echo_char(tty, c);
	if (!tty_signal_pgrp(tty, sig))
		tty->intr_count++;	/* no foreground group: the shell's read gives up */
	wake_up_interruptible(&tty->read_wait);
}

static int is_char(struct tty_struct *tty, unsigned char c, int idx)
{
	return CC(tty, idx) && c == CC(tty, idx);
}

static void __tty_receive_char(struct tty_struct *tty, unsigned char c)
{
	int eof = 0;

	if (I(tty, ISTRIP))
		c &= 0x7f;
	if (I(tty, IXON) && (is_char(tty, c, VSTART) || is_char(tty, c, VSTOP)))
		return;		/* flow control: nothing to pause here */
	if (c == '\r') {
		if (I(tty, IGNCR))
			return;
		if (I(tty, ICRNL))
			c = '\n';
	} else if (c == '\n' && I(tty, INLCR)) {
		c = '\r';
	}
	if (L(tty, ISIG)) {
		if (is_char(tty, c, VINTR)) {
			isig(tty, SIGINT, c);
			return;
		}
		if (is_char(tty, c, VQUIT)) {
			isig(tty, SIGQUIT, c);
			return;
		}
		if (is_char(tty, c, VSUSP)) {
			isig(tty, SIGTSTP, c);
			return;
		}
	}
	if (!L(tty, ICANON)) {
		if (L(tty, ECHO))
			echo_char(tty, c);
		put_tty_queue(tty, c);
		wake_up_interruptible(&tty->read_wait);
		return;
	}
	/* a serial terminal may send ^H for Backspace: take it as erase too */
	if (is_char(tty, c, VERASE) || c == '\b') {
		eraser(tty, ERASE);
		return;
	}
	if (is_char(tty, c, VKILL)) {
		eraser(tty, KILL);
		return;
	}
	if (L(tty, IEXTEN) && is_char(tty, c, VWERASE)) {
		eraser(tty, WERASE);
		return;
	}
	if (is_char(tty, c, VEOF)) {
		eof = 1;
	} else if (c == '\n' || is_char(tty, c, VEOL) ||
		   (L(tty, IEXTEN) && is_char(tty, c, VEOL2))) {
		if (L(tty, ECHO) || (c == '\n' && L(tty, ECHONL)))
			echo_char(tty, c);
	} else {
		/* an ordinary character: always keep room for the line's end */
		if (tty->read_cnt >= N_TTY_BUF_SIZE - 1)
			return;
		if (L(tty, ECHO))
			echo_char(tty, c);
		put_tty_queue(tty, c);
		return;
	}
	/* the line is complete: mark its end and let readers have it */
	if (tty->read_cnt >= N_TTY_BUF_SIZE)
		return;
	{
		unsigned int at = tty->read_head;

		put_tty_queue(tty, c);
		set_flag(tty->read_flags, at, 1);
		set_flag(tty->eof_flags, at, eof);
	}
	tty->canon_head = tty->read_head;
	tty->canon_data++;
	wake_up_interruptible(&tty->read_wait);
}

void tty_receive_char(struct tty_struct *tty, unsigned char c)
{
	unsigned long flags;

	spin_lock_irqsave(&tty->read_lock, flags);
	__tty_receive_char(tty, c);
	spin_unlock_irqrestore(&tty->read_lock, flags);
}

/* the keyboard and the serial line both type into the console */
void tty_console_input(unsigned char c)
{
	tty_receive_char(&console_tty, c);
}

int tty_chars_ready(struct tty_struct *tty)
{
	return L(tty, ICANON) ? tty->canon_data > 0 : tty->read_cnt > 0;
}

/* ---- the file operations ---- */

/*
 * Sleep until input is ready; 1 when *timeout (jiffies, updated) ran out
 * first, as raw mode's TIME asks, 0 when there is input, or -errno.
 */
static int wait_for_input(struct tty_struct *tty, struct file *file, unsigned long intr,
			  long *timeout)
{
	DEFINE_WAIT(wait);
	int ret = 0;

	for (;;) {
		prepare_to_wait(&tty->read_wait, &wait, TASK_INTERRUPTIBLE);
		if (tty_chars_ready(tty) ||
		    (!L(tty, ICANON) && !CC(tty, VMIN) && !CC(tty, VTIME)))
			break;
		if (tty->pgrp <= 0 && tty->intr_count != intr) {
			ret = -EINTR;
			break;
		}
		if (file->f_flags & O_NONBLOCK) {
			ret = -EAGAIN;
			break;
		}
		if (signal_pending(current)) {
			ret = -ERESTARTSYS;
			break;
		}
		if (!*timeout) {
			ret = 1;
			break;
		}
		*timeout = schedule_timeout(*timeout);
	}
	finish_wait(&tty->read_wait, &wait);
	return ret;
}

/*
 * Canonical: at most one line, its newline included (a ^D ends a line
 * without adding a character, so ^D on an empty line reads as 0: end of
 * file). Raw, as POSIX has MIN and TIME: MIN characters, with TIME tenths of
 * a second allowed between them once the first has come; MIN 0 and TIME > 0:
 * whatever comes within TIME (or 0 bytes); both 0: whatever is there now.
 */
static ssize_t tty_read(struct file *file, char __user *buf, size_t nr, loff_t *ppos)
{
	struct tty_struct *tty = file->private_data;
	unsigned long intr = tty->intr_count;
	unsigned char kbuf[128];
	size_t done = 0;
	long timeout = MAX_SCHEDULE_TIMEOUT;
	int ret;

	(void)ppos;
	if (!nr)
		return 0;
	/* MIN 0, TIME > 0: one overall time-out, from the start of the read */
	if (!L(tty, ICANON) && !CC(tty, VMIN) && CC(tty, VTIME))
		timeout = CC(tty, VTIME) * HZ / 10;
	for (;;) {
		unsigned long flags;
		size_t n = 0;
		int line_done = 0;

		ret = wait_for_input(tty, file, intr, &timeout);
		if (ret < 0)
			return done ? (ssize_t)done : ret;
		if (ret > 0)		/* TIME ran out */
			break;
		spin_lock_irqsave(&tty->read_lock, flags);
		while (n < sizeof(kbuf) && done + n < nr && tty->read_cnt) {
			unsigned int tail = tty->read_tail;
			unsigned char c = tty->read_buf[tail];
			int eol = test_flag(tty->read_flags, tail);
			int eof = test_flag(tty->eof_flags, tail);

			if (L(tty, ICANON) && !tty->canon_data)
				break;
			tty->read_tail = (tail + 1) & RB_MASK;
			tty->read_cnt--;
			if (eol) {
				set_flag(tty->read_flags, tail, 0);
				if (tty->canon_data)
					tty->canon_data--;
				if (L(tty, ICANON)) {
					if (!eof)
						kbuf[n++] = c;
					line_done = 1;
					break;
				}
			}
			kbuf[n++] = c;
		}
		spin_unlock_irqrestore(&tty->read_lock, flags);
		if (n && copy_to_user(buf + done, kbuf, n))
			return done ? (ssize_t)done : -EFAULT;
		done += n;
		if (done >= nr || line_done)
			break;
		if (!L(tty, ICANON)) {
			if (done >= CC(tty, VMIN))
				break;
			/* MIN > 0, TIME > 0: the time-out runs between characters */
			if (CC(tty, VTIME) && n)
				timeout = CC(tty, VTIME) * HZ / 10;
		}
	}
	return done;
}

static ssize_t tty_write(struct file *file, const char __user *buf, size_t count, loff_t *ppos)
{
	struct tty_struct *tty = file->private_data;
	char kbuf[256];
	size_t done = 0;

	(void)ppos;
	while (done < count) {
		size_t n = min(sizeof(kbuf), count - done);

		if (copy_from_user(kbuf, buf + done, n))
			return done ? (ssize_t)done : -EFAULT;
		tty->ops->write(tty, kbuf, n);
		done += n;
	}
	return done;
}

static unsigned int tty_poll(struct file *file, poll_table *wait)
{
	struct tty_struct *tty = file->private_data;
	unsigned int mask = POLLOUT | POLLWRNORM;

	poll_wait(file, &tty->read_wait, wait);
	if (tty_chars_ready(tty))
		mask |= POLLIN | POLLRDNORM;
	return mask;
}

/* FIONREAD: in canonical mode only complete lines count */
static int tty_inq(struct tty_struct *tty)
{
	unsigned long flags;
	int n;

	spin_lock_irqsave(&tty->read_lock, flags);
	n = tty->read_cnt;
	if (L(tty, ICANON)) {
		n = 0;
		for (unsigned int i = tty->read_tail, left = tty->canon_data; left; i = (i + 1) & RB_MASK) {
			if (test_flag(tty->read_flags, i)) {
				left--;
				if (test_flag(tty->eof_flags, i))
					continue;
			}
			n++;
		}
	}
	spin_unlock_irqrestore(&tty->read_lock, flags);
	return n;
}

static void set_termios(struct tty_struct *tty, const struct termios *t)
{
	unsigned long flags;
	int was_canon;

	spin_lock_irqsave(&tty->read_lock, flags);
	was_canon = L(tty, ICANON);
	tty->termios = *t;
	if (was_canon != !!L(tty, ICANON)) {
		/* leaving canonical mode makes the partial line readable; entering it starts afresh */
		memset(tty->read_flags, 0, sizeof(tty->read_flags));
		memset(tty->eof_flags, 0, sizeof(tty->eof_flags));
		tty->canon_head = tty->read_head;
		tty->canon_data = 0;
		if (L(tty, ICANON) && tty->read_cnt) {
			set_flag(tty->read_flags, (tty->read_head - 1) & RB_MASK, 1);
			tty->canon_data = 1;
		}
	}
	spin_unlock_irqrestore(&tty->read_lock, flags);
	wake_up_interruptible(&tty->read_wait);
}

static int tty_ioctl(struct inode *inode, struct file *file, unsigned int cmd, unsigned long arg)
{
	struct tty_struct *tty = file->private_data;
	void __user *p = (void __user *)arg;
	struct termios t;
	struct winsize ws;

	(void)inode;
	switch (cmd) {
	case TCGETS:
		return copy_to_user(p, &tty->termios, sizeof(t)) ? -EFAULT : 0;
	case TCSETSF:
	case TCSETSW:
	case TCSETS:
		if (copy_from_user(&t, p, sizeof(t)))
			return -EFAULT;
		if (cmd == TCSETSF)
			tty_flush_input(tty);
		set_termios(tty, &t);
		return 0;
	case TIOCGWINSZ:
		return copy_to_user(p, &tty->winsize, sizeof(ws)) ? -EFAULT : 0;
	case TIOCSWINSZ:
		if (copy_from_user(&ws, p, sizeof(ws)))
			return -EFAULT;
		if (memcmp(&ws, &tty->winsize, sizeof(ws))) {
			tty->winsize = ws;
			tty_signal_pgrp(tty, SIGWINCH);
		}
		return 0;
	case TIOCGPGRP:
		if (!kernel_caller() && !is_current_tty(tty))
			return -ENOTTY;
		return put_user(tty->pgrp, (pid_t __user *)p);
	case TIOCSPGRP:
		return tiocspgrp(tty, (pid_t __user *)p);
	case TIOCGSID:
		if (!is_current_tty(tty))
			return -ENOTTY;
		return put_user(tty->session, (pid_t __user *)p);
	case TIOCSCTTY:
		return tiocsctty(tty, file, arg);
	case TIOCNOTTY:
		if (!is_current_tty(tty))
			return -ENOTTY;
		/* the leader gives the tty up for the session (no per-task ctty to drop) */
		if (current->session == current->pid)
			tty->session = tty->pgrp = 0;
		return 0;
	case TIOCSTI:
		return tiocsti(tty, (char __user *)p);
	case FIONREAD:
		return put_user(tty_inq(tty), (int __user *)p);
	case TIOCOUTQ:
		return put_user(0, (int __user *)p);
	case TCFLSH:
		if (arg == TCIFLUSH || arg == TCIOFLUSH)
			tty_flush_input(tty);
		else if (arg != TCOFLUSH)
			return -EINVAL;
		return 0;
	case TCSBRK:
	case TCXONC:
		return 0;
	default:
		return -ENOTTY;
	}
}

static int tty_open(struct inode *inode, struct file *filp)
{
	struct tty_struct *tty = &console_tty;

	(void)inode;
	nonseekable_open(inode, filp);
	filp->private_data = tty;
	tty->count++;
	return 0;
}

static int tty_release(struct inode *inode, struct file *filp)
{
	struct tty_struct *tty = filp->private_data;

	(void)inode;
	tty->count--;
	return 0;
}

static const struct file_operations tty_fops = {
	.llseek = no_llseek,
	.read = tty_read,
	.write = tty_write,
	.poll = tty_poll,
	.ioctl = tty_ioctl,
	.open = tty_open,
	.release = tty_release,
};

void tty_init(void)
{
	struct tty_struct *tty = &console_tty;

	tty->name = "console";
	tty->termios = tty_std_termios;
	tty->winsize.ws_row = 25;
	tty->winsize.ws_col = 80;
	tty->ops = &console_tty_ops;
	spin_lock_init(&tty->read_lock);
	init_waitqueue_head(&tty->read_wait);
	init_waitqueue_head(&tty->write_wait);
	register_chrdev(TTY_MAJOR, "tty", &tty_fops);
	register_chrdev(TTYAUX_MAJOR, "/dev/tty", &tty_fops);
	console_set_input_handler(tty_console_input);
}

/* ---- the wait-for graph: a tty reader waits for whoever types ---- */

#include <kernel/waitgraph.h>

static void tty_waitgraph_scan(void)
{
	wait_queue_t *w;

	list_for_each_entry(w, &console_tty.read_wait.task_list, task_list) {
		struct wg_sleeper *s = wg_add(w->task, "read on the console tty", "input");

		if (s)
			wg_anyone(s, "the keyboard or the serial line");
	}
}
WAITGRAPH_KIND(tty, tty_waitgraph_scan);
