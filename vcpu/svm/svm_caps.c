// SPDX-License-Identifier: BSD-2-Clause
// AMD-V discovery (APM Vol. 2, 15.4 and CPUID Fn8000_000A): presence, firmware lock, features.

#include <stdio.h>
#include <string.h>

#include "virt_caps.h"
#include "x86.h"

#define CPUID_EXT_FEATURES 0x80000001
#define CPUID_EXT1_ECX_SVM (1U << 2)
#define CPUID_SVM_FEATURES 0x8000000a

#define MSR_VM_CR    0xc0010114
#define VM_CR_LOCK   (1ULL << 3)
#define VM_CR_SVMDIS (1ULL << 4)

static const struct feature_bit svm_features[] = {
    {0, "NPT"},
    {1, "LBR virtualization"},
    {3, "NRIPS"},
    {4, "TSC rate MSR"},
    {5, "VMCB clean bits"},
    {6, "flush by ASID"},
    {7, "decode assists"},
    {10, "pause filter"},
    {12, "pause filter threshold"},
    {13, "AVIC"},
    {15, "virtual VMLOAD/VMSAVE"},
    {16, "vGIF"},
    {17, "GMET"},
    {18, "x2AVIC"},
    {25, "vNMI"},
};

bool svm_probe(struct virt_caps *caps)
{
	struct cpuid_regs r;
	uint64_t vm_cr;

	if (cpuid(0x80000000).eax < CPUID_SVM_FEATURES ||
	    !(cpuid(CPUID_EXT_FEATURES).ecx & CPUID_EXT1_ECX_SVM))
		return false;
	caps->kind = VIRT_SVM;
	r = cpuid(CPUID_SVM_FEATURES);
	caps_append_features(caps->summary, sizeof(caps->summary), r.edx, svm_features,
			     sizeof(svm_features) / sizeof(svm_features[0]));
	snprintf(caps->summary + strlen(caps->summary),
		 sizeof(caps->summary) - strlen(caps->summary), "; revision %u, %u ASIDs",
		 r.eax & 0xff, r.ebx);

	vm_cr = rdmsr(MSR_VM_CR);
	caps->usable = !(vm_cr & VM_CR_SVMDIS);
	if (!caps->usable)
		snprintf(caps->problem, sizeof(caps->problem),
			 "disabled by firmware (VM_CR.SVMDIS%s)",
			 vm_cr & VM_CR_LOCK ? ", locked" : "");
	return true;
}
