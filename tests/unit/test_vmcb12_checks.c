// SPDX-License-Identifier: BSD-2-Clause
// The VMRUN consistency checks (APM Vol. 2, 15.5.1): a valid VMCB12 passes, and each rule
// broken on its own (and only just) is refused with that rule's text; L1's permission maps.

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "npt12.h"
#include "vmcb02_control.h"
#include "vmcb12_checks.h"

#define PHYS_BITS     48
#define L1_MEM_END    0x4000000ULL /* L1 owns guest-physical [0, 64 MiB) */
#define EFER_OK	      0x5d01ULL
#define CR4_OK	      0xf71fffULL
#define CR0_LONG      0x80000011ULL /* PG, ET, PE */
#define CR4_PAE	      0x20ULL
#define EFER_LONG     0x1d00ULL /* SVME, NXE, LMA, LME */
#define ATTR_CODE64   0xa9b
#define IOPM_BYTES_T  0x3000ULL
#define MSRPM_BYTES_T 0x2000ULL

static bool in_l1(const void *ctx, uint64_t gpa, uint64_t len)
{
	(void)ctx;
	return gpa < L1_MEM_END && len <= L1_MEM_END - gpa;
}

static const struct vmcb12_env env = {
    .phys_bits = PHYS_BITS,
    .efer_allowed = EFER_OK,
    .cr4_allowed = CR4_OK,
    .npt_offered = false,
    .in_l1 = in_l1,
};

/* A 64-bit L2 that L1 could really run: CPUID, I/O and MSR intercepts with maps in its memory. */
static void valid(struct vmcb *v)
{
	memset(v, 0, sizeof(*v));
	v->save.efer = EFER_LONG;
	v->save.cr0 = CR0_LONG;
	v->save.cr3 = 0x1000;
	v->save.cr4 = CR4_PAE;
	v->save.dr6 = 0xffff0ff0;
	v->save.dr7 = 0x400;
	v->save.cs.attrib = ATTR_CODE64;
	v->control.intercept_misc1 = INTERCEPT_CPUID | INTERCEPT_IOIO | INTERCEPT_MSR;
	v->control.intercept_misc2 = INTERCEPT_VMRUN;
	v->control.asid = 1;
	v->control.iopm_base_pa = L1_MEM_END - IOPM_BYTES_T;
	v->control.msrpm_base_pa = 0x10000;
}

static void test_valid_passes(void **state)
{
	struct vmcb *v = aligned_alloc(4096, sizeof(*v));

	(void)state;
	valid(v);
	assert_null(vmcb12_check(v, &env));
	/* Just inside the boundaries: CR3 at the top of MAXPHYADDR, EFER with every allowed bit
	 * that keeps the mode, a deliverable exception with an error code. */
	v->save.cr3 = (1ULL << PHYS_BITS) - 0x1000;
	v->save.efer = EFER_LONG | 0x4001;
	v->control.event_inj = 14 | EVENTINJ_TYPE_EXCEPTION | EVENTINJ_EV | EVENTINJ_VALID;
	assert_null(vmcb12_check(v, &env));
	free(v);
}

/* One rule broken, just past its boundary; @expect: a piece of the rule's text. */
struct breach {
	const char *name;
	void (*mutate)(struct vmcb *v);
	const char *expect;
};

