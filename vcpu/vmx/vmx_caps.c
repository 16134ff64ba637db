// SPDX-License-Identifier: BSD-2-Clause
// Intel VT-x discovery (SDM Vol. 3C, 24.6 and Appendix A): presence, firmware lock, features.

#include <stdio.h>
#include <string.h>

#include "virt_caps.h"
#include "x86.h"

#define CPUID1_ECX_VMX (1U << 5)

#define MSR_FEATURE_CONTROL	   0x0000003a
#define FEATURE_CONTROL_LOCKED	   (1ULL << 0)
#define FEATURE_CONTROL_VMX_NO_SMX (1ULL << 2)

#define MSR_VMX_BASIC		0x480
#define MSR_VMX_PINBASED_CTLS	0x481
#define MSR_VMX_PROCBASED_CTLS	0x482
#define MSR_VMX_PROCBASED_CTLS2 0x48b
#define MSR_VMX_EPT_VPID_CAP	0x48c

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
