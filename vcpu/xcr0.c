// SPDX-License-Identifier: BSD-2-Clause
// The XSETBV rule for a new XCR0 (SDM Vol. 2D XSETBV "Protected Mode Exceptions", Vol. 1 13.3).

#include <stdbool.h>
#include <stddef.h>

#include "xcr0.h"

/* Bits @val sets out of @group: none or all of them are allowed, never some. */
static bool partial(uint64_t val, uint64_t group)
{
	return (val & group) && (val & group) != group;
}

/* In the order the SDM lists XSETBV's #GP(0) conditions; CPL > 0 is checked by the CPU before
 * the exit and by the caller. */
const char *xcr0_check(uint32_t index, uint64_t val, uint64_t supported)
{
	if (index != XCR_INDEX_XCR0)
		return "ECX names no XCR but XCR0";
	if (val & ~supported)
		return "a bit the CPU does not support (CPUID.(EAX=0DH,ECX=0):EDX:EAX)";
	if (!(val & XCR0_X87))
		return "bit 0 (x87) clear";
	if ((val & XCR0_AVX) && !(val & XCR0_SSE))
		return "bit 2 (AVX) without bit 1 (SSE)";
	if ((val & XCR0_AVX512) && !(val & XCR0_AVX))
		return "bits 7:5 (AVX-512) without bits 2:1 (SSE, AVX)";
	if (partial(val, XCR0_AVX512))
		return "bits 7:5 (AVX-512) neither all set nor all clear";
	if (partial(val, XCR0_MPX))
		return "bits 4:3 (MPX) neither both set nor both clear";
	if (partial(val, XCR0_AMX))
		return "bits 18:17 (AMX) neither both set nor both clear";
	return NULL;
}
