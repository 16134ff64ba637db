/* SPDX-License-Identifier: BSD-2-Clause */
/* The VMX backend's per-vCPU and per-partition state, embedded by value (no VMX definitions). */
#ifndef BULKHEAD_VMX_STATE_H
#define BULKHEAD_VMX_STATE_H

#include <stdbool.h>
#include <stdint.h>

struct vmx_seg_state {
	uint16_t sel;
	uint32_t ar; /* VMCS access-rights format (24.4.1) */
	uint32_t limit;
	uint64_t base;
};

/* The guest state a boot writes into the VMCS; also what the entry checks read back. */
struct vmx_guest {
	struct vmx_seg_state seg[8]; /* enum vmx_seg order: ES CS SS DS FS GS LDTR TR */
	uint64_t cr0, cr3, cr4, efer, pat, rflags, dr7, rip, rsp;
	uint64_t gdtr_base, idtr_base;
	uint32_t gdtr_limit, idtr_limit;
	uint32_t cr0_shadow, cr4_shadow; /* what the guest reads back */
	bool ia32e;			 /* the "IA-32e mode guest" entry control */
};

struct vmx_vcpu {
	void *vmcs;
	uint64_t vmcs_pa;
	uint8_t *msr_bitmap; /* the partition's, plus this vCPU's x2APIC mode */
	bool loaded;	     /* current on its own CPU, controls and host state written */
	bool launched;	     /* VMRESUME from now on */
	bool boot_pending;   /* @boot is written at the next run, on the vCPU's own CPU */
	bool flush;	     /* invalidate the partition's cached translations first */
	struct vmx_guest boot;
	uint32_t inject_info, inject_error; /* VM-entry interruption information, 0: none */
	bool nmi_pending;		    /* an NMI waiting for the guest's NMI window */
};

/* Per partition: shared by its vCPUs. */
struct vmx_partition {
	uint64_t eptp;
	uint64_t io_bitmap_pa, msr_bitmap_pa;
	uint16_t vpid;
};

#endif
