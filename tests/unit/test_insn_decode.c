// SPDX-License-Identifier: BSD-2-Clause
// The MMIO decoder on real byte sequences (assembled with GNU as, listings in the comments).

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "insn_decode.h"

#define NO  INSN_NO_REG
#define M16 INSN_MODE_16
#define M32 INSN_MODE_32
#define M64 INSN_MODE_64

struct good {
	const char *as; /* the source line the bytes came from */
	enum insn_mode mode;
	const char *bytes;
	size_t n;
	enum insn_op op;
	uint8_t len, size, reg_size, reg;
	bool high8;
	uint64_t imm;
	int8_t base, index;
	uint8_t scale, addr_size;
	int64_t disp;
	int8_t seg;
};

/* B("..."): the bytes of a string literal without its terminating NUL. */
#define B(s) s, sizeof(s) - 1

static const struct good good[] = {
    /* Linux x86-64 native_apic_mem_write: movl %eax, APIC_BASE + reg (fixmap, sign-extended) */
    {"mov %eax, 0xffffffffff5fc0b0", M64, B("\x89\x04\x25\xb0\xc0\x5f\xff"), INSN_STORE, 7, 4, 4, 0,
     false, 0, NO, NO, 1, 8, (int64_t)0xffffffffff5fc0b0ULL, NO},
    /* gas picks the 64-bit moffs form for an absolute 0xfee000b0 */
    {"mov %eax, 0xfee000b0", M64, B("\xa3\xb0\x00\xe0\xfe\x00\x00\x00\x00"), INSN_STORE, 9, 4, 4, 0,
     false, 0, NO, NO, 1, 8, 0xfee000b0, NO},
    {"mov %eax, (%rdx)", M64, B("\x89\x02"), INSN_STORE, 2, 4, 4, 0, false, 0, 2, NO, 1, 8, 0, NO},
    {"mov %esi, 0x300(%rdi)", M64, B("\x89\xb7\x00\x03\x00\x00"), INSN_STORE, 6, 4, 4, 6, false, 0,
     7, NO, 1, 8, 0x300, NO},
    {"mov 0x20(%rax), %eax", M64, B("\x8b\x40\x20"), INSN_LOAD, 3, 4, 4, 0, false, 0, 0, NO, 1, 8,
     0x20, NO},
    {"mov 0x1234(%rip), %eax", M64, B("\x8b\x05\x34\x12\x00\x00"), INSN_LOAD, 6, 4, 4, 0, false, 0,
     INSN_REG_RIP, NO, 1, 8, 0x1234, NO},
    {"movl $0, 0xb0(%rbx)", M64, B("\xc7\x83\xb0\x00\x00\x00\x00\x00\x00\x00"), INSN_STORE_IMM, 10,
     4, 4, 0, false, 0, 3, NO, 1, 8, 0xb0, NO},
    {"movzbl 0x30(%rcx), %edx", M64, B("\x0f\xb6\x51\x30"), INSN_LOAD_ZX, 4, 1, 4, 2, false, 0, 1,
     NO, 1, 8, 0x30, NO},
    {"movzwl 0x30(%r9), %r10d", M64, B("\x45\x0f\xb7\x51\x30"), INSN_LOAD_ZX, 5, 2, 4, 10, false, 0,
     9, NO, 1, 8, 0x30, NO},
    /* Linux with X86_BUG_11AP writes the APIC with xchg */
    {"xchg %eax, 0x300(%rdx)", M64, B("\x87\x82\x00\x03\x00\x00"), INSN_XCHG, 6, 4, 4, 0, false, 0,
     2, NO, 1, 8, 0x300, NO},
    {"mov %r12, (%r13,%r14,8)", M64, B("\x4f\x89\x64\xf5\x00"), INSN_STORE, 5, 8, 8, 12, false, 0,
     13, 14, 8, 8, 0, NO},
    {"mov %ah, (%rax)", M64, B("\x88\x20"), INSN_STORE, 2, 1, 1, 0, true, 0, 0, NO, 1, 8, 0, NO},
    {"mov %sil, (%rax)", M64, B("\x40\x88\x30"), INSN_STORE, 3, 1, 1, 6, false, 0, 0, NO, 1, 8, 0,
     NO},
    {"movq $-1, 8(%rsp)", M64, B("\x48\xc7\x44\x24\x08\xff\xff\xff\xff"), INSN_STORE_IMM, 9, 8, 8,
     0, false, ~0ULL, 4, NO, 1, 8, 8, NO},
    {"mov %eax, %fs:0x10(%rbp)", M64, B("\x64\x89\x45\x10"), INSN_STORE, 4, 4, 4, 0, false, 0, 5,
     NO, 1, 8, 0x10, 4},
    {"mov (%r12), %r8w", M64, B("\x66\x45\x8b\x04\x24"), INSN_LOAD, 5, 2, 2, 8, false, 0, 12, NO, 1,
     8, 0, NO},
    {"lock xchg %ecx, (%rax)", M64, B("\xf0\x87\x08"), INSN_XCHG, 3, 4, 4, 1, false, 0, 0, NO, 1, 8,
     0, NO},
    {"mov 0x300(,%rax,4), %ebx", M64, B("\x8b\x1c\x85\x00\x03\x00\x00"), INSN_LOAD, 7, 4, 4, 3,
     false, 0, NO, 0, 4, 8, 0x300, NO},
    {"addr32 mov (%eax), %eax (67 in long mode)", M64, B("\x67\x8b\x00"), INSN_LOAD, 3, 4, 4, 0,
     false, 0, 0, NO, 1, 4, 0, NO},
    {"REX before 66 is ignored: 48 66 89 02", M64, B("\x48\x66\x89\x02"), INSN_STORE, 4, 2, 2, 0,
     false, 0, 2, NO, 1, 8, 0, NO},
    /* Linux i386 and 32-bit guests: moffs forms for absolute addresses */
    {"mov %eax, 0xfee000b0", M32, B("\xa3\xb0\x00\xe0\xfe"), INSN_STORE, 5, 4, 4, 0, false, 0, NO,
     NO, 1, 4, (int64_t)(int32_t)0xfee000b0, NO},
    {"mov 0xfee00020, %eax", M32, B("\xa1\x20\x00\xe0\xfe"), INSN_LOAD, 5, 4, 4, 0, false, 0, NO,
     NO, 1, 4, (int64_t)(int32_t)0xfee00020, NO},
    {"movl $0xc4500, 0xfee00300", M32, B("\xc7\x05\x00\x03\xe0\xfe\x00\x45\x0c\x00"),
     INSN_STORE_IMM, 10, 4, 4, 0, false, 0xc4500, NO, NO, 1, 4, (int64_t)(int32_t)0xfee00300, NO},
    {"mov %edx, 0x310(%ebx)", M32, B("\x89\x93\x10\x03\x00\x00"), INSN_STORE, 6, 4, 4, 2, false, 0,
     3, NO, 1, 4, 0x310, NO},
    {"mov 0x30(%esi,%ecx,2), %edi", M32, B("\x8b\x7c\x4e\x30"), INSN_LOAD, 4, 4, 4, 7, false, 0, 6,
     1, 2, 4, 0x30, NO},
    {"movw $0x1234, (%eax)", M32, B("\x66\xc7\x00\x34\x12"), INSN_STORE_IMM, 5, 2, 2, 0, false,
     0x1234, 0, NO, 1, 4, 0, NO},
    {"mov %cx, 0x300(%ebp)", M32, B("\x66\x89\x8d\x00\x03\x00\x00"), INSN_STORE, 7, 2, 2, 1, false,
     0, 5, NO, 1, 4, 0x300, NO},
    {"movzbl (%eax), %ebx", M32, B("\x0f\xb6\x18"), INSN_LOAD_ZX, 3, 1, 4, 3, false, 0, 0, NO, 1, 4,
     0, NO},
    {"addr16 mov %eax, (%bx,%si)", M32, B("\x67\x89\x00"), INSN_STORE, 3, 4, 4, 0, false, 0, 3, 6,
     1, 2, 0, NO},
    {"mov %dh, 4(%eax)", M32, B("\x88\x70\x04"), INSN_STORE, 3, 1, 1, 2, true, 0, 0, NO, 1, 4, 4,
     NO},
    /* 16-bit code: real-mode AP trampolines */
    {"mov %ax, (%bx,%si)", M16, B("\x89\x00"), INSN_STORE, 2, 2, 2, 0, false, 0, 3, 6, 1, 2, 0, NO},
    {"mov 0x10(%bp,%di), %cx", M16, B("\x8b\x4b\x10"), INSN_LOAD, 3, 2, 2, 1, false, 0, 5, 7, 1, 2,
     0x10, NO},
    {"mov %ax, 0x1234", M16, B("\xa3\x34\x12"), INSN_STORE, 3, 2, 2, 0, false, 0, NO, NO, 1, 2,
     0x1234, NO},
    {"movl %eax, 0x300(%bx)", M16, B("\x66\x89\x87\x00\x03"), INSN_STORE, 5, 4, 4, 0, false, 0, 3,
     NO, 1, 2, 0x300, NO},
    {"mov %es:(%di), %dl", M16, B("\x26\x8a\x15"), INSN_LOAD, 3, 1, 1, 2, false, 0, 7, NO, 1, 2, 0,
     0},
    {"movb $0x5, -2(%bp)", M16, B("\xc6\x46\xfe\x05"), INSN_STORE_IMM, 4, 1, 1, 0, false, 5, 5, NO,
     1, 2, -2, NO},
    {"addr32 mov %eax, 0xfee000b0", M16, B("\x67\x66\xa3\xb0\x00\xe0\xfe"), INSN_STORE, 7, 4, 4, 0,
     false, 0, NO, NO, 1, 4, (int64_t)(int32_t)0xfee000b0, NO},
    {"mov (%bp) is disp8 0 with mod 1", M16, B("\x8b\x46\x00"), INSN_LOAD, 3, 2, 2, 0, false, 0, 5,
     NO, 1, 2, 0, NO},
};

