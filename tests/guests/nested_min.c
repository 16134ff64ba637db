// SPDX-License-Identifier: BSD-2-Clause
// A minimal L1 hypervisor for nested SVM (issue #7): the gates of the SVM instructions, a tiny
// L2 (CPUID, port I/O, RDMSR, HLT) whose exits come back as its VMCB asks, VMEXIT_INVALID for
// broken VMCBs, VMLOAD/VMSAVE. Only what the AMD APM says; one line per check group.

#include "guest.h"
#include "l2_vmcb.h"
#include "svm/vmcb.h"
#include "trap.h"

#define MSR_EFER	0xc0000080
#define MSR_FS_BASE	0xc0000100
#define MSR_VM_CR	0xc0010114
#define MSR_VM_HSAVE_PA 0xc0010117
#define EFER_SVME	(1ULL << 12)
#define EFER_LMA	(1ULL << 10)
#define CR0_NW		(1ULL << 29)
#define SVM_LEAF	0x8000000a
#define EXT_LEAF	0x80000001
#define SVM_ECX_BIT	(1U << 2)
#define SVM_EDX_OFFERED 0x61 /* NPT, VMCB clean bits, flush by ASID */
#define SVM_INSN_LEN	3
#define PORT_L1		0x80 /* in L1's IOPM: L2's write exits to L1 */
#define PORT_L0		0x84 /* open in L1's IOPM: Bulkhead drops it, L2 goes on */
#define L2_CPUID_IN	0x4c32
#define L1_CPUID_OUT	0x1234
#define PAGE		4096
#define EFER_MSRPM_BYTE 0x820 /* 0xc0000080: second range, 2 bits per MSR */
#define VMEXIT_UD	(VMEXIT_EXCP_BASE + VEC_UD)
#define GARBAGE		0x5a5a5a5a5a5a5a5aULL

static struct vmcb vmcb12, spare;
static uint8_t iopm[3 * PAGE] __attribute__((aligned(PAGE)));
static uint8_t msrpm[2 * PAGE] __attribute__((aligned(PAGE)));
static uint8_t hsave[PAGE] __attribute__((aligned(PAGE)));
static uint8_t l2_stack[PAGE] __attribute__((aligned(16)));
static unsigned int failures, checks;

#define EXPECT(cond, ...)                          \
	do {                                       \
		checks++;                          \
		if (!(cond)) {                     \
			guest_printf(__VA_ARGS__); \
			failures++;                \
		}                                  \
	} while (0)

/* L2: everything it does is checked by L1 after the HLT exit. */
void l2_entry(void);
asm(".text\n"
    "l2_entry:\n"
    "	mov $0x4c32, %eax\n"
    "	cpuid\n" /* L1 intercepts CPUID: it answers 0x1234 in EAX */
    "	mov %eax, %ebx\n"
    "	mov $0x84, %dx\n"
    "	out %al, %dx\n" /* not in L1's IOPM: Bulkhead's */
    "	mov $0xc0000080, %ecx\n"
    "	rdmsr\n" /* L1 intercepts no MSR: Bulkhead answers with L2's EFER */
    "	mov %eax, %r12d\n"
    "	mov $0x80, %dx\n"
    "	out %al, %dx\n" /* in L1's IOPM: exit 0x7b to L1 */
    "	hlt\n"		/* exit 0x78 to L1 */
    "	jmp l2_entry\n");

/* L2 with no IDT of its own: UD2 is #UD, then #GP, #DF, and a triple fault (shutdown). */
void l2_crash(void);
asm(".text\n"
    "l2_crash:\n"
    "	ud2\n"
    "	jmp l2_crash\n");

/* L2 on L1's nested page table: reads the quadword at l2_ptr (an L2-physical address). */
void l2_read(void);
volatile uint64_t l2_ptr;
asm(".text\n"
    "l2_read:\n"
    "	mov l2_ptr(%rip), %rax\n"
    "	mov (%rax), %r12\n"
    "	hlt\n"
    "	jmp l2_read\n");

/* L2 tries VMLOAD from the page at RAX (L1's spare VMCB): allowed to run natively, it would
 * load L1's FS base from an address of L1's choosing (CVE-2021-3656). */
void l2_vmload(void);
asm(".text\n"
    "l2_vmload:\n"
    "	vmload\n"
    "	hlt\n");

