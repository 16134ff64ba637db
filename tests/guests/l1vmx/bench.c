// SPDX-License-Identifier: BSD-2-Clause
// Nested VMX figures for `make bench` (issue #8): the L1 VMX test hypervisor's bench image
// (l1vmx-bench.elf, tests/config/bench-nested-vmx.dts, Bochs with a fixed ips: its TSC counts
// instructions). In TSC cycles per round trip:
//   - CPUID executed by L1 itself: one exit to Bulkhead (L0) and back;
//   - CPUID executed by L2, reflected to L1, which handles it as a hypervisor does: VMREAD of the
//     exit reason, qualification, instruction length and guest RIP, VMWRITE of the next RIP,
//     VMRESUME;
// and through HC_EXIT_COUNT, the exits Bulkhead counted meanwhile: its VMX-instruction exits
// (virt-insn) per L2 exit, and all L0 exits per reflected L2 exit. A reflected exit itself is
// handed to L1 inside Bulkhead's run loop and never counted, so that is counted / runs + 1. With
// VMCS shadowing (Bulkhead's default where the CPU has it) L1's VMREADs and VMWRITEs do not
// exit; `nested-vmx-shadowing=off` on Bulkhead's command line makes each one exit.

#include "l1vmx.h"

#define RUNS   1000
#define WARMUP 10
#define MILLI  1000

/* L2: CPUID leaf 0 for ever; L1 steps over each CPUID and the JMP goes round. */
void bench_l2_loop(void);
asm(".text\n"
    "bench_l2_loop:\n"
    "	xor %eax, %eax\n"
    "	xor %ecx, %ecx\n"
    "	cpuid\n"
    "	jmp bench_l2_loop\n");

/* VMLAUNCH (EDI != 0) or VMRESUME; HOST_RIP is bench_exit (written once), HOST_RSP is written
 * only when it changes, as a hypervisor caches it. L2 changes only RAX and RCX (caller-saved).
 * VMX_OK after the VM exit, else how the instruction failed. */
enum vmx_result bench_enter(int launch);
void bench_exit(void);
uint64_t bench_host_rsp;
asm(".text\n"
    "bench_enter:\n"
    "	push %rbx\n	push %rbp\n	push %r12\n	push %r13\n	push %r14\n	push %r15\n"
    "	cmp bench_host_rsp(%rip), %rsp\n"
    "	je 1f\n"
    "	mov %rsp, bench_host_rsp(%rip)\n"
    "	mov $0x6c14, %eax\n" /* HOST_RSP */
    "	vmwrite %rsp, %rax\n"
    "1:	test %edi, %edi\n"
    "	jz 2f\n"
    "	vmlaunch\n"
    "	jmp 3f\n"
    "2:	vmresume\n"
    "3:	mov $1, %eax\n"
    "	jc 4f\n"
    "	mov $2, %eax\n"
    "	jmp 4f\n"
    "bench_exit:\n"
    "	xor %eax, %eax\n"
    "4:	pop %r15\n	pop %r14\n	pop %r13\n	pop %r12\n	pop %rbp\n	pop %rbx\n"
    "	ret\n");

static bool launched;

static void cpuid_leaf0(void)
{
	uint32_t a = 0, b, c = 0, d;

	asm volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
}

/* One round trip: L2 runs to its next CPUID, L1 reads the exit and steps over it. */
static void l2_round(void)
{
	uint64_t reason, qual, len, rip;

	CHECK_EQ(bench_enter(!launched), VMX_OK);
	launched = true;
	reason = vmcs_read(EXIT_REASON);
	qual = vmcs_read(EXIT_QUAL);
	len = vmcs_read(EXIT_INSN_LEN);
	rip = vmcs_read(GUEST_RIP);
	CHECK_EQ(reason, EXIT_REASON_CPUID);
	CHECK_EQ(qual, 0);
	vmcs_write(GUEST_RIP, rip + len);
}

/* Exits Bulkhead counted for this partition: all but its hypercalls (these reads), and its
 * VMX-instruction exits. */
struct counts {
	uint64_t all, virt_insn;
};

static struct counts counted(void)
{
	struct counts c = {0, (uint64_t)hcall(HC_EXIT_COUNT, HC_EXIT_VIRT_INSN, 0, 0)};

	for (unsigned int r = 0; r < HC_EXIT_REASONS; r++)
		if (r != HC_EXIT_HYPERCALL)
			c.all += (uint64_t)hcall(HC_EXIT_COUNT, r, 0, 0);
	return c;
}

struct figure {
	uint64_t cycles;
	struct counts exits;
};

static struct figure measure(bool l2)
{
	struct figure f;
	struct counts before, after;
	uint64_t start;

	for (int i = 0; i < WARMUP; i++)
		l2 ? l2_round() : cpuid_leaf0();
	before = counted();
	start = rdtsc();
	for (int i = 0; i < RUNS; i++)
		l2 ? l2_round() : cpuid_leaf0();
	f.cycles = rdtsc() - start;
	after = counted();
	f.exits.all = after.all - before.all;
	f.exits.virt_insn = after.virt_insn - before.virt_insn;
	return f;
}

/* n / d with three decimals. */
static void ratio(char *buf, uint64_t n, uint64_t d)
{
	uint64_t m = n * MILLI / d, q = m / MILLI, r = m % MILLI;
	char tmp[24];
	int k = 0;

	do
		tmp[k++] = (char)('0' + q % 10);
	while (q /= 10);
	while (k)
		*buf++ = tmp[--k];
	*buf++ = '.';
	*buf++ = (char)('0' + r / 100);
	*buf++ = (char)('0' + r / 10 % 10);
	*buf++ = (char)('0' + r % 10);
	*buf = 0;
}

static void test_bench(void)
{
	struct figure l1, l2;
	char vs[24], per_virt[24], per_l0[24];

	l2_setup(bench_l2_loop);
	vmcs_write(HOST_RIP, (uint64_t)bench_exit);
	bench_host_rsp = 0;
	launched = false;
	l1 = measure(false);
	l2 = measure(true);
	ratio(vs, l2.cycles, l1.cycles);
	ratio(per_virt, l2.exits.virt_insn, RUNS);
	ratio(per_l0, l2.exits.all + RUNS, RUNS);
	if (l1.exits.all != RUNS)
		guest_printf("nested-vmx-bench: %lu exits counted for %u CPUIDs in L1\n",
			     (unsigned long)l1.exits.all, RUNS);
	/* Two lines: Bulkhead's console line is shorter than both together. */
	guest_printf("bench: nested-vmx runs=%u l1-cpuid-cycles=%lu l2-cpuid-cycles=%lu "
		     "l2-vs-l1=%s\n",
		     RUNS, (unsigned long)(l1.cycles / RUNS), (unsigned long)(l2.cycles / RUNS),
		     vs);
	guest_printf("bench: nested-vmx-exits runs=%u l2-counted-exits=%lu "
		     "virt-insn-per-l2-exit=%s l0-exits-per-reflected=%s\n",
		     RUNS, (unsigned long)l2.exits.all, per_virt, per_l0);
}

static const struct l1_test bench_tests[] = {
    {"nested-vmx-bench", test_bench, NEED_VMX},
};

void l1_suite(void)
{
	l1_run_tests(caps_tests, caps_ntests);
	l1_run_tests(bench_tests, sizeof(bench_tests) / sizeof(bench_tests[0]));
}
