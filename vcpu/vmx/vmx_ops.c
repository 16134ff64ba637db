// SPDX-License-Identifier: BSD-2-Clause
// The VMX backend behind struct vcpu_ops: per-CPU VMXON, per-partition maps, VMCS, run.

#include <string.h>

#include "layout.h"
#include "mm.h"
#include "percpu.h"
#include "printk.h"
#include "traps.h"
#include "vmx.h"
#include "vmx_maps.h"
#include "x86.h"

#define VPID_FIRST 1 /* VPID 0 is the host's (24.6.12) */

/* vmx_run.S addresses struct vcpu_regs by these offsets. */
_Static_assert(__builtin_offsetof(struct vcpu, regs) == 0, "regs first in struct vcpu");
_Static_assert(__builtin_offsetof(struct vcpu_regs, rax) == 0, "vmx_run.S R_RAX");
_Static_assert(__builtin_offsetof(struct vcpu_regs, rbx) == 8, "vmx_run.S R_RBX");
_Static_assert(__builtin_offsetof(struct vcpu_regs, rbp) == 48, "vmx_run.S R_RBP");
_Static_assert(__builtin_offsetof(struct vcpu_regs, r8) == 64, "vmx_run.S R_R8");
_Static_assert(__builtin_offsetof(struct vcpu_regs, r15) == 120, "vmx_run.S R_R15");

static bool vmx_usable(const char **why)
{
	return vmx_caps_read(why);
}

static void write_cr0(uint64_t v)
{
	asm volatile("mov %0, %%cr0" : : "r"(v) : "memory");
}

static void write_cr4(uint64_t v)
{
	asm volatile("mov %0, %%cr4" : : "r"(v) : "memory");
}

/* Firmware's IA32_FEATURE_CONTROL as it left it (23.7): lock it with VMX on if it did not. */
static void feature_control(void)
{
	uint64_t fc = rdmsr(MSR_FEATURE_CONTROL);

	if (!(fc & FEATURE_CONTROL_LOCKED))
		wrmsr(MSR_FEATURE_CONTROL,
		      fc | FEATURE_CONTROL_VMX_NO_SMX | FEATURE_CONTROL_LOCKED);
	else if (!(fc & FEATURE_CONTROL_VMX_NO_SMX))
		panic("VMX: CPU %u: IA32_FEATURE_CONTROL locked without VMX outside SMX",
		      this_cpu()->id);
}

/* CR0/CR4 as VMX operation fixes them (23.8), then VMXON with a region of our revision. */
static void vmx_cpu_enable(void)
{
	const struct vmx_fixed *f = &vmx_caps.fixed;
	uint32_t *region = page_alloc(PAGE_SIZE, PAGE_SIZE);

	feature_control();
	write_cr0((read_cr0() | f->cr0_fixed0) & f->cr0_fixed1);
	write_cr4((read_cr4() | f->cr4_fixed0 | CR4_VMXE_BIT) & f->cr4_fixed1);
	region[0] = vmx_caps.revision;
	if (!vmxon((uint64_t)region))
		panic("VMX: VMXON failed on CPU %u", this_cpu()->id);
}

static void vmx_partition_init(struct partition *p)
{
	struct vmx_partition *xp = &p->vendor.vmx;
	uint64_t *pml4 = page_alloc(PAGE_SIZE, PAGE_SIZE);
	unsigned int pages[EPT_PAGE_SIZES] = {0, 0, 0};

	if (!vmx_entry_idtr.base)
		vmx_entry_idt_init(); /* on the boot CPU, before any vCPU runs */
	for (size_t i = 0; i < part_nmaps(p); i++) {
		const struct part_mem *m = part_map(p, i);

		ept_map(pml4, m->gpa, m->hpa, m->size, m->rights, vmx_caps.ept_largest, pages);
	}
	for (size_t i = 0; i < part_ndevmaps(p); i++) {
		const struct part_mem *m = part_devmap(p, i);

		ept_map(pml4, m->gpa, m->hpa, m->size, m->rights, vmx_caps.ept_largest, pages);
	}
	xp->eptp = (uint64_t)pml4 | EPTP_WALK_4 | EPT_MT_WB;
	xp->io_bitmap_pa = vmx_io_bitmap_build(p->cfg);
	for (size_t i = 0; i < part_ndevports(p); i++)
		vmx_io_bitmap_open((uint8_t *)xp->io_bitmap_pa, part_devport(p, i)->base,
				   part_devport(p, i)->size);
	xp->msr_bitmap_pa = vmx_msr_bitmap_build();
	xp->vpid = (uint16_t)(VPID_FIRST + p->index);
	nested_vmx_partition_init(p);
	pr_info("partition %s: EPT %u x 1 GiB, %u x 2 MiB, %u x 4 KiB pages; VPID %u", p->cfg->name,
		pages[EPT_1G], pages[EPT_2M], pages[EPT_4K], xp->vpid);
}