/* L2 reads an MSR nobody has: Bulkhead refuses it with #GP. */
void l2_badmsr(void);
asm(".text\n"
    "l2_badmsr:\n"
    "	mov $0x4badc0de, %ecx\n"
    "	rdmsr\n"
    "	hlt\n");

/* VMRUN; afterwards RBX and R12 hold L2's values (a #VMEXIT does not restore them). L2 starts
 * each run with L1's registers but RAX, RSP, RIP, RFLAGS: VMRUN loads no others. */
struct l2_out {
	uint64_t rbx, r12;
};
void l1_vmrun(uint64_t vmcb_pa, struct l2_out *out);
asm(".text\n"
    "l1_vmrun:\n"
    "	push %rbx\n	push %rbp\n	push %r12\n	push %r13\n	push %r14\n	push %r15\n"
    "	push %rsi\n"
    "	mov %rdi, %rax\n"
    "	vmrun\n"
    "	pop %rsi\n"
    "	mov %rbx, 0(%rsi)\n"
    "	mov %r12, 8(%rsi)\n"
    "	pop %r15\n	pop %r14\n	pop %r13\n	pop %r12\n	pop %rbp\n	pop %rbx\n"
    "	ret\n");

static volatile int64_t trapped;

static void skip_svm_insn(struct trap_frame *f)
{
	trapped = (int64_t)f->vector;
	f->rip += SVM_INSN_LEN;
}

/* Runs one SVM instruction with RAX = @rax: the vector it raised, or -1. */
enum svm_insn { I_VMRUN, I_VMLOAD, I_VMSAVE, I_STGI, I_CLGI, I_SKINIT, I_INVLPGA };

static int64_t try_insn(enum svm_insn i, uint64_t rax)
{
	trapped = -1;
	trap_set_handler(VEC_UD, skip_svm_insn);
	trap_set_handler(VEC_GP, skip_svm_insn);
	if (i == I_VMRUN)
		asm volatile("vmrun" : : "a"(rax) : "memory");
	else if (i == I_VMLOAD)
		asm volatile("vmload" : : "a"(rax) : "memory");
	else if (i == I_VMSAVE)
		asm volatile("vmsave" : : "a"(rax) : "memory");
	else if (i == I_STGI)
		asm volatile("stgi" : : : "memory");
	else if (i == I_CLGI)
		asm volatile("clgi" : : : "memory");
	else if (i == I_SKINIT)
		asm volatile("skinit" : : "a"(rax) : "memory");
	else
		asm volatile("invlpga" : : "a"(rax), "c"(0) : "memory");
	trap_set_handler(VEC_UD, NULL);
	trap_set_handler(VEC_GP, NULL);
	return trapped;
}

static void cpuid4(uint32_t leaf, uint32_t r[4])
{
	asm volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3]) : "a"(leaf), "c"(0));
}

static void check_cpuid(void)
{
	uint32_t r[4];

	cpuid4(EXT_LEAF, r);
	EXPECT(r[2] & SVM_ECX_BIT, "nested-min: CPUID 0x80000001 ECX has no SVM bit\n");
	cpuid4(SVM_LEAF, r);
	EXPECT(r[0] == 1 && r[1] >= 2 && r[3] == SVM_EDX_OFFERED,
	       "nested-min: CPUID 0x8000000A: rev %u, %u ASIDs, features 0x%x\n", r[0], r[1], r[3]);
	guest_printf("nested-min: SVM revision %u, %u ASIDs, features 0x%x\n", r[0], r[1], r[3]);
}

/* Before EFER.SVME: every SVM instruction is #UD; SKINIT always is. */
static void check_gates_off(void)
{
	uint64_t pa = (uint64_t)&vmcb12;

	EXPECT(try_insn(I_VMRUN, pa) == VEC_UD, "nested-min: VMRUN without SVME: no #UD\n");
	EXPECT(try_insn(I_VMLOAD, pa) == VEC_UD, "nested-min: VMLOAD without SVME: no #UD\n");
	EXPECT(try_insn(I_STGI, 0) == VEC_UD, "nested-min: STGI without SVME: no #UD\n");
	EXPECT(try_insn(I_INVLPGA, 0) == VEC_UD, "nested-min: INVLPGA without SVME: no #UD\n");
}

