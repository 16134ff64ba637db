// SPDX-License-Identifier: BSD-2-Clause
// raw64 test guest: XSAVE as the partition sees it. CPUID's OSXSAVE follows its CR4; XSETBV
// loads valid XCR0 values (XGETBV and CPUID leaf 0xD agree) and raises #GP(0) for invalid ones;
// then it leaves XCR0 changed and faults, and after its restart XCR0 must be back at 1.

#include "guest.h"
#include "trap.h"

#define CPUID_1_ECX_XSAVE   (1U << 26)
#define CPUID_1_ECX_OSXSAVE (1U << 27)
#define CR4_OSXSAVE	    (1ULL << 18)
#define XSAVE_LEAF	    0xd
#define XSAVE_LEGACY_BYTES  576 /* legacy region and XSAVE header (SDM Vol. 1 13.4) */
#define XSETBV_BYTES	    3	/* 0f 01 d1, as the asm below emits it */
#define X87		    (1ULL << 0)
#define SSE		    (1ULL << 1)
#define AVX		    (1ULL << 2)
#define BNDREGS		    (1ULL << 3)
#define MPX		    (3ULL << 3)
#define OPMASK		    (1ULL << 5)
#define AVX512		    (7ULL << 5)
#define OUTSIDE		    0x40000000ULL /* no partition's memory: the fault that restarts it */
#define NO_TRAP		    0xff

struct cpuid_out {
	uint32_t a, b, c, d;
};

static volatile uint8_t trapped = NO_TRAP;

static struct cpuid_out cpuid(uint32_t leaf, uint32_t sub)
{
	struct cpuid_out r;

	asm volatile("cpuid" : "=a"(r.a), "=b"(r.b), "=c"(r.c), "=d"(r.d) : "a"(leaf), "c"(sub));
	return r;
}

/* #GP and #UD of XSETBV: noted, and the instruction skipped. */
static void skip_xsetbv(struct trap_frame *f)
{
	trapped = (uint8_t)f->vector;
	f->rip += XSETBV_BYTES;
}

/* The vector XSETBV raised, or NO_TRAP. */
static uint8_t xsetbv(uint32_t index, uint64_t val)
{
	trapped = NO_TRAP;
	asm volatile("xsetbv"
		     :
		     : "c"(index), "a"((uint32_t)val), "d"((uint32_t)(val >> 32))
		     : "memory");
	return trapped;
}

static uint64_t xgetbv0(void)
{
	uint32_t lo, hi;

	asm volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
	return ((uint64_t)hi << 32) | lo;
}

static void set_cr4(uint64_t bits)
{
	uint64_t cr4;

	asm volatile("mov %%cr4, %0" : "=r"(cr4));
	asm volatile("mov %0, %%cr4" : : "r"(cr4 | bits) : "memory");
}

/* What CPUID.(0DH,0):EBX must say for @xcr0: the end of the last enabled component. */
static uint32_t xsave_size(uint64_t xcr0)
{
	uint32_t end = XSAVE_LEGACY_BYTES;

	for (uint32_t i = 2; i < 64; i++) {
		struct cpuid_out c = cpuid(XSAVE_LEAF, i);

		if ((xcr0 >> i) & 1 && c.b + c.a > end)
			end = c.b + c.a;
	}
	return end;
}

static void valid(uint64_t val)
{
	GUEST_ASSERT_EQ(xsetbv(0, val), NO_TRAP);
	GUEST_ASSERT_EQ(xgetbv0(), val);
	GUEST_ASSERT_EQ(cpuid(XSAVE_LEAF, 0).b, xsave_size(val));
}

static unsigned int refused;

static void invalid(uint32_t index, uint64_t val, const char *what)
{
	uint64_t before = xgetbv0();

	guest_printf("xcr0: %s: ECX %u, 0x%lx\n", what, index, (unsigned long)val);
	GUEST_ASSERT_EQ(xsetbv(index, val), VEC_GP);
	GUEST_ASSERT_EQ(xgetbv0(), before);
	refused++;
}

/* Every rule the partition's CPU can show; the MPX and AVX-512 ones where it has them. */
static void checks(uint64_t supported)
{
	valid(X87 | SSE);
	if (supported & AVX)
		valid(X87 | SSE | AVX);
	valid(X87);
	invalid(1, X87, "XCR1");
	invalid(0, 0, "x87 clear");
	invalid(0, SSE, "x87 clear");
	invalid(0, X87 | AVX, "AVX without SSE");
	invalid(0, X87 | (1ULL << 63), "reserved bit 63");
	if ((supported & AVX512) == AVX512) {
		invalid(0, X87 | SSE | AVX | OPMASK, "AVX-512 in part");
		invalid(0, X87 | SSE | AVX512, "AVX-512 without AVX");
		valid(X87 | SSE | AVX | AVX512);
	}
	if ((supported & MPX) == MPX) {
		invalid(0, X87 | BNDREGS, "MPX in part");
		valid(X87 | MPX);
	}
}

void guest_main(void);
void guest_main(void)
{
	uint64_t supported, start;
	bool restarted = hcall(HC_EXIT_COUNT, HC_EXIT_NPF, 0, 0) != 0;
	struct cpuid_out x;

	trap_init();
	trap_set_handler(VEC_GP, skip_xsetbv);
	trap_set_handler(VEC_UD, skip_xsetbv);
	if (!(cpuid(1, 0).c & CPUID_1_ECX_XSAVE)) {
		guest_printf("xcr0: CPUID says no XSAVE\n");
		guest_test_exit(GUEST_EXIT_FAIL);
	}
	GUEST_ASSERT(!(cpuid(1, 0).c & CPUID_1_ECX_OSXSAVE));
	GUEST_ASSERT_EQ(xsetbv(0, X87), VEC_UD); /* CR4.OSXSAVE still clear */
	set_cr4(CR4_OSXSAVE);
	GUEST_ASSERT(cpuid(1, 0).c & CPUID_1_ECX_OSXSAVE);
	start = xgetbv0();
	guest_printf("xcr0: 0x%lx at start%s\n", (unsigned long)start,
		     restarted ? ", after the restart" : "");
	GUEST_ASSERT_EQ(start, X87);
	if (restarted)
		guest_test_exit(GUEST_EXIT_PASS);
	x = cpuid(XSAVE_LEAF, 0);
	supported = ((uint64_t)x.d << 32) | x.a;
	guest_printf("xcr0: supported 0x%lx\n", (unsigned long)supported);
	GUEST_ASSERT_EQ(supported & (X87 | SSE), X87 | SSE);
	checks(supported);
	guest_printf("xcr0: valid values loaded, %u invalid ones refused with #GP\n", refused);
	guest_printf("xcr0: %lu XSETBV exits\n",
		     (unsigned long)hcall(HC_EXIT_COUNT, HC_EXIT_XSETBV, 0, 0));
	valid(X87 | SSE);
	guest_printf("xcr0: leaving 0x%lx and faulting\n", (unsigned long)xgetbv0());
	*(volatile uint64_t *)OUTSIDE = 1;
	guest_printf("xcr0: still running: the write was not stopped\n");
	guest_test_exit(GUEST_EXIT_FAIL);
}
