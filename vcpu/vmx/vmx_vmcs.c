// SPDX-License-Identifier: BSD-2-Clause
// Filling a VMCS on its own CPU: controls, host state, guest state (SDM Vol. 3C, 24.4-24.8).

#include <string.h>

#include "layout.h"
#include "percpu.h"
#include "traps.h"
#include "vmx_maps.h"
#include "vmx.h"
#include "x86.h"

#define MSR_FS_BASE	0xc0000100
#define SEL_RPL_TI	7U /* host selectors must have RPL and TI clear (26.2.3) */
#define ACTIVITY_ACTIVE 0

struct desc_ptr vmx_entry_idtr, vmx_host_idtr;
static struct idt_gate entry_idt[IDT_VECTORS] __attribute__((aligned(16)));

void vmx_write(uint32_t field, uint64_t val)
{
	if (!vmwrite(field, val))
		panic("VMX: VMWRITE of field 0x%x failed (VM-instruction error %lu)", field,
		      (unsigned long)vmread(VM_INSN_ERROR));
}

/* The host's IDT with its NMI gate pointed at vmx_nmi_rewind: loaded only between the request
 * check and VM entry (vmx_run.S), so an NMI there restarts the check instead of being lost. */
void vmx_entry_idt_init(void)
{
	uint64_t stub = (uint64_t)vmx_nmi_rewind;
	struct idt_gate *g = &entry_idt[VEC_NMI];

	asm volatile("sidt %0" : "=m"(vmx_host_idtr));
	memcpy(entry_idt, (const void *)vmx_host_idtr.base, sizeof(entry_idt));
	g->offset_lo = (uint16_t)stub;
	g->offset_mid = (uint16_t)(stub >> 16);
	g->offset_hi = (uint32_t)(stub >> 32);
	vmx_entry_idtr = (struct desc_ptr){sizeof(entry_idt) - 1, (uint64_t)entry_idt};
}

