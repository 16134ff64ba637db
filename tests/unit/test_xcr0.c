// SPDX-License-Identifier: BSD-2-Clause
// XSETBV's rule for XCR0: each #GP(0) condition of the SDM at its boundary, valid and just invalid.

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "xcr0.h"

/* A CPU with every component these rules name (x87 ... AVX-512, PKRU, AMX). */
#define ALL	 (XCR0_X87 | XCR0_SSE | XCR0_AVX | XCR0_MPX | XCR0_AVX512 | (1ULL << 9) | XCR0_AMX)
#define SSE_ONLY (XCR0_X87 | XCR0_SSE) /* a CPU with XSAVE but no AVX */
#define AVX	 (XCR0_X87 | XCR0_SSE | XCR0_AVX)

/* The refusal names the rule: @words appear in its text. */
static void refused(uint32_t index, uint64_t val, uint64_t supported, const char *words)
{
	const char *why = xcr0_check(index, val, supported);

	assert_non_null(why);
	assert_non_null(strstr(why, words));
}

static void accepts_valid_values(void **state)
{
	assert_null(xcr0_check(0, XCR0_RESET, ALL));
	assert_null(xcr0_check(0, XCR0_X87 | XCR0_SSE, ALL));
	assert_null(xcr0_check(0, AVX, ALL));
	assert_null(xcr0_check(0, AVX | XCR0_AVX512, ALL));
	assert_null(xcr0_check(0, XCR0_X87 | XCR0_MPX, ALL));
	assert_null(xcr0_check(0, XCR0_X87 | XCR0_AMX, ALL));
	assert_null(xcr0_check(0, ALL, ALL));
	assert_null(xcr0_check(0, SSE_ONLY, SSE_ONLY));
}

static void only_xcr0_is_writable(void **state)
{
	refused(1, XCR0_RESET, ALL, "ECX");
	refused(2, AVX, ALL, "ECX");
	refused(0xffffffffU, XCR0_RESET, ALL, "ECX");
}

static void unsupported_bits_refused(void **state)
{
	refused(0, AVX, SSE_ONLY, "does not support");
	refused(0, XCR0_RESET | (1ULL << 63), ALL, "does not support");
	refused(0, XCR0_RESET | (1ULL << 8), ALL, "does not support"); /* IA32_XSS's (PT) */
	refused(0, XCR0_RESET | (1ULL << 9), SSE_ONLY, "does not support");
}

static void x87_must_stay_on(void **state)
{
	refused(0, 0, ALL, "bit 0");
	refused(0, XCR0_SSE, ALL, "bit 0");
	refused(0, ALL & ~XCR0_X87, ALL, "bit 0");
}

static void avx_needs_sse(void **state)
{
	refused(0, XCR0_X87 | XCR0_AVX, ALL, "without bit 1");
	assert_null(xcr0_check(0, XCR0_X87 | XCR0_SSE, ALL)); /* SSE alone is fine */
}

static void avx512_needs_avx_and_sse(void **state)
{
	refused(0, XCR0_X87 | XCR0_SSE | XCR0_AVX512, ALL, "without bits 2:1");
	refused(0, XCR0_X87 | XCR0_AVX512, ALL, "without bits 2:1");
	refused(0, XCR0_X87 | XCR0_OPMASK, ALL, "without bits 2:1");
}

static void avx512_all_or_none(void **state)
{
	refused(0, AVX | XCR0_OPMASK, ALL, "7:5");
	refused(0, AVX | XCR0_OPMASK | XCR0_ZMM_HI256, ALL, "7:5");
	refused(0, AVX | XCR0_HI16_ZMM, ALL, "7:5");
	refused(0, AVX | XCR0_ZMM_HI256 | XCR0_HI16_ZMM, ALL, "7:5");
}

static void mpx_both_or_none(void **state)
{
	refused(0, XCR0_X87 | XCR0_BNDREGS, ALL, "4:3");
	refused(0, AVX | XCR0_BNDCSR, ALL, "4:3");
}

static void amx_both_or_none(void **state)
{
	refused(0, XCR0_X87 | XCR0_TILECFG, ALL, "18:17");
	refused(0, XCR0_X87 | XCR0_TILEDATA, ALL, "18:17");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(accepts_valid_values),
	    cmocka_unit_test(only_xcr0_is_writable),
	    cmocka_unit_test(unsupported_bits_refused),
	    cmocka_unit_test(x87_must_stay_on),
	    cmocka_unit_test(avx_needs_sse),
	    cmocka_unit_test(avx512_needs_avx_and_sse),
	    cmocka_unit_test(avx512_all_or_none),
	    cmocka_unit_test(mpx_both_or_none),
	    cmocka_unit_test(amx_both_or_none),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
