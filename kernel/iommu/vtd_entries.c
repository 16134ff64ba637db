// SPDX-License-Identifier: BSD-2-Clause
// VT-d decisions that need no hardware: walk geometry, context entries, fault records. Pure.
#include <stddef.h>

#include "io_pgtable.h"
#include "vtd_regs.h"

#define WALK_BITS(levels) (12 + 9 * (levels))

bool vtd_geometry(uint64_t cap, uint64_t top, struct vtd_geometry *g)
{
	static const struct {
		unsigned int sagaw, levels;
	} walks[] = {{VTD_SAGAW_39, 3}, {VTD_SAGAW_48, 4}, {VTD_SAGAW_57, 5}};
	unsigned int mgaw = VTD_CAP_MGAW(cap), sllps = (unsigned int)VTD_CAP_SLLPS(cap);

	for (size_t i = 0; i < sizeof(walks) / sizeof(walks[0]); i++) {
		unsigned int bits = WALK_BITS(walks[i].levels);

		if (!(VTD_CAP_SAGAW(cap) & walks[i].sagaw))
			continue;
		/* 3.6: the input address must fit both MGAW and the walk's width. */
		g->addr_bits = bits < mgaw ? bits : mgaw;
		if (g->addr_bits < 64 && top >> g->addr_bits)
			continue;
		g->levels = walks[i].levels;
		g->largest = sllps & VTD_SLLPS_1G && sllps & VTD_SLLPS_2M ? IOPT_1G
			     : sllps & VTD_SLLPS_2M			  ? IOPT_2M
									  : IOPT_4K;
		return true;
	}
	return false;
}

/* 9.3: TT 00b (untranslated requests only, no device TLB), FPD clear (faults recorded). */
struct vtd_entry vtd_context_entry(uint64_t root, unsigned int levels, uint16_t did)
{
	return (struct vtd_entry){.lo = (root & VTD_ADDR_MASK) | VTD_ENTRY_P,
				  .hi = (uint64_t)(levels - 2) << VTD_CTX_AW_SHIFT |
					(uint64_t)did << VTD_CTX_DID_SHIFT};
}

void vtd_decode_fault(uint64_t lo, uint64_t hi, struct vtd_fault *f)
{
	f->sid = VTD_FRCD_SID(hi);
	f->addr = VTD_FRCD_FI(lo);
	f->reason = (uint8_t)VTD_FRCD_FR(hi);
	f->write = !(hi & VTD_FRCD_T);
}

/* Appendix A (non-recoverable fault conditions), the reasons a DMA remapping walk gives. */
const char *vtd_fault_reason(uint8_t reason)
{
	static const char *const names[] = {
	    [0x1] = "root entry not present",
	    [0x2] = "context entry not present (device given to no partition)",
	    [0x3] = "context entry invalid",
	    [0x4] = "address beyond the domain's width",
	    [0x5] = "write not permitted (read-only or not mapped)",
	    [0x6] = "read not permitted (not mapped)",
	    [0x7] = "page table entry not readable",
	    [0x8] = "root table not readable",
	    [0x9] = "context table not readable",
	    [0xa] = "root entry reserved bits",
	    [0xb] = "context entry reserved bits",
	    [0xc] = "page table entry reserved bits",
	    [0xd] = "request type blocked by the context entry",
	};

	if (reason < sizeof(names) / sizeof(names[0]) && names[reason])
		return names[reason];
	return reason >= 0x20 && reason <= 0x27 ? "interrupt remapping fault" : "other fault";
}
