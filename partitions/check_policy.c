// SPDX-License-Identifier: BSD-2-Clause
// Per-partition settings that depend on each other: console, nested vendor, fault policy, image.

#include <stdio.h>
#include <string.h>

#include "check.h"

static void check_console(const struct cfg_partition *p, const char *path, struct cfg_diags *d)
{
	if (p->console == CFG_CONSOLE_PASSTHROUGH)
		CC(d, p->console_port != 0, path, "console-port",
		   "required with console = \"passthrough\"");
	else
		CC(d, p->console_port == 0, path, "console-port",
		   "only meaningful with console = \"passthrough\"");
}

/* A partition's own hypervisor uses the extension of the machine it runs on. */
static void check_nested(const struct cfg_desc *desc, const struct cfg_partition *p,
			 const char *path, struct cfg_diags *d)
{
	const char *want = cfg_vendor_name(p->nested), *have = cfg_vendor_name(desc->hv.vendor);

	if (p->nested == CFG_VENDOR_NONE || desc->hv.vendor == CFG_VENDOR_NONE)
		return;
	CC(d, p->nested == desc->hv.vendor, path, "nested",
	   "\"%s\" needs a %s machine, but /hypervisor cpu-vendor is \"%s\"", want, want, have);
}

static void check_fault(const struct cfg_partition *p, const char *path, struct cfg_diags *d)
{
	if (!p->has_restart_limit)
		return;
	if (CC(d, p->on_fault == CFG_FAULT_RESTART, path, "restart-limit",
	       "only meaningful with on-fault = \"restart\""))
		CC(d, p->restart_limit > 0, path, "restart-limit",
		   "must be at least 1 (for no restarts use on-fault = \"halt\")");
}

static bool executable(const struct cfg_partition *p, uint64_t gpa)
{
	for (size_t i = 0; i < p->nmem; i++) {
		const struct cfg_mem *m = &p->mem[i];

		if ((m->rights & CFG_X) && m->size && gpa >= m->gpa && gpa - m->gpa < m->size)
			return true;
	}
	return false;
}

static void check_image(const struct cfg_partition *p, const char *part, struct cfg_diags *d)
{
	const struct cfg_image *im = &p->image;
	char path[CFG_PATH_MAX];
	bool raw = im->protocol == CFG_PROTO_RAW64;

	if (!im->has_image)
		return;
	cfg_part_path(p, path, sizeof(path));
	snprintf(path + strlen(path), sizeof(path) - strlen(path), "/image");
	CC(d, !raw || im->has_entry, path, "entry",
	   "required with protocol \"raw64\" (a raw image has no header naming it)");
	CC(d, !raw || !im->initrd[0], path, "initrd", "protocol \"raw64\" cannot pass an initrd");
	CC(d, !raw || !im->cmdline[0], path, "cmdline",
	   "protocol \"raw64\" cannot pass a command line");
	CC(d, !im->nmodules || im->protocol == CFG_PROTO_MB2, path, "module",
	   "only protocol \"multiboot2\" passes modules, not \"%s\"",
	   cfg_protocol_name(im->protocol));
	CC(d, im->protocol != CFG_PROTO_LINUX || !im->has_entry, path, "entry",
	   "not with protocol \"linux\": the kernel is entered at its 64-bit entry (boot.rst)");
	if (im->has_entry)
		CC(d, executable(p, im->entry), path, "entry",
		   "0x%lx is not in executable memory of this partition", (unsigned long)im->entry);
}

void cfg_check_policy(const struct cfg_desc *desc, struct cfg_diags *d)
{
	for (size_t i = 0; i < desc->nparts; i++) {
		const struct cfg_partition *p = &desc->part[i];
		char path[CFG_PATH_MAX];

		cfg_part_path(p, path, sizeof(path));
		check_console(p, path, d);
		check_nested(desc, p, path, d);
		check_fault(p, path, d);
		check_image(p, path, d);
	}
}
