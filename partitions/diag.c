// SPDX-License-Identifier: BSD-2-Clause
// Diagnostics sink: collects errors up to a cap and counts the rest, so one run reports them all.

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "diag.h"

void cfg_diags_init(struct cfg_diags *d)
{
	memset(d, 0, sizeof(*d));
}

size_t cfg_diags_total(const struct cfg_diags *d)
{
	return d->count + d->dropped;
}

static void copy(char *dst, const char *src, size_t size)
{
	snprintf(dst, size, "%s", src ? src : "");
}

void cfg_error_rule(struct cfg_diags *d, const char *rule, const char *path, const char *prop,
		    const char *fmt, ...)
{
	struct cfg_diag *e;
	va_list ap;

	if (d->count == CFG_MAX_DIAGS) {
		d->dropped++;
		return;
	}
	e = &d->d[d->count++];
	copy(e->path, path, sizeof(e->path));
	copy(e->prop, prop, sizeof(e->prop));
	copy(e->rule, rule, sizeof(e->rule));
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
}

int cfg_diag_format(const struct cfg_diag *e, char *out, size_t size)
{
	if (e->prop[0])
		return snprintf(out, size, "%s: %s: %s", e->path, e->prop, e->msg);
	return snprintf(out, size, "%s: %s", e->path, e->msg);
}
