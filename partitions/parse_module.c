// SPDX-License-Identifier: BSD-2-Clause
// /partitions/<name>/image/module@<n>: the multiboot2 modules an image is booted with.

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"

#define MOD(obj) ((struct cfg_module *)(obj))

static void mod_file(struct cfg_ctx *c, const struct cfg_val *v, void *obj)
{
	val_string(c, v, MOD(obj)->file, sizeof(MOD(obj)->file));
}

static void mod_cmdline(struct cfg_ctx *c, const struct cfg_val *v, void *obj)
{
	MOD(obj)->has_cmdline = val_string(c, v, MOD(obj)->cmdline, sizeof(MOD(obj)->cmdline));
}

static const struct cfg_prop module_props[] = {
    {"file", true, mod_file},
    {"cmdline", false, mod_cmdline},
};
static const struct cfg_kind module_kind = CFG_KIND_LEAF(module_props);

/* The unit address is the module's place in the boot information: module@0, module@1, ... in
 * that order, so that the order the guest sees is written in the description, not implied. */
static void check_index(struct cfg_ctx *c, const char *path, size_t index)
{
	const char *at = strchr(path, '@');
	char *end;
	unsigned long unit;

	if (!CC(c->d, at != NULL, path, "", "needs a unit address: module@<index>, from 0"))
		return;
	unit = strtoul(at + 1, &end, 16);
	CC(c->d, at[1] && *end == '\0' && unit == index, path, "",
	   "unit address @%s is not %lu: modules are numbered 0, 1, ... in the order written",
	   at + 1, (unsigned long)index);
}

void cfg_parse_module(struct cfg_ctx *c, int node, const char *path, void *obj)
{
	struct cfg_image *im = obj;
	struct cfg_module *m = &im->module[im->nmodules];

	if (!CC(c->d, im->nmodules < CFG_MAX_MODULES, path, "",
		"more than %d modules in one image (the limit)", CFG_MAX_MODULES))
		return;
	memset(m, 0, sizeof(*m));
	check_index(c, path, im->nmodules);
	cfg_walk(c, node, path, &module_kind, m);
	im->nmodules++;
}
