/* SPDX-License-Identifier: BSD-2-Clause */
/* The L1 VMX test hypervisor: its L2 context, the L2 test bodies (l2.S) and the test runner. */
#ifndef L1VMX_H
#define L1VMX_H

/* What an L2 body leaves in RAX at its final VMCALL (shared with l2.S). */
#define L2_DONE 0x600d
#define L2_TRAP 0x0bad /* an exception L2 did not expect: RBX vector, RCX RIP, RDX error */

#define L2_PORT_IN   0x5e	    /* IN AL, imm8 of l2_io_in */
#define L2_PORT_OPEN 0x80	    /* the POST port: never made to exit */
#define L2_UNMAPPED  0x100000000ULL /* above the 4 GiB L1's page tables map */

#ifndef __ASSEMBLER__

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "guest.h"
#include "vmx.h"

/* L2's general registers: VM entry and exit switch only RSP and RIP (vmenter.S does the rest). */
struct l2_regs {
	uint64_t rax, rbx, rcx, rdx, rsi, rdi, rbp, r8, r9, r10, r11, r12, r13, r14, r15;
};
_Static_assert(sizeof(struct l2_regs) == 15 * 8, "vmenter.S stores 15 registers");

extern struct l2_regs l2_regs;
extern volatile bool l1_in_l2; /* set while L2 runs: traps then belong to L2 */
extern bool l1_vmx_ready;      /* vmx-caps reached VMXON */
extern uint64_t vmx_basic, vmx_misc, vmx_ept_vpid_cap;
extern uint32_t vmx_proc2_allowed; /* allowed-1 settings of the secondary controls */
extern uint8_t vmxon_region[PAGE_SIZE];
extern unsigned int phys_bits;

/* vmenter.S: VMLAUNCH (@launch) or VMRESUME with L2's registers from and back to @regs; VMX_OK
 * after a VM exit, else how the instruction failed. */
enum vmx_result vmx_enter(int launch, struct l2_regs *regs);

/* VMREAD/VMWRITE that fail the test (naming the field) if the instruction fails. */
uint64_t vmcs_read(uint32_t field);
void vmcs_write(uint32_t field, uint64_t val);
/* The VM-instruction error field after a VMfailValid. */
static inline uint64_t vm_insn_error(void)
{
	return vmcs_read(VM_INSN_ERROR);
}
/* @want | the bits the capability MSR @msr says must be 1; fails the test if @want is refused. */
uint32_t vmx_control(uint32_t msr, uint32_t want);
void vmcs_prepare(uint8_t *vmcs); /* writes the revision id of IA32_VMX_BASIC */

/* L2 bodies (l2.S); each ends with VMCALL, RAX = L2_DONE. */
extern const char l2_done[], l2_cpuid[], l2_hlt[], l2_io_out[], l2_io_in[], l2_io_open[];
extern const char l2_rdmsr[], l2_wrmsr[], l2_read[], l2_write[], l2_ud[], l2_vmread[];
extern const char l2_vmwrite[], l2_write32[], l2_spin[], l2_spin_end[];

/* A fresh L2 in a cleared, current VMCS: 64-bit, on L1's page tables and descriptors, entered at
 * @entry with IF clear; minimal controls, no bitmaps. */
void l2_setup(const void *entry);
/* VMLAUNCH the first time after l2_setup, VMRESUME afterwards: the basic exit reason (with bit 31
 * for a failed entry); a VMfail fails the test. */
uint32_t l2_run(void);
void l2_expect_done(const char *file, int line);
#define L2_EXPECT_DONE() l2_expect_done(__FILE__, __LINE__)
void l2_skip(void); /* resumes L2 past the instruction that exited (VM-exit instruction length) */
extern uint8_t l2_io_bitmaps[2 * PAGE_SIZE], l2_msr_bitmap[PAGE_SIZE];
void io_bitmap_set(uint16_t port);
void msr_bitmap_set(uint32_t msr, bool write);
void proc_set(uint32_t bits);  /* ORs @bits into the primary processor-based controls */
void proc2_set(uint32_t bits); /* the same for the secondary ones (and activates them) */

/* What L2's handler l2_record (exits.c) saw. */
struct trap_frame;
extern volatile struct l2_event {
	unsigned int seen;
	uint64_t vector, error, rip;
} l2_event;
void l2_record(struct trap_frame *f);

/* The runner: a failed check prints "l1vmx: <test> FAIL: <file>:<line>: ..." and ends that test
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
/* A VMX instruction's outcome: VMfailValid with error number @err. */
#define CHECK_FAIL_VALID(res, err)                \
	do {                                      \
		CHECK_EQ((res), VMX_FAIL_VALID);  \
		CHECK_EQ(vm_insn_error(), (err)); \
	} while (0)
void l1_note(const char *what); /* "l1vmx: <test>: note: ..." */
void l1_install_traps(void);

void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);

/* Needs of a test: it is refused with a FAIL line when one is missing. */
#define NEED_VMX (1U << 0) /* vmx-caps reached VMXON */
#define NEED_EPT (1U << 1) /* and EPT with 2 MiB pages and write-back can be used */
struct l1_test {
	const char *name;
	void (*fn)(void);
	unsigned int needs;
};
void l1_run_tests(const struct l1_test *t, size_t n);
/* What the image runs, in order: suite.c (the tests) or bench.c (make bench). */
void l1_suite(void);

/* Test tables, one per file. */
extern const struct l1_test caps_tests[], insn_tests[], exit_tests[], shadow_tests[];
extern const struct l1_test ept_tests[], entry_tests[], intr_tests[], hostile_tests[];
extern const size_t caps_ntests, insn_ntests, exit_ntests, shadow_ntests, ept_ntests, entry_ntests;
extern const size_t intr_ntests, hostile_ntests;

/* ept.c: L1's identity EPT of [0, 4 GiB), built afresh; its EPTP (WB, 4 levels). */
uint64_t ept_build(void);
extern uint64_t ept_pml4[];
uint64_t *ept_leaf(uint64_t gpa);     /* the 2 MiB leaf that maps @gpa */
void ept_l2_setup(const void *entry); /* l2_setup(@entry) on a fresh EPT, flushed */

#endif /* __ASSEMBLER__ */
#endif
