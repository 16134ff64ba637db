// SPDX-License-Identifier: BSD-2-Clause
// The MSR policy for exits the allow-list did not pass through: emulate a few, refuse the rest.

#include "nested.h"
#include "partition.h"
#include "printk.h"
#include "traps.h"
#include "vcpu_internal.h"
#include "vlapic.h"
#include "x2apic.h"
#include "x86.h"

/* EFER bits a partition may set (APM Vol. 2, 3.1.7): SCE, LME, LMA (ignored), NXE, FFXSR.
 * SVME only where nested SVM is emulated (nested_efer_allowed()). */
#define EFER_SCE	(1ULL << 0)
#define EFER_LMA_BIT	(1ULL << 10)
#define EFER_FFXSR	(1ULL << 14)
#define CR0_PG_BIT	(1ULL << 31)
#define EFER_WRITABLE	(EFER_SCE | EFER_LME | EFER_LMA_BIT | EFER_NXE | EFER_FFXSR)
#define PAT_TYPE_MASK	0x0707070707070707ULL /* three type bits per entry, the rest reserved */
#define PAT_TYPE_RSVD_2 0x02		      /* types 2 and 3 are reserved (SDM 11.12.2) */
#define PAT_TYPE_RSVD_3 0x03

/* MTRRs (SDM Vol. 3A 12.11): memory types come from Bulkhead's NPT/EPT and the guest's PAT, so
 * the partition gets the smallest honest MTRR set: no variable or fixed ranges, no WC
 * (MTRRcap 0), and a default type it may read back. Firmware leaves MTRRs enabled with
 * write-back as default; a partition's "firmware" is Bulkhead. */
#define MSR_MTRRCAP	   0x000000fe
#define MSR_MTRR_DEF_TYPE  0x000002ff
#define MTRR_DEF_E	   (1ULL << 11)
#define MTRR_DEF_TYPE_MASK 0xffULL
#define MTRR_DEF_WRITABLE  (MTRR_DEF_E | MTRR_DEF_TYPE_MASK) /* FE needs MTRRcap.FIX */
#define MTRR_TYPE_WB	   0x06
#define MTRR_DEF_FIRMWARE  (MTRR_DEF_E | MTRR_TYPE_WB)

/* Memory types an MTRR may hold: UC, WT, WP, WB. 2, 3 and above 6 are reserved, and WC (1)
 * needs MTRRcap.WC, which is 0 here: a write of either is #GP (SDM 12.11.1). */
static bool mtrr_def_valid(uint64_t val)
{
	uint8_t type = (uint8_t)(val & MTRR_DEF_TYPE_MASK);

	return !(val & ~MTRR_DEF_WRITABLE) && (type == 0 || (type >= 4 && type <= MTRR_TYPE_WB));
}

/* AMD's interrupt-pending message register: Linux reads it on families with erratum 400 to
 * see whether the firmware turned on C1E; a partition's cores never enter it (bits 28:27). */
#define MSR_K8_INT_PENDING_MSG 0xc0010055

/* Every x86-64 CPU has DEBUGCTL and Linux reads it unguarded (KVM before each guest run). Branch
 * recording and branch single-step are not offered: it reads 0 and only 0 may be written. */
#define MSR_DEBUGCTL 0x000001d9

void vcpu_msr_reset(struct vcpu *v)
{
	v->mtrr_def_type = MTRR_DEF_FIRMWARE;
}

static bool pat_valid(uint64_t pat)
{
	if (pat & ~PAT_TYPE_MASK)
		return false;
	for (int i = 0; i < 8; i++) {
		uint8_t t = (uint8_t)(pat >> (i * 8));

		if (t == PAT_TYPE_RSVD_2 || t == PAT_TYPE_RSVD_3)
			return false;
	}
	return true;
}

static bool efer_write_ok(struct vcpu *v, uint64_t val)
{
	struct vcpu_paging pg;
	uint64_t cur;

	if (val & ~(EFER_WRITABLE | nested_efer_allowed(v)))
		return false;
	vcpu_ops->state_msr(v, MSR_EFER, false, &cur);
	vcpu_ops->get_paging(v, &pg);
	/* LME may not change while paging is on (APM 14.6.1), legacy paging included. */
	return !(pg.cr0 & CR0_PG_BIT) || !((cur ^ val) & EFER_LME);
}

/* True: handled, @val holds a read's result. False: the access raises #GP. */
bool vcpu_msr_emulate(struct vcpu *v, uint32_t index, bool write, uint64_t *val)
{
	bool ok;

	if (nested_msr(v, index, write, val, &ok))
		return ok; /* VM_HSAVE_PA, VM_CR where nested SVM is emulated */
	switch (index) {
	case MSR_EFER:
		if (write && !efer_write_ok(v, *val))
			return false;
		return vcpu_ops->state_msr(v, index, write, val);
	case MSR_PAT:
		if (write && !pat_valid(*val))
			return false;
		return vcpu_ops->state_msr(v, index, write, val);
	case MSR_APIC_BASE:
		return vlapic_msr(v, index, write, val);
	case MSR_MTRRCAP:
	case MSR_K8_INT_PENDING_MSG:
		if (write)
			return false;
		*val = 0;
		return true;
	case MSR_DEBUGCTL:
		if (write)
			return *val == 0;
		*val = 0;
		return true;
	case MSR_MTRR_DEF_TYPE:
		if (write && !mtrr_def_valid(*val))
			return false;
		if (write)
			v->mtrr_def_type = *val;
		else
			*val = v->mtrr_def_type;
		return true;
	case X2APIC_MSR_FIRST ... X2APIC_MSR_LAST:
		return vlapic_x2apic_msr(v, index, write, val);
	case MSR_TSC:
		/* Its cores' TSCs are also Bulkhead's clock: readable, never moved. */
		if (write)
			return false;
		*val = rdtsc();
		return true;
	default:
		return false;
	}
}

bool vcpu_on_msr(struct vcpu *v, const struct vcpu_exit *e)
{
	uint64_t val = (v->regs.rdx << 32) | (v->regs.rax & 0xffffffffULL);
	struct vcpu_event gp = {.type = VCPU_EVENT_EXCEPTION, .vector = VEC_GP, .has_error = true};

	if (!vcpu_msr_emulate(v, e->msr.index, e->msr.write, &val)) {
		pr_debug("%s: %s of MSR 0x%x refused (#GP)", v->part->cfg->name,
			 e->msr.write ? "write" : "read", e->msr.index);
		vcpu_ops->inject(v, &gp);
		return true;
	}
	if (!e->msr.write) {
		v->regs.rax = val & 0xffffffffULL;
		v->regs.rdx = val >> 32;
	}
	v->regs.rip += e->insn_len;
	return true;
}
