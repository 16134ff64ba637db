/* SPDX-License-Identifier: BSD-2-Clause */
/* Exception vectors, the saved register frame, and the fatal-error paths (panic, CPU park). */
#ifndef BULKHEAD_TRAPS_H
#define BULKHEAD_TRAPS_H

#include <stdint.h>

#define IDT_VECTORS 256

/* SDM Vol. 3A, Table 6-1. */
enum {
	VEC_DE = 0,
	VEC_DB = 1,
	VEC_NMI = 2,
	VEC_BP = 3,
	VEC_OF = 4,
	VEC_BR = 5,
	VEC_UD = 6,
	VEC_NM = 7,
	VEC_DF = 8,
	VEC_TS = 10,
	VEC_NP = 11,
	VEC_SS = 12,
	VEC_GP = 13,
	VEC_PF = 14,
	VEC_MF = 16,
	VEC_AC = 17,
	VEC_MC = 18,
	VEC_XM = 19,
	VEC_VE = 20,
	VEC_CP = 21,
	VEC_HV = 28,
	VEC_VC = 29,
	VEC_SX = 30,
	VEC_EXCEPTIONS = 32,
};

/* Pushed by entry.S (general registers, vector, error code) and the CPU (the rest). */
struct trap_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error_code;
	uint64_t rip, cs, rflags, rsp, ss;
};

_Static_assert(sizeof(struct trap_frame) == 22 * 8, "entry.S pushes 22 quadwords");
_Static_assert(__builtin_offsetof(struct trap_frame, vector) == 15 * 8, "vector after 15 GPRs");

void trap_handle(struct trap_frame *frame);

/* Prints "reason" and a stack trace, then parks this CPU for good. */
_Noreturn void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void cpu_park(void);

/* Sleeps, interrupts off, while *@flag is 0, until the next NMI. The check and the HLT form one
 * region: an NMI anywhere in it resumes past the HLT, so a kick posted after the caller's own
 * check is never slept through. The caller loops on its condition. */
void cpu_wait_nmi(const uint32_t *flag);
void cpu_wait_hlt(void); /* the HLT inside cpu_wait_nmi, for the NMI handler */

/* Walks the frame-pointer chain from rbp, printing each return address with its symbol. */
void print_stack_trace(uint64_t rip, uint64_t rbp);

#endif
