/* SPDX-License-Identifier: BSD-2-Clause */
/* The L1 test hypervisor: its L2 context, the L2 test bodies (l2.S) and the test runner. */
#ifndef L1_H
#define L1_H

/* What an L2 body leaves in RAX at its final VMMCALL (shared with l2.S). */
#define L2_DONE 0x600d
#define L2_TRAP 0x0bad /* an exception L2 did not expect: RBX vector, RCX RIP, RDX error */

/* Ports and addresses the L2 bodies use (l2.S). */
#define L2_PORT_IN   0x5e	    /* intercepted IN AL, imm8 */
#define L2_PORT_OPEN 0x80	    /* never intercepted: the POST port */
#define L2_UNMAPPED  0x100000000ULL /* above the 4 GiB L1's page tables map */

#ifndef __ASSEMBLER__

#include <stdbool.h>
#include <stdint.h>

#include "guest.h"
#include "svm.h"

/* L2's general registers that VMRUN does not load from the VMCB (RAX and RSP are there). */
struct l2_regs {
	uint64_t rbx, rcx, rdx, rsi, rdi, rbp, r8, r9, r10, r11, r12, r13, r14, r15;
};
_Static_assert(sizeof(struct l2_regs) == 14 * 8, "vmrun.S stores 14 registers");

extern struct vmcb l2_vmcb;
extern struct l2_regs l2_regs;
extern uint8_t l2_iopm[IOPM_SIZE];
extern uint8_t l2_msrpm[MSRPM_SIZE];
extern uint32_t svm_features;  /* CPUID 0x8000000A EDX */
extern volatile bool l1_in_l2; /* set while VMRUN runs L2: traps then belong to L2 */

/* What L2's handler l2_record (events.c) saw: a trap handler for L2's events. */
struct trap_frame;
extern volatile struct l2_event {
	unsigned int seen;
	uint64_t vector, error, rip;
} l2_event;
void l2_record(struct trap_frame *f);

/* vmrun.S: VMRUN at @vmcb_pa with L2's registers from and back to @regs. */
void l1_vmrun(uint64_t vmcb_pa, struct l2_regs *regs);

/* L2 bodies (l2.S); each ends with VMMCALL, RAX = L2_DONE. */
extern const char l2_done[], l2_cpuid[], l2_hlt[], l2_io_out[], l2_io_out_next[];
extern const char l2_io_in[], l2_io_in_next[], l2_io_open[], l2_rdmsr[], l2_wrmsr[];
extern const char l2_read[], l2_read_resume[], l2_write[], l2_clgi[], l2_stgi[], l2_sti_loop[];
extern const char l2_sti_hlt[];

/* A fresh L2: 64-bit, on L1's page tables and descriptors, entered at @entry with IF clear;
 * VMRUN, VMMCALL and SHUTDOWN intercepted, empty permission maps, ASID 1. */
void l2_setup(const void *entry);
/* VMRUN (GIF is left clear after the exit when @keep_gif_clear) and the exit code. */
uint64_t l2_run_gif(bool keep_gif_clear);
static inline uint64_t l2_run(void)
{
	return l2_run_gif(false);
}
/* The exit was L2's final VMMCALL (an unexpected L2 trap is reported as such). */
void l2_expect_done(const char *file, int line);
#define L2_EXPECT_DONE() l2_expect_done(__FILE__, __LINE__)
/* Resumes L2 past an instruction of @len bytes the exit stopped at. */
void l2_skip(unsigned int len);
/* L2 set up at l2_read faults on L2_UNMAPPED, #PF intercepted: checks the exit (exits.c). */
void l2_expect_pf_exit(void);

void iopm_intercept(uint16_t port);
void msrpm_intercept(uint32_t msr, unsigned int rw);

/* The runner: a failed check prints "l1: <test> FAIL: <file>:<line>: ..." and ends that test
 * only; the run goes on with the next and ends with a non-zero test-exit. */
_Noreturn void l1_fail(const char *file, int line, const char *what);
_Noreturn void l1_fail_eq(const char *file, int line, const char *what, uint64_t a, uint64_t b);
#define CHECK(cond)                                         \
	do {                                                \
		if (!(cond))                                \
			l1_fail(__FILE__, __LINE__, #cond); \
	} while (0)
#define CHECK_EQ(a, b)                                                        \
	do {                                                                  \
		uint64_t a_ = (uint64_t)(a), b_ = (uint64_t)(b);              \
		if (a_ != b_)                                                 \
			l1_fail_eq(__FILE__, __LINE__, #a " == " #b, a_, b_); \
	} while (0)
void l1_note(const char *what); /* "l1: <test>: note: ..." */
void l1_install_traps(void);	/* every exception vector to the runner's handler */
/* After a failed test: L1's watchdog stopped, its IPIs left pending taken (intr.c). */
void l1_drain_interrupts(void);

void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);

/* Tests, grouped by file. */
void test_svm_cpuid(void);
void test_svm_enable(void);
void test_l2_run(void);
void test_cpuid_intercepted(void);
void test_cpuid_passthrough(void);
void test_hlt_intercepted(void);
void test_io_out_intercepted(void);
void test_io_in_intercepted(void);
void test_io_open(void);
void test_msr_read_intercepted(void);
void test_msr_write_intercepted(void);
void test_msr_ranges(void);
void test_msr_open(void);
void test_pf_intercepted(void);
void test_pf_l2_handler(void);
void test_inject_ud(void);
void test_inject_gp(void);
void test_inject_intr(void);
void test_inject_nmi(void);
void test_vmload_vmsave(void);
void test_vmload_vmsave_l2(void);
void test_gif(void);
void test_clgi_intercepted(void);
void test_vgif(void);
void test_intr_exit_vintr_masking(void);
void test_intr_masked_by_l2(void);
void test_virtual_intr(void);
void test_nmi_exit(void);
void test_hlt_passthrough(void);
void test_npt_run(void);
void test_npf_not_present(void);
void test_npf_write_ro(void);
void test_npf_walk(void);
void test_npf_reserved(void);
void test_pf_intercepted_npt(void);
void cc_run_all(void); /* the APM 15.5.1 checks, one test each (cc.c) */

/* Needs of a test: it is refused with a FAIL line when one is missing. */
#define NEED_SVM  (1U << 0) /* svm-enable passed */
#define NEED_NPT  (1U << 1) /* and CPUID offers nested paging */
#define NEED_VGIF (1U << 2) /* and CPUID offers vGIF */
void l1_run_test(const char *name, void (*fn)(void), unsigned int needs);

#endif /* __ASSEMBLER__ */
#endif
