// SPDX-License-Identifier: BSD-2-Clause
// VT-d queued invalidation (VT-d 4.1, 6.5.2): one 4 KiB ring per unit, drained by a wait
// descriptor whose status write Bulkhead polls (no completion interrupt).
#include "iommu_drv.h"
#include "layout.h"
#include "printk.h"
#include "tsc.h"
#include "vtd.h"
#include "x86.h"

#define WAIT_US	  1000000
#define WAIT_DONE 0x600d

bool vtd_qi_start(struct vtd_unit *u)
{
	u->queue = page_alloc(PAGE_SIZE, PAGE_SIZE);
	u->status = page_alloc(PAGE_SIZE, PAGE_SIZE);
	u->qtail = 0;
	mmio_write64(u->base, VTD_IQT_REG, 0);
	mmio_write64(u->base, VTD_IQA_REG, (uint64_t)u->queue); /* QS 0: 256 descriptors */
	if (vtd_command(u, VTD_GCMD_QIE, true))
		return true;
	pr_err("iommu: VT-d unit at 0x%lx: queued invalidation does not start", u->base);
	u->queue = NULL;
	return false;
}

static void push(struct vtd_unit *u, struct vtd_entry d)
{
	u->queue[u->qtail] = d;
	vtd_flush(NULL, &u->queue[u->qtail], sizeof(d));
	u->qtail = (u->qtail + 1) % VTD_QI_ENTRIES;
}

bool vtd_qi_run(struct vtd_unit *u, const struct vtd_entry *d, size_t n)
{
	uint64_t end = tsc_deadline_us(WAIT_US);

	/* The ring is empty between runs, and a run is a handful of descriptors. */
	if (n + 1 >= VTD_QI_ENTRIES)
		return false;
	*u->status = 0;
	for (size_t i = 0; i < n; i++)
		push(u, d[i]);
	push(u, vtd_qi_wait((uint64_t)u->status, WAIT_DONE));
	mmio_write64(u->base, VTD_IQT_REG, (uint64_t)u->qtail << VTD_IQT_SHIFT);
	while (*u->status != WAIT_DONE)
		if (rdtsc() > end) {
			pr_err("iommu: VT-d unit at 0x%lx: invalidation queue stuck (fault status "
			       "0x%x)",
			       u->base, mmio_read32(u->base, VTD_FSTS_REG));
			return false;
		}
	return true;
}
