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
		/* A leaf at the top level would map the whole space: the top is always a table. */
		if (g->largest >= g->levels)
			g->largest = g->levels - 1;
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

bool vtd_fault_is_interrupt(uint8_t reason)
{
	return reason >= VTD_FR_INTERRUPT;
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
	    [0x20] = "interrupt request with reserved bits set",
	    [0x21] = "interrupt index beyond the table",
	    [0x22] = "interrupt entry not present (no interrupt given to the device there)",
	    [0x23] = "interrupt table not readable",
	    [0x24] = "interrupt entry reserved bits",
	    [0x25] = "compatibility-format interrupt blocked",
	    [0x26] = "interrupt entry belongs to another requester",
	};

	if (reason < sizeof(names) / sizeof(names[0]) && names[reason])
		return names[reason];
	return "other fault";
}

/* 6.5.2.2-6.5.2.7: descriptor type in bits 3:0, global granularity, drain reads and writes. */
#define QI_CC	      0x1ULL
#define QI_IOTLB      0x2ULL
#define QI_IEC	      0x4ULL
#define QI_WAIT	      0x5ULL
#define QI_GRAN_SHIFT 4
#define QI_GLOBAL     1ULL
#define QI_DR	      (1ULL << 7)
#define QI_DW	      (1ULL << 6)
#define QI_WAIT_SW    (1ULL << 5)

struct vtd_entry vtd_qi_context_global(void)
{
	return (struct vtd_entry){.lo = QI_CC | QI_GLOBAL << QI_GRAN_SHIFT};
}

struct vtd_entry vtd_qi_iotlb_global(void)
{
	return (struct vtd_entry){.lo = QI_IOTLB | QI_GLOBAL << QI_GRAN_SHIFT | QI_DR | QI_DW};
}

/* Granularity bit 4 clear: every cached interrupt entry. */
struct vtd_entry vtd_qi_iec_global(void)
{
	return (struct vtd_entry){.lo = QI_IEC};
}

struct vtd_entry vtd_qi_wait(uint64_t status_pa, uint32_t data)
{
	return (struct vtd_entry){.lo = QI_WAIT | QI_WAIT_SW | (uint64_t)data << 32,
				  .hi = status_pa & ~3ULL};
}

#define IRTE_P	       (1ULL << 0)
#define IRTE_TM	       (1ULL << 4)
#define IRTE_VEC_SHIFT 16
#define IRTE_DST_SHIFT 32
#define IRTE_XAPIC_DST 8 /* xAPIC: the APIC ID in bits 15:8 of the destination field */
#define IRTE_SVT_SID   (1ULL << 18)

struct vtd_entry vtd_irte(uint32_t apic_id, uint8_t vector, bool level, bool x2apic, uint16_t sid)
{
	uint64_t dst = x2apic ? apic_id : (uint64_t)(apic_id & 0xff) << IRTE_XAPIC_DST;

	return (struct vtd_entry){.lo = IRTE_P | (level ? IRTE_TM : 0) |
					(uint64_t)vector << IRTE_VEC_SHIFT | dst << IRTE_DST_SHIFT,
				  .hi = sid | IRTE_SVT_SID};
}

#define MSI_BASE	 0xfee00000ULL
#define MSI_REMAPPABLE	 (1ULL << 4)
#define MSI_HANDLE_SHIFT 5
#define MSI_HANDLE15	 (1ULL << 2)

void vtd_msi_remappable(uint16_t handle, uint64_t *addr, uint32_t *data)
{
	*addr = MSI_BASE | MSI_REMAPPABLE | (uint64_t)(handle & 0x7fff) << MSI_HANDLE_SHIFT |
		(handle & 0x8000 ? MSI_HANDLE15 : 0);
	*data = 0;
}

#define RTE_KEEP	 ((1ULL << 16) | (1ULL << 15) | (1ULL << 13) | 0xffULL)
#define RTE_REMAPPABLE	 (1ULL << 48)
#define RTE_HANDLE_SHIFT 49
#define RTE_HANDLE15	 (1ULL << 11)

uint64_t vtd_ioapic_remappable(uint16_t handle, uint64_t rte)
{
	return (rte & RTE_KEEP) | RTE_REMAPPABLE | (uint64_t)(handle & 0x7fff) << RTE_HANDLE_SHIFT |
	       (handle & 0x8000 ? RTE_HANDLE15 : 0);
}