#define READ_SEG(name)                                         \
	({                                                     \
		uint16_t s;                                    \
		asm volatile("mov %%" #name ", %0" : "=r"(s)); \
		s & ~SEL_RPL_TI;                               \
	})

static void write_host_selectors(void)
{
	uint16_t tr;

	asm volatile("str %0" : "=r"(tr));
	vmx_write(HOST_CS_SEL, READ_SEG(cs));
	vmx_write(HOST_SS_SEL, READ_SEG(ss));
	vmx_write(HOST_DS_SEL, READ_SEG(ds));
	vmx_write(HOST_ES_SEL, READ_SEG(es));
	vmx_write(HOST_FS_SEL, READ_SEG(fs));
	vmx_write(HOST_GS_SEL, READ_SEG(gs));
	vmx_write(HOST_TR_SEL, tr);
}

/* What a VM exit loads (27.5): this CPU's own descriptors, stacks come from vmx_run.S. The
 * VMCS of a nested guest (nested/vmx/) exits to the same host. */
void vmx_vmcs_write_host(void)
{
	struct desc_ptr gdtr;

	asm volatile("sgdt %0" : "=m"(gdtr));
	write_host_selectors();
	vmx_write(HOST_CR0, read_cr0());
	vmx_write(HOST_CR3, read_cr3());
	vmx_write(HOST_CR4, read_cr4());
	vmx_write(HOST_FS_BASE, rdmsr(MSR_FS_BASE));
	vmx_write(HOST_GS_BASE, rdmsr(MSR_GS_BASE));
	vmx_write(HOST_TR_BASE, (uint64_t)&this_cpu()->tss);
	vmx_write(HOST_GDTR_BASE, gdtr.base);
	vmx_write(HOST_IDTR_BASE, vmx_host_idtr.base);
	vmx_write(HOST_SYSENTER_CS, 0);
	vmx_write(HOST_SYSENTER_ESP, 0);
	vmx_write(HOST_SYSENTER_EIP, 0);
	vmx_write(HOST_PAT, rdmsr(MSR_PAT));
	vmx_write(HOST_EFER, rdmsr(MSR_EFER));
	vmx_write(HOST_RIP, (uint64_t)vmx_exit_entry);
}

/* Controls from the resolved table; the partition's maps, EPT and VPID (24.6). */
static void write_controls(const struct vmx_partition *xp, const struct vmx_vcpu *x)
{
	const uint32_t *c = vmx_caps.ctls;

	vmx_write(PIN_CTLS, c[CTL_PIN]);
	vmx_write(PROC_CTLS, c[CTL_PROC]);
	vmx_write(PROC2_CTLS, c[CTL_PROC2]);
	vmx_write(EXIT_CTLS, c[CTL_EXIT]);
	vmx_write(ENTRY_CTLS, c[CTL_ENTRY]);
	vmx_write(EXCEPTION_BITMAP, 0); /* the partition's exceptions are its own */
	vmx_write(CR3_TARGET_COUNT, 0);
	vmx_write(EXIT_MSR_STORE_CNT, 0);
	vmx_write(EXIT_MSR_LOAD_CNT, 0);
	vmx_write(ENTRY_MSR_LOAD_CNT, 0);
	vmx_write(IO_BITMAP_A, xp->io_bitmap_pa);
	vmx_write(IO_BITMAP_B, xp->io_bitmap_pa + VMX_IO_BITMAP_B);
	vmx_write(MSR_BITMAP, (uint64_t)x->msr_bitmap);
	vmx_write(EPT_POINTER, xp->eptp);
	vmx_write(VMCS_VPID, xp->vpid);
	vmx_write(CR0_GUEST_HOST_MASK, vmx_cr0_mask(&vmx_caps.fixed));
	vmx_write(CR4_GUEST_HOST_MASK, vmx_cr4_mask(&vmx_caps.fixed));
	vmx_write(VMCS_LINK_PTR, VMCS_LINK_NONE);
}

void vmx_vmcs_load(struct vcpu *v)
{
	struct vmx_vcpu *x = &v->vendor.vmx;

	if (!vmclear(x->vmcs_pa) || !vmptrld(x->vmcs_pa))
		panic("VMX: cannot make the VMCS of partition %s current", v->part->cfg->name);
	write_controls(&v->part->vendor.vmx, x);
	vmx_vmcs_write_host();
	x->proc_ctls = vmx_caps.ctls[CTL_PROC];
	nested_vmx_vmcs01_init(v);
	x->loaded = true;
	x->launched = false;
}

static void write_seg(enum vmx_seg s, const struct vmx_seg_state *st)
{
	vmx_write(GUEST_SEL(s), st->sel);
	vmx_write(GUEST_AR(s), st->ar);
	vmx_write(GUEST_LIMIT(s), st->limit);
	vmx_write(GUEST_BASE(s), st->base);
}

void vmx_vmcs_write_guest(const struct vmx_guest *g)
{
	uint32_t entry = vmx_caps.ctls[CTL_ENTRY] & ~ENTRY_IA32E;

	for (int s = 0; s < VMX_SEGS; s++)
		write_seg((enum vmx_seg)s, &g->seg[s]);
	vmx_write(ENTRY_CTLS, g->ia32e ? entry | ENTRY_IA32E : entry);
	vmx_write(GUEST_CR0, g->cr0);
	vmx_write(GUEST_CR3, g->cr3);
	vmx_write(GUEST_CR4, g->cr4);
	vmx_write(CR0_READ_SHADOW, g->cr0_shadow);
	vmx_write(CR4_READ_SHADOW, g->cr4_shadow);
	vmx_write(GUEST_EFER, g->efer);
	vmx_write(GUEST_PAT, g->pat);
	vmx_write(GUEST_DR7, g->dr7);
	vmx_write(GUEST_RFLAGS, g->rflags);
	vmx_write(GUEST_RIP, g->rip);
	vmx_write(GUEST_RSP, g->rsp);
	vmx_write(GUEST_GDTR_BASE, g->gdtr_base);
	vmx_write(GUEST_GDTR_LIMIT, g->gdtr_limit);
	vmx_write(GUEST_IDTR_BASE, g->idtr_base);
	vmx_write(GUEST_IDTR_LIMIT, g->idtr_limit);
	vmx_write(GUEST_SYSENTER_CS, 0);
	vmx_write(GUEST_SYSENTER_ESP, 0);
	vmx_write(GUEST_SYSENTER_EIP, 0);
	vmx_write(GUEST_INTR_STATE, 0);
	vmx_write(GUEST_ACTIVITY, ACTIVITY_ACTIVE);
	vmx_write(GUEST_PENDING_DBG, 0);
}

void vmx_vmcs_read_guest(struct vmx_guest *g)
{
	for (int s = 0; s < VMX_SEGS; s++)
		g->seg[s] = (struct vmx_seg_state){
		    .sel = (uint16_t)vmread(GUEST_SEL(s)),
		    .ar = (uint32_t)vmread(GUEST_AR(s)),
		    .limit = (uint32_t)vmread(GUEST_LIMIT(s)),
		    .base = vmread(GUEST_BASE(s)),
		};
	g->ia32e = vmread(ENTRY_CTLS) & ENTRY_IA32E;
	g->cr0 = vmread(GUEST_CR0);
	g->cr3 = vmread(GUEST_CR3);
	g->cr4 = vmread(GUEST_CR4);
	g->efer = vmread(GUEST_EFER);
	g->pat = vmread(GUEST_PAT);
	g->dr7 = vmread(GUEST_DR7);
	g->rflags = vmread(GUEST_RFLAGS);
	g->rip = vmread(GUEST_RIP);
	g->rsp = vmread(GUEST_RSP);
	g->gdtr_limit = (uint32_t)vmread(GUEST_GDTR_LIMIT);
	g->idtr_limit = (uint32_t)vmread(GUEST_IDTR_LIMIT);
}