static void check_msrs(void)
{
	uint64_t v = 0;

	/* A fresh start (also after a restart in the middle of L2): no nested state left. */
	EXPECT(rdmsr_safe(MSR_VM_HSAVE_PA, &v) && v == 0,
	       "nested-min: VM_HSAVE_PA 0x%lx at start\n", (unsigned long)v);
	EXPECT(rdmsr_safe(MSR_EFER, &v) && wrmsr_safe(MSR_EFER, v | EFER_SVME),
	       "nested-min: EFER.SVME refused\n");
	EXPECT(rdmsr_safe(MSR_EFER, &v) && (v & EFER_SVME), "nested-min: EFER.SVME not kept\n");
	EXPECT(wrmsr_safe(MSR_VM_HSAVE_PA, (uint64_t)hsave) && rdmsr_safe(MSR_VM_HSAVE_PA, &v) &&
		   v == (uint64_t)hsave,
	       "nested-min: VM_HSAVE_PA not kept\n");
	EXPECT(!wrmsr_safe(MSR_VM_HSAVE_PA, (uint64_t)hsave + 8),
	       "nested-min: unaligned VM_HSAVE_PA accepted\n");
	EXPECT(rdmsr_safe(MSR_VM_CR, &v) && v == 0, "nested-min: VM_CR 0x%lx\n", (unsigned long)v);
}

/* With SVME: operands outside L1's memory or unaligned are #GP; SKINIT stays #UD. */
static void check_gates_on(void)
{
	uint64_t pa = (uint64_t)&vmcb12;

	EXPECT(try_insn(I_VMRUN, pa + 8) == VEC_GP, "nested-min: unaligned VMRUN: no #GP\n");
	EXPECT(try_insn(I_VMRUN, 1ULL << 44) == VEC_GP, "nested-min: VMRUN outside: no #GP\n");
	EXPECT(try_insn(I_VMSAVE, pa + 16) == VEC_GP, "nested-min: unaligned VMSAVE: no #GP\n");
	EXPECT(try_insn(I_SKINIT, 0) == VEC_UD, "nested-min: SKINIT: no #UD\n");
	EXPECT(try_insn(I_CLGI, 0) == -1 && try_insn(I_STGI, 0) == -1,
	       "nested-min: CLGI/STGI faulted\n");
	EXPECT(try_insn(I_INVLPGA, (uint64_t)l2_stack) == -1, "nested-min: INVLPGA faulted\n");
}

/* L2 shares L1's page tables, GDT and IDT (no nested paging: L2 addresses are L1's). */
static void build_vmcb12(void)
{
	struct vmcb_control *c = &vmcb12.control;

	l2_vmcb_from_l1(&vmcb12, (uint64_t)l2_entry, (uint64_t)l2_stack + sizeof(l2_stack));
	c->intercept_misc1 = INTERCEPT_CPUID | INTERCEPT_IOIO | INTERCEPT_HLT;
	c->intercept_misc2 = INTERCEPT_VMRUN;
	c->iopm_base_pa = (uint64_t)iopm;
	c->asid = 1;
	iopm[PORT_L1 / 8] = 1U << (PORT_L1 % 8);
}

static uint64_t vmrun_once(struct l2_out *out)
{
	vmcb12.control.exit_code = 0x5a5a; /* must be overwritten */
	l1_vmrun((uint64_t)&vmcb12, out);
	return vmcb12.control.exit_code;
}

/* CPUID -> L1 answers; port 0x84 and RDMSR EFER -> Bulkhead; port 0x80 -> L1; HLT -> L1. */
static void check_l2_run(void)
{
	struct l2_out out = {0, 0};
	uint64_t code = vmrun_once(&out);
	uint64_t l2_efer = vmcb12.save.efer;

	EXPECT(code == VMEXIT_CPUID && vmcb12.save.rip == (uint64_t)l2_entry + 5 &&
		   (uint32_t)vmcb12.save.rax == L2_CPUID_IN,
	       "nested-min: first exit 0x%lx at 0x%lx, rax 0x%lx (want CPUID)\n",
	       (unsigned long)code, (unsigned long)vmcb12.save.rip, (unsigned long)vmcb12.save.rax);
	vmcb12.save.rax = L1_CPUID_OUT;
	vmcb12.save.rip += 2;
	code = vmrun_once(&out);
	EXPECT(code == VMEXIT_IOIO && (vmcb12.control.exit_info1 >> 16) == PORT_L1 &&
		   vmcb12.control.exit_info2 == vmcb12.save.rip + 1,
	       "nested-min: second exit 0x%lx, info 0x%lx 0x%lx (want IOIO port 0x80)\n",
	       (unsigned long)code, (unsigned long)vmcb12.control.exit_info1,
	       (unsigned long)vmcb12.control.exit_info2);
	/* L2 set them before its IOIO exit; the next VMRUN gives it L1's registers again. */
	EXPECT(out.rbx == L1_CPUID_OUT, "nested-min: L2's RBX 0x%lx (want L1's CPUID answer)\n",
	       (unsigned long)out.rbx);
	EXPECT((uint32_t)out.r12 == (uint32_t)(l2_efer | EFER_LMA),
	       "nested-min: L2 read EFER 0x%lx (want 0x%lx)\n", (unsigned long)out.r12,
	       (unsigned long)l2_efer);
	vmcb12.save.rip = vmcb12.control.exit_info2;
	code = vmrun_once(&out);
	EXPECT(code == VMEXIT_HLT, "nested-min: third exit 0x%lx (want HLT)\n",
	       (unsigned long)code);
	guest_printf("nested-min: L2 ran: exits cpuid, ioio, hlt reflected; rdmsr and port 0x%x "
		     "handled below\n",
		     PORT_L0);
}