static void decodes_every_form(void **state)
{
	for (size_t k = 0; k < sizeof(good) / sizeof(good[0]); k++) {
		const struct good *g = &good[k];
		char err[INSN_ERR_LEN] = "";
		struct insn i;

		print_message("%s\n", g->as);
		assert_true(
		    insn_decode((const uint8_t *)g->bytes, g->n, g->mode, &i, err, sizeof(err)));
		assert_int_equal(i.op, g->op);
		assert_int_equal(i.len, g->len);
		assert_int_equal(i.size, g->size);
		assert_int_equal(i.reg_size, g->reg_size);
		if (g->op != INSN_STORE_IMM) {
			assert_int_equal(i.reg, g->reg);
			assert_int_equal(i.reg_high8, g->high8);
		}
		assert_int_equal(i.imm, g->imm);
		assert_int_equal(i.mem.base, g->base);
		assert_int_equal(i.mem.index, g->index);
		assert_int_equal(i.mem.scale, g->scale);
		assert_int_equal(i.mem.addr_size, g->addr_size);
		assert_int_equal(i.mem.disp, g->disp);
		assert_int_equal(i.mem.seg, g->seg);
	}
}

/* Trailing bytes of the next instruction must not change the length. */
static void ignores_following_bytes(void **state)
{
	static const uint8_t buf[] = {0x89, 0x02, 0x0f, 0x0b, 0x90, 0x90, 0x90, 0x90,
				      0x90, 0x90, 0x90, 0x90, 0x90, 0x90, 0x90};
	struct insn i;

	assert_true(insn_decode(buf, sizeof(buf), M64, &i, NULL, 0));
	assert_int_equal(i.len, 2);
}

