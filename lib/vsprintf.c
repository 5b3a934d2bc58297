/*
 * lib/vsprintf.c - formatted output for printk and the shell (Linux:
 * lib/vsprintf.c). Supports the conversions kernel code uses: d i u x X o p
 * s c %, the flags - 0 and space, a width and precision (also as *), and
 * the length modifiers l, ll, z and h.
 */
#include <kernel/printk.h>
#include <kernel/string.h>

struct outbuf {
	char *buf;
	size_t size;
	size_t len;		/* what the full output would need */
};

static void put(struct outbuf *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_number(struct outbuf *o, unsigned long long v, int neg,
		       unsigned base, int upper, int width, int zero, int left)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0;

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	if (neg)
		width--;
	if (!left && !zero)
		for (; width > n; width--)
			put(o, ' ');
	if (neg)
		put(o, '-');
	if (!left && zero)
		for (; width > n; width--)
			put(o, '0');
	while (n)
		put(o, tmp[--n]), width--;
	for (; width > 0; width--)
		put(o, ' ');
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct outbuf o = { buf, size, 0 };

	for (; *fmt; fmt++) {
		int left = 0, zero = 0, width = 0, prec = -1, lng = 0;
		unsigned long long uv;
		long long sv;

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		for (;;) {
			fmt++;
			if (*fmt == '-')
				left = 1;
			else if (*fmt == '0')
				zero = 1;
			else if (*fmt == ' ' || *fmt == '+' || *fmt == '#')
				;
			else
				break;
		}
		if (*fmt == '*') {
			width = va_arg(ap, int);
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		if (*fmt == '.') {
			fmt++;
			prec = 0;
			if (*fmt == '*') {
				prec = va_arg(ap, int);
				fmt++;
			}
			while (*fmt >= '0' && *fmt <= '9')
				prec = prec * 10 + (*fmt++ - '0');
		}
		while (*fmt == 'l' || *fmt == 'z' || *fmt == 'h') {
			if (*fmt == 'l')
				lng++;
			fmt++;
		}
		switch (*fmt) {
		case 'd':
		case 'i':
			sv = lng > 1 ? va_arg(ap, long long) : va_arg(ap, long);
			put_number(&o, sv < 0 ? -(unsigned long long)sv : (unsigned long long)sv,
				   sv < 0, 10, 0, width, zero, left);
			break;
		case 'u':
		case 'x':
		case 'X':
		case 'o':
			uv = lng > 1 ? va_arg(ap, unsigned long long) : va_arg(ap, unsigned long);
			put_number(&o, uv, 0, *fmt == 'u' ? 10 : *fmt == 'o' ? 8 : 16,
				   *fmt == 'X', width, zero, left);
			break;
		case 'p':
			put_number(&o, (unsigned long)va_arg(ap, void *), 0, 16, 0, 8, 1, 0);
			break;
		case 'c':
			put(&o, (char)va_arg(ap, int));
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			int n;

			if (!s)
				s = "(null)";
			n = prec >= 0 ? (int)strnlen(s, prec) : (int)strlen(s);
			if (!left)
				for (; width > n; width--)
					put(&o, ' ');
			for (int i = 0; i < n; i++)
				put(&o, s[i]);
			for (; width > n; width--)
				put(&o, ' ');
			break;
		}
		case '%':
			put(&o, '%');
			break;
		case '\0':
			fmt--;
			break;
		default:
			put(&o, '%');
			put(&o, *fmt);
		}
	}
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
