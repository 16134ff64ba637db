// SPDX-License-Identifier: BSD-2-Clause
// Intel VT-x discovery (SDM Vol. 3C, 24.6 and Appendix A): presence, firmware lock, features,
// and the capabilities the backend reads once and checks before any partition starts.

#include <stdio.h>
#include <string.h>

#include "virt_caps.h"
#include "vmx.h"
#include "x86.h"

#define CPUID1_ECX_VMX (1U << 5)

#define MSR_VMX_BASIC		0x480
#define MSR_VMX_PINBASED_CTLS	0x481
#define MSR_VMX_PROCBASED_CTLS	0x482
#define MSR_VMX_PROCBASED_CTLS2 0x48b
#define MSR_VMX_EPT_VPID_CAP	0x48c
#define MSR_VMX_MISC		0x485
#define VMX_MISC_PREEMPT_SHIFT	0x1fULL /* bits 4:0 (A.6) */
#define CPUID_ADDR_SIZES	0x80000008
#define ADDR_BITS_MASK		0xffU
#define VIRT_BITS_SHIFT		8

#define VMX_BASIC_REVISION_MASK 0x7fffffffULL
#define PROCBASED_SECONDARY	(1ULL << 31)
#define PROCBASED2_EPT		(1ULL << 1)
#define PROCBASED2_VPID		(1ULL << 5)

/* Allowed-1 settings live in the upper half of each control MSR (SDM Vol. 3C, A.3). */
#define ALLOWED1(msr) (rdmsr(msr) >> 32)

static const struct feature_bit pinbased_features[] = {
    {5, "virtual NMIs"},
    {6, "preemption timer"},
    {7, "posted interrupts"},
};

static const struct feature_bit procbased2_features[] = {
    {1, "EPT"},
    {5, "VPID"},
    {7, "unrestricted guest"},
    {0, "APIC-access virtualization"},
    {4, "x2APIC virtualization"},
    {8, "APIC-register virtualization"},
    {9, "virtual-interrupt delivery"},
    {14, "VMCS shadowing"},
    {13, "VM functions"},
    {18, "EPT #VE"},
    {25, "TSC scaling"},
};

static const struct feature_bit ept_features[] = {
    {6, "4-level EPT"},
    {16, "EPT 2M pages"},
    {17, "EPT 1G pages"},
    {21, "EPT A/D"},
};

static void append(struct virt_caps *caps, unsigned long long value,
		   const struct feature_bit *table, size_t count)
{
	caps_append_features(caps->summary, sizeof(caps->summary), value, table, count);
}

#define APPEND(caps, value, table) append(caps, value, table, sizeof(table) / sizeof(table[0]))

bool vmx_probe(struct virt_caps *caps)
{
	uint64_t fc, proc2 = 0;

	if (!(cpuid(1).ecx & CPUID1_ECX_VMX))
		return false;
	caps->kind = VIRT_VMX;
	if (ALLOWED1(MSR_VMX_PROCBASED_CTLS) & PROCBASED_SECONDARY)
		proc2 = ALLOWED1(MSR_VMX_PROCBASED_CTLS2);
	APPEND(caps, proc2, procbased2_features);
	APPEND(caps, ALLOWED1(MSR_VMX_PINBASED_CTLS), pinbased_features);
	if (proc2 & (PROCBASED2_EPT | PROCBASED2_VPID))
		APPEND(caps, rdmsr(MSR_VMX_EPT_VPID_CAP), ept_features);
	snprintf(caps->summary + strlen(caps->summary),
		 sizeof(caps->summary) - strlen(caps->summary), "; VMCS revision 0x%lx",
		 (unsigned long)(rdmsr(MSR_VMX_BASIC) & VMX_BASIC_REVISION_MASK));

	/* Locked without VMX outside SMX means firmware switched VT-x off until the next reset. */
	fc = rdmsr(MSR_FEATURE_CONTROL);
	caps->usable = !(fc & FEATURE_CONTROL_LOCKED) || (fc & FEATURE_CONTROL_VMX_NO_SMX);
	if (!caps->usable)
		snprintf(caps->problem, sizeof(caps->problem),
			 "disabled by firmware (IA32_FEATURE_CONTROL locked without VMX)");
	return true;
}

/* Everything below is read once, on the boot CPU, and then shared (SDM Appendix A). */
#define MSR_VMX_EXIT_CTLS      0x483
#define MSR_VMX_ENTRY_CTLS     0x484
#define MSR_VMX_CR0_FIXED0     0x486
#define MSR_VMX_CR0_FIXED1     0x487
#define MSR_VMX_CR4_FIXED0     0x488
#define MSR_VMX_CR4_FIXED1     0x489
#define MSR_VMX_TRUE_PINBASED  0x48d /* the TRUE MSRs let default-1 controls be 0 (A.2) */
#define MSR_VMX_TRUE_PROCBASED 0x48e
#define MSR_VMX_TRUE_EXIT      0x48f
#define MSR_VMX_TRUE_ENTRY     0x490

