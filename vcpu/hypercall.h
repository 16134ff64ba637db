/* SPDX-License-Identifier: BSD-2-Clause */
/* The hypercall ABI (docs/hypercalls.md): shared by Bulkhead and the guests it runs. */
#ifndef BULKHEAD_HYPERCALL_H
#define BULKHEAD_HYPERCALL_H

#include <stdint.h>

/* VMMCALL (AMD) or VMCALL (Intel): RAX = number, RDI, RSI, RDX = arguments, RAX = result. */
enum hc_number {
	HC_CONSOLE_WRITE = 0,  /* RDI = gpa of bytes, RSI = length: bytes written */
	HC_PARTITION_INFO = 1, /* RDI = gpa of a struct hc_partition_info: 0 */
	HC_EXIT_COUNT = 2,     /* RDI = enum hc_exit_reason: exits of this partition so far */
	HC_TEST_EXIT = 3,      /* RDI = status: the partition stops; does not return */
	HC_TSC_KHZ = 4,	       /* the TSC frequency in kHz, for guest-time measurements */
	HC_EXITS_PRINT = 5,    /* Bulkhead prints this partition's exit counters: 0 */
	HC_COUNT
};

/* Results are signed: negative is an error. */
#define HC_OK	       0
#define HC_E_NOSYS     (-38) /* unknown hypercall number */
#define HC_E_FAULT     (-14) /* a buffer is not inside the partition's memory */
#define HC_E_INVAL     (-22) /* an argument is out of range */
#define HC_CONSOLE_MAX 256   /* bytes one console write takes at most */

/* The per-reason exit counters a guest can read, in the order Bulkhead prints them. */
enum hc_exit_reason {
	HC_EXIT_CPUID,
	HC_EXIT_MSR,
	HC_EXIT_IO,
	HC_EXIT_NPF,
	HC_EXIT_HLT,
	HC_EXIT_HYPERCALL,
	HC_EXIT_SHUTDOWN,
	HC_EXIT_INTR,
	HC_EXIT_VIRT_INSN, /* an SVM/VMX instruction the partition may not use */
	HC_EXIT_OTHER,
	HC_EXIT_APIC,	/* an access to the trapped local APIC page */
	HC_EXIT_XSETBV, /* an emulated XSETBV (VMX; SVM lets the CPU run it) */
	HC_EXIT_REASONS
};

#define HC_INFO_MAGIC 0x64686b6c75624248ULL /* "BHbulkhd" */
#define HC_NAME_MAX   32

struct hc_partition_info {
	uint64_t magic;
	uint32_t abi_version; /* 1 */
	uint32_t index;	      /* the partition's place in the description */
	uint32_t ncpus;
	uint32_t vcpu; /* which of its CPUs asks */
	uint64_t memory_bytes;
	char name[HC_NAME_MAX];
};

#define HC_ABI_VERSION 1

_Static_assert(sizeof(struct hc_partition_info) == 64, "hypercall ABI: partition info size");
_Static_assert(__builtin_offsetof(struct hc_partition_info, name) == 32, "ABI: name offset");

#endif