static void no_svme(struct vmcb *v)
{
	v->save.efer &= ~(1ULL << 12);
}
static void efer_mbz(struct vmcb *v)
{
	v->save.efer |= 1ULL << 13; /* LMSLE: not offered */
}
static void efer_high(struct vmcb *v)
{
	v->save.efer |= 1ULL << 63;
}
static void cd0_nw1(struct vmcb *v)
{
	v->save.cr0 |= 1ULL << 29;
}
static void cr0_high(struct vmcb *v)
{
	v->save.cr0 |= 1ULL << 32;
}
static void cr3_mbz(struct vmcb *v)
{
	v->save.cr3 = 1ULL << PHYS_BITS;
}
static void cr3_legacy(struct vmcb *v)
{
	v->save.efer &= ~0x500ULL; /* LME, LMA off: 32-bit paging */
	v->save.cs.attrib = 0xc9b;
	v->save.cr3 = 1ULL << 32;
}
static void cr4_vmxe(struct vmcb *v)
{
	v->save.cr4 |= 1ULL << 13;
}
static void cr4_rsvd(struct vmcb *v)
{
	v->save.cr4 |= 1ULL << 24;
}
static void dr6_high(struct vmcb *v)
{
	v->save.dr6 |= 1ULL << 32;
}
static void dr7_high(struct vmcb *v)
{
	v->save.dr7 |= 1ULL << 63;
}
static void lm_no_pae(struct vmcb *v)
{
	v->save.cr4 &= ~CR4_PAE;
}
static void lm_no_pe(struct vmcb *v)
{
	v->save.cr0 &= ~1ULL;
}
static void cs_l_and_d(struct vmcb *v)
{
	v->save.cs.attrib |= VMCB_ATTR_DB;
}
static void no_vmrun(struct vmcb *v)
{
	v->control.intercept_misc2 = 0;
}
static void asid0(struct vmcb *v)
{
	v->control.asid = 0;
}
static void ev_type1(struct vmcb *v)
{
	v->control.event_inj = EVENTINJ_VALID | (1ULL << 8) | 32;
}
static void ev_type5(struct vmcb *v)
{
	v->control.event_inj = EVENTINJ_VALID | (5ULL << 8) | 32;
}
static void ev_nmi_exc(struct vmcb *v)
{
	v->control.event_inj = EVENTINJ_VALID | EVENTINJ_TYPE_EXCEPTION | 2;
}
static void ev_exc_32(struct vmcb *v)
{
	v->control.event_inj = EVENTINJ_VALID | EVENTINJ_TYPE_EXCEPTION | 32;
}
static void ev_rsvd(struct vmcb *v)
{
	v->control.event_inj = EVENTINJ_VALID | (1ULL << 12) | 32;
}
static void npt_asked(struct vmcb *v)
{
	v->control.np_control = NP_ENABLE;
}
static void iopm_out(struct vmcb *v)
{
	v->control.iopm_base_pa = L1_MEM_END - IOPM_BYTES_T + 0x1000;
}
static void msrpm_out(struct vmcb *v)
{
	v->control.msrpm_base_pa = L1_MEM_END - MSRPM_BYTES_T + 0x1000;
}
static void msrpm_far(struct vmcb *v)
{
	v->control.msrpm_base_pa = 0xfffffffffffff000ULL;
}

static const struct breach breaches[] = {
    {"EFER.SVME clear", no_svme, "EFER_SVME_B"},
    {"EFER MBZ bit 13", efer_mbz, "efer_allowed"},
    {"EFER MBZ bit 63", efer_high, "efer_allowed"},
    {"CR0.CD=0 with NW=1", cd0_nw1, "CR0_NW"},
    {"CR0[63:32]", cr0_high, "HIGH32(s->cr0)"},
    {"CR3 past MAXPHYADDR", cr3_mbz, "phys_bits"},
    {"CR3[63:32] outside long mode", cr3_legacy, "HIGH32(s->cr3)"},
    {"CR4.VMXE on AMD", cr4_vmxe, "cr4_allowed"},
    {"CR4 reserved bit 24", cr4_rsvd, "cr4_allowed"},
    {"DR6[63:32]", dr6_high, "HIGH32(s->dr6)"},
    {"DR7[63:32]", dr7_high, "HIGH32(s->dr7)"},
    {"long mode without PAE", lm_no_pae, "!(s->cr4 & CR4_PAE)"},
    {"long mode without PE", lm_no_pe, "!(s->cr0 & CR0_PE)"},
    {"CS.L and CS.D", cs_l_and_d, "VMCB_ATTR_DB"},
    {"VMRUN intercept clear", no_vmrun, "INTERCEPT_VMRUN"},
    {"ASID 0", asid0, "asid == 0"},
    {"event type 1", ev_type1, "vmcb12_event_valid"},
    {"event type 5", ev_type5, "vmcb12_event_valid"},
    {"exception vector 2", ev_nmi_exc, "vmcb12_event_valid"},
    {"exception vector 32", ev_exc_32, "vmcb12_event_valid"},
    {"event reserved bit 12", ev_rsvd, "vmcb12_event_valid"},
    {"NPT not offered", npt_asked, "npt_offered"},
    {"IOPM one page past L1", iopm_out, "INTERCEPT_IOIO"},
    {"MSRPM one page past L1", msrpm_out, "INTERCEPT_MSR"},
    {"MSRPM at the top of memory", msrpm_far, "INTERCEPT_MSR"},
};