/* One rule of APM 15.5.1 broken at a time: VMEXIT_INVALID (-1), L1 goes on after VMRUN. */
static void check_invalid(void)
{
	static const char *const names[] = {"ASID 0",	       "no VMRUN intercept",
					    "EFER.SVME clear", "CR0.NW without CD",
					    "bad event",       "IOPM outside"};
	struct l2_out out;

	for (unsigned int i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		uint64_t code;

		build_vmcb12();
		if (i == 0)
			vmcb12.control.asid = 0;
		else if (i == 1)
			vmcb12.control.intercept_misc2 = 0;
		else if (i == 2)
			vmcb12.save.efer &= ~EFER_SVME;
		else if (i == 3)
			vmcb12.save.cr0 = (vmcb12.save.cr0 & ~(1ULL << 30)) | CR0_NW;
		else if (i == 4)
			vmcb12.control.event_inj = EVENTINJ_VALID | EVENTINJ_TYPE_EXCEPTION | 2;
		else
			vmcb12.control.iopm_base_pa = 1ULL << 40;
		vmcb12.control.exit_info1 = vmcb12.control.exit_info2 = GARBAGE;
		vmcb12.control.exit_int_info = GARBAGE;
		code = vmrun_once(&out);
		EXPECT(code == VMEXIT_INVALID, "nested-min: %s: exit 0x%lx, not VMEXIT_INVALID\n",
		       names[i], (unsigned long)code);
		EXPECT(!vmcb12.control.exit_info1 && !vmcb12.control.exit_info2 &&
			   !vmcb12.control.exit_int_info,
		       "nested-min: %s: exit information not cleared\n", names[i]);
	}
	guest_printf("nested-min: %u broken VMCBs gave VMEXIT_INVALID\n",
		     (unsigned int)(sizeof(names) / sizeof(names[0])));
}

/* L1 asks for EFER reads in its MSR map: L2's RDMSR now exits to L1 (rule 6: L1 first). */
static void check_msr_reflected(void)
{
	struct l2_out out;
	uint64_t code;

	build_vmcb12();
	vmcb12.control.intercept_misc1 |= INTERCEPT_MSR;
	vmcb12.control.msrpm_base_pa = (uint64_t)msrpm;
	msrpm[EFER_MSRPM_BYTE] = 1; /* read of 0xc0000080 */
	code = vmrun_once(&out);
	EXPECT(code == VMEXIT_CPUID, "nested-min: MSR run: first exit 0x%lx\n",
	       (unsigned long)code);
	vmcb12.save.rip += 2;
	code = vmrun_once(&out);
	EXPECT(code == VMEXIT_MSR && vmcb12.control.exit_info1 == 0 && out.rbx != 0,
	       "nested-min: MSR run: exit 0x%lx info1 0x%lx (want an EFER read)\n",
	       (unsigned long)code, (unsigned long)vmcb12.control.exit_info1);
	msrpm[EFER_MSRPM_BYTE] = 0;
}

