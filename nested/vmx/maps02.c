// SPDX-License-Identifier: BSD-2-Clause
// L1's I/O and MSR bitmaps (SDM Vol. 3C, 24.6.4, 24.6.9), merged with L0's for VMCS02, and
// the MSR-load and -store lists of VM entries and exits (26.4, 27.4, 27.6).

#include <string.h>

#include "nested_vmx.h"
#include "vmx/vmx_maps.h"

#define MSR_LOW_FIRST	   0x00000000U
#define MSR_HIGH_FIRST	   0xc0000000U
#define MSR_RANGE_MSRS	   0x2000U
#define MSR_READ_HIGH	   0x400
#define MSR_WRITE_DISTANCE 0x800
#define IO_PORTS	   0x10000U
#define MSR_ENTRY_RSVD	   0xffffffff00000000ULL
#define X2APIC_FIRST	   0x800U
#define X2APIC_LAST	   0x8ffU
#define MSR_FS_BASE_IDX	   0xc0000100U
#define MSR_GS_BASE_IDX	   0xc0000101U
#define MSR_SMM_MONITOR	   0x9bU
#define MSR_SMBASE	   0x9eU
#define MSR_SYSENTER_CS	   0x174U
#define MSR_SYSENTER_ESP   0x175U
#define MSR_SYSENTER_EIP   0x176U
#define CANONICAL_SHIFT	   16 /* 48-bit linear addresses */

/* One entry of an MSR-load or -store list (24.7.2): 16 bytes. */
struct msr_entry {
	uint32_t index, reserved;
	uint64_t value;
};
_Static_assert(sizeof(struct msr_entry) == 16, "MSR list entry");

static bool bit_set(const uint8_t *map, uint32_t bit)
{
	return map[bit / 8] & (1U << (bit % 8));
}

/* Rule 1: L0's copy, taken at VM entry, decides; an access crossing 0xffff exits (25.1.3). */
bool nvmx_io_intercepted(const struct vmx_nested *n, const struct vmcs12 *c, uint16_t port,
			 unsigned int size)
{
	if (!(c->proc_ctls & PROC_IO_BITMAPS))
		return c->proc_ctls & PROC_UNCOND_IO;
	for (uint32_t p = port; p < (uint32_t)port + size; p++)
		if (p >= IO_PORTS || bit_set(n->io12, p))
			return true;
	return false;
}

bool nvmx_msr_intercepted(const struct vmx_nested *n, const struct vmcs12 *c, uint32_t msr,
			  bool write)
{
	uint32_t base;

	if (!(c->proc_ctls & PROC_MSR_BITMAPS))
		return true;
	if (msr - MSR_LOW_FIRST < MSR_RANGE_MSRS)
		base = 0;
	else if (msr - MSR_HIGH_FIRST < MSR_RANGE_MSRS)
		base = MSR_READ_HIGH;
	else
		return true;
	base += write ? MSR_WRITE_DISTANCE : 0;
	return bit_set(n->msr12 + base, (msr & (MSR_RANGE_MSRS - 1)));
}

static bool copy_in(struct vcpu *v, uint8_t *dst, uint64_t gpa, size_t len)
{
	const void *src = part_gpa_to_hva(v->part, gpa, len, CFG_R);

	if (src)
		memcpy(dst, src, len);
	return src != NULL;
}

/* Exits where either level wants one (rule 4): L0's map OR L1's. */
static void merge(uint8_t *dst, const uint8_t *l0, const uint8_t *l1, size_t len)
{
	for (size_t i = 0; i < len; i++)
		dst[i] = l0[i] | l1[i];
}

/* VMCS02 always uses bitmaps (L0 needs them): L1 without bitmaps gets "everything exits"
 * (MSRs; I/O under unconditional exiting) or L0's own (I/O L1 does not watch). */