static void test_each_rule_alone(void **state)
{
	struct vmcb *v = aligned_alloc(4096, sizeof(*v));

	(void)state;
	for (size_t i = 0; i < sizeof(breaches) / sizeof(breaches[0]); i++) {
		const char *why;

		valid(v);
		breaches[i].mutate(v);
		why = vmcb12_check(v, &env);
		if (!why || !strstr(why, breaches[i].expect))
			fail_msg("%s: got \"%s\", want a rule naming \"%s\"", breaches[i].name,
				 why ? why : "(accepted)", breaches[i].expect);
	}
	free(v);
}

/* A map L1 does not use is not checked: its base may be anything (KVM and hardware agree). */
static void test_unused_maps_unchecked(void **state)
{
	struct vmcb *v = aligned_alloc(4096, sizeof(*v));

	(void)state;
	valid(v);
	v->control.intercept_misc1 = INTERCEPT_CPUID;
	v->control.iopm_base_pa = v->control.msrpm_base_pa = 0xfffffffffffff000ULL;
	assert_null(vmcb12_check(v, &env));
	free(v);
}

/* With nested paging offered: nCR3 within MAXPHYADDR and a valid guest PAT. */
static void test_npt_checks(void **state)
{
	struct vmcb *v = aligned_alloc(4096, sizeof(*v));
	struct vmcb12_env npt_env = env;
	const char *why;

	(void)state;
	npt_env.npt_offered = true;
	valid(v);
	v->control.np_control = NP_ENABLE;
	v->control.ncr3 = (1ULL << PHYS_BITS) - 0x1000;
	v->save.g_pat = 0x0007040600070406ULL;
	assert_null(vmcb12_check(v, &npt_env));
	v->control.ncr3 = 1ULL << PHYS_BITS;
	why = vmcb12_check(v, &npt_env);
	assert_non_null(why);
	assert_non_null(strstr(why, "ncr3"));
	v->control.ncr3 = 0x1000;
	v->save.g_pat = 0x0007040600070402ULL; /* type 2: reserved */
	why = vmcb12_check(v, &npt_env);
	assert_non_null(why);
	assert_non_null(strstr(why, "pat_valid"));
	v->save.g_pat = 0x0007040600070408ULL; /* not a type at all */
	assert_non_null(vmcb12_check(v, &npt_env));
	v->control.np_control = 0; /* without nested paging the PAT is not VMCB12's */
	assert_null(vmcb12_check(v, &npt_env));
	free(v);
}

/* A fake L1 memory of 16 pages for NPT12 walks; entries outside it do not exist. */
#define L1_PAGES 16
static uint64_t l1_mem[L1_PAGES][512] __attribute__((aligned(4096)));
static bool l1_ro_page[L1_PAGES];

static uint64_t *l1_entry(const void *ctx, uint64_t gpa, bool *writable)
{
	(void)ctx;
	if (gpa >= sizeof(l1_mem))
		return NULL;
	*writable = !l1_ro_page[gpa / 4096];
	return &l1_mem[gpa / 4096][(gpa % 4096) / 8];
}

#define E_RWU 0x7ULL
#define E_A   (1ULL << 5)
#define E_D   (1ULL << 6)
#define E_PS  (1ULL << 7)
#define E_NX  (1ULL << 63)

