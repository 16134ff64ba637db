// SPDX-License-Identifier: BSD-2-Clause
// The VMCS12 entry-check tests' fixture (vmcs12_fixture.h).

#include "vmcs12_fixture.h"

uint32_t vtpr;

static bool in_l1(const void *ctx, uint64_t gpa, uint64_t len)
{
	(void)ctx;
	return gpa < L1_MEM_END && len <= L1_MEM_END - gpa;
}

/* L1's memory as the checks read it: two VMCS regions, VTPR, zeros elsewhere. */
static bool read_l1(const void *ctx, uint64_t gpa, uint32_t *val)
{
	if (!in_l1(ctx, gpa, sizeof(*val)))
		return false;
	*val = gpa == LINK_VMCS	     ? VMCS12_REVISION
	       : gpa == LINK_SHADOW  ? VMCS12_REVISION | VMCS12_SHADOW_BIT
	       : gpa == VAPIC + 0x80 ? vtpr
				     : 0;
	return true;
}

#define CAP(must1, may1) ((uint64_t)(must1) | ((uint64_t)((must1) | (may1)) << 32))

void base_env(struct vmcs12_env *e)
{
	*e = (struct vmcs12_env){
	    .pin = CAP(PIN_DEFAULT1,
		       PIN_EXT_INTR_EXIT | PIN_NMI_EXIT | PIN_VIRTUAL_NMIS | PIN_PREEMPT_TIMER),
	    .proc = CAP(PROC_DEFAULT1, 0xfffffffeU),
	    .proc2 = CAP(0, PROC2_APIC_ACCESS | PROC2_EPT | PROC2_RDTSCP | PROC2_X2APIC_MODE |
				PROC2_VPID | PROC2_UNRESTRICT | PROC2_APIC_REG | PROC2_VINTR |
				PROC2_VMCS_SHADOW),
	    .exit = CAP(EXIT_DEFAULT1, EXIT_SAVE_DEBUG | EXIT_HOST_64 | EXIT_ACK_INTR |
					   EXIT_SAVE_PAT | EXIT_LOAD_PAT | EXIT_SAVE_EFER |
					   EXIT_LOAD_EFER | EXIT_SAVE_PREEMPT),
	    .entry = CAP(ENTRY_DEFAULT1, ENTRY_LOAD_DEBUG | ENTRY_IA32E | ENTRY_SMM |
					     ENTRY_DUAL_MON | ENTRY_LOAD_PAT | ENTRY_LOAD_EFER),
	    .cr0_fixed0 = 0x80000021ULL,
	    .cr0_fixed1 = 0xffffffffULL,
	    .cr4_fixed0 = 0x2000ULL,
	    .cr4_fixed1 = 0x3767ffULL,
	    .ept_vpid_cap = EPT_CAP_WALK_4 | EPT_CAP_WB | EPT_CAP_AD,
	    .misc = MISC_ACT_HLT | MISC_ACT_SHUTDOWN,
	    .phys_bits = PHYS_BITS,
	    .virt_bits = 48,
	    .l1_ia32e = true,
	    .current_vmcs = CUR_VMCS,
	    .in_l1 = in_l1,
	    .read_l1_u32 = read_l1,
	};
}

void seg(struct vmcs12 *v, int s, uint16_t sel, uint32_t ar, uint32_t limit)
{
	v->guest_sel[s] = sel;
	v->guest_ar[s] = ar;
	v->guest_limit[s] = limit;
	v->guest_base[s] = 0;
}

/* A 64-bit L2 under a 64-bit L1: EPT, VPID, I/O and MSR bitmaps, EFER loaded both ways. */
void valid(struct vmcs12 *v)
{
	memset(v, 0, sizeof(*v));
	vtpr = 0x20;
	v->revision = VMCS12_REVISION;
	v->pin_ctls = PIN_DEFAULT1 | PIN_EXT_INTR_EXIT | PIN_NMI_EXIT;
	v->proc_ctls =
	    PROC_DEFAULT1 | PROC_HLT_EXIT | PROC_IO_BITMAPS | PROC_MSR_BITMAPS | PROC_SECONDARY;
	v->proc2_ctls = PROC2_EPT | PROC2_VPID;
	v->exit_ctls = EXIT_DEFAULT1 | EXIT_HOST_64 | EXIT_ACK_INTR | EXIT_LOAD_EFER;
	v->entry_ctls = ENTRY_DEFAULT1 | ENTRY_IA32E | ENTRY_LOAD_EFER;
	v->vpid = 1;
	v->ept_pointer = EPTP_WB4;
	v->io_bitmap_a = 0x20000;
	v->io_bitmap_b = 0x21000;
	v->msr_bitmap = 0x22000;
	v->host_cr0 = 0x80050033ULL;
	v->host_cr3 = 0x1000;
	v->host_cr4 = CR4_64;
	v->host_efer = EFER_64;
	v->host_cs_sel = 0x08;
	v->host_ss_sel = v->host_ds_sel = v->host_es_sel = 0x10;
	v->host_tr_sel = 0x18;
	v->host_rip = 0xffffffff80001000ULL;
	v->guest_cr0 = CR0_64;
	v->guest_cr3 = 0x3000;
	v->guest_cr4 = CR4_64;
	v->guest_efer = EFER_64;
	v->guest_dr7 = 0x400;
	v->guest_rflags = 0x2;
	v->guest_rip = 0x401000;
	for (int s = 0; s < VMCS12_SEGS; s++)
		seg(v, s, 0, AR_UNUSABLE, 0);
	seg(v, SEG_CS, 0x08, AR_CODE64, 0xffffffff);
	seg(v, SEG_SS, 0x10, AR_DATA, 0xffffffff);
	seg(v, SEG_TR, 0x18, AR_TSS_BUSY, 0x67);
	v->guest_gdtr_limit = 0x1f;
	v->guest_idtr_limit = 0xfff;
	v->vmcs_link_ptr = VMCS_LINK_NONE;
}

