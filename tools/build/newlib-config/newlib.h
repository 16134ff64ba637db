/* SPDX-License-Identifier: BSD-2-Clause */
/* Bulkhead's stand-in for the newlib.h that newlib's configure would generate for our subset. */
#ifndef __NEWLIB_H__
#define __NEWLIB_H__ 1

#include <_newlib_version.h>

/* --enable-newlib-nano-formatted-io; deps.mk adds -DNO_FLOATING_POINT (no float printf). */
#define _NANO_FORMATTED_IO 1

/*
 * Deliberately left undefined:
 *  __SINGLE_THREAD__        several CPUs allocate at once, so malloc must call __malloc_lock.
 *  __DYNAMIC_REENT__        one global struct _reent (see kernel/lib/newlib_glue.c).
 *  _MB_CAPABLE              "C" locale only, so strto* and ctype never reach the locale code.
 *  _RETARGETABLE_LOCKING    only malloc locks, through __malloc_lock/__malloc_unlock.
 *  _HAVE_CC_INHIBIT_LOOP_TO_LIBCALL  deps.mk passes -fno-tree-loop-distribute-patterns to all of
 *                           newlib instead, so no loop in str*.c/mem*.c becomes a self-call.
 *  _WANT_IO_LONG_LONG, _WANT_IO_C99_FORMATS  nano printf ignores both (no %ll, %z, %j, %t, %hh).
 *  _WANT_REENT_SMALL, _WANT_REENT_GLOBAL_STDIO_STREAMS, _HAVE_LONG_DOUBLE: no FILE I/O, no FP.
 */

#endif /* __NEWLIB_H__ */