#define BASIC_ADDR32	 (1ULL << 48) /* VMXON/VMCS must lie below 4 GiB (A.1) */
#define BASIC_MT_SHIFT	 50
#define BASIC_MT_MASK	 0xfULL
#define BASIC_MT_WB	 6ULL
#define BASIC_TRUE_CTLS	 (1ULL << 55)
#define EPT_CAP_WALK4	 (1ULL << 6)
#define EPT_CAP_WB	 (1ULL << 14)
#define EPT_CAP_2M	 (1ULL << 16)
#define EPT_CAP_1G	 (1ULL << 17)
#define EPT_CAP_INVEPT	 (1ULL << 20)
#define EPT_CAP_INVEPT1	 (1ULL << 25) /* single-context */
#define EPT_CAP_INVEPTA	 (1ULL << 26) /* all-context */
#define VPID_CAP_INVVPID (1ULL << 32)
#define VPID_CAP_SINGLE	 (1ULL << 41)
#define VPID_CAP_ALL	 (1ULL << 42)
#define INV_SINGLE	 1 /* INVEPT/INVVPID types (31.3) */
#define INV_ALL		 2

struct vmx_caps vmx_caps;

static void read_controls(void)
{
	bool true_ctls = vmx_caps.basic & BASIC_TRUE_CTLS;
	uint64_t *m = vmx_caps.ctl.msr;

	m[CTL_PIN] = rdmsr(true_ctls ? MSR_VMX_TRUE_PINBASED : MSR_VMX_PINBASED_CTLS);
	m[CTL_PROC] = rdmsr(true_ctls ? MSR_VMX_TRUE_PROCBASED : MSR_VMX_PROCBASED_CTLS);
	m[CTL_EXIT] = rdmsr(true_ctls ? MSR_VMX_TRUE_EXIT : MSR_VMX_EXIT_CTLS);
	m[CTL_ENTRY] = rdmsr(true_ctls ? MSR_VMX_TRUE_ENTRY : MSR_VMX_ENTRY_CTLS);
	m[CTL_PROC2] =
	    (m[CTL_PROC] >> 32) & PROCBASED_SECONDARY ? rdmsr(MSR_VMX_PROCBASED_CTLS2) : 0;
	vmx_caps.fixed = (struct vmx_fixed){rdmsr(MSR_VMX_CR0_FIXED0), rdmsr(MSR_VMX_CR0_FIXED1),
					    rdmsr(MSR_VMX_CR4_FIXED0), rdmsr(MSR_VMX_CR4_FIXED1)};
}

/* EPT as Bulkhead builds it: a 4-level walk, write-back tables, a way to invalidate. */
static const char *check_ept(uint64_t cap)
{
	if (!(cap & EPT_CAP_WALK4) || !(cap & EPT_CAP_WB))
		return "VMX EPT without 4-level write-back tables";
	if (!(cap & EPT_CAP_INVEPT) || !(cap & (EPT_CAP_INVEPT1 | EPT_CAP_INVEPTA)))
		return "VMX EPT without INVEPT";
	if (!(cap & VPID_CAP_INVVPID) || !(cap & (VPID_CAP_SINGLE | VPID_CAP_ALL)))
		return "VMX VPID without INVVPID";
	vmx_caps.invept_type = cap & EPT_CAP_INVEPT1 ? INV_SINGLE : INV_ALL;
	vmx_caps.invvpid_type = cap & VPID_CAP_SINGLE ? INV_SINGLE : INV_ALL;
	vmx_caps.ept_largest = cap & EPT_CAP_1G ? EPT_1G : cap & EPT_CAP_2M ? EPT_2M : EPT_4K;
	return NULL;
}

static const char *check_basic(uint64_t basic)
{
	if (basic & BASIC_ADDR32)
		return "VMX limited to 32-bit physical addresses";
	if (((basic >> BASIC_MT_SHIFT) & BASIC_MT_MASK) != BASIC_MT_WB)
		return "VMX wants a VMCS memory type other than write-back";
	return NULL;
}

static char why_buf[160];

static const char *check_controls(void)
{
	const struct vmx_ctl_bit *bad =
	    vmx_ctls_resolve(&vmx_caps.ctl, vmx_ctl_table, vmx_ctl_table_len, vmx_caps.ctls);

	if (!bad)
		return NULL;
	snprintf(why_buf, sizeof(why_buf), "VMX %s control \"%s\" cannot be %s",
		 vmx_ctl_names[bad->ctl], bad->name, bad->need == NEED_OFF ? "0" : "1");
	return why_buf;
}

bool vmx_caps_read(const char **why)
{
	uint64_t fc;

	*why = "no VMX on this CPU";
	if (!(cpuid(1).ecx & CPUID1_ECX_VMX))
		return false;
	fc = rdmsr(MSR_FEATURE_CONTROL);
	*why = "VMX disabled by firmware (IA32_FEATURE_CONTROL locked without VMX outside SMX)";
	if ((fc & FEATURE_CONTROL_LOCKED) && !(fc & FEATURE_CONTROL_VMX_NO_SMX))
		return false;
	vmx_caps.basic = rdmsr(MSR_VMX_BASIC);
	vmx_caps.revision = (uint32_t)(vmx_caps.basic & VMX_BASIC_REVISION_MASK);
	read_controls();
	*why = check_basic(vmx_caps.basic);
	if (!*why)
		*why = check_controls();
	if (!*why) {
		vmx_caps.ept_vpid = rdmsr(MSR_VMX_EPT_VPID_CAP);
		*why = check_ept(vmx_caps.ept_vpid);
		vmx_caps.misc = rdmsr(MSR_VMX_MISC);
		vmx_caps.preempt_shift = (unsigned int)(vmx_caps.misc & VMX_MISC_PREEMPT_SHIFT);
		vmx_caps.phys_bits = cpuid(CPUID_ADDR_SIZES).eax & ADDR_BITS_MASK;
		vmx_caps.virt_bits =
		    (cpuid(CPUID_ADDR_SIZES).eax >> VIRT_BITS_SHIFT) & ADDR_BITS_MASK;
	}
	return !*why;
}
