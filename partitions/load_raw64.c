// SPDX-License-Identifier: BSD-2-Clause
// Loading a raw64 image with the boot state Bulkhead gives it (docs/hypercalls.md, "raw64 boot state").

#include <string.h>

#include "layout.h"
#include "load.h"
#include "mm.h"
#include "paging.h"
#include "partition.h"
#include "place.h"
#include "printk.h"

/* The raw64 boot area at the start of the entry's region (docs/hypercalls.md, "Boot state"). */
#define BOOT_PT	      0x1000 /* PML4, then the PDPT, then one PD per GiB */
#define BOOT_GDT      0x7000
#define BOOT_AREA_END 0x8000
#define BOOT_MAP_GIB  4 /* guest-physical [0, 4 GiB) identity-mapped with 2 MiB pages */
#define GPTE_P	      (1ULL << 0)
#define GPTE_W	      (1ULL << 1)
#define GPTE_PS	      (1ULL << 7)
#define GDT_CODE64    0x00af9a000000ffffULL /* selector 0x08 */
#define GDT_DATA      0x00cf92000000ffffULL /* selector 0x10 */
#define GDT_ENTRIES   3

static const struct part_mem *region_of(const struct partition *p, uint64_t gpa)
{
	for (size_t i = 0; i < p->nmem; i++)
		if (gpa >= p->mem[i].gpa && gpa - p->mem[i].gpa < p->mem[i].size)
			return &p->mem[i];
	return NULL;
}

/* Long mode needs paging: an identity map the guest may replace, and a flat GDT. */
static void boot_tables(const struct part_mem *r, struct vcpu_boot *boot)
{
	uint64_t *pml4 = (uint64_t *)(r->hpa + BOOT_PT), *pdpt = pml4 + PT_ENTRIES;
	uint64_t *pd = pdpt + PT_ENTRIES, *gdt = (uint64_t *)(r->hpa + BOOT_GDT);
	uint64_t g = r->gpa + BOOT_PT;

	pml4[0] = (g + PAGE_SIZE) | GPTE_P | GPTE_W;
	for (uint64_t k = 0; k < BOOT_MAP_GIB; k++)
		pdpt[k] = (g + (2 + k) * PAGE_SIZE) | GPTE_P | GPTE_W;
	for (uint64_t i = 0; i < BOOT_MAP_GIB * PT_ENTRIES; i++)
		pd[i] = (i * SIZE_2M) | GPTE_P | GPTE_W | GPTE_PS;
	gdt[1] = GDT_CODE64;
	gdt[2] = GDT_DATA;
	boot->cr3 = g;
	boot->gdt_base = r->gpa + BOOT_GDT;
	boot->gdt_limit = GDT_ENTRIES * sizeof(uint64_t) - 1;
}

static bool load_fail(const struct partition *p, const char *why)
{
	pr_err("partition %s: image %s: %s: not started", p->cfg->name, p->cfg->image.kernel, why);
	return false;
}

bool part_load_raw64(struct partition *p, const struct boot_bundle *b, struct vcpu_boot *boot)
{
	const struct bundle_image *img = bundle_find_image(&b->view, p->cfg->image.kernel);
	uint64_t entry =
	    p->cfg->image.has_entry ? p->cfg->image.entry : p->mem[0].gpa + BOOT_AREA_END;
	const struct part_mem *r = region_of(p, entry);
	void *dst;

	if (!img)
		return load_fail(p, "not in the bundle");
	if (!r || !(r->rights & CFG_W) || r->size < BOOT_AREA_END || entry - r->gpa < BOOT_AREA_END)
		return load_fail(p, "entry not past the boot area of a writable region");
	dst = part_gpa_to_hva(p, entry, img->size, 0);
	if (!dst)
		return load_fail(p, "does not fit in the partition's memory at its entry");
	memcpy(dst, img->data, img->size);
	boot_tables(r, boot);
	boot->rip = entry;
	boot->rsp = r->gpa + r->size;
	pr_info("partition %s: %s loaded at 0x%lx, %lu bytes", p->cfg->name, img->name, entry,
		(unsigned long)img->size);
	return true;
}

/* The image and the boot area it starts with stay clear of the firmware tables. */
static bool raw64_misses_fw(const struct partition *p, const struct part_fw *fw)
{
	const struct bundle_image *img = bundle_find_image(&p->bundle->view, p->cfg->image.kernel);
	uint64_t entry =
	    p->cfg->image.has_entry ? p->cfg->image.entry : p->mem[0].gpa + BOOT_AREA_END;
	const struct part_mem *r = region_of(p, entry);

	if (r && part_in_fw_area(fw, r->gpa, BOOT_AREA_END))
		return load_fail(p, "its boot area overlaps the firmware area");
	if (img && part_in_fw_area(fw, entry, img->size)) {
		pr_err("partition %s: image %s at 0x%lx-0x%lx overlaps the firmware area "
		       "0x%lx-0x%lx: not started",
		       p->cfg->name, img->name, entry, entry + img->size - 1, fw->area_gpa,
		       fw->area_gpa + fw->area_size - 1);
		return false;
	}
	return true;
}

bool part_load_raw64_fw(struct partition *p, const struct part_fw *fw)
{
	if (!raw64_misses_fw(p, fw) || !part_load_raw64(p, p->bundle, &p->boot))
		return false;
	p->boot.mode = VCPU_MODE_LONG64;
	if (!part_write_boot_info(p, fw, true))
		return false;
	p->boot.rdi = fw->info_gpa; /* multiboot2-format boot information */
	return true;
}