/* L1 intercepts #UD: L2's UD2 comes to L1 as exit 0x46, at the UD2. */
static void check_exception_reflected(void)
{
	struct l2_out out;
	uint64_t code;

	build_vmcb12();
	vmcb12.save.rip = (uint64_t)l2_crash;
	vmcb12.save.idtr.limit = 0;
	vmcb12.control.intercept_exceptions = 1U << VEC_UD;
	code = vmrun_once(&out);
	EXPECT(code == VMEXIT_UD && vmcb12.save.rip == (uint64_t)l2_crash,
	       "nested-min: UD2 in L2: exit 0x%lx at 0x%lx (want 0x46)\n", (unsigned long)code,
	       (unsigned long)vmcb12.save.rip);
	guest_printf("nested-min: MSR map and exception intercepts reflected\n");
}

/* A hostile VMCB12: no VMLOAD/VMSAVE/STGI/CLGI intercepts, AVIC and vGIF asked for in
 * int_ctl. Bulkhead's intercepts stay (rule 4), the int_ctl bits are dropped (rule 3): L2's
 * VMLOAD is #UD in L2 (no IDT there: a shutdown, which L1 intercepts), FS base untouched. */
static void check_hostile_vmcb(void)
{
	struct l2_out out;
	uint64_t code, fs = 0;

	wrmsr_safe(MSR_FS_BASE, 0x11110000);
	spare.save.fs.base = 0x22220000;
	build_vmcb12();
	vmcb12.save.rip = (uint64_t)l2_vmload;
	vmcb12.save.rax = (uint64_t)&spare;
	vmcb12.save.idtr.limit = 0;
	vmcb12.control.intercept_misc1 |= INTERCEPT_SHUTDOWN;
	vmcb12.control.int_ctl |= AVIC_ENABLE | V_GIF_ENABLE | V_GIF;
	code = vmrun_once(&out);
	EXPECT(code == VMEXIT_SHUTDOWN && rdmsr_safe(MSR_FS_BASE, &fs) && fs == 0x11110000,
	       "nested-min: L2's VMLOAD: exit 0x%lx, FS base 0x%lx (want shutdown, 0x11110000)\n",
	       (unsigned long)code, (unsigned long)fs);
	wrmsr_safe(MSR_FS_BASE, 0);
	guest_printf("nested-min: hostile VMCB12 contained\n");
}

/* Exceptions Bulkhead raises in L2 go to L1 first when it intercepts them (rule 6): the #GP
 * of an MSR Bulkhead refuses, the #UD of an SVM instruction L1 let through. */
static void check_l0_exceptions_reflected(void)
{
	struct l2_out out;
	uint64_t code;

	build_vmcb12();
	vmcb12.save.rip = (uint64_t)l2_badmsr;
	vmcb12.control.intercept_exceptions = 1U << VEC_GP;
	code = vmrun_once(&out);
	EXPECT(code == VMEXIT_EXCP_BASE + VEC_GP && vmcb12.save.rip == (uint64_t)l2_badmsr + 5 &&
		   vmcb12.control.exit_info1 == 0,
	       "nested-min: refused MSR in L2: exit 0x%lx at 0x%lx (want #GP to L1)\n",
	       (unsigned long)code, (unsigned long)vmcb12.save.rip);
	build_vmcb12();
	vmcb12.save.rip = (uint64_t)l2_vmload;
	vmcb12.save.rax = (uint64_t)&spare;
	vmcb12.control.intercept_exceptions = 1U << VEC_UD;
	code = vmrun_once(&out);
	EXPECT(code == VMEXIT_UD && vmcb12.save.rip == (uint64_t)l2_vmload,
	       "nested-min: VMLOAD in L2: exit 0x%lx at 0x%lx (want #UD to L1)\n",
	       (unsigned long)code, (unsigned long)vmcb12.save.rip);
	guest_printf("nested-min: Bulkhead's exceptions for L2 reflected\n");
}

/* Without the intercept, L2's triple fault is the partition's (a shutdown of L1's machine):
 * Bulkhead restarts it from its image, in the middle of L2. The next run must find no nested
 * state left (check_gates_off(), check_msrs()). */
static _Noreturn void crash_in_l2(void)
{
	struct l2_out out;

	build_vmcb12();
	vmcb12.save.rip = (uint64_t)l2_crash;
	vmcb12.save.idtr.limit = 0;
	guest_printf("nested-min: L2 triple-faults now\n");
	vmrun_once(&out);
	guest_printf("nested-min: L1 resumed after L2's triple fault (exit 0x%lx)\n",
		     (unsigned long)vmcb12.control.exit_code);
	guest_test_exit(GUEST_EXIT_FAIL);
}

/* NPT12: the first GiB identity-mapped with 2 MiB pages, the first 2 MiB split into 4 KiB
 * pages so that one page can be moved or removed. */