bool nvmx_prepare_maps(struct vcpu *v, uint64_t *io_pa, uint64_t *msr_pa)
{
	struct vmx_nested *n = nvmx(v);
	const struct vmcs12 *c = n->vmcs12;
	const uint8_t *io01 = (const uint8_t *)v->part->vendor.vmx.io_bitmap_pa;

	*io_pa = v->part->vendor.vmx.io_bitmap_pa;
	if (c->proc_ctls & PROC_IO_BITMAPS) {
		if (!copy_in(v, n->io12, c->io_bitmap_a, NVMX_PAGE) ||
		    !copy_in(v, n->io12 + VMX_IO_BITMAP_B, c->io_bitmap_b, NVMX_PAGE))
			return false;
		merge(n->io02, io01, n->io12, VMX_IO_BITMAP_SIZE);
		*io_pa = (uint64_t)n->io02;
	} else if (c->proc_ctls & PROC_UNCOND_IO) {
		memset(n->io02, 0xff, VMX_IO_BITMAP_SIZE);
		*io_pa = (uint64_t)n->io02;
	}
	if (c->proc_ctls & PROC_MSR_BITMAPS) {
		if (!copy_in(v, n->msr12, c->msr_bitmap, VMX_MSR_BITMAP_SIZE))
			return false;
		merge(n->msr02, v->vendor.vmx.msr_bitmap, n->msr12, VMX_MSR_BITMAP_SIZE);
	} else {
		memset(n->msr02, 0xff, VMX_MSR_BITMAP_SIZE);
	}
	*msr_pa = (uint64_t)n->msr02;
	return true;
}

/* 26.4: MSRs a list may not load. */
static bool loadable(const struct msr_entry *m)
{
	return !(m->reserved) && m->index != MSR_FS_BASE_IDX && m->index != MSR_GS_BASE_IDX &&
	       (m->index < X2APIC_FIRST || m->index > X2APIC_LAST) && m->index != MSR_SMM_MONITOR &&
	       m->index != MSR_SMBASE;
}

/* MSRs the partition owns that VMX keeps in the VMCS, so that its own RDMSR and WRMSR of them
 * never exit: a list reaches them in the current VMCS (VMCS02 at VM entry and for the exit's
 * store list, VMCS01 for the exit's load list), as the CPU's list would. */
static uint32_t vmcs_field_of(uint32_t index)
{
	switch (index) {
	case MSR_SYSENTER_CS:
		return GUEST_SYSENTER_CS;
	case MSR_SYSENTER_ESP:
		return GUEST_SYSENTER_ESP;
	case MSR_SYSENTER_EIP:
		return GUEST_SYSENTER_EIP;
	default:
		return 0;
	}
}

static bool canonical(uint64_t va)
{
	return (uint64_t)((int64_t)(va << CANONICAL_SHIFT) >> CANONICAL_SHIFT) == va;
}

/* One MSR of a list: a WRMSR of a non-canonical SYSENTER_ESP/EIP would #GP (26.4 fails it). */
static bool list_msr(struct vcpu *v, uint32_t index, bool write, uint64_t *val)
{
	uint32_t field = vmcs_field_of(index);

	if (!field)
		return vcpu_msr_emulate(v, index, write, val);
	if (!write)
		*val = vmread(field);
	else if (index != MSR_SYSENTER_CS && !canonical(*val))
		return false;
	else
		vmx_write(field, *val);
	return true;
}

/* Each entry goes through the core's MSR emulation, with the policy a guest's own WRMSR
 * meets: a list can do nothing the guest could not. The entry is read once (rule 1). */
uint32_t nvmx_msr_list_load(struct vcpu *v, uint64_t gpa, uint32_t count)
{
	for (uint32_t i = 0; i < count; i++) {
		struct msr_entry m;
		uint64_t val;

		if (i >= NVMX_MSR_LIST_MAX ||
		    !copy_in(v, (uint8_t *)&m, gpa + i * sizeof(m), sizeof(m)))
			return i + 1;
		val = m.value;
		if (!loadable(&m) || !list_msr(v, m.index, true, &val))
			return i + 1;
	}
	return 0;
}

bool nvmx_msr_list_store(struct vcpu *v, uint64_t gpa, uint32_t count)
{
	for (uint32_t i = 0; i < count; i++) {
		struct msr_entry *m;
		uint64_t val = 0;

		if (i >= NVMX_MSR_LIST_MAX)
			return false;
		m = part_gpa_to_hva(v->part, gpa + i * sizeof(*m), sizeof(*m), CFG_R | CFG_W);
		if (!m || m->index == MSR_SMBASE ||
		    (m->index >= X2APIC_FIRST && m->index <= X2APIC_LAST))
			return false;
		if (!list_msr(v, m->index, false, &val))
			return false;
		m->value = val;
	}
	return true;
}
