// SPDX-License-Identifier: BSD-2-Clause
// Replaces the boot identity map with one that enforces W^X on the image and unmaps page 0.

#include "layout.h"
#include "mm.h"
#include "paging.h"
#include "printk.h"
#include "x86.h"

extern const char __image_start[], __text_end[], __rodata_end[], __image_end[];
extern uint32_t boot_cr3;

#define PTE_KERNEL (PTE_P | PTE_G)
#define PTE_UC	   (PTE_PCD | PTE_PWT) /* with the default PAT: uncacheable */

static uint64_t *table_alloc(void)
{
	/* Below 4 GiB: the APs load CR3 in 32-bit mode before long mode is on. */
	return page_alloc_below(PAGE_SIZE, PAGE_SIZE, MM_4G);
}

/* RAM (cacheable) is anything the firmware lists as memory; the rest is device space. */
static bool is_ram(const struct mb2_info *mb, uint64_t base, uint64_t size)
{
	for (size_t i = 0; i < mb->mmap_count; i++) {
		const struct mem_region *r = &mb->mmap[i];

		if (r->type == MEM_RESERVED || r->type == MEM_BAD)
			continue;
		if (base < r->base + r->size && r->base < base + size)
			return true;
	}
	return false;
}

static uint64_t image_page_flags(uint64_t va)
{
	if (va < (uint64_t)__text_end)
		return PTE_KERNEL; /* text: read-only, executable */
	if (va < (uint64_t)__rodata_end)
		return PTE_KERNEL | PTE_NX;
	return PTE_KERNEL | PTE_W | PTE_NX;
}

static uint64_t page_flags(const struct mb2_info *mb, uint64_t va, uint64_t size)
{
	if (va >= (uint64_t)__image_start && va < (uint64_t)__image_end)
		return image_page_flags(va);
	return PTE_KERNEL | PTE_W | PTE_NX | (is_ram(mb, va, size) ? 0 : PTE_UC);
}

/* 4 KiB granularity where it matters: the null page and the image's section boundaries. */
static bool needs_4k(uint64_t va)
{
	uint64_t img_lo = (uint64_t)__image_start & ~(SIZE_2M - 1);

	return va == 0 || (va >= img_lo && va < (uint64_t)__image_end);
}

static uint64_t map_4k_range(const struct mb2_info *mb, uint64_t va)
{
	uint64_t *pt = table_alloc();

	for (unsigned int i = 0; i < PT_ENTRIES; i++) {
		uint64_t a = va + (uint64_t)i * PAGE_SIZE;

		pt[i] = a == 0 ? 0 : a | page_flags(mb, a, PAGE_SIZE);
	}
	return (uint64_t)pt | PTE_P | PTE_W;
}

static uint64_t map_1g(const struct mb2_info *mb, uint64_t va)
{
	uint64_t *pd = table_alloc();

	for (unsigned int i = 0; i < PT_ENTRIES; i++) {
		uint64_t a = va + (uint64_t)i * SIZE_2M;

		pd[i] = needs_4k(a) ? map_4k_range(mb, a) : a | page_flags(mb, a, SIZE_2M) | PTE_PS;
	}
	return (uint64_t)pd | PTE_P | PTE_W;
}

/* Reserved ranges above 4 GiB (e.g. AMD's HyperTransport hole just below 1 TiB) hold nothing
 * the hypervisor reads; mapping them would cost a page directory per GiB. */
static uint64_t map_top(const struct mb2_info *mb)
{
	uint64_t top = MM_4G;

	for (size_t i = 0; i < mb->mmap_count; i++) {
		const struct mem_region *r = &mb->mmap[i];

		if (r->type != MEM_RESERVED && r->type != MEM_BAD && r->base + r->size > top)
			top = r->base + r->size;
	}
	return (top + SIZE_1G - 1) & ~(SIZE_1G - 1);
}

static uint64_t mapped_top;

uint64_t paging_mapped_top(void)
{
	return mapped_top;
}

void paging_init(const struct mb2_info *mb)
{
	uint64_t *pml4 = table_alloc();
	uint64_t top = map_top(mb);
	uint64_t *pdpt = NULL;

	/* Everything the firmware describes, and all of the low 4 GiB (LAPIC, IOAPIC, PCI holes). */
	for (uint64_t va = 0; va < top; va += SIZE_1G) {
		unsigned int l4 = (va >> 39) & (PT_ENTRIES - 1);
		unsigned int l3 = (va >> 30) & (PT_ENTRIES - 1);

		if (l3 == 0) {
			pdpt = table_alloc();
			pml4[l4] = (uint64_t)pdpt | PTE_P | PTE_W;
		}
		pdpt[l3] = map_1g(mb, va);
	}
	write_cr3((uint64_t)pml4);
	boot_cr3 = (uint32_t)(uint64_t)pml4;
	mapped_top = top;
	pr_info("paging: identity map up to 0x%lx, image W^X, page 0 unmapped", top);
}

/*
 * Guard pages: makes one 4 KiB page not present, splitting its 2 MiB mapping if needed. Only for
 * pages no other CPU has touched (a new CPU's stacks, before it starts): there is no shootdown.
 */
void paging_unmap_page(uint64_t va)
{
	uint64_t *pml4 = phys_to_virt(read_cr3() & PTE_ADDR_MASK);
	uint64_t *pdpt = phys_to_virt(pml4[(va >> 39) & (PT_ENTRIES - 1)] & PTE_ADDR_MASK);
	uint64_t *pd = phys_to_virt(pdpt[(va >> 30) & (PT_ENTRIES - 1)] & PTE_ADDR_MASK);
	uint64_t *pde = &pd[(va >> 21) & (PT_ENTRIES - 1)];
	uint64_t *pt;

	if (*pde & PTE_PS) {
		uint64_t base = *pde & PTE_ADDR_MASK, flags = *pde & ~PTE_ADDR_MASK & ~PTE_PS;

		pt = table_alloc();
		for (unsigned int i = 0; i < PT_ENTRIES; i++)
			pt[i] = (base + (uint64_t)i * PAGE_SIZE) | flags;
		*pde = (uint64_t)pt | PTE_P | PTE_W;
	}
	pt = phys_to_virt(*pde & PTE_ADDR_MASK);
	pt[(va >> PAGE_SHIFT) & (PT_ENTRIES - 1)] = 0;
	invlpg(va);
}
