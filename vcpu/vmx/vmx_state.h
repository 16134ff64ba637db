/* SPDX-License-Identifier: BSD-2-Clause */
/* The VMX backend's per-vCPU and per-partition state, embedded by value (no VMX definitions). */
#ifndef BULKHEAD_VMX_STATE_H
#define BULKHEAD_VMX_STATE_H

#include <stdbool.h>
#include <stdint.h>

#include "shadow_table.h"

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

struct vmcs12;

/* Nested VMX (nested/vmx/): what L0 keeps to run the partition's own guest (L2). Allocated once
 * per vCPU of a partition with nested = "vmx"; a reset only drops the state. */
struct vmx_nested {
	void *vmcs01, *vmcs02; /* the partition's own VMCS (while L2 runs); the one that runs L2 */
	uint64_t vmcs01_pa, vmcs02_pa;
	bool launched01, launched02, vmcs02_ready; /* ready: host state written once */
	struct vmcs12 *vmcs12;			   /* L0's cache of L1's current VMCS */
	uint64_t vmxon_gpa, current_gpa;	   /* current_gpa ~0: no current VMCS */
	uint8_t *io12, *msr12;			   /* L0's copies of L1's bitmaps */
	uint8_t *vmread12, *vmwrite12;		   /* L0's copies of L1's VMREAD/VMWRITE bitmaps */
	uint8_t *io02, *msr02;			   /* merged: open where L0 and L1 both open */
	struct shadow_pool shadow;		   /* the EPT12 shadow (EPT12 on EPT01) */
	uint64_t eptp12;			   /* the EPT12 pointer the shadow was built from */
	uint16_t vpid12;	  /* L2's VPID in VMCS12 when the vpid02 TLB was last flushed */
	uint64_t feature_control; /* IA32_FEATURE_CONTROL as L1 sees it */
	uint64_t vmentries, reflected, failed;
	uint32_t logged, logged_run;
	bool ready, vmxon, in_l2, ept12;
	bool timer12;	   /* L2 runs on L1's VMX-preemption timer */
	bool ept_flush;	   /* the shadow was reset: INVEPT it before L2 runs */
	void *shadow_vmcs; /* VMCS shadowing for L1's VMREAD/VMWRITE (nested/vmx/shadow.c) */
	uint64_t shadow_vmcs_pa;
	bool shadowing, shadow_live; /* the CPU has it; VMCS01 links the shadow now */
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
	uint32_t proc_ctls; /* the current VMCS's processor controls, less the NMI window */
	struct vmx_nested nested;
};

/* Per partition: shared by its vCPUs. */
struct vmx_partition {
	uint64_t eptp;
	uint64_t io_bitmap_pa, msr_bitmap_pa;
	uint16_t vpid;
	uint16_t vpid02; /* the VPID of its nested guests (nested = "vmx") */
};

#endif