/* pml4 page 1, pdpt page 2, pd page 3, pt page 4: L2 0x0 -> L1 0x5000 (4 KiB), L2 2 MiB ->
 * a 2 MiB page at L1 4 MiB. */
static void npt_build(void)
{
	memset(l1_mem, 0, sizeof(l1_mem));
	memset(l1_ro_page, 0, sizeof(l1_ro_page));
	l1_mem[1][0] = 0x2000 | E_RWU;
	l1_mem[2][0] = 0x3000 | E_RWU;
	l1_mem[3][0] = 0x4000 | E_RWU;
	l1_mem[3][1] = 0x400000 | E_RWU | E_PS;
	l1_mem[4][0] = 0x5000 | E_RWU;
}

static const struct npt12_env nenv = {.entry = l1_entry, .phys_bits = 40, .nxe = true};

static void test_npt12_walk(void **state)
{
	struct npt12_result r;

	(void)state;
	npt_build();
	assert_true(npt12_walk(0x1000, 0x123, false, false, &nenv, &r));
	assert_int_equal(r.gpa1, 0x5000);
	assert_true(r.writable && r.executable && !r.dirty);
	assert_true(l1_mem[1][0] & E_A && l1_mem[4][0] & E_A); /* accessed on the way */
	assert_false(l1_mem[4][0] & E_D);
	assert_true(npt12_walk(0x1000, 0x8, true, false, &nenv, &r));
	assert_true(r.dirty && (l1_mem[4][0] & E_D));
	/* A 2 MiB leaf: the 4 KiB page inside it. */
	assert_true(npt12_walk(0x1000, 0x203456, false, false, &nenv, &r));
	assert_int_equal(r.gpa1, 0x403000);
	/* Not present at the leaf, and above it. */
	assert_false(npt12_walk(0x1000, 0x1000, false, false, &nenv, &r));
	assert_false(r.present);
	assert_false(npt12_walk(0x1000, 1ULL << 39, false, false, &nenv, &r));
	assert_false(r.present);
	/* Rights combine with AND across levels (rule 8): read-only in the PD, write refused. */
	l1_mem[3][0] &= ~0x2ULL;
	assert_false(npt12_walk(0x1000, 0x10, true, false, &nenv, &r));
	assert_true(r.present);
	assert_true(npt12_walk(0x1000, 0x10, false, false, &nenv, &r));
	assert_false(r.writable);
	/* NX anywhere forbids a fetch; U clear anywhere forbids every access. */
	l1_mem[2][0] |= E_NX;
	assert_false(npt12_walk(0x1000, 0x10, false, true, &nenv, &r));
	assert_true(r.present);
	npt_build();
	l1_mem[1][0] &= ~0x4ULL;
	assert_false(npt12_walk(0x1000, 0x10, false, false, &nenv, &r));
	assert_true(r.present);
}

/* A reserved bit set in *@e: P and RSVD for L1, the walk stopped at that entry (APM 5.3.3). */
static void npt12_rsvd(uint64_t *e, uint64_t bit, uint64_t gpa2, const struct npt12_env *en)
{
	struct npt12_result r;
	uint64_t saved = *e |= bit;

	assert_false(npt12_walk(0x1000, gpa2, false, false, en, &r));
	assert_true(r.present && r.rsvd);
	assert_int_equal(*e, saved); /* no accessed bit on the faulting entry */
}

