// SPDX-License-Identifier: BSD-2-Clause
// Recording why a bundle was refused: the reason, then the text of the rule that failed.

#include <stdarg.h>
#include <stdio.h>

#include "internal.h"

void bundle_fail(struct bundle_err *e, const char *rule, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (e->failed)
		return;
	e->failed = true;
	if (!e->buf || !e->len)
		return;
	va_start(ap, fmt);
	n = vsnprintf(e->buf, e->len, fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n < e->len)
		snprintf(e->buf + n, e->len - (size_t)n, " [rule: %s]", rule);
}
