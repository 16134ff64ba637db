// SPDX-License-Identifier: BSD-2-Clause
// Diagnostics sink: every error of a description, each naming its node path and property.
#ifndef BULKHEAD_DIAG_H
#define BULKHEAD_DIAG_H

#include <stdbool.h>
#include <stddef.h>

#define CFG_MAX_DIAGS 32
#define CFG_PATH_MAX  96
#define CFG_PROP_MAX  32
#define CFG_MSG_MAX   160
#define CFG_RULE_MAX  64

struct cfg_diag {
	char path[CFG_PATH_MAX]; /* "/partitions/rt" */
	char prop[CFG_PROP_MAX]; /* "cpus", or "" when the node itself is at fault */
	char msg[CFG_MSG_MAX];
	char rule[CFG_RULE_MAX]; /* the text of the check that failed, for debugging */
};

struct cfg_diags {
	struct cfg_diag d[CFG_MAX_DIAGS];
	size_t count;	/* recorded */
	size_t dropped; /* past CFG_MAX_DIAGS: counted, not kept */
};

void cfg_diags_init(struct cfg_diags *d);
size_t cfg_diags_total(const struct cfg_diags *d);

void cfg_error_rule(struct cfg_diags *d, const char *rule, const char *path, const char *prop,
		    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

#define cfg_error(d, path, prop, ...) cfg_error_rule(d, "", path, prop, __VA_ARGS__)

/*
 * CC(d, rule, path, prop, fmt, ...): a rule that must hold. When it does not, the error is
 * recorded with the rule's own text; evaluates to whether the rule held.
 */
#define CC(d, cond, path, prop, ...) \
	((cond) ? true : (cfg_error_rule(d, #cond, path, prop, __VA_ARGS__), false))

/* "path: prop: msg" (or "path: msg"), as every consumer prints one diagnostic. */
int cfg_diag_format(const struct cfg_diag *e, char *out, size_t size);

#endif
