/* SPDX-License-Identifier: BSD-2-Clause */
/* The test guests' tiny library: hypercalls, console output, assertions, the end of a test. */
#ifndef GUEST_H
#define GUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hypercall.h"

/* Test-exit statuses the library itself uses; a guest's own failures use other values. */
#define GUEST_EXIT_PASS	  0
#define GUEST_EXIT_FAIL	  1
#define GUEST_EXIT_ASSERT 2 /* GUEST_ASSERT failed (the line before says where) */
#define GUEST_EXIT_TRAP	  3 /* an exception or interrupt no handler was registered for */

/* Guest-physical address of the boot information (multiboot2 format) the first CPU found in
 * RDI at entry (docs/hypercalls.md, raw64 boot state); 0 when none was given. */
extern uint64_t guest_boot_info;

int64_t hcall(uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2);

/* Without Bulkhead (lib/native.c) there is no hypercall: when set, hcall() calls this instead. */
extern int64_t (*guest_hcall_hook)(uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2);

void guest_puts(const char *s);			 /* through HC_CONSOLE_WRITE */
void guest_put_uint(uint64_t v);		 /* decimal */
void guest_uart_puts(const char *s);		 /* through the virtual UART's ports */
_Noreturn void guest_test_exit(uint64_t status); /* HC_TEST_EXIT */

/* One console line (or part) formatted like printf: %s %c %d %u %x %p, with l for 64 bits
 * (%lu %lx %ld). Written with one hypercall under a lock, so CPUs do not mix their lines. */
void guest_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Asserting: on failure "ASSERT <file>:<line>: <expression>" and test-exit GUEST_EXIT_ASSERT. */
#define GUEST_ASSERT(cond)                                            \
	do {                                                          \
		if (!(cond))                                          \
			guest_assert_fail(__FILE__, __LINE__, #cond); \
	} while (0)
/* The same with the two values compared shown (unsigned 64-bit). */
#define GUEST_ASSERT_EQ(a, b)                                                           \
	do {                                                                            \
		uint64_t a_ = (uint64_t)(a), b_ = (uint64_t)(b);                        \
		if (a_ != b_)                                                           \
			guest_assert_eq_fail(__FILE__, __LINE__, #a " == " #b, a_, b_); \
	} while (0)
_Noreturn void guest_assert_fail(const char *file, int line, const char *what);
_Noreturn void guest_assert_eq_fail(const char *file, int line, const char *what, uint64_t a,
				    uint64_t b);

/* Partition facts through HC_PARTITION_INFO (asserts the call and the magic). */
void guest_info(struct hc_partition_info *info);

/* Time: the TSC, and its rate from HC_TSC_KHZ (0 when Bulkhead does not give it). */
static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}
uint64_t guest_tsc_khz(void);
void guest_udelay(uint64_t us); /* busy wait; a fixed guess of the rate when it is unknown */

static inline void cpu_relax(void)
{
	asm volatile("pause" ::: "memory");
}

/* A test-and-set lock for the partition's CPUs. */
typedef struct {
	volatile uint32_t held;
} guest_lock_t;
void guest_lock(guest_lock_t *l);
void guest_unlock(guest_lock_t *l);

/* Port I/O. */
static inline void outb(uint16_t port, uint8_t v)
{
	asm volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}
static inline uint8_t inb(uint16_t port)
{
	uint8_t v;

	asm volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}
static inline void outw(uint16_t port, uint16_t v)
{
	asm volatile("outw %0, %1" : : "a"(v), "Nd"(port));
}
static inline uint16_t inw(uint16_t port)
{
	uint16_t v;

	asm volatile("inw %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}
static inline void outl(uint16_t port, uint32_t v)
{
	asm volatile("outl %0, %1" : : "a"(v), "Nd"(port));
}
static inline uint32_t inl(uint16_t port)
{
	uint32_t v;

	asm volatile("inl %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

#endif