/* The VMCS is made current on the vCPU's own CPU at its first run (vmx_vmcs_load). */
static void vmx_create(struct vcpu *v)
{
	struct vmx_vcpu *x = &v->vendor.vmx;
	uint32_t *vmcs = page_alloc(PAGE_SIZE, PAGE_SIZE);

	vmcs[0] = vmx_caps.revision;
	x->vmcs = vmcs;
	x->vmcs_pa = (uint64_t)vmcs;
	x->msr_bitmap = page_alloc(VMX_MSR_BITMAP_SIZE, PAGE_SIZE);
	memcpy(x->msr_bitmap, (const void *)v->part->vendor.vmx.msr_bitmap_pa, VMX_MSR_BITMAP_SIZE);
	nested_vmx_vcpu_create(v);
}

/* May run on another CPU than the vCPU's: the guest state is written at the next run. */
static void vmx_set_boot(struct vcpu *v, const struct vcpu_boot *b)
{
	struct vmx_vcpu *x = &v->vendor.vmx;

	nested_vmx_leave(v);
	vmx_guest_boot(&x->boot, b, &vmx_caps.fixed);
	x->boot_pending = true;
	x->flush = true;
	x->inject_info = 0;
	x->nmi_pending = false;
	v->regs = (struct vcpu_regs){.rax = b->rax,
				     .rbx = b->rbx,
				     .rsi = b->rsi,
				     .rdi = b->rdi,
				     .rip = b->rip,
				     .rsp = b->rsp};
	v->regs.rflags = x->boot.rflags;
}

/* The run ends by the partition's watchdog deadline at the latest (0: at once, SDM 26.7.4);
 * without a watchdog, at the timer's largest value, which only costs one exit now and then. */
static void arm_preempt_timer(struct vcpu *v)
{
	uint64_t left = wd_left(&v->part->wd, rdtsc()) >> vmx_caps.preempt_shift;

	if (v->vendor.vmx.nested.timer12)
		return; /* L1's timer runs L2 (nested/vmx/vmcs02.c); its exits go to L1 */

	if (vmx_caps.ctls[CTL_PIN] & PIN_PREEMPT_TIMER)
		vmx_write(GUEST_PREEMPT_TIMER, left > UINT32_MAX ? UINT32_MAX : left);
}

static void prepare(struct vcpu *v)
{
	struct vmx_vcpu *x = &v->vendor.vmx;
	const struct vmx_partition *xp = &v->part->vendor.vmx;

	if (!x->loaded)
		vmx_vmcs_load(v);
	if (x->boot_pending)
		vmx_vmcs_write_guest(&x->boot);
	x->boot_pending = false;
	if (x->flush) {
		invept(vmx_caps.invept_type, xp->eptp);
		invvpid(vmx_caps.invvpid_type, xp->vpid);
		x->flush = false;
	}
	vmx_events_prepare(x);
	arm_preempt_timer(v);
	vmx_write(GUEST_RIP, v->regs.rip);
	vmx_write(GUEST_RSP, v->regs.rsp);
	vmx_write(GUEST_RFLAGS, v->regs.rflags);
}

static void after_exit(struct vcpu *v)
{
	v->regs.rip = vmread(GUEST_RIP);
	v->regs.rsp = vmread(GUEST_RSP);
	v->regs.rflags = vmread(GUEST_RFLAGS);
	vmx_events_after_exit(&v->vendor.vmx);
}

/* A pending request reads as the NMI exit it stands for; a VMfail as an entry failure (bit 31)
 * carrying the enum vmx_enter_result, after its report. */
static void not_entered(struct vcpu *v, struct vcpu_exit *e, enum vmx_enter_result r)
{
	bool pending = r == VMX_ENTER_PENDING;

	e->reason = pending ? VCPU_EXIT_INTR : VCPU_EXIT_OTHER;
	e->code = pending ? EXIT_EXCEPTION_NMI : EXIT_REASON_FAILED | r;
	e->insn_len = 0;
	if (!pending)
		vmx_report_vmfail(v, r);
}