struct bad {
	enum insn_mode mode;
	const char *bytes;
	size_t n;
	const char *err; /* the whole message */
};

static const struct bad bad[] = {
    {M64, B("\x0f\x0b"), "cannot emulate 0f 0b: not a MOV, MOVZX or XCHG with a memory operand"},
    {M64, B("\x01\x02"), "cannot emulate 01: not a MOV, MOVZX or XCHG with a memory operand"},
    {M64, B("\xf3\x89\x02"), "cannot emulate f3: REP/REPNE prefix on a memory move"},
    {M32, B("\xf2\x8b\x00"), "cannot emulate f2: REP/REPNE prefix on a memory move"},
    {M64, B("\xf0\x89\x02"), "cannot emulate f0 89: LOCK prefix on a MOV (#UD)"},
    {M64, B("\x89\xc0"), "cannot emulate 89 c0: register operand: no memory access to emulate"},
    {M64, B("\xc7\x48\x10\x00\x00\x00\x00"),
     "cannot emulate c7 48: C6/C7 with a reg field other than /0"},
    {M64, B("\x89\x04"), "cannot emulate 89 04: instruction bytes end early"},
    {M64, B("\xa3\xb0\x00\xe0\xfe"), "cannot emulate a3 b0 00 e0 fe: instruction bytes end early"},
    {M32, B("\xc7\x05\x00\x03\xe0\xfe\x00\x45"),
     "cannot emulate c7 05 00 03 e0 fe 00 45: instruction bytes end early"},
    {M64, B("\x66\x66\x66\x66\x66\x66\x66\x66\x66\x66\x66\x66\x66\x66\x89\x02"),
     "cannot emulate 66 66 66 66 66 66 66 66 66 66 66 66 66 66 89: longer than 15 bytes"},
    {M64, B(""), "cannot emulate: instruction bytes end early"},
    /* MOVSD (A5) and ADD to memory are not moves Bulkhead emulates */
    {M32, B("\xa5"), "cannot emulate a5: not a MOV, MOVZX or XCHG with a memory operand"},
    {M64, B("\x83\x00\x01"), "cannot emulate 83: not a MOV, MOVZX or XCHG with a memory operand"},
};

static void refuses_with_the_bytes(void **state)
{
	for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
		char err[INSN_ERR_LEN] = "";
		struct insn i;

		assert_false(insn_decode((const uint8_t *)bad[k].bytes, bad[k].n, bad[k].mode, &i,
					 err, sizeof(err)));
		assert_string_equal(err, bad[k].err);
	}
}

/* A short message buffer is cut, never overrun (ASan watches). */
static void short_error_buffer(void **state)
{
	char err[12];
	struct insn i;

	assert_false(insn_decode((const uint8_t *)"\x0f\x0b", 2, M64, &i, err, sizeof(err)));
	assert_string_equal(err, "cannot emul");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(decodes_every_form),
	    cmocka_unit_test(ignores_following_bytes),
	    cmocka_unit_test(refuses_with_the_bytes),
	    cmocka_unit_test(short_error_buffer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
