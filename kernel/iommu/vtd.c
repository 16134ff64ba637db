// SPDX-License-Identifier: BSD-2-Clause
// Intel VT-d DMA remapping (VT-d 4.1): root and context tables shared by every unit of the DMAR,
// second-level tables per partition, register-based invalidation, polled fault records.
#include <stddef.h>

#include "iommu_drv.h"
#include "layout.h"
#include "printk.h"
#include "tsc.h"
#include "vtd.h"
#include "x86.h"

#define WAIT_US		 1000000 /* a unit that does not answer in a second is broken */
#define CACHE_LINE	 64
#define ENTRIES_PER_PAGE 256
#define CAP_ND(c)	 ((unsigned int)((c)&7))

static struct vtd_unit units[ACPI_MAX_IOMMUS];
static size_t nunits;
static struct vtd_entry *root_table;   /* one per bus; absent: no device of that bus is owned */
static struct vtd_entry *blocked_root; /* for units of other segments: nothing is ever present */
static bool ir_on;
/* The I/O APICs the DMAR names, by APIC ID: their requests carry this source-id (8.3.1.1). */
static struct {
	uint8_t id;
	uint16_t sid;
} ioapics[ACPI_MAX_IOMMU_SCOPES];
static size_t nioapics;
static bool coherent = true;	 /* every unit snoops the tables (ECAP.C) */
static uint64_t top_cap = ~0ULL; /* the capabilities every unit shares, ANDed */

/* Units that do not snoop read the tables from memory: write them back (6.1). */
void vtd_flush(void *ctx, const void *p, size_t len)
{
	(void)ctx;
	if (coherent)
		return;
	for (uintptr_t a = (uintptr_t)p & ~(uintptr_t)(CACHE_LINE - 1); a < (uintptr_t)p + len;
	     a += CACHE_LINE)
		asm volatile("clflush %0" ::"m"(*(const volatile char *)a));
	asm volatile("mfence" ::: "memory");
}

static uint64_t alloc_table(void *ctx)
{
	void *p = page_alloc(PAGE_SIZE, PAGE_SIZE);

	vtd_flush(ctx, p, PAGE_SIZE);
	return (uint64_t)p;
}

static bool wait32(const struct vtd_unit *u, unsigned int off, uint32_t mask, uint32_t want)
{
	uint64_t end = tsc_deadline_us(WAIT_US);

	while ((mmio_read32(u->base, off) & mask) != want)
		if (rdtsc() > end)
			return false;
	return true;
}

static bool wait64(const struct vtd_unit *u, unsigned int off, uint64_t mask)
{
	uint64_t end = tsc_deadline_us(WAIT_US);

	while (mmio_read64(u->base, off) & mask)
		if (rdtsc() > end)
			return false;
	return true;
}

/* 10.4.4: one command at a time; the settings already on are written back with it. */
bool vtd_command(const struct vtd_unit *u, uint32_t bit, bool on)
{
	uint32_t keep = mmio_read32(u->base, VTD_GSTS_REG) & VTD_GSTS_PERSISTENT;

	mmio_write32(u->base, VTD_GCMD_REG, on ? keep | bit : keep & ~bit);
	return wait32(u, VTD_GSTS_REG, bit, on ? bit : 0);
}

/* One-shot commands (root pointer, write-buffer flush): the status bit reports completion. */
bool vtd_one_shot(const struct vtd_unit *u, uint32_t bit, bool status_set_when_done)
{
	uint32_t keep = mmio_read32(u->base, VTD_GSTS_REG) & VTD_GSTS_PERSISTENT;

	mmio_write32(u->base, VTD_GCMD_REG, keep | bit);
	return wait32(u, VTD_GSTS_REG, bit, status_set_when_done ? bit : 0);
}

/* 6.5: global context-cache, then global IOTLB invalidation, both drained; by the queue once
 * it runs, since then the registers must not be used (6.5.2). */
