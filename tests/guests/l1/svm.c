// SPDX-License-Identifier: BSD-2-Clause
// SVM in the L1 test hypervisor: CPUID and enabling (APM 15.4), the one L2 and its VMCB, the
// I/O and MSR permission maps, running L2 and reading how it stopped.

#include "l1.h"
#include "trap.h"

#define L2_STACK_SIZE  16384
#define TSS64_LIMIT    0x67 /* a 64-bit TSS is 104 bytes (APM Vol. 2 12.2.5) */
#define SEG_LIMIT_FLAT 0xffffffffU
#define ASID_L2	       1
#define MSR_RANGE_LEN  0x2000
#define MSR_RANGE_1    0xc0000000U
#define MSR_RANGE_2    0xc0010000U
#define BITS_PER_BYTE  8

struct vmcb l2_vmcb __attribute__((aligned(PAGE_SIZE)));
struct l2_regs l2_regs;
uint8_t l2_iopm[IOPM_SIZE] __attribute__((aligned(PAGE_SIZE)));
uint8_t l2_msrpm[MSRPM_SIZE] __attribute__((aligned(PAGE_SIZE)));
static uint8_t hsave[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static uint8_t l2_stack[L2_STACK_SIZE] __attribute__((aligned(16)));
static uint8_t l2_tss[TSS64_LIMIT + 1] __attribute__((aligned(16)));
uint32_t svm_features;
volatile bool l1_in_l2;
extern bool l1_svm_ready; /* main.c */

struct __attribute__((packed)) desc_table {
	uint16_t limit;
	uint64_t base;
};

static void cpuid(uint32_t leaf, uint32_t r[4])
{
	asm volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3]) : "a"(leaf), "c"(0));
}

void test_svm_cpuid(void)
{
	uint32_t r[4];

	cpuid(CPUID_EXT_FEATURES, r);
	CHECK(r[2] & CPUID_ECX_SVM);
	cpuid(CPUID_SVM_FEATURES, r);
	svm_features = r[3];
	guest_printf("l1: svm revision %u, %u ASIDs, features 0x%x: np %d nrips %d vmcb-clean %d "
		     "flush-by-asid %d vgif %d\n",
		     r[0] & SVM_REV_MASK, r[1], r[3], !!(r[3] & SVM_FEAT_NP),
		     !!(r[3] & SVM_FEAT_NRIPS), !!(r[3] & SVM_FEAT_VMCB_CLEAN),
		     !!(r[3] & SVM_FEAT_FLUSH_ASID), !!(r[3] & SVM_FEAT_VGIF));
	CHECK((r[0] & SVM_REV_MASK) >= 1);
	CHECK(r[1] > ASID_L2); /* ASID 0 is the host's */
}

/* APM 15.4: VM_CR.SVMDIS clear, then EFER.SVME; the host save area in VM_HSAVE_PA. */
void test_svm_enable(void)
{
	uint64_t vm_cr, efer, hsave_pa = (uint64_t)hsave;

	CHECK(rdmsr_safe(MSR_VM_CR, &vm_cr));
	CHECK_EQ(vm_cr & VM_CR_SVMDIS, 0);
	CHECK(rdmsr_safe(MSR_EFER, &efer));
	CHECK(wrmsr_safe(MSR_EFER, efer | EFER_SVME));
	CHECK(rdmsr(MSR_EFER) & EFER_SVME);
	CHECK(wrmsr_safe(MSR_VM_HSAVE_PA, hsave_pa));
	CHECK_EQ(rdmsr(MSR_VM_HSAVE_PA), hsave_pa);
	l1_svm_ready = true;
}

static void seg(struct vmcb_seg *s, uint16_t selector, uint16_t attrib, uint32_t limit,
		uint64_t base)
{
	*s =
	    (struct vmcb_seg){.selector = selector, .attrib = attrib, .limit = limit, .base = base};
}

static uint16_t read_cs(void)
{
	uint16_t v;

	asm volatile("mov %%cs, %0" : "=r"(v));
	return v;
}

static uint16_t read_ss(void)
{
	uint16_t v;

	asm volatile("mov %%ss, %0" : "=r"(v));
	return v;
}

static void save_segments(struct vmcb_save *s)
{
	struct desc_table gdt, idt;
	uint16_t data = read_ss();

	asm volatile("sgdt %0; sidt %1" : "=m"(gdt), "=m"(idt));
	seg(&s->cs, read_cs(), SEG_ATTR_CODE64, SEG_LIMIT_FLAT, 0);
	seg(&s->ss, data, SEG_ATTR_DATA, SEG_LIMIT_FLAT, 0);
	seg(&s->ds, data, SEG_ATTR_DATA, SEG_LIMIT_FLAT, 0);
	seg(&s->es, data, SEG_ATTR_DATA, SEG_LIMIT_FLAT, 0);
	seg(&s->fs, data, SEG_ATTR_DATA, SEG_LIMIT_FLAT, 0);
	seg(&s->gs, data, SEG_ATTR_DATA, SEG_LIMIT_FLAT, 0);
	seg(&s->gdtr, 0, 0, gdt.limit, gdt.base);
	seg(&s->idtr, 0, 0, idt.limit, idt.base);
	seg(&s->tr, 0, SEG_ATTR_TSS64, TSS64_LIMIT, (uint64_t)l2_tss);
}

