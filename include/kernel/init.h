/*
 * include/kernel/init.h - kernel command-line options (kernel/params.c).
 * __setup("name=", fn) registers fn to receive the text after "name=";
 * __setup("name", fn) a flag that takes no value.
 */
#ifndef _KERNEL_INIT_H
#define _KERNEL_INIT_H

#include <kernel/types.h>

struct obs_kernel_param {
	const char *str;
	int (*setup_func)(char *value);
};

#define __setup(str, fn)						\
	static const struct obs_kernel_param __setup_##fn		\
	__section(".init.setup") __used __aligned(4) = { str, fn }

void parse_args(char *cmdline);

#endif