static bool invalidate(struct vtd_unit *u)
{
	unsigned int iotlb = VTD_ECAP_IRO(u->ecap) + VTD_IOTLB_REG_OFF;
	struct vtd_entry d[] = {vtd_qi_context_global(), vtd_qi_iotlb_global()};

	if ((u->cap & VTD_CAP_RWBF) && !vtd_one_shot(u, VTD_GCMD_WBF, false))
		return false;
	if (u->queue)
		return vtd_qi_run(u, d, sizeof(d) / sizeof(d[0]));
	mmio_write64(u->base, VTD_CCMD_REG, VTD_CCMD_ICC | VTD_CCMD_GLOBAL);
	if (!wait64(u, VTD_CCMD_REG, VTD_CCMD_ICC))
		return false;
	mmio_write64(u->base, iotlb,
		     VTD_IOTLB_IVT | VTD_IOTLB_GLOBAL | VTD_IOTLB_DR | VTD_IOTLB_DW);
	return wait64(u, iotlb, VTD_IOTLB_IVT);
}

static void poll_unit(const struct vtd_unit *u);

static bool start_unit(struct vtd_unit *u)
{
	const char *step = "set the root table";

	mmio_write64(u->base, VTD_RTADDR_REG, (uint64_t)(u->segment ? blocked_root : root_table));
	if (vtd_one_shot(u, VTD_GCMD_SRTP, true)) {
		step = "invalidate";
		if ((!(u->ecap & VTD_ECAP_QI) || vtd_qi_start(u)) && invalidate(u)) {
			/* Faults are polled (iommu.h): the unit raises no interrupt. */
			mmio_write32(u->base, VTD_FECTL_REG, VTD_FECTL_IM);
			poll_unit(u);
			step = "enable translation";
			if (vtd_command(u, VTD_GCMD_TE, true))
				return true;
		}
	}
	pr_err("iommu: VT-d unit at 0x%lx: could not %s (GSTS 0x%x)", u->base, step,
	       mmio_read32(u->base, VTD_GSTS_REG));
	return false;
}

static bool start(const struct acpi_iommu_info *info)
{
	for (size_t i = 0; i < info->nscopes; i++)
		if (info->scope[i].type == ACPI_SCOPE_IOAPIC) {
			ioapics[nioapics].id = info->scope[i].enum_id;
			ioapics[nioapics++].sid = info->scope[i].bdf;
		}
	root_table = (struct vtd_entry *)alloc_table(NULL);
	blocked_root = (struct vtd_entry *)alloc_table(NULL);
	for (size_t i = 0; i < info->nunits; i++) {
		struct vtd_unit *u = &units[nunits++];

		u->base = info->unit[i].base;
		u->segment = info->unit[i].segment;
		u->cap = mmio_read64(u->base, VTD_CAP_REG);
		u->ecap = mmio_read64(u->base, VTD_ECAP_REG);
		coherent &= (u->ecap & VTD_ECAP_C) != 0;
		top_cap &= u->cap;
	}
	/* MGAW and the page-size bits are fields, not flags: take the smallest of each. */
	for (size_t i = 0; i < nunits; i++) {
		struct vtd_geometry g;

		if (!vtd_geometry(units[i].cap, 0, &g)) {
			pr_err("iommu: VT-d unit at 0x%lx: no supported walk (SAGAW 0x%lx)",
			       units[i].base, VTD_CAP_SAGAW(units[i].cap));
			return false;
		}
		if (!start_unit(&units[i]))
			return false;
		pr_info("iommu: VT-d unit %lu at 0x%lx: %u-bit addresses, %u fault records, "
			"%scoherent; DMA remapping on, every device blocked",
			i, units[i].base, VTD_CAP_MGAW(units[i].cap), VTD_CAP_NFR(units[i].cap),
			coherent ? "" : "not ");
	}
	ir_on = vtd_ir_start(units, nunits);
	return true;
}

static bool geometry(uint64_t top, struct iopt *pt)
{
	struct vtd_geometry g = {0};

	for (size_t i = 0; i < nunits; i++) {
		struct vtd_geometry ug;

		if (!vtd_geometry(units[i].cap, top, &ug))
			return false;
		/* Every unit walks the same tables: the deepest walk any needs, the smallest
		 * leaves all offer. */
		if (!g.levels || ug.levels > g.levels)
			g.levels = ug.levels;
		if (!g.largest || ug.largest < g.largest)
			g.largest = ug.largest;
		if (!g.addr_bits || ug.addr_bits < g.addr_bits)
			g.addr_bits = ug.addr_bits;
	}
	pt->fmt = IOPT_VTD;
	pt->levels = g.levels;
	pt->largest = g.largest;
	pt->addr_bits = g.addr_bits;
	pt->mem.alloc = alloc_table;
	pt->mem.flush = vtd_flush;
	return true;
}