#define NPT_RWXU  0x7ULL /* present, writable, user (nested walks are user accesses) */
#define NPT_PS	  (1ULL << 7)
#define NPF_FINAL (1ULL << 32)
#define NPT_MAGIC 0x4e5054313221ULL
typedef uint64_t npt_table[512] __attribute__((aligned(PAGE)));
static npt_table pml4, pdpt, pd, pt;
static uint64_t alias_page[512] __attribute__((aligned(PAGE)));
static uint64_t target_page[512] __attribute__((aligned(PAGE)));

static void build_npt12(void)
{
	pml4[0] = (uint64_t)pdpt | NPT_RWXU;
	pdpt[0] = (uint64_t)pd | NPT_RWXU;
	for (uint64_t i = 0; i < 512; i++) {
		pd[i] = (i << 21) | NPT_RWXU | NPT_PS;
		pt[i] = (i << 12) | NPT_RWXU;
	}
	pd[0] = (uint64_t)pt | NPT_RWXU;
	build_vmcb12();
	vmcb12.save.rip = (uint64_t)l2_read;
	vmcb12.save.g_pat = 0x0007040600070406ULL;
	vmcb12.control.np_control = NP_ENABLE;
	vmcb12.control.ncr3 = (uint64_t)pml4;
	vmcb12.control.tlb_control = 1; /* L1 changed its table: flush (15.16.1) */
}

/* L2's address alias_page is L1's target_page; removed, it is L1's nested page fault. */
static void check_npt12(void)
{
	struct l2_out out;
	uint64_t code;

	target_page[0] = NPT_MAGIC;
	alias_page[0] = 0;
	l2_ptr = (uint64_t)alias_page;
	build_npt12();
	pt[(uint64_t)alias_page >> 12] = (uint64_t)target_page | NPT_RWXU;
	code = vmrun_once(&out);
	EXPECT(code == VMEXIT_HLT && out.r12 == NPT_MAGIC,
	       "nested-min: NPT12 read: exit 0x%lx, value 0x%lx (want L1's other page)\n",
	       (unsigned long)code, (unsigned long)out.r12);
	build_npt12();
	pt[(uint64_t)alias_page >> 12] = 0;
	code = vmrun_once(&out);
	EXPECT(code == VMEXIT_NPF && vmcb12.control.exit_info2 == (uint64_t)alias_page &&
		   (vmcb12.control.exit_info1 & (NPF_FINAL | NPF_P)) == NPF_FINAL,
	       "nested-min: NPT12 hole: exit 0x%lx info 0x%lx 0x%lx (want a not-present NPF)\n",
	       (unsigned long)code, (unsigned long)vmcb12.control.exit_info1,
	       (unsigned long)vmcb12.control.exit_info2);
	guest_printf("nested-min: NPT12 composed with Bulkhead's, its faults reflected\n");
}

/* VMSAVE stores the live FS base; VMLOAD makes another one live. */
static void check_vmload_vmsave(void)
{
	uint64_t fs = 0;

	wrmsr_safe(MSR_FS_BASE, 0x12340000);
	EXPECT(try_insn(I_VMSAVE, (uint64_t)&spare) == -1 && spare.save.fs.base == 0x12340000,
	       "nested-min: VMSAVE stored FS base 0x%lx\n", (unsigned long)spare.save.fs.base);
	spare.save.fs.base = 0x56780000;
	EXPECT(try_insn(I_VMLOAD, (uint64_t)&spare) == -1 && rdmsr_safe(MSR_FS_BASE, &fs) &&
		   fs == 0x56780000,
	       "nested-min: after VMLOAD FS base 0x%lx\n", (unsigned long)fs);
	wrmsr_safe(MSR_FS_BASE, 0);
}

void guest_main(void);
void guest_main(void)
{
	trap_init();
	check_cpuid();
	check_gates_off();
	check_msrs();
	check_gates_on();
	build_vmcb12();
	check_l2_run();
	check_invalid();
	check_vmload_vmsave();
	check_msr_reflected();
	check_exception_reflected();
	check_npt12();
	check_hostile_vmcb();
	check_l0_exceptions_reflected();
	if (failures) {
		guest_printf("nested-min: %u of %u checks failed\n", failures, checks);
		guest_test_exit(GUEST_EXIT_FAIL);
	}
	guest_printf("nested-min: all %u checks passed\n", checks);
	crash_in_l2();
}
