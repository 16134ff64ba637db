// SPDX-License-Identifier: BSD-2-Clause
// Hostile L1 for nested SVM (issue #7, rule 1 of ../shared/guides/nested-rules.md): a 2-CPU L1
// whose CPU 1 keeps flipping fields of the VMCB12 that CPU 0 VMRUNs, in a tight loop: the
// VMRUN intercept bit, ASID 0/1, garbage EVENTINJ, the IOPM base outside L1's memory. Each
// flip toggles between a valid and an invalid value, so every snapshot Bulkhead takes is
// either valid (L2 must run exactly as written) or invalid (VMEXIT_INVALID); a check on one
// read of guest memory and a use of another (CVE-2021-29657) shows up as neither.
// L2 sets RBX and executes VMRUN, which L1 intercepts in every valid snapshot: the exit must
// come to L1 as VMEXIT_VMRUN after the 5-byte MOV. L1 intercepts #UD too: had Bulkhead taken
// the VMRUN intercept from a later read of guest memory, L2's VMRUN would be its #UD.
// Started after HOSTILE_DELAY_US and run for RACE_US of guest time, inside the run of the
// victim partition on another CPU (tests/config/nested-race.dts, tests/boot/test_nested_race.py).

#include "guest.h"
#include "l2_vmcb.h"
#include "apic.h"
#include "isolation.h"
#include "smp.h"
#include "svm/vmcb.h"
#include "trap.h"

#define MSR_EFER	0xc0000080
#define MSR_VM_HSAVE_PA 0xc0010117
#define EFER_SVME	(1ULL << 12)
#define PAGE		4096
#define RACE_US		1500000
#define MIN_RUNS	200
#define START_MS	1000
#define L2_MAGIC	0x52414345 /* "RACE" */
#define MOV_EBX_LEN	5
#define VMEXIT_VMRUN	0x80
#define VMEXIT_UD	(VMEXIT_EXCP_BASE + VEC_UD)
#define OUTSIDE		(1ULL << 40) /* far beyond L1's 16 MiB */
#define EVENT_GARBAGE	(EVENTINJ_VALID | EVENTINJ_RESERVED | EVENTINJ_TYPE_EXCEPTION | 2)
#define FLIPS		8

static struct vmcb vmcb12, spare;
static uint8_t iopm[3 * PAGE] __attribute__((aligned(PAGE)));
static uint8_t hsave[PAGE] __attribute__((aligned(PAGE)));
static uint8_t l2_stack[PAGE] __attribute__((aligned(16)));
static volatile int flipping, stop;
static volatile uint64_t flips;

/* L2: RBX = magic, then VMRUN (L1's intercept: exit 0x80 to L1, RIP at the VMRUN). */
void l2_race(void);
asm(".text\n"
    "l2_race:\n"
    "	mov $0x52414345, %ebx\n"
    "	vmrun\n"
    "	hlt\n"
    "	jmp l2_race\n");

/* VMRUN of the VMCB at RDI; L2's RBX comes back in *RSI. */
void l1_vmrun(uint64_t vmcb_pa, uint64_t *rbx);
asm(".text\n"
    "l1_vmrun:\n"
    "	push %rbx\n	push %rbp\n	push %r12\n	push %r13\n	push %r14\n	push %r15\n"
    "	push %rsi\n"
    "	xor %ebx, %ebx\n"
    "	mov %rdi, %rax\n"
    "	vmrun\n"
    "	pop %rsi\n"
    "	mov %rbx, (%rsi)\n"
    "	pop %r15\n	pop %r14\n	pop %r13\n	pop %r12\n	pop %rbp\n	pop %rbx\n"
    "	ret\n");

/* L2 shares L1's page tables, GDT and IDT. IOIO intercepted (so the IOPM is checked), VMRUN
 * and #UD intercepted. */
static void build_vmcb12(void)
{
	struct vmcb_control *c = &vmcb12.control;

	l2_vmcb_from_l1(&vmcb12, 0, (uint64_t)l2_stack + sizeof(l2_stack));
	c->intercept_misc1 = INTERCEPT_IOIO | INTERCEPT_HLT | INTERCEPT_SHUTDOWN;
	c->intercept_misc2 = INTERCEPT_VMRUN;
	c->intercept_exceptions = 1U << VEC_UD;
	c->iopm_base_pa = (uint64_t)iopm;
	c->asid = 1;
}

