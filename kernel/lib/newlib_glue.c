// SPDX-License-Identifier: BSD-2-Clause
/* The OS layer newlib's libc subset expects: heap break, malloc lock, reent/errno, abort/exit. */
#include <assert.h>
#include <errno.h>
#include <malloc.h>
#include <reent.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "spinlock.h"

#ifndef NEWLIB_HEAP_SIZE
#define NEWLIB_HEAP_SIZE (8UL << 20)
#endif

extern _Noreturn void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * malloc's whole heap. A static arena keeps newlib independent of the page allocator and of the
 * boot order: the first malloc() works before the memory map is even parsed.
 */
static unsigned char heap_arena[NEWLIB_HEAP_SIZE] __attribute__((aligned(4096)));
static size_t heap_brk;

/*
 * nano-malloc calls this with its lock held; the compare-exchange only keeps a stray direct sbrk
 * caller from corrupting the break. Nothing is published through heap_brk, hence relaxed order.
 */
void *_sbrk_r(struct _reent *r, ptrdiff_t incr)
{
	size_t old = __atomic_load_n(&heap_brk, __ATOMIC_RELAXED);
	size_t next;

	do {
		bool fits = incr >= 0 ? (size_t)incr <= NEWLIB_HEAP_SIZE - old
				      : (size_t)0 - (size_t)incr <= old;

		if (!fits) {
			r->_errno = ENOMEM;
			return (void *)-1;
		}
		next = old + (size_t)incr;
	} while (!__atomic_compare_exchange_n(&heap_brk, &old, next, false, __ATOMIC_RELAXED,
					      __ATOMIC_RELAXED));
	return heap_arena + old;
}

/* nano-malloc never re-enters itself, so a plain (fair, non-recursive) spinlock suffices. */
static struct spinlock malloc_lock = SPINLOCK_INIT;

void __malloc_lock(struct _reent *r)
{
	spin_lock(&malloc_lock);
}

void __malloc_unlock(struct _reent *r)
{
	spin_unlock(&malloc_lock);
}

/* newlib 3.3's nano calloc multiplies without an overflow check; this one replaces it. */
void *_calloc_r(struct _reent *r, size_t n, size_t size)
{
	size_t bytes;
	void *p;

	if (__builtin_mul_overflow(n, size, &bytes)) {
		r->_errno = ENOMEM;
		return NULL;
	}
	p = _malloc_r(r, bytes);
	if (p)
		memset(p, 0, bytes);
	return p;
}

/*
 * One reentrancy structure shared by all CPUs. The subset never touches its stdio, locale or rand48
 * fields, so the all-zero state is valid and _REENT_INIT's stdio set-up is not needed. Only _errno
 * is written, racily when CPUs fail at once: hypervisor code must not rely on errno.
 */
static struct _reent shared_reent;
struct _reent *_impure_ptr = &shared_reent;

int *__errno(void)
{
	return &_REENT->_errno;
}

void abort(void)
{
	panic("abort() called from %p", __builtin_return_address(0));
}

/* Nothing to exit to; mbedtls' buffer allocator calls exit() when it finds its heap corrupt. */
void exit(int status)
{
	panic("exit(%d) called from %p", status, __builtin_return_address(0));
}

void __assert_func(const char *file, int line, const char *func, const char *expr)
{
	panic("assertion \"%s\" failed at %s:%d%s%s", expr, file, line, func ? " in " : "",
	      func ? func : "");
}
