/* include/uapi/uio.h - struct iovec for readv/writev (Linux: include/linux/uio.h). */
#ifndef _UAPI_UIO_H
#define _UAPI_UIO_H

#include <kernel/types.h>

struct iovec {
	void __user *iov_base;
	size_t iov_len;
};

#define UIO_MAXIOV	1024

#endif
