/* SPDX-License-Identifier: BSD-2-Clause */
/* Exceptions and interrupts in the test guests: one IDT, a handler per vector. */
#ifndef GUEST_TRAP_H
#define GUEST_TRAP_H

#include <stdbool.h>
#include <stdint.h>

/* Exception vectors (SDM Vol. 3A 6.3.1, table 6-1). */
#define VEC_DE		   0
#define VEC_NMI		   2
#define VEC_UD		   6
#define VEC_DF		   8
#define VEC_GP		   13
#define VEC_PF		   14
#define VEC_FIRST_EXTERNAL 32

/* What trap.S pushed, lowest address first, then the CPU's interrupt frame (SDM 6.14.2). */
struct trap_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8, rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error;
	uint64_t rip, cs, rflags, rsp, ss;
};
_Static_assert(sizeof(struct trap_frame) == 22 * 8, "trap.S pushes 17 words, the CPU 5");
_Static_assert(__builtin_offsetof(struct trap_frame, vector) == 15 * 8, "trap.S: vector slot");

/* A handler may change the frame (RIP to skip an instruction, RAX/RDX for a result). */
typedef void (*trap_handler_t)(struct trap_frame *f);

/* Builds the IDT (every vector to guest_trap_dispatch) and loads it on this CPU; other CPUs of
 * the partition call trap_load_idt() to share it. */
void trap_init(void);
void trap_load_idt(void);
/* Registers @h for @vector; NULL restores the default, which reports the trap and ends the
 * test with GUEST_EXIT_TRAP. */
void trap_set_handler(uint8_t vector, trap_handler_t h);

void guest_trap_dispatch(struct trap_frame *f); /* called by trap.S */

/* Reads and writes of an MSR that return whether they raised #GP instead of faulting the test:
 * a #GP handler skips the instruction and records the fault. */
bool rdmsr_safe(uint32_t msr, uint64_t *val);
bool wrmsr_safe(uint32_t msr, uint64_t val);

static inline void irq_enable(void)
{
	asm volatile("sti" ::: "memory");
}
static inline void irq_disable(void)
{
	asm volatile("cli" ::: "memory");
}
/* Waits for the next interrupt with interrupts on (STI's shadow covers HLT: none is lost). */
static inline void wait_for_interrupt(void)
{
	asm volatile("sti; hlt; cli" ::: "memory");
}

#endif
