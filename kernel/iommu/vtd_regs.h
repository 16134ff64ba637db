/* SPDX-License-Identifier: BSD-2-Clause */
/* Intel VT-d registers and table entries (VT-d 4.1, chapters 9 and 11) that Bulkhead uses. */
#ifndef BULKHEAD_VTD_REGS_H
#define BULKHEAD_VTD_REGS_H

#include <stdbool.h>
#include <stdint.h>

/* 11.4: register offsets. */
#define VTD_CAP_REG    0x08
#define VTD_ECAP_REG   0x10
#define VTD_GCMD_REG   0x18
#define VTD_GSTS_REG   0x1c
#define VTD_RTADDR_REG 0x20
#define VTD_CCMD_REG   0x28
#define VTD_FSTS_REG   0x34
#define VTD_FECTL_REG  0x38
#define VTD_IQH_REG    0x80
#define VTD_IQT_REG    0x88
#define VTD_IQA_REG    0x90
#define VTD_ICS_REG    0x9c
#define VTD_IRTA_REG   0xb8

/* 11.4.2: capability fields. */
#define VTD_CAP_RWBF	 (1ULL << 4)
#define VTD_CAP_SAGAW(c) (((c) >> 8) & 0x1f)
#define VTD_CAP_MGAW(c)	 ((unsigned int)(((c) >> 16) & 0x3f) + 1)
#define VTD_CAP_FRO(c)	 ((unsigned int)(((c) >> 24) & 0x3ff) * 16)
#define VTD_CAP_SLLPS(c) (((c) >> 34) & 0xf)
#define VTD_CAP_NFR(c)	 ((unsigned int)(((c) >> 40) & 0xff) + 1)
#define VTD_ECAP_C	 (1ULL << 0)
#define VTD_ECAP_QI	 (1ULL << 1)
#define VTD_ECAP_IR	 (1ULL << 3)
#define VTD_ECAP_EIM	 (1ULL << 4)
#define VTD_ECAP_IRO(e)	 ((unsigned int)(((e) >> 8) & 0x3ff) * 16)
#define VTD_SAGAW_39	 (1U << 1) /* 3-level tables */
#define VTD_SAGAW_48	 (1U << 2) /* 4-level */
#define VTD_SAGAW_57	 (1U << 3) /* 5-level */
#define VTD_SLLPS_2M	 (1U << 0)
#define VTD_SLLPS_1G	 (1U << 1)

/* 11.4.4, 11.4.5: global command and status share bit positions. */
#define VTD_GCMD_TE    (1U << 31)
#define VTD_GCMD_SRTP  (1U << 30)
#define VTD_GCMD_WBF   (1U << 27)
#define VTD_GCMD_QIE   (1U << 26)
#define VTD_GCMD_IRE   (1U << 25)
#define VTD_GCMD_SIRTP (1U << 24)
#define VTD_GCMD_CFI   (1U << 23)
/* Status bits that are settings, kept when another command is written (the rest are one-shot). */
#define VTD_GSTS_PERSISTENT (VTD_GCMD_TE | VTD_GCMD_QIE | VTD_GCMD_IRE | VTD_GCMD_CFI)

/* 11.4.7: context command; 11.4.8.1: IOTLB invalidate register, at ECAP.IRO + 8. */
#define VTD_CCMD_ICC	  (1ULL << 63)
#define VTD_CCMD_GLOBAL	  (1ULL << 61)
#define VTD_IOTLB_IVT	  (1ULL << 63)
#define VTD_IOTLB_GLOBAL  (1ULL << 60)
#define VTD_IOTLB_DR	  (1ULL << 49)
#define VTD_IOTLB_DW	  (1ULL << 48)
#define VTD_IOTLB_REG_OFF 8

