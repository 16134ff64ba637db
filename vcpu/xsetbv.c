// SPDX-License-Identifier: BSD-2-Clause
// XCR0 of a partition's core: XSETBV emulated where the CPU exits on it (always on VMX), and the
// reset value when a partition (re)starts. XCR0 is not switched on VM entry or exit on either
// vendor, and Bulkhead never uses XSAVE state: the core's XCR0 is simply the partition's.

#include "printk.h"
#include "partition.h"
#include "traps.h"
#include "vcpu.h"
#include "vcpu_internal.h"
#include "x86.h"
#include "xcr0.h"

/* Bulkhead runs with CR4.OSXSAVE clear (its CPUID must not claim XSAVE is on), so XSETBV of
 * its own turns it on for one instruction. */
static void xcr0_load(uint64_t val)
{
	uint64_t cr4 = read_cr4();

	asm volatile("mov %0, %%cr4" : : "r"(cr4 | CR4_OSXSAVE) : "memory");
	asm volatile("xsetbv"
		     :
		     : "c"(XCR_INDEX_XCR0), "a"((uint32_t)val), "d"((uint32_t)(val >> 32))
		     : "memory");
	asm volatile("mov %0, %%cr4" : : "r"(cr4) : "memory");
}

/* A value firmware or a previous run of the partition left must not leak into the next run. */
void vcpu_xcr0_reset(void)
{
	if (cpuid(1).ecx & CPUID_1_ECX_XSAVE)
		xcr0_load(XCR0_RESET);
}

static bool refuse(struct vcpu *v, uint8_t vector, bool has_error, const char *why)
{
	struct vcpu_event ev = {
	    .type = VCPU_EVENT_EXCEPTION, .vector = vector, .has_error = has_error};

	pr_debug("%s: XSETBV of 0x%lx to XCR%lu refused (%s): %s", v->part->cfg->name,
		 (unsigned long)((v->regs.rdx << 32) | (v->regs.rax & 0xffffffffULL)),
		 (unsigned long)(uint32_t)v->regs.rcx, vector == VEC_UD ? "#UD" : "#GP", why);
	vcpu_ops->inject(v, &ev);
	return true;
}

/* SDM Vol. 2D XSETBV: #UD without CR4.OSXSAVE and #GP(0) at CPL > 0 come before the exit on
 * VMX (25.1.1); they are checked again so that any backend may send XSETBV here. */
bool vcpu_on_xsetbv(struct vcpu *v, const struct vcpu_exit *e)
{
	uint64_t val = (v->regs.rdx << 32) | (v->regs.rax & 0xffffffffULL);
	struct vcpu_paging pg;
	uint32_t xsave[4];
	const char *why;

	vcpu_ops->get_paging(v, &pg);
	if (!(pg.cr4 & CR4_OSXSAVE))
		return refuse(v, VEC_UD, false, "CR4.OSXSAVE clear");
	if (pg.cpl)
		return refuse(v, VEC_GP, true, "CPL > 0");
	vcpu_cpuid(v->part, CPUID_XSAVE_LEAF, 0, xsave);
	why = xcr0_check((uint32_t)v->regs.rcx, val, ((uint64_t)xsave[3] << 32) | xsave[0]);
	if (why)
		return refuse(v, VEC_GP, true, why);
	xcr0_load(val);
	v->regs.rip += e->insn_len;
	return true;
}