static void test_npt12_reserved(void **state)
{
	struct npt12_env no_nx = nenv;
	struct npt12_result r;

	(void)state;
	npt_build();
	npt12_rsvd(&l1_mem[1][0], 1ULL << 40, 0x10, &nenv); /* PML4E address past MAXPHYADDR */
	npt_build();
	npt12_rsvd(&l1_mem[1][0], E_PS, 0x10, &nenv); /* PS in a PML4E */
	npt_build();
	npt12_rsvd(&l1_mem[1][0], 1ULL << 8, 0x10, &nenv); /* bit 8 of a PML4E */
	npt_build();
	npt12_rsvd(&l1_mem[2][0], 1ULL << 8, 0x10, &nenv); /* bit 8 of a non-leaf PDPE */
	npt_build();
	npt12_rsvd(&l1_mem[3][1], 1ULL << 13, 0x200000, &nenv); /* 2 MiB leaf, bit 13 */
	npt_build();
	npt12_rsvd(&l1_mem[3][1], 1ULL << 20, 0x200000, &nenv); /* 2 MiB leaf, bit 20 */
	npt_build();
	npt12_rsvd(&l1_mem[4][0], 1ULL << 51, 0x10, &nenv); /* 4 KiB leaf past MAXPHYADDR */
	no_nx.nxe = false;
	npt_build();
	npt12_rsvd(&l1_mem[4][0], E_NX, 0x10, &no_nx);
	/* A 1 GiB leaf: bits 29:13 reserved, the PAT bit (12) and bit 8 (G) not. */
	npt_build();
	l1_mem[2][1] = 0x40000000 | E_RWU | E_PS | (1ULL << 12) | (1ULL << 8);
	assert_true(npt12_walk(0x1000, 0x40001000, false, false, &nenv, &r));
	assert_int_equal(r.gpa1, 0x40001000);
	npt12_rsvd(&l1_mem[2][1], 1ULL << 29, 0x40001000, &nenv);
	/* Not reserved: bit 8 of a PDE or PTE, bits 62:52, address bits below MAXPHYADDR, NX
	 * with EFER.NXE. */
	npt_build();
	l1_mem[3][0] |= 1ULL << 8;
	l1_mem[4][0] |= (1ULL << 8) | (1ULL << 62) | (1ULL << 39) | E_NX;
	assert_true(npt12_walk(0x1000, 0x10, false, false, &nenv, &r));
	assert_int_equal(r.gpa1, 0x8000005000ULL);
	/* A missing entry is not reserved, whatever else it holds. */
	l1_mem[4][0] = 1ULL << 40;
	assert_false(npt12_walk(0x1000, 0x10, false, false, &nenv, &r));
	assert_false(r.present || r.rsvd);
}

/* An L1 paging with 5 levels has a 5-level NPT12 (Linux KVM on an LA57 host): the PML5 in
 * page 6 leads to the 4-level table of npt_build(); bits 56:48 of the address index it. */
static void test_npt12_walk_la57(void **state)
{
	struct npt12_env five = nenv;
	struct npt12_result r;

	(void)state;
	five.la57 = true;
	npt_build();
	l1_mem[6][0] = 0x1000 | E_RWU;
	assert_true(npt12_walk(0x6000, 0x123, false, false, &five, &r));
	assert_int_equal(r.gpa1, 0x5000);
	assert_true(l1_mem[6][0] & E_A);
	assert_false(npt12_walk(0x6000, 1ULL << 48, false, false, &five, &r)); /* PML5 index 1 */
	assert_false(r.present);
	/* The same root walked with 4 levels takes the PML5 for a PML4, one level off: L2 0
	 * lands on the 4-level table's PT (the bug Linux KVM as L1 met). */
	assert_true(npt12_walk(0x6000, 0x123, false, false, &nenv, &r));
	assert_int_equal(r.gpa1, 0x4000);
	/* PS is reserved in a PML5E as in a PML4E. */
	l1_mem[6][0] |= E_PS;
	assert_false(npt12_walk(0x6000, 0x123, false, false, &five, &r));
	assert_true(r.present && r.rsvd);
}