/* Exits that are the backend's own business (CR0/CR4 writes of fixed bits, the NMI window for a
 * held-back NMI) re-enter at once. */
static bool handled_here(struct vcpu *v, const struct vcpu_exit *e)
{
	uint32_t basic = e->code & EXIT_REASON_BASIC;

	if (e->code & EXIT_REASON_FAILED)
		return false;
	if (basic == EXIT_NMI_WINDOW)
		return true;
	return basic == EXIT_CR_ACCESS && vmx_cr_access(v, vmread(EXIT_QUALIFICATION));
}

static void vmx_run(struct vcpu *v, struct vcpu_exit *e)
{
	struct vmx_vcpu *x = &v->vendor.vmx;

	for (;;) {
		enum vmx_enter_result r;

		prepare(v);
		r = vmx_enter(&v->regs, &v->requests, x->launched);
		if (r != VMX_ENTER_EXITED && r != VMX_ENTER_PENDING && x->nested.in_l2) {
			nested_vmx_refused(v, r);
			continue;
		}
		if (r != VMX_ENTER_EXITED)
			return not_entered(v, e, r);
		after_exit(v);
		vmx_decode_exit(v, e);
		x->launched = x->launched || !(e->code & EXIT_REASON_FAILED);
		/* L2's exits are L1's first (nested-rules 6). */
		if (x->nested.in_l2 && nested_vmx_exit(v, e))
			continue;
		if (!handled_here(v, e))
			return;
	}
}

/* The guest's own view of CR0/CR4: masked bits from the read shadows. */
static uint64_t guest_view(uint32_t real, uint32_t shadow, uint32_t mask)
{
	uint64_t r = vmread(real), m = vmread(mask);

	return (r & ~m) | (vmread(shadow) & m);
}

static void vmx_get_paging(struct vcpu *v, struct vcpu_paging *out)
{
	uint32_t cs_ar = (uint32_t)vmread(GUEST_AR(SEG_CS));

	*out = (struct vcpu_paging){
	    .cr0 = guest_view(GUEST_CR0, CR0_READ_SHADOW, CR0_GUEST_HOST_MASK),
	    .cr3 = vmread(GUEST_CR3),
	    .cr4 = guest_view(GUEST_CR4, CR4_READ_SHADOW, CR4_GUEST_HOST_MASK),
	    .efer = vmread(GUEST_EFER),
	    .cs_base = vmread(GUEST_BASE(SEG_CS)),
	    .cs_l = cs_ar & AR_L,
	    .cs_db = cs_ar & AR_DB,
	    /* CPL is SS.DPL in VMX guest state (24.4.1) */
	    .cpl = (uint8_t)AR_DPL(vmread(GUEST_AR(SEG_SS))),
	};
}

/* EFER and PAT live in the VMCS (loaded on entry, saved on exit). LMA is the CPU's to set (with
 * CR0.PG), never the writer's. */
static bool vmx_state_msr(struct vcpu *v, uint32_t index, bool write, uint64_t *val)
{
	uint32_t field = index == MSR_EFER ? GUEST_EFER : index == MSR_PAT ? GUEST_PAT : 0;

	if (!field)
		return false;
	if (!write)
		*val = vmread(field);
	else if (index == MSR_EFER)
		vmx_write(field, (*val & ~EFER_LMA_BIT) | (vmread(field) & EFER_LMA_BIT));
	else
		vmx_write(field, *val);
	return true;
}

/* The VMCS points at the bitmap, which may change while no CPU runs that VMCS (SDM 25.11.4). */
static void vmx_msr_intercept(struct vcpu *v, uint32_t index, bool read, bool write)
{
	vmx_msr_bitmap_set(v->vendor.vmx.msr_bitmap, index, read, write);
}

const struct vcpu_ops vmx_vcpu_ops = {
    .name = "VMX",
    .usable = vmx_usable,
    .cpu_enable = vmx_cpu_enable,
    .partition_init = vmx_partition_init,
    .create = vmx_create,
    .set_boot = vmx_set_boot,
    .run = vmx_run,
    .inject = vmx_inject,
    .get_paging = vmx_get_paging,
    .state_msr = vmx_state_msr,
    .msr_intercept = vmx_msr_intercept,
};
