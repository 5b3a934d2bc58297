/*
 * net/core/scm.c - ancillary data: SCM_RIGHTS and SCM_CREDENTIALS (Linux
 * 2.6: net/core/scm.c). scm_send parses sendmsg's control buffer (already
 * copied in) into an scm_cookie; scm_recv writes the cmsgs a receiver gets,
 * installing passed files as new fds.
 */
#include <kernel/socket.h>
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/file.h>
#include <kernel/sched.h>
#include <kernel/slab.h>
#include <kernel/string.h>
#include <kernel/uaccess.h>

void scm_set_cred(struct ucred *c)
{
	c->pid = current->tgid;
	c->uid = current->uid;
	c->gid = current->gid;
}

/* a sender may claim only its own pid and ids unless privileged */
static int scm_check_creds(struct ucred *c)
{
	if (c->pid != (u32)current->tgid && !capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (c->uid != current->uid && c->uid != current->euid && c->uid != current->suid &&
	    !capable(CAP_SETUID))
		return -EPERM;
	if (c->gid != current->gid && c->gid != current->egid && c->gid != current->sgid &&
	    !capable(CAP_SETGID))
		return -EPERM;
	return 0;
}

static int scm_fp_copy(struct cmsghdr *cmsg, struct scm_fp_list **fplp)
{
	int *fdp = (int *)CMSG_DATA(cmsg);
	struct scm_fp_list *fpl = *fplp;
	int num = (cmsg->cmsg_len - CMSG_ALIGN(sizeof(struct cmsghdr))) / sizeof(int);

	if (num <= 0)
		return 0;
	if (num > SCM_MAX_FD)
		return -EINVAL;
	if (!fpl) {
		fpl = kmalloc(sizeof(*fpl), GFP_KERNEL);
		if (!fpl)
			return -ENOMEM;
		fpl->count = 0;
		*fplp = fpl;
	}
	if (fpl->count + num > SCM_MAX_FD)
		return -EINVAL;
	for (int i = 0; i < num; i++) {
		struct file *f = fdp[i] >= 0 ? fget(fdp[i]) : NULL;

		if (!f)
			return -EBADF;
		fpl->fp[fpl->count++] = f;
	}
	return num;
}

void scm_destroy(struct scm_cookie *scm)
{
	struct scm_fp_list *fpl = scm->fp;

	if (!fpl)
		return;
	scm->fp = NULL;
	for (int i = fpl->count - 1; i >= 0; i--)
		fput(fpl->fp[i]);
	kfree(fpl);
}

struct scm_fp_list *scm_fp_dup(struct scm_fp_list *fpl)
{
	struct scm_fp_list *n = kmalloc(sizeof(*n), GFP_KERNEL);

	if (!n)
		return NULL;
	n->count = fpl->count;
	for (int i = 0; i < fpl->count; i++)
		n->fp[i] = get_file(fpl->fp[i]);
	return n;
}

int scm_send(struct socket *sock, struct msghdr *msg, struct scm_cookie *scm)
{
	unsigned char *p = msg->msg_control;
	size_t left = msg->msg_controllen;
	int err;

	(void)sock;
	memset(scm, 0, sizeof(*scm));
	scm_set_cred(&scm->creds);
	while (left >= sizeof(struct cmsghdr)) {
		struct cmsghdr *cmsg = (struct cmsghdr *)p;
		size_t space;

		err = -EINVAL;
		if (cmsg->cmsg_len < sizeof(struct cmsghdr) || cmsg->cmsg_len > left)
			goto fail;
		if (cmsg->cmsg_level == SOL_SOCKET) {
			switch (cmsg->cmsg_type) {
			case SCM_RIGHTS:
				err = scm_fp_copy(cmsg, &scm->fp);
				if (err < 0)
					goto fail;
				break;
			case SCM_CREDENTIALS:
				if (cmsg->cmsg_len != CMSG_LEN(sizeof(struct ucred)))
					goto fail;
				memcpy(&scm->creds, CMSG_DATA(cmsg), sizeof(struct ucred));
				err = scm_check_creds(&scm->creds);
				if (err)
					goto fail;
				break;
			default:
				goto fail;
			}
		}
		space = CMSG_ALIGN(cmsg->cmsg_len);
		if (space >= left)
			break;
		p += space;
		left -= space;
	}
	if (scm->fp && !scm->fp->count) {
		kfree(scm->fp);
		scm->fp = NULL;
	}
	return 0;
fail:
	scm_destroy(scm);
	return err;
}

/* one cmsg into the receiver's (user) control buffer; MSG_CTRUNC if it does not fit */
int put_cmsg(struct msghdr *msg, int level, int type, int len, void *data)
{
	struct cmsghdr __user *cm = msg->msg_control;
	struct cmsghdr h;
	int cmlen = CMSG_LEN(len);

	if (!cm || msg->msg_controllen < sizeof(struct cmsghdr)) {
		msg->msg_flags |= MSG_CTRUNC;
		return 0;
	}
	if (msg->msg_controllen < (size_t)cmlen) {
		msg->msg_flags |= MSG_CTRUNC;
		cmlen = msg->msg_controllen;
	}
	h.cmsg_len = cmlen;
	h.cmsg_level = level;
	h.cmsg_type = type;
	if (copy_to_user(cm, &h, sizeof(h)) ||
	    copy_to_user(CMSG_DATA(cm), data, cmlen - sizeof(h)))
		return -EFAULT;
	cmlen = CMSG_SPACE(len);
	if ((size_t)cmlen > msg->msg_controllen)
		cmlen = msg->msg_controllen;
	msg->msg_control = (char *)msg->msg_control + cmlen;
	msg->msg_controllen -= cmlen;
	return 0;
}

/* passed files become fds of the receiver, as many as the buffer holds */
static void scm_detach_fds(struct msghdr *msg, struct scm_cookie *scm, int flags)
{
	struct cmsghdr __user *cm = msg->msg_control;
	int fdmax = 0, i;
	int __user *cmfptr;

	if (cm && msg->msg_controllen > sizeof(struct cmsghdr))
		fdmax = (msg->msg_controllen - sizeof(struct cmsghdr)) / sizeof(int);
	cmfptr = cm ? (int __user *)CMSG_DATA(cm) : NULL;
	for (i = 0; i < fdmax && i < scm->fp->count; i++, cmfptr++) {
		int fd = get_unused_fd_flags(flags & MSG_CMSG_CLOEXEC ? O_CLOEXEC : 0);

		if (fd < 0)
			break;
		if (put_user(fd, cmfptr)) {
			put_unused_fd(fd);
			break;
		}
		fd_install(fd, get_file(scm->fp->fp[i]));
	}
	if (i > 0) {
		struct cmsghdr h = { CMSG_LEN(i * sizeof(int)), SOL_SOCKET, SCM_RIGHTS };
		int space = CMSG_SPACE(i * sizeof(int));

		if (!copy_to_user(cm, &h, sizeof(h))) {
			if ((size_t)space > msg->msg_controllen)
				space = msg->msg_controllen;
			msg->msg_control = (char *)msg->msg_control + space;
			msg->msg_controllen -= space;
		}
	}
	if (i < scm->fp->count)
		msg->msg_flags |= MSG_CTRUNC;
	scm_destroy(scm);	/* the installed files hold their own reference */
}

void scm_recv(struct socket *sock, struct msghdr *msg, struct scm_cookie *scm, int flags)
{
	if (sock->sk->sk_flags & SOCK_PASSCRED)
		put_cmsg(msg, SOL_SOCKET, SCM_CREDENTIALS, sizeof(scm->creds), &scm->creds);
	if (scm->fp)
		scm_detach_fds(msg, scm, flags);
}
