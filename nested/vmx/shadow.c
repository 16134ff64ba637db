// SPDX-License-Identifier: BSD-2-Clause
// VMCS shadowing for L1 (SDM Vol. 3C, 24.10, 25.10): where the CPU has it, L1's VMREAD and
// VMWRITE of the fields marked shadowable in the VMCS12 field table reach a shadow VMCS linked
// from VMCS01 without an exit. L0's cache stays the only thing VMCS02 is built from: the
// shadow is copied into it before every use and back after every change.

#include <string.h>

#include "layout.h"
#include "mm.h"
#include "nested.h"
#include "nested_vmx.h"

#define BITMAP_BITS 32768U /* VMREAD/VMWRITE bitmaps: bits 14:0 of the encoding */
#define SHADOW_IND  (1U << 31)

static uint8_t *read_bitmap, *write_bitmap; /* shared: the same fields for every vCPU */

static bool cpu_has_shadowing(void)
{
	return (vmx_caps.ctl.msr[CTL_PROC2] >> 32) & PROC2_VMCS_SHADOW;
}

static void open_bit(uint8_t *map, uint32_t enc)
{
	map[(enc % BITMAP_BITS) / 8] &= (uint8_t) ~(1U << (enc % 8));
}

/* Made current only between two VMPTRLDs of VMCS01 (or VMCS02) on the vCPU's own CPU. */
static bool with_shadow(struct vcpu *v)
{
	return vmptrld(nvmx(v)->shadow_vmcs_pa);
}

static void back_to_current(struct vcpu *v)
{
	if (!vmptrld(v->vendor.vmx.vmcs_pa))
		part_fault(v->part, "nested VMX: VMCS01 lost after a shadow VMCS copy");
}

/* Every shadowable field the CPU has (a VMWRITE to the shadow succeeds) exits no more; a
 * read-only one only for VMREAD (VMWRITE must fail with error 13, MISC[29] not offered). */
static void build_bitmaps(void)
{
	read_bitmap = page_alloc(PAGE_SIZE, PAGE_SIZE);
	write_bitmap = page_alloc(PAGE_SIZE, PAGE_SIZE);
	memset(read_bitmap, 0xff, PAGE_SIZE);
	memset(write_bitmap, 0xff, PAGE_SIZE);
	for (size_t i = 0; i < vmcs12_nfields; i++) {
		const struct vmcs12_field *f = &vmcs12_fields[i];

		if (!f->shadowable || !vmwrite(f->encoding, 0))
			continue;
		open_bit(read_bitmap, f->encoding);
		if (f->width == VMCS_W64)
			open_bit(read_bitmap, f->encoding | VMCS_ENC_HIGH);
		if (vmcs12_field_read_only(f->encoding))
			continue;
		open_bit(write_bitmap, f->encoding);
		if (f->width == VMCS_W64)
			open_bit(write_bitmap, f->encoding | VMCS_ENC_HIGH);
	}
}

/* VMCS01 of a nested-VMX partition, at its (re)load on its own CPU: shadowing on, no link yet
 * (no VMCS12 is current: L1's VMREAD/VMWRITE exit, VMfailInvalid). Off with
 * nested-vmx-shadowing=off on the command line: every VMREAD/VMWRITE exits (make bench). */
void nested_vmx_vmcs01_init(struct vcpu *v)
{
	struct vmx_nested *n = nvmx(v);
	uint32_t *shadow;

	if (!n->ready || !cpu_has_shadowing() || nested_options.vmx_no_shadowing)
		return;
	if (!n->shadow_vmcs) {
		shadow = page_alloc(PAGE_SIZE, PAGE_SIZE);
		shadow[0] = vmx_caps.revision | SHADOW_IND;
		n->shadow_vmcs = shadow;
		n->shadow_vmcs_pa = (uint64_t)shadow;
	}
	if (!vmclear(n->shadow_vmcs_pa))
		return;
	if (!read_bitmap) {
		if (!with_shadow(v))
			return;
		build_bitmaps();
		back_to_current(v);
	}
	vmx_write(VMREAD_BITMAP, (uint64_t)read_bitmap);
	vmx_write(VMWRITE_BITMAP, (uint64_t)write_bitmap);
	vmx_write(PROC2_CTLS, vmx_caps.ctls[CTL_PROC2] | PROC2_VMCS_SHADOW);
	vmx_write(VMCS_LINK_PTR, VMCS_LINK_NONE);
	n->shadowing = true;
	n->shadow_live = false;
}

static void copy(struct vcpu *v, bool to_shadow)
{
	struct vmcs12 *c = nvmx(v)->vmcs12;

	if (!with_shadow(v))
		return back_to_current(v);
	for (size_t i = 0; i < vmcs12_nfields; i++) {
		const struct vmcs12_field *f = &vmcs12_fields[i];

		if (!f->shadowable)
			continue;
		if (to_shadow)
			vmwrite(f->encoding, vmcs12_read(c, f, f->encoding));
		else
			vmcs12_write(c, f, f->encoding, vmread(f->encoding));
	}
	back_to_current(v);
}

/* The cache is about to be used (an entry, a write-back): L1's shadowed writes first. */
void nvmx_shadow_to_cache(struct vcpu *v)
{
	if (nvmx(v)->shadow_live)
		copy(v, false);
}

/* The cache changed (an exit, an error number, another VMCS12 made current). */
void nvmx_cache_to_shadow(struct vcpu *v)
{
	if (nvmx(v)->shadow_live)
		copy(v, true);
}

/* One field the cache changed while L1 may hold newer values of others in the shadow (an
 * error number): a whole copy would overwrite those. */
void nvmx_shadow_put(struct vcpu *v, uint32_t field, uint64_t val)
{
	if (!nvmx(v)->shadow_live || !with_shadow(v))
		return;
	vmwrite(field, val); /* fails harmlessly for a field the CPU lacks */
	back_to_current(v);
}

/* The link follows whether L1 has a current VMCS (VMPTRLD; VMCLEAR of it, VMXOFF). */
void nvmx_shadow_link(struct vcpu *v, bool live)
{
	struct vmx_nested *n = nvmx(v);

	if (!n->shadowing || n->in_l2)
		return;
	if (n->shadow_live && !live)
		copy(v, false);
	n->shadow_live = live;
	vmx_write(VMCS_LINK_PTR, live ? n->shadow_vmcs_pa : VMCS_LINK_NONE);
	if (live)
		copy(v, true);
}
