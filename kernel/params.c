/*
 * kernel/params.c - split the boot command line into options and hand each
 * to its __setup handler (Linux: init/main.c obsolete_checksetup and
 * kernel/params.c parse_args). Values may be double-quoted to hold spaces:
 * kshell.run="test all". The loader's first word is the image name; an
 * option nobody registered is reported and ignored.
 */
#include <kernel/init.h>
#include <kernel/printk.h>
#include <kernel/string.h>

extern const struct obs_kernel_param __start_setup[], __stop_setup[];

/* cut the next word out of *p, removing the quotes; NULL at the end */
static char *next_arg(char **p)
{
	char *s = *p, *word, *out;
	int quoted = 0;

	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	if (!*s)
		return NULL;
	word = out = s;
	for (; *s; s++) {
		if (*s == '"') {
			quoted = !quoted;
			continue;
		}
		if (!quoted && (*s == ' ' || *s == '\t' || *s == '\n')) {
			s++;
			break;
		}
		*out++ = *s;
	}
	*p = s;
	*out = '\0';	/* out never passes s, so this cannot clobber the rest */
	return word;
}

static int checksetup(char *arg)
{
	for (const struct obs_kernel_param *p = __start_setup; p < __stop_setup; p++) {
		size_t n = strlen(p->str);

		if (strncmp(arg, p->str, n))
			continue;
		if (p->str[n - 1] == '=') {
			p->setup_func(arg + n);
			return 1;
		}
		if (!arg[n]) {
			p->setup_func(arg + n);
			return 1;
		}
	}
	return 0;
}

void parse_args(char *cmdline)
{
	char *p = cmdline, *arg;

	if (!next_arg(&p))	/* the kernel image's own name */
		return;
	while ((arg = next_arg(&p)))
		if (!checksetup(arg))
			printk(KERN_WARNING "Unknown kernel command line parameter \"%s\", ignored\n", arg);
}

static int loglevel_setup(char *v)
{
	console_loglevel = simple_strtoul(v, NULL, 10);
	return 0;
}
__setup("loglevel=", loglevel_setup);

static int quiet_setup(char *v)
{
	(void)v;
	console_loglevel = 4;	/* warnings and worse */
	return 0;
}
__setup("quiet", quiet_setup);
