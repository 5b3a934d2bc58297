/*
 * kernel/configs.c - /proc/config.gz, the configuration this kernel was
 * built with, gzip-compressed (Linux: kernel/configs.c, IKCONFIG_PROC).
 * The bytes come from build/config_data.c, which the Makefile makes from
 * scripts/mkconfig.sh's output.
 */
#include <kernel/proc_fs.h>
#include <kernel/errno.h>
#include <kernel/uaccess.h>

extern const unsigned char kernel_config_data[];
extern const unsigned long kernel_config_data_size;

static ssize_t ikconfig_read_current(struct file *f, char __user *buf, size_t len, loff_t *offset)
{
	(void)f;
	if (*offset < 0)
		return -EINVAL;
	if ((unsigned long long)*offset >= kernel_config_data_size)
		return 0;
	if (len > kernel_config_data_size - *offset)
		len = kernel_config_data_size - *offset;
	if (copy_to_user(buf, kernel_config_data + *offset, len))
		return -EFAULT;
	*offset += len;
	return len;
}

static const struct file_operations ikconfig_file_ops = {
	.read = ikconfig_read_current,
	.llseek = generic_file_llseek,
};

void ikconfig_init(void)
{
	struct proc_dir_entry *p = proc_create("config.gz", S_IFREG | 0444, NULL, &ikconfig_file_ops);

	if (p)
		p->size = kernel_config_data_size;
}
