// SPDX-License-Identifier: BSD-2-Clause
// The CPUID policy: the host's answers, minus what a partition must not see, plus Bulkhead's leaf.

#include <string.h>

#include "nested.h"
#include "partition.h"
#include "tsc.h"
#include "tsc_source.h"
#include "vcpu.h"
#include "vlapic.h"
#include "x86.h"
#include "xcr0.h"

#define CPUID_FEATURES	    0x00000001
#define CPUID_HV_BASE	    0x40000000
#define CPUID_EXT_FEATURES  0x80000001
#define CPUID_SVM_FEATURES  0x8000000a
#define CPUID_1_ECX_MONITOR (1U << 3) /* MONITOR/MWAIT: not virtualized */
#define CPUID_1_ECX_VMX	    (1U << 5)
#define CPUID_1_ECX_X2APIC  (1U << 21) /* offered by vlapic_x2apic_offered() */
#define CPUID_1_ECX_HV	    (1U << 31) /* "running under a hypervisor" */
#define CPUID_1_EDX_MCE	    (1U << 7)
#define CPUID_1_EDX_MCA	    (1U << 14)
#define CPUID_EXT1_ECX_SVM  (1U << 2)
#define CPUID_EXT1_SKINIT   (1U << 12) /* SKINIT/STGI: never offered */
#define CPUID_HV_SIGNATURE  "BulkheadHV\0\0"

/* Leaf 0xD subleaf 1 and up: what lives in IA32_XSS (supervisor state), which a partition does
 * not get (the MSR is not on the allow-list; VMX runs without "enable XSAVES/XRSTORS", so XSAVES
 * would #UD). XCR0's own components (subleaf 0) are all the partition's. */
#define XSAVE_SUBLEAF_EXT      1
#define XSAVE_1_EAX_XSAVES     (1U << 3)
#define XSAVE_1_EAX_XFD	       (1U << 4) /* IA32_XFD is not on the allow-list either */
#define XSAVE_N_ECX_SUPERVISOR (1U << 0)

/* Topology fields that count CPUs: the partition's, never the machine's. */
#define CPUID_CACHE_PARAMS    0x00000004 /* Intel: EAX[31:26] cores per package - 1 */
#define CPUID_EXT_TOPOLOGY    0x0000000b /* EBX[15:0] logical processors at this level */
#define CPUID_V2_TOPOLOGY     0x0000001f
#define CPUID_EXT_SIZES	      0x80000008 /* AMD: ECX[7:0] cores per package - 1 */
#define CPUID_1_EBX_COUNT     0x00ff0000U
#define CPUID_1_EBX_SHIFT     16
#define CPUID_4_EAX_CORES     0xfc000000U
#define CPUID_4_EAX_SHIFT     26
#define CPUID_B_EBX_COUNT     0x0000ffffU
#define CPUID_B_ECX_TYPE      0x0000ff00U
#define CPUID_B_TYPE_SHIFT    8
#define CPUID_B_TYPE_SMT      1
#define CPUID_80000008_ECX_NC 0x000000ffU

enum reg { EAX, EBX, ECX, EDX };

/* One rule: in @leaf, clear @clear and set @set in register @reg; @nested_keeps: a partition
 * with nested virtualization of the CPU's kind keeps the cleared bits. */
struct cpuid_rule {
	uint32_t leaf;
	enum reg reg;
	uint32_t clear, set;
	bool nested_keeps;
};

static const struct cpuid_rule rules[] = {
    {CPUID_FEATURES, ECX, CPUID_1_ECX_MONITOR, CPUID_1_ECX_HV, false},
    {CPUID_FEATURES, ECX, CPUID_1_ECX_VMX, 0, true},
    /* Machine checks are the machine's, handled (or not) by Bulkhead: a partition sees no
     * MCA banks, so it never reads IA32_MCG_* (which are not its to see). */
    {CPUID_FEATURES, EDX, CPUID_1_EDX_MCE | CPUID_1_EDX_MCA, 0, false},
    {CPUID_EXT_FEATURES, ECX, CPUID_EXT1_ECX_SVM, 0, true},
    {CPUID_EXT_FEATURES, ECX, CPUID_EXT1_SKINIT, 0, false},
    /* Leaf 0x8000000A: nested SVM fills in what it emulates (nested_cpuid()). */
    {CPUID_SVM_FEATURES, EAX, ~0U, 0, false},
    {CPUID_SVM_FEATURES, EBX, ~0U, 0, false},
    {CPUID_SVM_FEATURES, ECX, ~0U, 0, false},
    {CPUID_SVM_FEATURES, EDX, ~0U, 0, false},
};

static bool nested_allowed(const struct partition *p)
{
	return p->cfg->nested != CFG_VENDOR_NONE;
}

/* Leaf 0x40000000: the highest hypervisor leaf and the signature. */
static void hv_leaf(uint32_t out[4])
{
	out[EAX] = CPUID_HV_TIMING;
	memcpy(&out[EBX], CPUID_HV_SIGNATURE, 12);
}