static void save_setup(struct vmcb_save *s, const void *entry)
{
	uint64_t cr0, cr3, cr4;

	asm volatile("mov %%cr0, %0; mov %%cr3, %1; mov %%cr4, %2"
		     : "=r"(cr0), "=r"(cr3), "=r"(cr4));
	save_segments(s);
	s->cpl = 0;
	s->efer = rdmsr(MSR_EFER);
	s->cr0 = cr0;
	s->cr3 = cr3;
	s->cr4 = cr4;
	s->dr6 = DR6_INIT;
	s->dr7 = DR7_INIT;
	s->rflags = RFLAGS_FIXED;
	s->rip = (uint64_t)entry;
	s->rsp = (uint64_t)&l2_stack[L2_STACK_SIZE];
	s->g_pat = PAT_DEFAULT;
}

void l2_setup(const void *entry)
{
	struct vmcb_control *c = &l2_vmcb.control;

	memset(&l2_vmcb, 0, sizeof(l2_vmcb));
	memset(&l2_regs, 0, sizeof(l2_regs));
	memset(l2_iopm, 0, sizeof(l2_iopm));
	memset(l2_msrpm, 0, sizeof(l2_msrpm));
	c->intercept_misc1 = INTERCEPT_SHUTDOWN;
	c->intercept_misc2 = INTERCEPT_VMRUN | INTERCEPT_VMMCALL | INTERCEPT_VMLOAD |
			     INTERCEPT_VMSAVE | INTERCEPT_STGI | INTERCEPT_CLGI;
	c->iopm_base_pa = (uint64_t)l2_iopm;
	c->msrpm_base_pa = (uint64_t)l2_msrpm;
	c->asid = ASID_L2;
	c->int_ctl = V_INTR_MASKING;
	save_setup(&l2_vmcb.save, entry);
}

uint64_t l2_run_gif(bool keep_gif_clear)
{
	l1_in_l2 = true;
	l1_vmrun((uint64_t)&l2_vmcb, &l2_regs);
	l1_in_l2 = false;
	if (!keep_gif_clear)
		svm_stgi();
	return l2_vmcb.control.exit_code;
}

void l2_expect_done(const char *file, int line)
{
	uint64_t code = l2_vmcb.control.exit_code;

	if (code == VMEXIT_VMMCALL && (uint32_t)l2_vmcb.save.rax == L2_TRAP) {
		guest_printf("l1: L2 took an unexpected trap: vector %lu, rip 0x%lx, error 0x%lx\n",
			     (unsigned long)l2_regs.rbx, (unsigned long)l2_regs.rcx,
			     (unsigned long)l2_regs.rdx);
		l1_fail(file, line, "L2 ends without a trap");
	}
	if (code != VMEXIT_VMMCALL)
		l1_fail_eq(file, line, "exit_code == VMEXIT_VMMCALL (L2's final VMMCALL)", code,
			   VMEXIT_VMMCALL);
	if ((uint32_t)l2_vmcb.save.rax != L2_DONE)
		l1_fail_eq(file, line, "L2's RAX == L2_DONE", l2_vmcb.save.rax, L2_DONE);
}

void l2_skip(unsigned int len)
{
	l2_vmcb.save.rip += len;
}

void iopm_intercept(uint16_t port)
{
	l2_iopm[port / BITS_PER_BYTE] |= (uint8_t)(1U << (port % BITS_PER_BYTE));
}

/* APM 15.11: three 2 KiB ranges of 2 bits per MSR (read, then write). */
void msrpm_intercept(uint32_t msr, unsigned int rw)
{
	uint32_t offset;

	if (msr < MSR_RANGE_LEN)
		offset = 0;
	else if (msr - MSR_RANGE_1 < MSR_RANGE_LEN)
		offset = MSRPM_RANGE_BYTES;
	else if (msr - MSR_RANGE_2 < MSR_RANGE_LEN)
		offset = 2 * MSRPM_RANGE_BYTES;
	else
		l1_fail_eq(__FILE__, __LINE__, "MSR in an MSRPM range", msr, 0);
	uint32_t bit = offset * BITS_PER_BYTE + (msr % MSR_RANGE_LEN) * 2;

	if (rw & MSRPM_READ)
		l2_msrpm[bit / BITS_PER_BYTE] |= (uint8_t)(1U << (bit % BITS_PER_BYTE));
	if (rw & MSRPM_WRITE)
		l2_msrpm[(bit + 1) / BITS_PER_BYTE] |= (uint8_t)(1U << ((bit + 1) % BITS_PER_BYTE));
}