/* Tables outside L1's memory are missing entries; read-only tables get no A/D bits. */
static void test_npt12_walk_bounds(void **state)
{
	struct npt12_result r;

	(void)state;
	npt_build();
	l1_mem[4][0] = 0x5000 | E_RWU;
	l1_mem[3][2] = (uint64_t)sizeof(l1_mem) | E_RWU; /* a PT past L1's memory */
	assert_false(npt12_walk(0x1000, 0x400000, false, false, &nenv, &r));
	assert_false(r.present);
	assert_false(npt12_walk(sizeof(l1_mem), 0, false, false, &nenv, &r));
	l1_ro_page[4] = true;
	assert_true(npt12_walk(0x1000, 0x0, true, false, &nenv, &r));
	assert_false(l1_mem[4][0] & (E_A | E_D));
}

/* Rules 3 and 4: an L1 that clears every intercept and asks for AVIC, vGIF, LBR and virtual
 * VMLOAD/VMSAVE, a pause filter and vector-5 intercepts gets L0's intercepts and none of those. */
static void test_vmcb02_control(void **state)
{
	struct vmcb *c01 = aligned_alloc(4096, sizeof(struct vmcb));
	struct vmcb *c12 = aligned_alloc(4096, sizeof(struct vmcb));
	struct vmcb *c02 = aligned_alloc(4096, sizeof(struct vmcb));
	const struct vmcb02_l0 l0 = {
	    .iopm_pa = 0x7000, .msrpm_pa = 0x9000, .ncr3 = 0xa000, .asid = 15};

	(void)state;
	memset(c01, 0, sizeof(*c01));
	memset(c12, 0xff, sizeof(*c12));
	c01->control.intercept_misc1 = INTERCEPT_NMI | INTERCEPT_CPUID | INTERCEPT_IOIO |
				       INTERCEPT_MSR | INTERCEPT_SHUTDOWN | INTERCEPT_INVLPGA;
	c01->control.intercept_misc2 = INTERCEPT_VMRUN | INTERCEPT_VMMCALL | INTERCEPT_VMLOAD |
				       INTERCEPT_VMSAVE | INTERCEPT_STGI | INTERCEPT_CLGI |
				       INTERCEPT_SKINIT;
	c01->control.tsc_offset = 5;
	c12->control.intercept_cr = c12->control.intercept_dr = 0;
	c12->control.intercept_exceptions = 1U << 14;
	c12->control.intercept_misc1 = INTERCEPT_HLT;
	c12->control.intercept_misc2 = INTERCEPT_VMRUN;
	c12->control.tsc_offset = 10;
	c12->control.event_inj = EVENTINJ_VALID | EVENTINJ_TYPE_EXCEPTION | 6;
	vmcb02_control_build(&c02->control, &c01->control, &c12->control, &l0);
	assert_int_equal(c02->control.intercept_misc1,
			 c01->control.intercept_misc1 | INTERCEPT_HLT);
	assert_int_equal(c02->control.intercept_misc2, c01->control.intercept_misc2);
	assert_int_equal(c02->control.intercept_exceptions, 1U << 14);
	assert_int_equal(c02->control.intercept_misc3, 0);
	assert_int_equal(c02->control.pause_filter_count, 0);
	assert_int_equal(c02->control.pause_filter_thresh, 0);
	assert_int_equal(c02->control.lbr_control, 0); /* LBR and virtual VMLOAD/VMSAVE */
	assert_int_equal(c02->control.avic_apic_bar, 0);
	assert_int_equal(c02->control.int_ctl & (AVIC_ENABLE | V_GIF_ENABLE | V_GIF), 0);
	assert_int_equal(c02->control.int_ctl, VMCB02_INT_CTL_ALLOWED);
	assert_int_equal(c02->control.int_shadow, INT_SHADOW);
	assert_int_equal(c02->control.iopm_base_pa, 0x7000);
	assert_int_equal(c02->control.msrpm_base_pa, 0x9000);
	assert_int_equal(c02->control.ncr3, 0xa000);
	assert_int_equal(c02->control.np_control, NP_ENABLE);
	assert_int_equal(c02->control.asid, 15);
	assert_int_equal(c02->control.tlb_control, TLB_CONTROL_FLUSH_ALL);
	assert_int_equal(c02->control.tsc_offset, 15);
	assert_int_equal(c02->control.event_inj, c12->control.event_inj);
	free(c01);
	free(c12);
	free(c02);
}

