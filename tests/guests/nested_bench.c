// SPDX-License-Identifier: BSD-2-Clause
// Nested SVM bench guest for `make bench` (issue #7), an L1 hypervisor in a partition with
// nested = "svm" (tests/config/bench-nested.dts, one CPU, QEMU -icount shift=0): in TSC cycles,
//   - CPUID executed by L1 itself: one exit to Bulkhead (L0) and back;
//   - CPUID executed by L2 with L1 intercepting it: L2 exits to L0, L0 reflects the exit to L1,
//     L1 advances L2's RIP and VMRUNs again (its VMRUN an exit to L0 of its own). Measured with
//     a bare VMRUN loop ("l2-") and with the sequence a typical L1 runs around VMRUN (CLGI,
//     VMSAVE host, VMLOAD guest, VMRUN, VMSAVE guest, VMLOAD host, STGI: "nested-svm-full");
// and through HC_EXIT_COUNT before and after each loop, the exits Bulkhead counted. A reflected
// exit never reaches Bulkhead's exit counters (nested/svm/exit.c hands it to L1 inside the run
// loop), so the L0 exits per reflected L2 exit are the counted exits per round trip plus the
// reflected exit itself: "l0-exits-per-reflected" = counted / runs + 1.

#include "guest.h"
#include "l2_vmcb.h"
#include "svm/vmcb.h"
#include "trap.h"

#define RUNS	  1000
#define WARMUP	  10
#define MSR_EFER  0xc0000080
#define EFER_SVME (1ULL << 12)
#define PAGE	  4096
#define CPUID_LEN 2
#define MILLI	  1000

static struct vmcb vmcb12, host_area;
static uint8_t hsave[PAGE] __attribute__((aligned(PAGE)));
static uint8_t l2_stack[PAGE] __attribute__((aligned(16)));

/* L2: CPUID leaf 0 for ever; L1 steps over each CPUID (RIP += 2) and the JMP goes round. */
void l2_cpuid_loop(void);
asm(".text\n"
    "l2_cpuid_loop:\n"
    "	xor %eax, %eax\n"
    "	xor %ecx, %ecx\n"
    "	cpuid\n"
    "	jmp l2_cpuid_loop\n");

/* VMRUN of the VMCB at RDI; L2 leaves its values in the caller-saved registers. */
void l1_vmrun(uint64_t vmcb_pa);
asm(".text\n"
    "l1_vmrun:\n"
    "	push %rbx\n	push %rbp\n	push %r12\n	push %r13\n	push %r14\n	push %r15\n"
    "	mov %rdi, %rax\n"
    "	vmrun\n"
    "	pop %r15\n	pop %r14\n	pop %r13\n	pop %r12\n	pop %rbp\n	pop %rbx\n"
    "	ret\n");

/* The same, inside the usual L1 sequence: host state saved, guest state loaded, GIF clear. */
void l1_vmrun_full(uint64_t vmcb_pa, uint64_t host_pa);
asm(".text\n"
    "l1_vmrun_full:\n"
    "	push %rbx\n	push %rbp\n	push %r12\n	push %r13\n	push %r14\n	push %r15\n"
    "	push %rsi\n	push %rdi\n"
    "	clgi\n"
    "	mov %rsi, %rax\n	vmsave\n"
    "	mov %rdi, %rax\n	vmload\n"
    "	vmrun\n"
    "	mov (%rsp), %rax\n	vmsave\n"
    "	mov 8(%rsp), %rax\n	vmload\n"
    "	stgi\n"
    "	pop %rdi\n	pop %rsi\n"
    "	pop %r15\n	pop %r14\n	pop %r13\n	pop %r12\n	pop %rbp\n	pop %rbx\n"
    "	ret\n");

static void cpuid_leaf0(void)
{
	uint32_t a = 0, b, c = 0, d;

	asm volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
}

/* Every exit Bulkhead counted for this partition but its hypercalls (these reads). */
static uint64_t exits_but_hypercalls(void)
{
	uint64_t n = 0;

	for (unsigned int r = 0; r < HC_EXIT_REASONS; r++)
		if (r != HC_EXIT_HYPERCALL)
			n += (uint64_t)hcall(HC_EXIT_COUNT, r, 0, 0);
	return n;
}

