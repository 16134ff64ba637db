// SPDX-License-Identifier: BSD-2-Clause
// MOV to CR0/CR4 that touches a bit VMX fixes (SDM Vol. 3C, 25.3): the guest keeps its own view.

#include "traps.h"
#include "vmx.h"

#define CR0_RESERVED_HI 0xffffffff00000000ULL
#define INTR_GP		(VEC_GP | INTR_TYPE_HW_EXC | INTR_INFO_ERROR | INTR_INFO_VALID)

/* The qualification's register numbers (Table 28-3) in struct vcpu_regs order. */
static uint64_t *gpr(struct vcpu *v, unsigned int n)
{
	uint64_t *const r[16] = {&v->regs.rax, &v->regs.rcx, &v->regs.rdx, &v->regs.rbx,
				 &v->regs.rsp, &v->regs.rbp, &v->regs.rsi, &v->regs.rdi,
				 &v->regs.r8,  &v->regs.r9,  &v->regs.r10, &v->regs.r11,
				 &v->regs.r12, &v->regs.r13, &v->regs.r14, &v->regs.r15};

	return r[n & CR_QUAL_GPR_MASK];
}

/* Paging switched on or off with EFER.LME set: the CPU would set or clear EFER.LMA, and the
 * next entry must agree with it (26.3.1.1). */
static void sync_long_mode(uint64_t cr0)
{
	uint64_t efer = vmread(GUEST_EFER);
	uint64_t entry = vmread(ENTRY_CTLS) & ~ENTRY_IA32E;
	bool lma = (efer & EFER_LME_BIT) && (cr0 & CR0_PG_BIT);

	vmx_write(GUEST_EFER, lma ? efer | EFER_LMA_BIT : efer & ~EFER_LMA_BIT);
	vmx_write(ENTRY_CTLS, lma ? entry | ENTRY_IA32E : entry);
}

static bool write_cr0(uint64_t val)
{
	bool long_mode = vmread(GUEST_EFER) & EFER_LME_BIT;

	if ((val & CR0_RESERVED_HI) || ((val & CR0_PG_BIT) && !(val & CR0_PE_BIT)))
		return false;
	if ((val & CR0_PG_BIT) && long_mode && !(vmread(GUEST_CR4) & CR4_PAE_BIT))
		return false;
	vmx_write(CR0_READ_SHADOW, val);
	vmx_write(GUEST_CR0, vmx_cr0_real(&vmx_caps.fixed, val));
	sync_long_mode(val);
	return true;
}

/* CR4.VMXE is the guest's only with nested VMX (nested/vmx/); bits the CPU does not have are
 * reserved. */
static bool write_cr4(struct vcpu *v, uint64_t val)
{
	if (!nested_vmx_cr4_ok(v, val) || (val & ~vmx_caps.fixed.cr4_fixed1))
		return false;
	vmx_write(CR4_READ_SHADOW, val);
	vmx_write(GUEST_CR4, vmx_cr4_real(&vmx_caps.fixed, val));
	return true;
}

/* True: handled here (the guest continues or takes #GP); false: not a write the backend owns. */
bool vmx_cr_access(struct vcpu *v, uint64_t qual)
{
	unsigned int cr = qual & CR_QUAL_NUM_MASK;
	uint64_t val = *gpr(v, (unsigned int)(qual >> CR_QUAL_GPR_SHIFT));
	bool ok;

	if (((qual >> CR_QUAL_TYPE_SHIFT) & CR_QUAL_TYPE_MASK) != CR_QUAL_TYPE_MOV_TO ||
	    (cr != 0 && cr != 4))
		return false;
	ok = cr == 0 ? write_cr0(val) : write_cr4(v, val);
	if (!ok) {
		v->vendor.vmx.inject_info = INTR_GP;
		v->vendor.vmx.inject_error = 0;
		return true;
	}
	v->regs.rip += vmread(EXIT_INSN_LEN);
	v->vendor.vmx.flush = true; /* paging bits changed under the guest's TLB */
	return true;
}
