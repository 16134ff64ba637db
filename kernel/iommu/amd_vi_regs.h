/* SPDX-License-Identifier: BSD-2-Clause */
/* AMD-Vi registers, device table entries, commands and events (AMD IOMMU 3.08, ch. 2 and 3). */
#ifndef BULKHEAD_AMD_VI_REGS_H
#define BULKHEAD_AMD_VI_REGS_H

#include <stdbool.h>
#include <stdint.h>

/* 3.4: MMIO register offsets. */
#define AMD_DEVTAB_BASE	 0x0000
#define AMD_CMDBUF_BASE	 0x0008
#define AMD_EVTLOG_BASE	 0x0010
#define AMD_CONTROL	 0x0018
#define AMD_EXT_FEATURES 0x0030
#define AMD_CMD_HEAD	 0x2000
#define AMD_CMD_TAIL	 0x2008
#define AMD_EVT_HEAD	 0x2010
#define AMD_EVT_TAIL	 0x2018
#define AMD_STATUS	 0x2020

/* 3.4.3: control register. */
#define AMD_CTL_IOMMU_EN  (1ULL << 0)
#define AMD_CTL_EVTLOG_EN (1ULL << 2)
#define AMD_CTL_CMDBUF_EN (1ULL << 12)
/* 3.4.12: status register (write 1 to clear the first three). */
#define AMD_STS_EVT_OVERFLOW (1ULL << 0)
#define AMD_STS_EVT_RUN	     (1ULL << 3)
#define AMD_STS_CMD_RUN	     (1ULL << 4)
/* 3.4.5: extended features: host address translation size, INVALIDATE_IOMMU_ALL. */
#define AMD_EFR_HATS(e) ((unsigned int)((e) >> 10) & 3)
#define AMD_EFR_IA	(1ULL << 6)

/* The device table covers every 16-bit device ID: 64 Ki entries of 32 bytes, 2 MiB. */
#define AMD_DEVIDS	    0x10000U
#define AMD_DEVTAB_SIZE	    (AMD_DEVIDS * 32ULL)
#define AMD_DEVTAB_SIZE_FLD ((AMD_DEVTAB_SIZE >> 12) - 1) /* 3.4.1: 4 KiB pages less one */
/* Command buffer and event log: 4 KiB rings of 256 16-byte entries, length as a power of two. */
#define AMD_RING_ENTRIES  256U
#define AMD_RING_BYTES	  (AMD_RING_ENTRIES * 16U)
#define AMD_RING_LEN_FLD  (8ULL << 56)
#define AMD_RING_PTR_MASK 0x7fff0ULL

/* 2.2.2.1: a device table entry. */
struct amd_dte {
	uint64_t q[4];
};
_Static_assert(sizeof(struct amd_dte) == 32, "a device table entry is 256 bits");

#define AMD_DTE_V	     (1ULL << 0)
#define AMD_DTE_TV	     (1ULL << 1)
#define AMD_DTE_MODE_SHIFT   9
#define AMD_DTE_ROOT_MASK    0x000ffffffffff000ULL
#define AMD_DTE_IR	     (1ULL << 61)
#define AMD_DTE_IW	     (1ULL << 62)
#define AMD_DTE_IV	     (1ULL << 0) /* q[2]: the interrupt fields below are valid */
#define AMD_DTE_INTCTL_SHIFT 60		 /* q[2]: 00b aborts fixed and arbitrated interrupts */

/* 2.2.5.1: a 32-bit interrupt remapping entry: fixed delivery to @apic_id (physical), @vector.
 * False when the APIC ID does not fit its 8 bits. */
bool amd_irte(uint32_t apic_id, uint8_t vector, uint32_t *irte);
/* @e with its interrupts remapped through a table of 2^@log2_entries entries at @irt_pa
 * (IntCtl 10b; INIT, ExtInt, NMI and LINTn still blocked). */
struct amd_dte amd_dte_remapped(struct amd_dte e, uint64_t irt_pa, unsigned int log2_entries);

/* A device given to no partition: DMA translated with no permission, interrupts aborted. */
struct amd_dte amd_dte_blocked(void);
/* A device of domain @did: untranslated requests walk @levels of tables at @root. */
struct amd_dte amd_dte_domain(uint64_t root, unsigned int levels, uint16_t did);

/* The walk for a unit with extended features @efr: shortest covering @top; false if none. */
struct amd_geometry {
	unsigned int levels, largest, addr_bits;
};
bool amd_geometry(uint64_t efr, uint64_t top, struct amd_geometry *g);

/* 2.4: commands, two quadwords each. */
struct amd_cmd {
	uint64_t q[2];
};
struct amd_cmd amd_cmd_completion_wait(uint64_t store_pa, uint64_t data);
struct amd_cmd amd_cmd_inv_devtab(uint16_t devid);
struct amd_cmd amd_cmd_inv_pages_all(uint16_t did);
struct amd_cmd amd_cmd_inv_all(void);
struct amd_cmd amd_cmd_inv_irt(uint16_t devid); /* INVALIDATE_IOMMU_ALL, where EFR.IA offers it */

/* 2.5: an event log entry, decoded. */
enum amd_event_code {
	AMD_EVT_ILLEGAL_DTE = 1,
	AMD_EVT_IO_PAGE_FAULT = 2,
	AMD_EVT_DEVTAB_HW_ERROR = 3,
	AMD_EVT_PAGETAB_HW_ERROR = 4,
	AMD_EVT_ILLEGAL_COMMAND = 5,
	AMD_EVT_COMMAND_HW_ERROR = 6,
	AMD_EVT_IOTLB_TIMEOUT = 7,
	AMD_EVT_INVALID_REQUEST = 8,
};
struct amd_event {
	unsigned int code;
	uint16_t devid, domain;
	uint64_t addr;
	bool write, interrupt; /* IO_PAGE_FAULT: RW and I flags */
};
void amd_decode_event(const uint64_t q[2], struct amd_event *e);
const char *amd_event_name(unsigned int code);

#endif
