// SPDX-License-Identifier: BSD-2-Clause
// The MSR allow-list shared by the SVM and VMX permission maps.

#include "msr_allow.h"

/* State the partition owns outright on its own cores. SVM switches it with VMLOAD/VMSAVE; VMX
 * keeps SYSENTER and the FS/GS bases in the VMCS and leaves the syscall MSRs and KERNEL_GS_BASE
 * in the CPU, which Bulkhead (no SYSCALL, no SWAPGS) never uses on a partition's core; so is
 * TSC_AUX on both. vcpu_core_msrs_reset() clears what stays in the CPU at every (re)start. */
const uint32_t msr_allow[] = {
    0x00000174, /* SYSENTER_CS */
    0x00000175, /* SYSENTER_ESP */
    0x00000176, /* SYSENTER_EIP */
    0xc0000081, /* STAR */
    0xc0000082, /* LSTAR */
    0xc0000083, /* CSTAR */
    0xc0000084, /* SFMASK */
    0xc0000100, /* FS_BASE */
    0xc0000101, /* GS_BASE */
    0xc0000102, /* KERNEL_GS_BASE */
    0xc0000103, /* TSC_AUX: RDTSCP and RDPID read it; Bulkhead never does */
};

const size_t msr_allow_count = sizeof(msr_allow) / sizeof(msr_allow[0]);
