// SPDX-License-Identifier: BSD-2-Clause
// Boot-time bundles: every boot module copied into hypervisor memory and verified there, so
// nothing can change the bytes between the check and their use; anything else stops the boot.

#include <string.h>

#include "boot_bundle.h"
#include "mm.h"
#include "printk.h"
#include "traps.h"

#define PAGE_SIZE 4096UL

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n > m && strcmp(s + n - m, suffix) == 0;
}

static _Noreturn void refuse(const char *name, const char *why)
{
	panic("bundle: %s: %s: refusing to start", name, why);
}

/* The bound is checked before a byte is copied: an oversized module never reaches our memory. */
static const uint8_t *copy_in(const struct mb2_module *m, size_t *size)
{
	uint64_t len = m->end - m->start;
	uint8_t *copy;

	if (m->end < m->start || len == 0 || len > BUNDLE_MAX_SIZE)
		refuse(m->cmdline, "size out of bounds (at most 64 MiB)");
	copy = page_alloc((len + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1), PAGE_SIZE);
	memcpy(copy, phys_to_virt(m->start), len);
	*size = (size_t)len;
	return copy;
}

static void load_one(const struct mb2_module *m, struct boot_bundle *b)
{
	char err[200];

	if (ends_with(m->cmdline, ".dtb"))
		refuse(m->cmdline, "a raw description; only signed bundles boot");
	if (!ends_with(m->cmdline, ".bundle"))
		refuse(m->cmdline, "not a bundle (*.bundle); only signed bundles boot");
	b->name = m->cmdline;
	b->copy = copy_in(m, &b->size);
	if (bundle_verify(b->copy, b->size, &bundle_trusted_keys, bundle_min_version, &b->view, err,
			  sizeof(err)) != 0)
		refuse(m->cmdline, err);
	pr_info("bundle: %s: verified: %s key \"%s\", security version %lu, %lu images, %lu bytes",
		b->name, bundle_alg_name(b->view.alg), b->view.key_hint,
		(unsigned long)b->view.version, (unsigned long)b->view.nimages,
		(unsigned long)b->size);
}

size_t boot_bundle_load(const struct mb2_info *mb, struct boot_bundle *out, size_t max)
{
	if (mb->module_count > max)
		refuse("boot modules", "too many");
	for (size_t i = 0; i < mb->module_count; i++)
		load_one(&mb->modules[i], &out[i]);
	return mb->module_count;
}
