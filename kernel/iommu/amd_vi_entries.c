// SPDX-License-Identifier: BSD-2-Clause
// AMD-Vi encodings that need no hardware: device table entries, commands, events. Pure.
#include <stddef.h>

#include "amd_vi_regs.h"
#include "io_pgtable.h"

#define CMD_OPCODE_SHIFT     60
#define CMD_COMPLETION_WAIT  0x1ULL
#define CMD_INV_DEVTAB_ENTRY 0x2ULL
#define CMD_INV_IOMMU_PAGES  0x3ULL
#define CMD_INV_IOMMU_ALL    0x8ULL
#define CMD_INV_INT_TABLE    0x5ULL
#define CMD_WAIT_STORE	     (1ULL << 0)
#define CMD_INV_SIZE	     (1ULL << 0) /* with the all-ones address below: every page */
#define CMD_INV_PDE	     (1ULL << 1)
#define CMD_INV_ALL_ADDR     0x7ffffffffffff000ULL
#define CMD_DOMAIN_SHIFT     32

#define EVT_CODE(q0)   ((unsigned int)((q0) >> 60) & 0xf)
#define EVT_DOMAIN(q0) ((uint16_t)((q0) >> 32))
#define EVT_FLAG_I     (1ULL << 51)
#define EVT_FLAG_RW    (1ULL << 53)

/* Mode 000b with IR and IW clear: translation valid, every DMA aborted (2.2.2.1). IV with
 * IntCtl 00b and no pass bits: every interrupt the device sends is aborted too. */
struct amd_dte amd_dte_blocked(void)
{
	return (struct amd_dte){.q = {AMD_DTE_V | AMD_DTE_TV, 0, AMD_DTE_IV, 0}};
}

/* Interrupts stay unremapped (IV clear) until the device's interrupt table is written. */
struct amd_dte amd_dte_domain(uint64_t root, unsigned int levels, uint16_t did)
{
	return (struct amd_dte){.q = {AMD_DTE_V | AMD_DTE_TV |
					  (uint64_t)levels << AMD_DTE_MODE_SHIFT |
					  (root & AMD_DTE_ROOT_MASK) | AMD_DTE_IR | AMD_DTE_IW,
				      did, 0, 0}};
}

/* 3.4.5: HATS gives the longest walk (4, 5 or 6 levels); 11b is reserved. */
bool amd_geometry(uint64_t efr, uint64_t top, struct amd_geometry *g)
{
	unsigned int hats = AMD_EFR_HATS(efr), max = hats == 3 ? 4 : 4 + hats;

	for (unsigned int levels = 3; levels <= max; levels++) {
		unsigned int bits = 12 + 9 * levels;

		if (bits < 64 && top >> bits)
			continue;
		*g = (struct amd_geometry){.levels = levels,
					   .largest = levels > IOPT_1G ? IOPT_1G : IOPT_2M,
					   .addr_bits = bits > 64 ? 64 : bits};
		return true;
	}
	return false;
}

struct amd_cmd amd_cmd_completion_wait(uint64_t store_pa, uint64_t data)
{
	return (struct amd_cmd){
	    .q = {(store_pa & ~7ULL) | CMD_WAIT_STORE | CMD_COMPLETION_WAIT << CMD_OPCODE_SHIFT,
		  data}};
}

struct amd_cmd amd_cmd_inv_devtab(uint16_t devid)
{
	return (struct amd_cmd){.q = {devid | CMD_INV_DEVTAB_ENTRY << CMD_OPCODE_SHIFT, 0}};
}

struct amd_cmd amd_cmd_inv_pages_all(uint16_t did)
{
	return (struct amd_cmd){
	    .q = {(uint64_t)did << CMD_DOMAIN_SHIFT | CMD_INV_IOMMU_PAGES << CMD_OPCODE_SHIFT,
		  CMD_INV_ALL_ADDR | CMD_INV_PDE | CMD_INV_SIZE}};
}

struct amd_cmd amd_cmd_inv_irt(uint16_t devid)
{
	return (struct amd_cmd){.q = {devid | CMD_INV_INT_TABLE << CMD_OPCODE_SHIFT, 0}};
}

struct amd_cmd amd_cmd_inv_all(void)
{
	return (struct amd_cmd){.q = {CMD_INV_IOMMU_ALL << CMD_OPCODE_SHIFT, 0}};
}

void amd_decode_event(const uint64_t q[2], struct amd_event *e)
{
	*e = (struct amd_event){.code = EVT_CODE(q[0]),
				.devid = (uint16_t)q[0],
				.domain = EVT_DOMAIN(q[0]),
				.addr = q[1],
				.write = q[0] & EVT_FLAG_RW,
				.interrupt = q[0] & EVT_FLAG_I};
}

const char *amd_event_name(unsigned int code)
{
	static const char *const names[] = {
	    [AMD_EVT_ILLEGAL_DTE] = "illegal device table entry",
	    [AMD_EVT_IO_PAGE_FAULT] = "I/O page fault",
	    [AMD_EVT_DEVTAB_HW_ERROR] = "device table hardware error",
	    [AMD_EVT_PAGETAB_HW_ERROR] = "page table hardware error",
	    [AMD_EVT_ILLEGAL_COMMAND] = "illegal command",
	    [AMD_EVT_COMMAND_HW_ERROR] = "command hardware error",
	    [AMD_EVT_IOTLB_TIMEOUT] = "IOTLB invalidation timeout",
	    [AMD_EVT_INVALID_REQUEST] = "invalid device request",
	};

	return code < sizeof(names) / sizeof(names[0]) && names[code] ? names[code] : "event";
}

#define IRTE_REMAP_EN	 (1U << 0)
#define IRTE_DEST_SHIFT	 8
#define IRTE_VEC_SHIFT	 16
#define DTE_INTTABLEN_SH 1
#define DTE_IRT_MASK	 0x000fffffffffffc0ULL
#define DTE_INTCTL_REMAP (2ULL << AMD_DTE_INTCTL_SHIFT)

bool amd_irte(uint32_t apic_id, uint8_t vector, uint32_t *irte)
{
	if (apic_id > 0xff)
		return false;
	*irte = IRTE_REMAP_EN | apic_id << IRTE_DEST_SHIFT | (uint32_t)vector << IRTE_VEC_SHIFT;
	return true;
}

struct amd_dte amd_dte_remapped(struct amd_dte e, uint64_t irt_pa, unsigned int log2_entries)
{
	e.q[2] = AMD_DTE_IV | (uint64_t)log2_entries << DTE_INTTABLEN_SH | (irt_pa & DTE_IRT_MASK) |
		 DTE_INTCTL_REMAP;
	return e;
}
