// SPDX-License-Identifier: BSD-2-Clause
// What boots must be what was signed: every image a partition names is one the bundle carries.

#include <stdio.h>
#include <string.h>

#include "check.h"

static void need(const char *name, const char *path, const char *prop, cfg_has_image_fn has,
		 void *ctx, struct cfg_diags *d)
{
	if (name[0])
		CC(d, has(ctx, name), path, prop, "image \"%s\" is not in the bundle", name);
}

int cfg_check_images(const struct cfg_desc *desc, cfg_has_image_fn has, void *ctx,
		     struct cfg_diags *d)
{
	size_t before = cfg_diags_total(d);

	for (size_t i = 0; i < desc->nparts; i++) {
		const struct cfg_partition *p = &desc->part[i];
		char path[CFG_PATH_MAX];

		if (!p->image.has_image)
			continue;
		cfg_part_path(p, path, sizeof(path));
		snprintf(path + strlen(path), sizeof(path) - strlen(path), "/image");
		need(p->image.kernel, path, "kernel", has, ctx, d);
		need(p->image.initrd, path, "initrd", has, ctx, d);
		for (size_t m = 0; m < p->image.nmodules; m++) {
			char mpath[CFG_PATH_MAX + 32];

			snprintf(mpath, sizeof(mpath), "%s/module@%lu", path, (unsigned long)m);
			need(p->image.module[m].file, mpath, "file", has, ctx, d);
		}
	}
	return cfg_diags_total(d) == before ? 0 : -1;
}