static void test_event_valid(void **state)
{
	(void)state;
	assert_true(vmcb12_event_valid(0));
	assert_true(vmcb12_event_valid(5 | (1ULL << 8)));	/* V clear: nothing to inject */
	assert_true(vmcb12_event_valid(EVENTINJ_VALID | 0x20)); /* INTR */
	assert_true(vmcb12_event_valid(EVENTINJ_VALID | EVENTINJ_TYPE_NMI | 2));	/* NMI */
	assert_true(vmcb12_event_valid(EVENTINJ_VALID | (4ULL << 8) | 0x80));		/* INTn */
	assert_true(vmcb12_event_valid(EVENTINJ_VALID | EVENTINJ_TYPE_EXCEPTION | 31)); /* last */
	assert_false(vmcb12_event_valid(EVENTINJ_VALID | (6ULL << 8)));
	assert_false(vmcb12_event_valid(EVENTINJ_VALID | (7ULL << 8)));
	assert_false(vmcb12_event_valid(EVENTINJ_VALID | (1ULL << 30) | 0x20));
}

static void test_iopm(void **state)
{
	uint8_t map[0x3000] = {0};

	(void)state;
	map[0x80 / 8] = 1U << (0x80 % 8);
	assert_true(iopm_intercepts(map, 0x80, 1));
	assert_false(iopm_intercepts(map, 0x81, 1));
	assert_true(iopm_intercepts(map, 0x7f, 2)); /* a word access that covers port 0x80 */
	assert_true(iopm_intercepts(map, 0x7e, 4));
	assert_false(iopm_intercepts(map, 0x7c, 4));
	map[0x10000 / 8] = 1; /* the third page: a dword at 0xffff wraps past the end */
	assert_true(iopm_intercepts(map, 0xffff, 2));
	assert_false(iopm_intercepts(map, 0xffff, 1));
}

static void test_msrpm(void **state)
{
	uint8_t map[0x2000] = {0};

	(void)state;
	map[0x800 + (0x80 * 2) / 8] = 2U << ((0x80 * 2) % 8); /* write of 0xc0000080 (EFER) */
	assert_true(msrpm_intercepts(map, 0xc0000080, true));
	assert_false(msrpm_intercepts(map, 0xc0000080, false));
	map[0x1000 + (0x117 * 2) / 8] = 1U << ((0x117 * 2) % 8); /* read of VM_HSAVE_PA */
	assert_true(msrpm_intercepts(map, 0xc0010117, false));
	assert_false(msrpm_intercepts(map, 0xc0010117, true));
	assert_false(msrpm_intercepts(map, 0x10, false));
	assert_true(msrpm_intercepts(map, 0x40000000, false)); /* outside every range: exits */
	assert_true(msrpm_intercepts(map, 0xc0012000, true));
}

static void test_merge(void **state)
{
	uint8_t l0[4] = {0xff, 0x0f, 0x00, 0x00}, l1[4] = {0x00, 0xf0, 0x01, 0x00}, out[4];

	(void)state;
	permission_map_merge(out, l0, l1, sizeof(out));
	assert_memory_equal(out, ((uint8_t[]){0xff, 0xff, 0x01, 0x00}), sizeof(out));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_valid_passes),
	    cmocka_unit_test(test_each_rule_alone),
	    cmocka_unit_test(test_unused_maps_unchecked),
	    cmocka_unit_test(test_vmcb02_control),
	    cmocka_unit_test(test_npt_checks),
	    cmocka_unit_test(test_npt12_walk),
	    cmocka_unit_test(test_npt12_reserved),
	    cmocka_unit_test(test_npt12_walk_bounds),
	    cmocka_unit_test(test_npt12_walk_la57),
	    cmocka_unit_test(test_event_valid),
	    cmocka_unit_test(test_iopm),
	    cmocka_unit_test(test_msrpm),
	    cmocka_unit_test(test_merge),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
