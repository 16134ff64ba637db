// SPDX-License-Identifier: BSD-2-Clause
// MSRs a partition writes straight into its cores (msr_allow.c) that no VM entry or exit
// switches: a partition's (re)start must not find what its previous run, firmware or
// Bulkhead's boot left in them.

#include <stddef.h>

#include "vcpu.h"
#include "x86.h"

#define MSR_STAR	   0xc0000081
#define MSR_LSTAR	   0xc0000082
#define MSR_CSTAR	   0xc0000083
#define MSR_SFMASK	   0xc0000084
#define MSR_KERNEL_GS_BASE 0xc0000102
#define MSR_TSC_AUX	   0xc0000103
#define CPUID_EXT_FEATURES 0x80000001
#define CPUID_EXT1_RDTSCP  (1U << 27) /* EDX */
#define CPUID_7_ECX_RDPID  (1U << 22)

/* Architectural reset values (SDM Vol. 3A table 10-1): all zero. On SVM the syscall MSRs and
 * KERNEL_GS_BASE are also in the VMCB, which VMLOAD puts over these; TSC_AUX is on neither
 * vendor's switch list. */
void vcpu_core_msrs_reset(void)
{
	static const uint32_t msrs[] = {MSR_STAR, MSR_LSTAR, MSR_CSTAR, MSR_SFMASK,
					MSR_KERNEL_GS_BASE};

	for (size_t i = 0; i < sizeof(msrs) / sizeof(msrs[0]); i++)
		wrmsr(msrs[i], 0);
	if ((cpuid(CPUID_EXT_FEATURES).edx & CPUID_EXT1_RDTSCP) ||
	    (cpuid_count(7, 0).ecx & CPUID_7_ECX_RDPID))
		wrmsr(MSR_TSC_AUX, 0);
}