static void write_entry(struct vtd_entry *slot, struct vtd_entry e)
{
	/* The present bit is in the low half: the rest is in place before it shows. */
	slot->hi = e.hi;
	__atomic_store_n(&slot->lo, e.lo, __ATOMIC_RELEASE);
	vtd_flush(NULL, slot, sizeof(*slot));
}

static bool attach(struct iommu_domain *d, uint16_t bdf)
{
	struct vtd_entry *root = &root_table[bdf >> 8], *ctx;

	if (d->id >= 1U << (4 + 2 * CAP_ND(top_cap))) {
		pr_err("iommu: partition %s: domain %u beyond what the unit numbers", d->owner,
		       d->id);
		return false;
	}
	if (!(root->lo & VTD_ENTRY_P))
		write_entry(root, (struct vtd_entry){.lo = alloc_table(NULL) | VTD_ENTRY_P});
	ctx = phys_to_virt(root->lo & VTD_ADDR_MASK);
	write_entry(&ctx[bdf & 0xff], vtd_context_entry(d->pt.root, d->pt.levels, (uint16_t)d->id));
	for (size_t i = 0; i < nunits; i++)
		if (!invalidate(&units[i]))
			return false;
	return true;
}

/* 7.2.1: records from the index FSTS names, round the ring, each cleared by writing F. */
static void poll_unit(const struct vtd_unit *u)
{
	uint32_t sts = mmio_read32(u->base, VTD_FSTS_REG);
	unsigned int n = VTD_CAP_NFR(u->cap), first = VTD_FSTS_FRI(sts);

	for (unsigned int k = 0; k < n && (sts & VTD_FSTS_PPF); k++) {
		unsigned int off = VTD_CAP_FRO(u->cap) + ((first + k) % n) * VTD_FRCD_LEN;
		uint64_t hi = mmio_read64(u->base, off + 8);
		struct vtd_fault f;

		if (!(hi & VTD_FRCD_F))
			continue;
		vtd_decode_fault(mmio_read64(u->base, off), hi, &f);
		if (vtd_fault_is_interrupt(f.reason))
			iommu_report_irq_fault(f.sid, vtd_fault_reason(f.reason));
		else
			iommu_report_fault(f.sid, f.addr, f.write, vtd_fault_reason(f.reason));
		mmio_write32(u->base, off + 12, (uint32_t)(VTD_FRCD_F >> 32));
	}
	if (sts & VTD_FSTS_PFO) {
		pr_warn("iommu: VT-d unit at 0x%lx: fault records overflowed, some faults lost",
			u->base);
		mmio_write32(u->base, VTD_FSTS_REG, VTD_FSTS_PFO);
	}
}

static void poll(void)
{
	for (size_t i = 0; i < nunits; i++)
		poll_unit(&units[i]);
}

static bool remapping(void)
{
	return ir_on;
}

static bool msi(uint16_t bdf, uint32_t apic_id, uint8_t vector, uint64_t *addr, uint32_t *data)
{
	return ir_on && vtd_ir_msi(bdf, apic_id, vector, addr, data);
}

static bool ioapic(uint8_t id, uint32_t gsi, uint64_t rte, uint64_t *out)
{
	for (size_t i = 0; i < nioapics; i++)
		if (ioapics[i].id == id)
			return vtd_ir_ioapic(ioapics[i].sid, gsi, rte, out);
	pr_warn("iommu: I/O APIC %u is in no DMAR device scope: its input %u stays masked", id,
		gsi);
	return false;
}

const struct iommu_drv vtd_drv = {.name = "VT-d",
				  .start = start,
				  .geometry = geometry,
				  .attach = attach,
				  .poll = poll,
				  .remapping = remapping,
				  .msi = msi,
				  .ioapic = ioapic};
