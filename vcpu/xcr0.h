/* SPDX-License-Identifier: BSD-2-Clause */
/* XCR0, the XSAVE feature-enable register: its bits and the rule XSETBV checks a new value by. */
#ifndef BULKHEAD_XCR0_H
#define BULKHEAD_XCR0_H

#include <stdint.h>

/* State components (SDM Vol. 1, 13.1 and 13.3). */
#define XCR0_X87       (1ULL << 0)
#define XCR0_SSE       (1ULL << 1)
#define XCR0_AVX       (1ULL << 2)
#define XCR0_BNDREGS   (1ULL << 3)
#define XCR0_BNDCSR    (1ULL << 4)
#define XCR0_OPMASK    (1ULL << 5)
#define XCR0_ZMM_HI256 (1ULL << 6)
#define XCR0_HI16_ZMM  (1ULL << 7)
#define XCR0_TILECFG   (1ULL << 17)
#define XCR0_TILEDATA  (1ULL << 18)
#define XCR0_MPX       (XCR0_BNDREGS | XCR0_BNDCSR)
#define XCR0_AVX512    (XCR0_OPMASK | XCR0_ZMM_HI256 | XCR0_HI16_ZMM)
#define XCR0_AMX       (XCR0_TILECFG | XCR0_TILEDATA)
#define XCR0_RESET     XCR0_X87 /* after power-up and reset; INIT leaves XCR0 as it was */
#define XCR_INDEX_XCR0 0

/* Where a CPU says it has XSAVE, and where software turns it on (SDM Vol. 2A CPUID, Vol. 3A 2.5). */
#define CPUID_XSAVE_LEAF    0x0000000d /* subleaf 0: EDX:EAX = the XCR0 bits the CPU supports */
#define CPUID_1_ECX_XSAVE   (1U << 26)
#define CPUID_1_ECX_OSXSAVE (1U << 27) /* reads CR4.OSXSAVE of the CPU that executes CPUID */
#define CR4_OSXSAVE	    (1ULL << 18)

/* NULL when XSETBV may load @val into XCR[@index] on a CPU whose XCR0 can hold @supported
 * (CPUID.(EAX=0DH,ECX=0):EDX:EAX); otherwise the rule @val breaks, for a message. Either way
 * the check is the instruction's: a refused value is #GP(0) in the guest. */
const char *xcr0_check(uint32_t index, uint64_t val, uint64_t supported);

#endif
