// SPDX-License-Identifier: BSD-2-Clause
// guest_printf: a small formatter for console lines, one HC_CONSOLE_WRITE per call.

#include <stdarg.h>

#include "guest.h"

#define DEC 10
#define HEX 16

struct out {
	char buf[HC_CONSOLE_MAX];
	size_t len;
};

static guest_lock_t console_lock;

static void put(struct out *o, char c)
{
	if (o->len < sizeof(o->buf))
		o->buf[o->len++] = c;
}

static void put_str(struct out *o, const char *s)
{
	for (s = s ? s : "(null)"; *s; s++)
		put(o, *s);
}

static void put_num(struct out *o, uint64_t v, unsigned int base, bool negative)
{
	char digits[24];
	int n = 0;

	do
		digits[n++] = "0123456789abcdef"[v % base];
	while ((v /= base) && n < (int)sizeof(digits));
	if (negative)
		put(o, '-');
	while (n)
		put(o, digits[--n]);
}

/* One conversion at *fmt (after '%'); returns the characters of the specification used. */
static int convert(struct out *o, const char *fmt, va_list *ap)
{
	bool wide = *fmt == 'l';
	char c = fmt[wide];
	int64_t s;

	switch (c) {
	case 'd':
		s = wide ? va_arg(*ap, long) : va_arg(*ap, int);
		put_num(o, s < 0 ? -(uint64_t)s : (uint64_t)s, DEC, s < 0);
		break;
	case 'u':
	case 'x':
		put_num(o, wide ? va_arg(*ap, unsigned long) : va_arg(*ap, unsigned int),
			c == 'u' ? DEC : HEX, false);
		break;
	case 'p':
		put_str(o, "0x");
		put_num(o, (uint64_t)va_arg(*ap, void *), HEX, false);
		break;
	case 's':
		put_str(o, va_arg(*ap, const char *));
		break;
	case 'c':
		put(o, (char)va_arg(*ap, int));
		break;
	default: /* "%%" and anything unknown: printed as is */
		put(o, c ? c : '%');
		return c ? 1 + wide : wide;
	}
	return 1 + wide;
}

void guest_printf(const char *fmt, ...)
{
	struct out o = {.len = 0};
	va_list ap;

	va_start(ap, fmt);
	while (*fmt) {
		if (*fmt != '%') {
			put(&o, *fmt++);
			continue;
		}
		fmt++;
		fmt += convert(&o, fmt, &ap);
	}
	va_end(ap);
	guest_lock(&console_lock);
	hcall(HC_CONSOLE_WRITE, (uint64_t)o.buf, o.len, 0);
	guest_unlock(&console_lock);
}
