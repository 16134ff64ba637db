// SPDX-License-Identifier: BSD-2-Clause
// Placing a Linux partition's boot area, kernel and initrd in its RAM; the boot area's tables.

#include <string.h>

#include "linux_layout.h"

#define GIB	    (1ULL << 30)
#define SIZE_2M	    (2ULL << 20)
#define PT_ENTRIES  512
#define GPTE_P	    (1ULL << 0)
#define GPTE_W	    (1ULL << 1)
#define GPTE_PS	    (1ULL << 7)
#define GDT_CODE64  0x00af9a000000ffffULL
#define GDT_DATA    0x00cf92000000ffffULL
#define LX_MAP_END  (LX_MAP_GIB * GIB)
#define LX_PT_PAGES (2 + LX_MAP_GIB)

_Static_assert(LX_PT + LX_PT_PAGES * LX_PAGE < LX_STACK_TOP, "boot area: tables below the stack");

static bool overlap(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
	return a < b + blen && b < a + alen;
}

static uint64_t align_up(uint64_t v, uint64_t a)
{
	return (v + a - 1) & ~(a - 1);
}

static uint64_t end_of(const struct fw_map_entry *e)
{
	return e->base + e->size;
}

static bool ram_holds(const struct part_fw *fw, uint64_t base, uint64_t len)
{
	for (size_t i = 0; i < fw->nmap; i++)
		if (fw->map[i].type == FW_MEM_RAM && base >= fw->map[i].base &&
		    base + len <= end_of(&fw->map[i]))
			return true;
	return false;
}

static bool place_area(const struct part_fw *fw, struct lx_layout *l, char *err, size_t errlen)
{
	for (size_t i = 0; i < fw->nmap; i++) {
		l->area = fw->map[i].base + LX_AREA_OFF;
		if (fw->map[i].type == FW_MEM_RAM && ram_holds(fw, l->area, LX_AREA_SIZE) &&
		    l->area + LX_AREA_SIZE <= LX_MAP_END)
			return true;
	}
	return lx_fail(err, errlen, "no RAM below 4 GiB for the %lu KiB boot area",
		       (unsigned long)(LX_AREA_OFF + LX_AREA_SIZE) / 1024);
}

/* A kernel range must be RAM, miss the boot area and lie in the identity map. */
static bool kernel_fits(const struct part_fw *fw, const struct lx_layout *l, uint64_t at)
{
	return ram_holds(fw, at, l->kernel_span) &&
	       !overlap(at, l->kernel_span, l->area, LX_AREA_SIZE) &&
	       at + l->kernel_span <= LX_MAP_END;
}

/* boot.rst: a relocatable kernel goes anywhere kernel_alignment-aligned; never below
 * pref_address, since its decompressor moves itself up to LOAD_PHYSICAL_ADDR (= pref_address). */
static bool place_kernel(const struct bz_header *h, const struct part_fw *fw, struct lx_layout *l,
			 char *err, size_t errlen)
{
	l->kernel_span = h->init_size;
	if (kernel_fits(fw, l, h->pref_address)) {
		l->kernel = h->pref_address;
		return true;
	}
	if (!h->relocatable)
		return lx_fail(err, errlen,
			       "kernel is not relocatable and its range 0x%lx-0x%lx (pref_address, "
			       "init_size) is not free RAM of the partition",
			       (unsigned long)h->pref_address,
			       (unsigned long)(h->pref_address + l->kernel_span - 1));
	for (size_t i = 0; i < fw->nmap; i++) {
		uint64_t at = fw->map[i].base > h->pref_address ? fw->map[i].base : h->pref_address;

		at = align_up(at, h->kernel_alignment);
		if (overlap(at, l->kernel_span, l->area, LX_AREA_SIZE))
			at = align_up(l->area + LX_AREA_SIZE, h->kernel_alignment);
		if (kernel_fits(fw, l, at)) {
			l->kernel = at;
			return true;
		}
	}
	return lx_fail(
	    err, errlen,
	    "kernel needs %lu KiB of RAM (init_size) at a 0x%lx-aligned address at or above "
	    "0x%lx and below 4 GiB: the partition has none",
	    (unsigned long)(l->kernel_span / 1024), (unsigned long)h->kernel_alignment,
	    (unsigned long)h->pref_address);
}

/* The highest pages of one RAM entry under @limit that miss the kernel and the boot area. */
static bool initrd_in(const struct fw_map_entry *e, uint64_t limit, uint64_t size,
		      const struct lx_layout *l, uint64_t *at)
{
	uint64_t top = end_of(e) < limit ? end_of(e) : limit;

	while (top >= e->base + size) {
		uint64_t c = (top - size) & ~(LX_PAGE - 1);

		if (c < e->base)
			return false;
		if (overlap(c, size, l->kernel, l->kernel_span))
			top = l->kernel;
		else if (overlap(c, size, l->area, LX_AREA_SIZE))
			top = l->area;
		else {
			*at = c;
			return true;
		}
	}
	return false;
}

static bool place_initrd(const struct bz_header *h, const struct part_fw *fw, uint64_t size,
			 struct lx_layout *l, char *err, size_t errlen)
{
	uint64_t limit = (uint64_t)h->initrd_addr_max + 1;

	l->initrd = 0;
	if (!size)
		return true;
	for (size_t i = fw->nmap; i-- > 0;)
		if (fw->map[i].type == FW_MEM_RAM &&
		    initrd_in(&fw->map[i], limit, size, l, &l->initrd))
			return true;
	return lx_fail(err, errlen,
		       "initrd of %lu KiB does not fit in free RAM below initrd_addr_max 0x%lx",
		       (unsigned long)(size / 1024), (unsigned long)h->initrd_addr_max);
}

bool lx_layout(const struct bz_header *h, const struct part_fw *fw, uint64_t initrd_size,
	       struct lx_layout *out, char *err, size_t errlen)
{
	memset(out, 0, sizeof(*out));
	return place_area(fw, out, err, errlen) && place_kernel(h, fw, out, err, errlen) &&
	       place_initrd(h, fw, initrd_size, out, err, errlen);
}

uint64_t lx_boot_tables(void *area, uint64_t gpa)
{
	uint64_t *gdt = (uint64_t *)((uint8_t *)area + LX_GDT);
	uint64_t *pml4 = (uint64_t *)((uint8_t *)area + LX_PT), *pdpt = pml4 + PT_ENTRIES;
	uint64_t *pd = pdpt + PT_ENTRIES, pt = gpa + LX_PT;

	memset(gdt, 0, LX_GDT_ENTRIES * sizeof(*gdt));
	/* Entry 1 matches the code segment the vCPU starts with (selector 0x08, vcpu/), 2 and 3
	 * are the protocol's __BOOT_CS and __BOOT_DS. */
	gdt[1] = GDT_CODE64;
	gdt[LX_BOOT_CS / 8] = GDT_CODE64;
	gdt[LX_BOOT_DS / 8] = GDT_DATA;
	memset(pml4, 0, LX_PT_PAGES * LX_PAGE);
	pml4[0] = (pt + LX_PAGE) | GPTE_P | GPTE_W;
	for (uint64_t k = 0; k < LX_MAP_GIB; k++)
		pdpt[k] = (pt + (2 + k) * LX_PAGE) | GPTE_P | GPTE_W;
	for (uint64_t i = 0; i < LX_MAP_GIB * PT_ENTRIES; i++)
		pd[i] = (i * SIZE_2M) | GPTE_P | GPTE_W | GPTE_PS;
	return pt;
}
