// SPDX-License-Identifier: BSD-2-Clause
// Feeds the page allocator from the multiboot2 memory map, keeping out everything that is not ours.

#include <string.h>

#include "mm.h"
#include "paging.h"
#include "pmm.h"
#include "printk.h"
#include "spinlock.h"
#include "traps.h"

extern const char __image_start[], __image_end[];

static struct pmm pmm;
static struct spinlock pmm_lock = SPINLOCK_INIT;
static uint64_t trampoline_page;

static const char *mem_type_name(uint32_t type)
{
	switch (type) {
	case MEM_AVAILABLE:
		return "available";
	case MEM_RESERVED:
		return "reserved";
	case MEM_ACPI_RECLAIMABLE:
		return "ACPI tables";
	case MEM_NVS:
		return "ACPI NVS";
	case MEM_BAD:
		return "defective";
	default:
		return "unknown type";
	}
}

static void report_map(const struct mb2_info *mb)
{
	pr_info("memory map from %s (%lu entries):", mb->loader ? mb->loader : "boot loader",
		mb->mmap_count);
	for (size_t i = 0; i < mb->mmap_count; i++) {
		const struct mem_region *r = &mb->mmap[i];

		pr_info("  [0x%012lx-0x%012lx) %s", r->base, r->base + r->size,
			mem_type_name(r->type));
	}
}

/* What the allocator must never hand out beyond the firmware's own regions. */
static size_t collect_reserved(const struct mb2_info *mb, struct mem_region *res, size_t max)
{
	size_t n = 0;

	res[n++] = (struct mem_region){0, PMM_PAGE, MEM_RESERVED}; /* null page: catches NULL */
	res[n++] = (struct mem_region){(uint64_t)__image_start,
				       (uint64_t)(__image_end - __image_start), MEM_RESERVED};
	res[n++] = (struct mem_region){mb->info_phys, mb->info_size, MEM_RESERVED};
	for (size_t i = 0; i < mb->module_count && n < max; i++)
		res[n++] = (struct mem_region){
		    mb->modules[i].start, mb->modules[i].end - mb->modules[i].start, MEM_RESERVED};
	return n;
}

static uint64_t available_bytes(const struct mb2_info *mb)
{
	uint64_t total = 0;

	for (size_t i = 0; i < mb->mmap_count; i++)
		if (mb->mmap[i].type == MEM_AVAILABLE)
			total += mb->mmap[i].size;
	return total;
}

void mm_init(const struct mb2_info *mb)
{
	struct mem_region reserved[3 + MB2_MAX_MODULES];
	size_t nres = collect_reserved(mb, reserved, sizeof(reserved) / sizeof(reserved[0]));
	char err[160];

	report_map(mb);
	if (pmm_build(&pmm, mb->mmap, mb->mmap_count, reserved, nres, err, sizeof(err)) < 0)
		panic("memory map: %s", err);

	/* Lowest-first allocation would soon eat the few pages below 1 MiB; take one now. */
	trampoline_page = pmm_alloc(&pmm, PMM_PAGE, PMM_PAGE, MM_LOW_LIMIT);
	if (trampoline_page == PMM_NONE)
		pr_warn("no free page below 1 MiB: application processors cannot be started");

	pr_info("memory: %lu MiB available; page allocator manages %lu MiB in %lu ranges, "
		"largest %lu MiB",
		available_bytes(mb) >> 20, pmm.managed >> 20, pmm.nfree,
		pmm_largest_free(&pmm) >> 20);
	pr_info("memory: reserved hypervisor image [0x%lx-0x%lx) %lu KiB, boot information "
		"%u bytes, %lu modules",
		(uint64_t)__image_start, (uint64_t)__image_end,
		(uint64_t)(__image_end - __image_start) >> 10, mb->info_size, mb->module_count);

	paging_init(mb);
}

void *page_alloc_below(uint64_t size, uint64_t align, uint64_t limit)
{
	uint64_t pa;

	spin_lock(&pmm_lock);
	pa = pmm_alloc(&pmm, size, align, limit);
	spin_unlock(&pmm_lock);
	if (pa == PMM_NONE)
		panic("out of memory: %lu bytes aligned to 0x%lx below 0x%lx", size, align, limit);
	memset((void *)pa, 0, size);
	return (void *)pa;
}

void *page_alloc(uint64_t size, uint64_t align)
{
	return page_alloc_below(size, align, PMM_NONE);
}

void page_free(void *p, uint64_t size)
{
	int err;

	spin_lock(&pmm_lock);
	err = pmm_free(&pmm, (uint64_t)p, size);
	spin_unlock(&pmm_lock);
	if (err < 0)
		panic("page_free(%p, %lu): not an allocated block", p, size);
}

static bool range_free(uint64_t base, uint64_t end)
{
	for (size_t i = 0; i < pmm.nfree; i++)
		if (base >= pmm.free[i].base && end <= pmm.free[i].end)
			return true;
	return false;
}

void *page_claim(uint64_t base, uint64_t size)
{
	bool ok;

	if (base % PMM_PAGE || size % PMM_PAGE || base + size < base)
		return NULL;
	spin_lock(&pmm_lock);
	ok = range_free(base, base + size) && pmm_reserve(&pmm, base, size) == 0;
	spin_unlock(&pmm_lock);
	if (!ok)
		return NULL;
	memset((void *)base, 0, size);
	return (void *)base;
}

bool page_withhold(uint64_t base, uint64_t size)
{
	int err;

	spin_lock(&pmm_lock);
	err = pmm_reserve(&pmm, base, size);
	spin_unlock(&pmm_lock);
	return err == 0;
}

uint64_t mm_trampoline_page(void)
{
	return trampoline_page;
}