/* CPU 1: flip the four fields between valid and invalid values until CPU 0 says stop. */
static void flipper(unsigned int cpu)
{
	volatile struct vmcb_control *c = &vmcb12.control;
	uint64_t n = 0;

	(void)cpu;
	flipping = 1;
	while (!stop) {
		switch (n++ % FLIPS) {
		case 0:
			c->intercept_misc2 &= ~INTERCEPT_VMRUN;
			break;
		case 1:
			c->asid = 0;
			break;
		case 2:
			c->intercept_misc2 |= INTERCEPT_VMRUN;
			break;
		case 3:
			c->event_inj = EVENT_GARBAGE;
			break;
		case 4:
			c->asid = 1;
			break;
		case 5:
			c->iopm_base_pa = OUTSIDE;
			break;
		case 6:
			c->event_inj = 0;
			break;
		default:
			c->iopm_base_pa = (uint64_t)iopm;
			break;
		}
	}
	flips = n;
	flipping = 0;
}

struct tally {
	uint64_t runs, ran, invalid, wrong;
};

/* One VMRUN: L2 ran correctly, or VMEXIT_INVALID; anything else is counted wrong. */
static void one_run(struct tally *t)
{
	uint64_t rbx = 0, code;

	vmcb12.save.rip = (uint64_t)l2_race;
	vmcb12.save.rax = (uint64_t)&spare;
	vmcb12.control.exit_code = 0x5a5a;
	l1_vmrun((uint64_t)&vmcb12, &rbx);
	code = vmcb12.control.exit_code;
	t->runs++;
	if (code == VMEXIT_INVALID) { /* 64-bit -1, as the APM says */
		t->invalid++;
		return;
	}
	if (code == VMEXIT_VMRUN && vmcb12.save.rip == (uint64_t)l2_race + MOV_EBX_LEN &&
	    (uint32_t)rbx == L2_MAGIC && vmcb12.save.rax == (uint64_t)&spare) {
		t->ran++;
		return;
	}
	if (t->wrong++ < 4)
		guest_printf("nested-race: run %lu: exit 0x%lx at 0x%lx, rbx 0x%lx (want VMRUN at "
			     "0x%lx or VMEXIT_INVALID)\n",
			     (unsigned long)t->runs, (unsigned long)code,
			     (unsigned long)vmcb12.save.rip, (unsigned long)rbx,
			     (unsigned long)l2_race + MOV_EBX_LEN);
}

void guest_main(void);
void guest_main(void)
{
	struct tally t = {0, 0, 0, 0};
	uint64_t efer = 0, start, khz = guest_tsc_khz();

	GUEST_ASSERT(khz != 0);
	trap_init();
	apic_enable();
	GUEST_ASSERT(rdmsr_safe(MSR_EFER, &efer) && wrmsr_safe(MSR_EFER, efer | EFER_SVME));
	GUEST_ASSERT(wrmsr_safe(MSR_VM_HSAVE_PA, (uint64_t)hsave));
	build_vmcb12();
	/* Before the race: the VMCB12 as written runs L2. */
	one_run(&t);
	GUEST_ASSERT(t.ran == 1 && t.wrong == 0);
	GUEST_ASSERT(smp_start_aps(flipper, START_MS) == 1);
	while (!flipping)
		cpu_relax();
	guest_udelay(HOSTILE_DELAY_US);
	guest_printf("nested-race: racing VMCB12 writes from cpu 1 while cpu 0 VMRUNs\n");
	t = (struct tally){0, 0, 0, 0};
	start = rdtsc();
	while (t.runs < MIN_RUNS || rdtsc() - start < khz * (RACE_US / 1000))
		one_run(&t);
	stop = 1;
	while (flipping)
		cpu_relax();
	guest_printf("nested-race: %lu VMRUNs: %lu ran L2, %lu VMEXIT_INVALID, %lu wrong; %lu "
		     "flips\n",
		     (unsigned long)t.runs, (unsigned long)t.ran, (unsigned long)t.invalid,
		     (unsigned long)t.wrong, (unsigned long)flips);
	/* After the race: a clean VMCB12 runs L2 again. */
	build_vmcb12();
	t = (struct tally){0, 0, 0, 0};
	one_run(&t);
	if (t.ran != 1) {
		guest_printf("nested-race: a clean VMCB12 after the race did not run L2\n");
		guest_test_exit(GUEST_EXIT_FAIL);
	}
	guest_printf("nested-race: clean VMRUN after the race ran L2\n");
	guest_test_exit(GUEST_EXIT_PASS);
}
