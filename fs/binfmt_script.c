/*
 * fs/binfmt_script.c - "#!interpreter [arg]" scripts (Linux:
 * fs/binfmt_script.c): the interpreter runs instead, with the script's path
 * after its own name and optional argument, then the original arguments.
 */
#include <kernel/binfmts.h>
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/string.h>

int load_script(struct linux_binprm *bprm, struct pt_regs *regs)
{
	char line[BINPRM_BUF_SIZE], *p, *interp, *arg = NULL, *end;
	char *new_argv[3];
	int n = 0, err;

	if (++bprm->depth > MAX_INTERP_DEPTH)
		return -ELOOP;
	memcpy(line, bprm->buf + 2, BINPRM_BUF_SIZE - 2);
	line[BINPRM_BUF_SIZE - 2] = '\0';
	end = strchr(line, '\n');
	if (end)
		*end = '\0';
	for (p = line; *p == ' ' || *p == '\t'; p++)
		;
	if (!*p)
		return -ENOEXEC;
	interp = p;
	while (*p && *p != ' ' && *p != '\t')
		p++;
	if (*p) {
		*p++ = '\0';
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p) {
			/* everything after the name is one argument, trailing blanks cut */
			arg = p;
			p += strlen(p);
			while (p > arg && (p[-1] == ' ' || p[-1] == '\t'))
				*--p = '\0';
		}
	}
	/* argv becomes: interp [arg] script-path argv[1..] */
	if (bprm->argc + 3 > bprm->argv_room)
		return -E2BIG;
	err = bprm_add_string(bprm, interp, &new_argv[n++]);
	if (!err && arg)
		err = bprm_add_string(bprm, arg, &new_argv[n++]);
	/* the file being interpreted at this level: the script, or an inner interpreter */
	if (!err)
		err = bprm_add_string(bprm, bprm->interp, &new_argv[n++]);
	if (err)
		return err;
	memmove(bprm->argv + n, bprm->argv + 1, bprm->argc * sizeof(char *));	/* keeps the NULL */
	if (!bprm->argc)
		bprm->argv[n] = NULL;
	memcpy(bprm->argv, new_argv, n * sizeof(char *));
	bprm->argc = bprm->argc ? bprm->argc - 1 + n : n;

	fput(bprm->file);
	bprm->interp = new_argv[0];
	bprm->file = open_exec(interp);
	if (IS_ERR(bprm->file)) {
		err = PTR_ERR(bprm->file);
		bprm->file = NULL;
		return err;
	}
	err = prepare_binprm(bprm);
	if (err)
		return err;
	return search_binary_handler(bprm, regs);
}