/* Leaf 0x40000010: the TSC frequency Bulkhead measured, so that a partition (Bulkhead itself
 * among them) need not calibrate against a PIT it does not own. EBX, the local APIC bus
 * frequency, stays 0 ("not given"): the timer is the real one and Bulkhead never measures it. */
static void hv_timing_leaf(uint32_t out[4])
{
	out[EAX] = tsc_khz > UINT32_MAX ? 0 : (uint32_t)tsc_khz;
}

static uint32_t put(uint32_t reg, uint32_t mask, unsigned int shift, uint32_t val)
{
	return (reg & ~mask) | ((val << shift) & mask);
}

/* Linux and Bulkhead itself enumerate CPUs from the MADT; these fields only describe the
 * package, so they say the partition's CPU count and keep the APIC ID widths. */
/* Leaf 0xB/0x1F: an SMT level counts threads per core (at most the partition's CPUs); the
 * levels above it count the partition's CPUs. */
static uint32_t level_count(const uint32_t out[4], uint32_t ncpus)
{
	uint32_t have = out[EBX] & CPUID_B_EBX_COUNT;

	if ((out[ECX] & CPUID_B_ECX_TYPE) >> CPUID_B_TYPE_SHIFT == CPUID_B_TYPE_SMT)
		return have < ncpus ? have : ncpus;
	return ncpus;
}

static void topology(uint32_t leaf, uint32_t out[4], uint32_t ncpus)
{
	if (leaf == CPUID_FEATURES)
		out[EBX] = put(out[EBX], CPUID_1_EBX_COUNT, CPUID_1_EBX_SHIFT, ncpus);
	else if (leaf == CPUID_CACHE_PARAMS && out[EAX])
		out[EAX] = put(out[EAX], CPUID_4_EAX_CORES, CPUID_4_EAX_SHIFT, ncpus - 1);
	else if ((leaf == CPUID_EXT_TOPOLOGY || leaf == CPUID_V2_TOPOLOGY) &&
		 (out[ECX] & CPUID_B_ECX_TYPE))
		out[EBX] = put(out[EBX], CPUID_B_EBX_COUNT, 0, level_count(out, ncpus));
	else if (leaf == CPUID_EXT_SIZES)
		out[ECX] = put(out[ECX], CPUID_80000008_ECX_NC, 0, ncpus - 1);
}

static void xsave_leaf(uint32_t subleaf, uint32_t out[4])
{
	if (subleaf == XSAVE_SUBLEAF_EXT) {
		out[EAX] &= ~(XSAVE_1_EAX_XSAVES | XSAVE_1_EAX_XFD);
		out[ECX] = out[EDX] = 0; /* the IA32_XSS bits */
	} else if (subleaf > XSAVE_SUBLEAF_EXT && (out[ECX] & XSAVE_N_ECX_SUPERVISOR)) {
		memset(out, 0, 4 * sizeof(out[0]));
	}
}

void vcpu_cpuid(const struct partition *p, uint32_t leaf, uint32_t subleaf, uint32_t out[4])
{
	struct cpuid_regs r;

	if ((leaf & 0xf0000000U) == CPUID_HV_BASE) {
		memset(out, 0, 4 * sizeof(out[0]));
		if (leaf == CPUID_HV_BASE)
			hv_leaf(out);
		else if (leaf == CPUID_HV_TIMING)
			hv_timing_leaf(out);
		return;
	}
	r = cpuid_count(leaf, subleaf);
	out[EAX] = r.eax;
	out[EBX] = r.ebx;
	out[ECX] = r.ecx;
	out[EDX] = r.edx;
	for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
		if (rules[i].leaf != leaf || (rules[i].nested_keeps && nested_allowed(p)))
			continue;
		out[rules[i].reg] = (out[rules[i].reg] & ~rules[i].clear) | rules[i].set;
	}
	if (leaf == CPUID_FEATURES && !vlapic_x2apic_offered())
		out[ECX] &= ~CPUID_1_ECX_X2APIC;
	if (leaf == CPUID_XSAVE_LEAF)
		xsave_leaf(subleaf, out);
	nested_cpuid(p, leaf, out);
	topology(leaf, out, (uint32_t)p->cfg->ncpus);
}

/* Bulkhead's CPUID ran with its own CR4, whose OSXSAVE is always clear: the asking CPU's
 * CR4.OSXSAVE goes in instead. Leaf 0xD's sizes already follow the partition's XCR0, which
 * stays loaded while Bulkhead handles the exit. */
void vcpu_cpuid_for(struct vcpu *v, uint32_t leaf, uint32_t subleaf, uint32_t out[4])
{
	struct vcpu_paging pg;

	vcpu_cpuid(v->part, leaf, subleaf, out);
	if (leaf != CPUID_FEATURES || !(out[ECX] & CPUID_1_ECX_XSAVE))
		return;
	vcpu_ops->get_paging(v, &pg);
	if (pg.cr4 & CR4_OSXSAVE)
		out[ECX] |= CPUID_1_ECX_OSXSAVE;
	else
		out[ECX] &= ~CPUID_1_ECX_OSXSAVE;
}
