/* include/uapi/xattr.h - the extended-attribute ABI (Linux: include/uapi/linux/xattr.h,
 * include/uapi/linux/limits.h): setxattr flags, name prefixes and sizes. */
#ifndef _UAPI_XATTR_H
#define _UAPI_XATTR_H

#define XATTR_CREATE	0x1	/* fail if the attribute exists */
#define XATTR_REPLACE	0x2	/* fail if it does not */

#define XATTR_NAME_MAX	255	/* bytes of a name, without the NUL */
#define XATTR_SIZE_MAX	65536	/* bytes of a value */
#define XATTR_LIST_MAX	65536	/* bytes of a listxattr answer */

#define XATTR_SECURITY_PREFIX	"security."
#define XATTR_SYSTEM_PREFIX	"system."
#define XATTR_TRUSTED_PREFIX	"trusted."
#define XATTR_USER_PREFIX	"user."

#endif