/* A guest in 32-bit protected mode with PAE paging. */
void to_32bit(struct vmcs12 *v)
{
	v->entry_ctls &= ~ENTRY_IA32E;
	v->guest_efer = EFER_32;
	v->guest_ar[SEG_CS] = AR_CODE32;
}

/* An unrestricted guest in real mode: no paging, no protection. */
void to_real(struct vmcs12 *v)
{
	v->proc2_ctls |= PROC2_UNRESTRICT;
	v->entry_ctls &= ~ENTRY_IA32E;
	v->guest_efer = 0;
	v->guest_cr0 &= ~(CR0_PG | CR0_PE);
}

/* A guest in virtual-8086 mode under a 32-bit protected-mode kernel. */
void to_v86(struct vmcs12 *v)
{
	static const int segs[] = {SEG_ES, SEG_CS, SEG_SS, SEG_DS, SEG_FS, SEG_GS};

	to_32bit(v);
	v->guest_rflags |= RFLAGS_VM;
	for (size_t i = 0; i < sizeof(segs) / sizeof(segs[0]); i++) {
		seg(v, segs[i], (uint16_t)(0x1000 + i), AR_V86, 0xffff);
		v->guest_base[segs[i]] = (0x1000 + i) << 4;
	}
}

/* A 64-bit L2 at CPL 3. */
void to_ring3(struct vmcs12 *v)
{
	seg(v, SEG_CS, 0x2b, AR_CODE64 | 0x60, 0xffffffff);
	seg(v, SEG_SS, 0x23, AR_DATA | 0x60, 0xffffffff);
}

/* A 32-bit L1 (host) with a 32-bit L2. */
void to_32bit_host(struct vmcs12 *v, struct vmcs12_env *e)
{
	e->l1_ia32e = false;
	v->exit_ctls &= ~(EXIT_HOST_64 | EXIT_LOAD_EFER);
	v->host_rip = 0x80001000;
	to_32bit(v);
}

static bool expect_ok(const char *name, const struct vmcs12_fail *f)
{
	if (f->kind == VMCS12_OK)
		return true;
	print_error("%s: just valid, refused by \"%s\"\n", name, f->rule);
	return false;
}

static bool expect_refused(const struct rule *r, const struct vmcs12_fail *f)
{
	static const uint32_t err[] = {[CTL] = VMX_ERR_ENTRY_CONTROLS, [HOST] = VMX_ERR_ENTRY_HOST};
	static const uint64_t qual[] = {
	    [GUEST] = 0, [LINK] = ENTRY_QUAL_LINK, [PDPTE] = ENTRY_QUAL_PDPTE};

	bool as_vmfail = r->outcome == CTL || r->outcome == HOST;

	if (f->kind == VMCS12_OK) {
		print_error("%s: just invalid, accepted\n", r->name);
		return false;
	}
	if (!strstr(f->rule, r->text)) {
		print_error("%s: refused by \"%s\", not by a rule with \"%s\"\n", r->name, f->rule,
			    r->text);
		return false;
	}
	if (as_vmfail ? f->kind == VMCS12_FAIL_VALID && f->error == err[r->outcome]
		      : f->kind == VMCS12_FAIL_EXIT && f->exit_reason == EXIT_BAD_GUEST_STATE &&
			    f->exit_qual == qual[r->outcome])
		return true;
	print_error("%s: wrong outcome (kind %d error %u qualification %llu)\n", r->name, f->kind,
		    f->error, (unsigned long long)f->exit_qual);
	return false;
}

unsigned int vmcs12_rules_broken(const struct rule *rules, size_t n)
{
	static struct vmcs12 v;
	struct vmcs12_env e;
	struct vmcs12_fail f;
	unsigned int wrong = 0;

	for (size_t i = 0; i < n; i++) {
		base_env(&e);
		valid(&v);
		rules[i].set(&v, &e, false);
		vmcs12_check_entry(&v, &e, &f);
		wrong += !expect_ok(rules[i].name, &f);
		base_env(&e);
		valid(&v);
		rules[i].set(&v, &e, true);
		vmcs12_check_entry(&v, &e, &f);
		wrong += !expect_refused(&rules[i], &f);
	}
	return wrong;
}