/* 11.4.9: fault status; 11.4.10: fault event control; 11.4.14: fault recording registers. */
#define VTD_FSTS_PFO	 (1U << 0)
#define VTD_FSTS_PPF	 (1U << 1)
#define VTD_FSTS_FRI(s)	 (((s) >> 8) & 0xff)
#define VTD_FECTL_IM	 (1U << 31)
#define VTD_FRCD_LEN	 16
#define VTD_FRCD_F	 (1ULL << 63) /* in the high quadword */
#define VTD_FRCD_T	 (1ULL << 62) /* 0: write request; 1: read */
#define VTD_FRCD_FR(hi)	 ((unsigned int)((hi) >> 32) & 0xff)
#define VTD_FRCD_SID(hi) ((uint16_t)(hi))
#define VTD_FRCD_FI(lo)	 ((lo) & ~0xfffULL)

/* 9.1, 9.3: root and context entries, 128 bits each, 256 per 4 KiB table. */
struct vtd_entry {
	uint64_t lo, hi;
};
_Static_assert(sizeof(struct vtd_entry) == 16, "VT-d root and context entries are 128 bits");

#define VTD_ENTRY_P	  (1ULL << 0)
#define VTD_CTX_AW_SHIFT  0 /* hi: adjusted guest address width: levels - 2 */
#define VTD_CTX_DID_SHIFT 8 /* hi: domain identifier */
#define VTD_ADDR_MASK	  0x000ffffffffff000ULL

/* The walk Bulkhead uses for a unit with capability @cap: the shortest supported walk that
 * covers @top (the highest device address any domain needs), the largest leaf it offers, the
 * width it accepts. False when no supported walk covers @top. */
struct vtd_geometry {
	unsigned int levels, largest, addr_bits;
};
bool vtd_geometry(uint64_t cap, uint64_t top, struct vtd_geometry *g);

/* A present context entry: untranslated requests walk @levels of tables at @root in domain @did. */
struct vtd_entry vtd_context_entry(uint64_t root, unsigned int levels, uint16_t did);

/* 6.5.2: invalidation queue descriptors, 128 bits; a 4 KiB queue holds 256. */
#define VTD_QI_ENTRIES	  256U
#define VTD_IQT_SHIFT	  4
#define VTD_IRTA_EIME	  (1ULL << 11)
#define VTD_IRTA_SIZE_256 7ULL /* 2^(S+1) entries */
#define VTD_IRT_ENTRIES	  256U
struct vtd_entry vtd_qi_context_global(void);
struct vtd_entry vtd_qi_iotlb_global(void);
struct vtd_entry vtd_qi_iec_global(void);
/* Writes @data to @status_pa once everything queued before it is done. */
struct vtd_entry vtd_qi_wait(uint64_t status_pa, uint32_t data);

/* 9.10: an interrupt remapping table entry: fixed delivery to @apic_id (physical, xAPIC form
 * unless @x2apic), @vector, edge or @level, from requester @sid only (SVT 01b: all 16 bits). */
struct vtd_entry vtd_irte(uint32_t apic_id, uint8_t vector, bool level, bool x2apic, uint16_t sid);
/* 5.1.5.2: the remappable-format MSI that names IRTE @handle. */
void vtd_msi_remappable(uint16_t handle, uint64_t *addr, uint32_t *data);
/* 5.1.5.1: an I/O APIC redirection entry in remappable format naming @handle; mask, trigger
 * and polarity taken from @rte, the vector kept for the EOI broadcast. */
uint64_t vtd_ioapic_remappable(uint16_t handle, uint64_t rte);

/* One fault record, decoded (11.4.14.1). */
struct vtd_fault {
	uint16_t sid;
	uint64_t addr;
	uint8_t reason;
	bool write;
};
void vtd_decode_fault(uint64_t lo, uint64_t hi, struct vtd_fault *f);
const char *vtd_fault_reason(uint8_t reason);
/* Reasons from 20h are interrupt requests (Appendix A): no address, the index instead. */
#define VTD_FR_INTERRUPT 0x20
bool vtd_fault_is_interrupt(uint8_t reason);

#endif
