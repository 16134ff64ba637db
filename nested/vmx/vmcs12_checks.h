/* SPDX-License-Identifier: BSD-2-Clause */
/* What the VM-entry check groups share (SDM Vol. 3C, 26.2, 26.3): the CC() recorder, the
 * architectural bits only the checks use, and small predicates over L0's copy of VMCS12. */
#ifndef BULKHEAD_NESTED_VMCS12_CHECKS_H
#define BULKHEAD_NESTED_VMCS12_CHECKS_H

#include "vmcs12.h"
#include "vmx/vmcs.h"
#include "vmx/vmx_ctls.h"

/* The failing check's section and text: a refused VMCS12 says exactly which rule it broke. */
#define CC(sec, expr)                          \
	do {                                   \
		if (expr)                      \
			return sec ": " #expr; \
	} while (0)

#define CR0_PE	   (1ULL << 0)
#define CR0_PG	   (1ULL << 31)
#define CR4_PAE	   (1ULL << 5)
#define CR4_PCIDE  (1ULL << 17)
#define EFER_LME   (1ULL << 8)
#define EFER_LMA   (1ULL << 10)
#define EFER_VALID 0xd01ULL /* SCE, LME, LMA, NXE: the rest is reserved on Intel */
#define RFLAGS_TF  (1ULL << 8)
#define RFLAGS_IF  (1ULL << 9)
#define RFLAGS_VM  (1ULL << 17)
#define PAGE_4K	   4096ULL

/* IA32_VMX_MISC (A.6) */
#define MISC_ACT_HLT	    (1ULL << 6)
#define MISC_ACT_SHUTDOWN   (1ULL << 7)
#define MISC_ACT_SIPI	    (1ULL << 8)
#define MISC_MSR_LIST_SHIFT 25 /* bits 27:25: 512 * (N + 1) MSRs per list */
#define MISC_MSR_LIST_MASK  7ULL
#define MISC_MSR_LIST_UNIT  512ULL
#define MISC_INSN_LEN_0	    (1ULL << 30)

/* IA32_VMX_EPT_VPID_CAP (A.10) and the EPT pointer (24.6.11) */
#define EPT_CAP_WALK_4	  (1ULL << 6)
#define EPT_CAP_WALK_5	  (1ULL << 7)
#define EPT_CAP_UC	  (1ULL << 8)
#define EPT_CAP_WB	  (1ULL << 14)
#define EPT_CAP_AD	  (1ULL << 21)
#define EPT_CAP_SSS	  (1ULL << 23)
#define EPTP_MT_MASK	  7ULL
#define EPTP_MT_UC	  0ULL
#define EPTP_MT_WB	  6ULL
#define EPTP_WALK_SHIFT	  3
#define EPTP_WALK_MASK	  7ULL
#define EPTP_AD		  (1ULL << 6)
#define EPTP_SSS	  (1ULL << 7)
#define EPTP_RESERVED_LOW 0xf00ULL /* bits 11:8 */

/* Guest non-register state (24.4.2) */
#define ACT_ACTIVE	  0U
#define ACT_HLT		  1U
#define ACT_SHUTDOWN	  2U
#define ACT_WAIT_SIPI	  3U
#define INTR_BLOCK_STI	  (1U << 0)
#define INTR_BLOCK_MOV_SS (1U << 1)
#define INTR_BLOCK_SMI	  (1U << 2)
#define INTR_BLOCK_NMI	  (1U << 3)
#define INTR_STATE_RSVD	  0xfffffff0U /* bit 4 (enclave) too: SGX is not offered */
#define PEND_DBG_BS	  (1ULL << 14)
#define PEND_DBG_VALID	  0x500fULL /* B3-B0, enabled breakpoint, BS */
#define DEBUGCTL_BTF	  (1ULL << 1)
#define DEBUGCTL_RESERVED 0xffffffffffff003cULL /* bits 5:2 and 63:16 */

/* Exit qualifications of a guest-state entry failure (27.8) */
#define ENTRY_QUAL_PDPTE 2U
#define ENTRY_QUAL_LINK	 4U

#define VMX_ERR_ENTRY_CONTROLS 7U
#define VMX_ERR_ENTRY_HOST     8U

static inline uint32_t proc2_of(const struct vmcs12 *v)
{
	/* Without "activate secondary controls" the secondary controls are all 0 (24.6.2). */
	return (v->proc_ctls & PROC_SECONDARY) ? v->proc2_ctls : 0;
}

static inline bool ia32e_guest(const struct vmcs12 *v)
{
	return v->entry_ctls & ENTRY_IA32E;
}

static inline bool unrestricted(const struct vmcs12 *v)
{
	return proc2_of(v) & PROC2_UNRESTRICT;
}

/* Bits beyond MAXPHYADDR are 0. */
static inline bool pa_ok(uint64_t pa, const struct vmcs12_env *env)
{
	return env->phys_bits >= 64 || (pa >> env->phys_bits) == 0;
}

bool vmcs12_canonical(uint64_t la, const struct vmcs12_env *env);
bool vmcs12_pat_ok(uint64_t pat);
/* A page-aligned structure within MAXPHYADDR that lies in L1's memory. */
bool vmcs12_page_ok(uint64_t pa, const struct vmcs12_env *env);
bool vmcs12_eptp_ok(uint64_t eptp, const struct vmcs12_env *env);
bool vmcs12_msr_list_ok(uint64_t addr, uint32_t count, const struct vmcs12_env *env);

const char *vmcs12_check_controls(const struct vmcs12 *v, const struct vmcs12_env *env);
const char *vmcs12_check_events(const struct vmcs12 *v, const struct vmcs12_env *env);
const char *vmcs12_check_host(const struct vmcs12 *v, const struct vmcs12_env *env);
const char *vmcs12_check_guest_regs(const struct vmcs12 *v, const struct vmcs12_env *env);
const char *vmcs12_check_guest_rip_rflags(const struct vmcs12 *v, const struct vmcs12_env *env);
const char *vmcs12_check_guest_segs(const struct vmcs12 *v, const struct vmcs12_env *env);
const char *vmcs12_check_guest_state(const struct vmcs12 *v, const struct vmcs12_env *env);
const char *vmcs12_check_link(const struct vmcs12 *v, const struct vmcs12_env *env);
const char *vmcs12_check_pdptes(const struct vmcs12 *v, const struct vmcs12_env *env);

#endif