/* L2 shares L1's page tables, GDT and IDT; only CPUID (and L0's own) intercepted. */
static void build_vmcb12(void)
{
	struct vmcb_control *c = &vmcb12.control;

	l2_vmcb_from_l1(&vmcb12, (uint64_t)l2_cpuid_loop, (uint64_t)l2_stack + sizeof(l2_stack));
	/* FS, GS, TR, LDTR and the syscall MSRs: L1's own, for the VMLOAD of the full loop. */
	asm volatile("vmsave" : : "a"((uint64_t)&vmcb12) : "memory");
	c->intercept_misc1 = INTERCEPT_CPUID;
	c->intercept_misc2 = INTERCEPT_VMRUN;
	c->asid = 1;
}

/* One round trip: L2 runs to its next CPUID, L1 steps over it. */
static void l2_round(bool full)
{
	if (full)
		l1_vmrun_full((uint64_t)&vmcb12, (uint64_t)&host_area);
	else
		l1_vmrun((uint64_t)&vmcb12);
	if (vmcb12.control.exit_code != VMEXIT_CPUID) {
		guest_printf("nested-bench: exit 0x%lx at 0x%lx, want CPUID\n",
			     (unsigned long)vmcb12.control.exit_code,
			     (unsigned long)vmcb12.save.rip);
		guest_test_exit(GUEST_EXIT_FAIL);
	}
	vmcb12.save.rip += CPUID_LEN;
}

struct figure {
	uint64_t cycles, exits;
};

static struct figure measure(int what)
{
	struct figure f;
	uint64_t exits, start;

	for (int i = 0; i < WARMUP; i++)
		what ? l2_round(what == 2) : cpuid_leaf0();
	exits = exits_but_hypercalls();
	start = rdtsc();
	for (int i = 0; i < RUNS; i++)
		what ? l2_round(what == 2) : cpuid_leaf0();
	f.cycles = rdtsc() - start;
	f.exits = exits_but_hypercalls() - exits;
	return f;
}

/* n / d with three decimals. */
static void ratio(char *buf, uint64_t n, uint64_t d)
{
	uint64_t m = n * MILLI / d;
	char *p = buf;
	uint64_t q = m / MILLI, r = m % MILLI;
	char tmp[24];
	int k = 0;

	do
		tmp[k++] = (char)('0' + q % 10);
	while (q /= 10);
	while (k)
		*p++ = tmp[--k];
	*p++ = '.';
	*p++ = (char)('0' + r / 100);
	*p++ = (char)('0' + r / 10 % 10);
	*p++ = (char)('0' + r % 10);
	*p = 0;
}

void guest_main(void);
void guest_main(void)
{
	struct figure l1, l2, full;
	uint64_t efer = 0;
	char r_l2[24], r_full[24], x_l2[24], x_full[24];

	trap_init();
	GUEST_ASSERT(rdmsr_safe(MSR_EFER, &efer) && wrmsr_safe(MSR_EFER, efer | EFER_SVME));
	GUEST_ASSERT(wrmsr_safe(0xc0010117, (uint64_t)hsave));
	build_vmcb12();
	l1 = measure(0);
	l2 = measure(1);
	full = measure(2);
	ratio(r_l2, l2.cycles, l1.cycles);
	ratio(r_full, full.cycles, l1.cycles);
	ratio(x_l2, l2.exits + RUNS, RUNS);
	ratio(x_full, full.exits + RUNS, RUNS);
	/* Two lines: one console line holds at most HC_CONSOLE_MAX bytes. */
	if (l1.exits != RUNS)
		guest_printf("nested-bench: %lu exits counted for %u CPUIDs in L1\n",
			     (unsigned long)l1.exits, RUNS);
	guest_printf("bench: nested-svm runs=%u l1-cpuid-cycles=%lu l2-cpuid-cycles=%lu "
		     "l2-vs-l1=%s l2-counted-exits=%lu l0-exits-per-reflected=%s\n",
		     RUNS, (unsigned long)(l1.cycles / RUNS), (unsigned long)(l2.cycles / RUNS),
		     r_l2, (unsigned long)l2.exits, x_l2);
	guest_printf("bench: nested-svm-full runs=%u l2-cpuid-cycles=%lu l2-vs-l1=%s "
		     "l2-counted-exits=%lu l0-exits-per-reflected=%s\n",
		     RUNS, (unsigned long)(full.cycles / RUNS), r_full, (unsigned long)full.exits,
		     x_full);
	guest_test_exit(GUEST_EXIT_PASS);
}
