// SPDX-License-Identifier: BSD-2-Clause
// VT-d interrupt remapping (VT-d 4.1, 5.1): one table shared by every unit, an entry per
// device that Bulkhead writes for its owner, verified against the requester's source-id.
#include "iommu_drv.h"
#include "lapic.h"
#include "layout.h"
#include "printk.h"
#include "vtd.h"

#define VECTOR_MIN 32

static struct vtd_entry *irt;
static struct vtd_entry *blocked_irt;	  /* units of other segments: every entry absent */
static uint32_t irt_key[VTD_IRT_ENTRIES]; /* key + 1 of the entry's sender; 0: free */
static struct vtd_unit *units;
static size_t nunits;
static bool eim; /* x2APIC destinations (32-bit) */

static bool start_unit(struct vtd_unit *u)
{
	/* Source-ids carry no segment: another segment's unit must not see segment 0's entries. */
	mmio_write64(u->base, VTD_IRTA_REG,
		     (uint64_t)(u->segment ? blocked_irt : irt) | (eim ? VTD_IRTA_EIME : 0) |
			 VTD_IRTA_SIZE_256);
	if (!vtd_one_shot(u, VTD_GCMD_SIRTP, true))
		return false;
	if (!vtd_qi_run(u, &(struct vtd_entry[]){vtd_qi_iec_global()}[0], 1))
		return false;
	/* CFI stays clear: compatibility-format requests (a DMA write into 0xfeexxxxx, an I/O
	 * APIC entry not rewritten) are blocked, not delivered as they are (5.1.4). */
	return vtd_command(u, VTD_GCMD_IRE, true);
}

bool vtd_ir_start(struct vtd_unit *all, size_t n)
{
	bool x2apic = lapic_x2apic_mode();

	eim = x2apic;
	for (size_t i = 0; i < n; i++) {
		if (!(all[i].ecap & VTD_ECAP_IR) || !all[i].queue) {
			pr_warn("iommu: VT-d unit at 0x%lx: no interrupt remapping%s: a device's "
				"MSI is not confined to its owner's cores",
				all[i].base, all[i].queue ? "" : " (no queued invalidation)");
			return false;
		}
		eim &= (all[i].ecap & VTD_ECAP_EIM) != 0;
	}
	irt = page_alloc(PAGE_SIZE, PAGE_SIZE);
	blocked_irt = page_alloc(PAGE_SIZE, PAGE_SIZE);
	vtd_flush(NULL, irt, PAGE_SIZE);
	vtd_flush(NULL, blocked_irt, PAGE_SIZE);
	for (size_t i = 0; i < n; i++)
		if (!start_unit(&all[i])) {
			pr_err("iommu: VT-d unit at 0x%lx: interrupt remapping does not start",
			       all[i].base);
			return false;
		}
	units = all;
	nunits = n;
	pr_info("iommu: VT-d interrupt remapping on (%s destinations), every interrupt blocked",
		eim ? "x2APIC" : "xAPIC");
	return true;
}

/* Entries are keyed by what sends through them: a device (its bdf) or an I/O APIC input. */
#define KEY_GSI 0x10000U

static int slot_of(uint32_t key)
{
	int free = -1;

	for (int i = 0; i < (int)VTD_IRT_ENTRIES; i++) {
		if (irt_key[i] == key + 1U)
			return i;
		if (!irt_key[i] && free < 0)
			free = i;
	}
	return free;
}

/* Writes the entry of @key for requester @sid; its handle, or -1. */
static int set_entry(uint32_t key, uint16_t sid, uint32_t apic_id, uint8_t vector, bool level)
{
	struct vtd_entry e, iec = vtd_qi_iec_global();
	int i = slot_of(key);

	if (!irt || i < 0 || vector < VECTOR_MIN || (!eim && apic_id > 0xff))
		return -1;
	irt_key[i] = key + 1U;
	e = vtd_irte(apic_id, vector, level, eim, sid);
	irt[i].hi = e.hi;
	__atomic_store_n(&irt[i].lo, e.lo, __ATOMIC_RELEASE);
	vtd_flush(NULL, &irt[i], sizeof(e));
	for (size_t k = 0; k < nunits; k++)
		if (!vtd_qi_run(&units[k], &iec, 1))
			return -1;
	return i;
}

bool vtd_ir_msi(uint16_t bdf, uint32_t apic_id, uint8_t vector, uint64_t *addr, uint32_t *data)
{
	int i = set_entry(bdf, bdf, apic_id, vector, false);

	if (i < 0)
		return false;
	vtd_msi_remappable((uint16_t)i, addr, data);
	return true;
}

#define RTE_DEST_SHIFT 56
#define RTE_LEVEL      (1ULL << 15)
#define RTE_MASKED     (1ULL << 16)
#define RTE_VECTOR     0xffULL

bool vtd_ir_ioapic(uint16_t sid, uint32_t gsi, uint64_t rte, uint64_t *out)
{
	int i;

	/* A masked line sends nothing: no entry is needed until it is unmasked. */
	if (rte & RTE_MASKED) {
		*out = rte;
		return true;
	}
	i = set_entry(KEY_GSI | gsi, sid, (uint32_t)(rte >> RTE_DEST_SHIFT),
		      (uint8_t)(rte & RTE_VECTOR), rte & RTE_LEVEL);
	if (i < 0)
		return false;
	*out = vtd_ioapic_remappable((uint16_t)i, rte);
	return true;
}
