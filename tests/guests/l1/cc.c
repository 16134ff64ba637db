// SPDX-License-Identifier: BSD-2-Clause
// The VMRUN consistency checks of APM 15.5.1 (and EVENTINJ's of 15.20), one test each: a valid
// L2 with exactly one rule broken must give VMEXIT_INVALID, and L1 goes on.

#include "l1.h"

#define CR0_HIGH_BIT   (1ULL << 32) /* CR0[63:32] MBZ */
#define CR3_MBZ_BIT    (1ULL << 52) /* CR3[63:52] MBZ in long mode */
#define CR4_MBZ_HIGH   (1ULL << 63) /* CR4[63:32] reserved */
#define CR4_MBZ_LOW    (1ULL << 15) /* CR4[15] reserved */
#define DR_HIGH_BIT    (1ULL << 32) /* DR6/DR7[63:32] MBZ */
#define EFER_MBZ_BIT   (1ULL << 63) /* EFER[63:32] reserved */
#define ASID_HOST      0
#define VEC_L2_ANY     0x20 /* any vector: the type is what is wrong */
#define VEC_NMI_NUMBER 2    /* an NMI, not an exception (APM 15.20) */

struct cc_case {
	const char *name;
	void (*break_it)(struct vmcb *v);
};

static void efer_svme(struct vmcb *v)
{
	v->save.efer &= ~EFER_SVME;
}
static void cr0_cd_nw(struct vmcb *v)
{
	v->save.cr0 = (v->save.cr0 & ~CR0_CD) | CR0_NW;
}
static void cr0_high(struct vmcb *v)
{
	v->save.cr0 |= CR0_HIGH_BIT;
}
static void cr3_mbz(struct vmcb *v)
{
	v->save.cr3 |= CR3_MBZ_BIT;
}
static void cr4_mbz_high(struct vmcb *v)
{
	v->save.cr4 |= CR4_MBZ_HIGH;
}
static void cr4_mbz_low(struct vmcb *v)
{
	v->save.cr4 |= CR4_MBZ_LOW;
}
static void dr6_high(struct vmcb *v)
{
	v->save.dr6 |= DR_HIGH_BIT;
}
static void dr7_high(struct vmcb *v)
{
	v->save.dr7 |= DR_HIGH_BIT;
}
static void efer_mbz(struct vmcb *v)
{
	v->save.efer |= EFER_MBZ_BIT;
}
static void lme_pg_no_pae(struct vmcb *v)
{
	v->save.cr4 &= ~CR4_PAE;
}
static void lme_pg_no_pe(struct vmcb *v)
{
	v->save.cr0 &= ~CR0_PE;
}
static void cs_l_d(struct vmcb *v)
{
	v->save.cs.attrib |= SEG_ATTR_D;
}
static void vmrun_intercept(struct vmcb *v)
{
	v->control.intercept_misc2 &= ~INTERCEPT_VMRUN;
}
static void asid_zero(struct vmcb *v)
{
	v->control.asid = ASID_HOST;
}
static void eventinj_type(struct vmcb *v)
{
	v->control.event_inj = EVENTINJ_VALID | EVENTINJ_TYPE_RESERVED | VEC_L2_ANY;
}
static void eventinj_nmi_exception(struct vmcb *v)
{
	v->control.event_inj = EVENTINJ_VALID | EVENTINJ_TYPE_EXCEPT | VEC_NMI_NUMBER;
}

/* The table's last byte at or past MAXPHYADDR (CPUID 0x80000008 EAX[7:0]). */
static uint64_t past_maxphyaddr(uint64_t table_size)
{
	uint32_t a = CPUID_ADDR_SIZES, b, c = 0, d;

	asm volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
	return (1ULL << (a & MAXPHYADDR_MASK)) - table_size + PAGE_SIZE;
}
static void iopm_beyond(struct vmcb *v)
{
	v->control.intercept_misc1 |= INTERCEPT_IOIO_PROT;
	v->control.iopm_base_pa = past_maxphyaddr(IOPM_SIZE);
}
static void msrpm_beyond(struct vmcb *v)
{
	v->control.intercept_misc1 |= INTERCEPT_MSR_PROT;
	v->control.msrpm_base_pa = past_maxphyaddr(MSRPM_SIZE);
}

static const struct cc_case cases[] = {
    {"cc-efer-svme", efer_svme},
    {"cc-cr0-cd-nw", cr0_cd_nw},
    {"cc-cr0-high", cr0_high},
    {"cc-cr3-mbz", cr3_mbz},
    {"cc-cr4-mbz-high", cr4_mbz_high},
    {"cc-cr4-mbz-low", cr4_mbz_low},
    {"cc-dr6-high", dr6_high},
    {"cc-dr7-high", dr7_high},
    {"cc-efer-mbz", efer_mbz},
    {"cc-lme-pg-no-pae", lme_pg_no_pae},
    {"cc-lme-pg-no-pe", lme_pg_no_pe},
    {"cc-cs-l-d", cs_l_d},
    {"cc-vmrun-intercept", vmrun_intercept},
    {"cc-asid-zero", asid_zero},
    {"cc-iopm-beyond", iopm_beyond},
    {"cc-msrpm-beyond", msrpm_beyond},
    {"cc-eventinj-type", eventinj_type},
    {"cc-eventinj-nmi-exception", eventinj_nmi_exception},
};

static const struct cc_case *cc_current;

static void cc_one(void)
{
	l2_setup(l2_done);
	cc_current->break_it(&l2_vmcb);
	uint64_t code = l2_run(); /* here again: L1 goes on after the failed VMRUN */

	if (code == VMEXIT_INVALID32)
		l1_note("VMEXIT_INVALID stored as 32-bit 0xffffffff, the APM says 64-bit -1");
	else
		CHECK_EQ(code, VMEXIT_INVALID);
}

/* After all of them, the same L2 unbroken still runs. */
static void cc_valid_after(void)
{
	l2_setup(l2_done);
	l2_run();
	L2_EXPECT_DONE();
}

void cc_run_all(void)
{
	for (unsigned int i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cc_current = &cases[i];
		l1_run_test(cases[i].name, cc_one, NEED_SVM);
	}
	l1_run_test("cc-valid-after", cc_valid_after, NEED_SVM);
}
