// SPDX-License-Identifier: BSD-2-Clause
// MMIO emulation end to end: fetch through the guest's tables, decode, access, register merge.

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "mmio.h"
#include "partition.h"

#define PAGE	 4096
#define MEM_SIZE (8 * PAGE)
#define PML4	 (4 * PAGE)
#define PDPT	 (5 * PAGE)
#define APIC	 0xfee00000ULL
#define CR0_PE	 (1ULL << 0)
#define CR0_PG	 (1ULL << 31)
#define CR4_PAE	 (1ULL << 5)
#define EFER_LMA (1ULL << 10)
#define PTE_PRW	 3ULL
#define PTE_PS	 (1ULL << 7)

static uint8_t mem[MEM_SIZE];
static struct partition part;
static struct vcpu vcpu;
static struct vcpu_paging paging;
static char fault[256];
static uint64_t reg_value; /* what a read of the device returns */
static struct {
	uint64_t gpa, val;
	unsigned int size;
	bool write;
} acc[2];
static unsigned int naccs;

void *part_gpa_to_hva(const struct partition *p, uint64_t gpa, uint64_t len, unsigned int rights)
{
	assert_ptr_equal(p, &part);
	return gpa + len <= MEM_SIZE ? mem + gpa : NULL;
}

void part_fault(struct partition *p, const char *what)
{
	snprintf(fault, sizeof(fault), "%s", what);
}

static void get_paging(struct vcpu *v, struct vcpu_paging *out)
{
	*out = paging;
}

static const struct vcpu_ops ops = {.name = "test", .get_paging = get_paging};
const struct vcpu_ops *vcpu_ops = &ops;

static bool handler(struct vcpu *v, uint64_t gpa, unsigned int size, bool write, uint64_t *val)
{
	assert_true(naccs < 2);
	acc[naccs].gpa = gpa;
	acc[naccs].size = size;
	acc[naccs].write = write;
	acc[naccs++].val = write ? *val : 0;
	if (!write)
		*val = reg_value;
	return true;
}

/* 64-bit code, identity-mapped by one 1 GiB page; code at @rip. */
static void long_mode(uint64_t rip, const void *code, size_t len)
{
	uint64_t pml4e = PDPT | PTE_PRW, pdpte = PTE_PS | PTE_PRW,
		 apic = 0xc0000000ULL | PTE_PS | 3;

	memset(mem, 0, sizeof(mem));
	memcpy(mem + PML4, &pml4e, 8);
	memcpy(mem + PDPT, &pdpte, 8);
	memcpy(mem + PDPT + 3 * 8, &apic, 8);
	memcpy(mem + rip, code, len);
	paging = (struct vcpu_paging){
	    .cr0 = CR0_PE | CR0_PG, .cr3 = PML4, .cr4 = CR4_PAE, .efer = EFER_LMA, .cs_l = true};
	vcpu = (struct vcpu){.part = &part};
	vcpu.regs.rip = rip;
	naccs = 0;
	fault[0] = 0;
}

static bool run(uint64_t gpa, bool write)
{
	struct vcpu_exit e = {.reason = VCPU_EXIT_NPF, .npf = {.gpa = gpa, .write = write}};

	return mmio_emulate(&vcpu, &e, handler);
}

static void load_32_zero_extends(void **state)
{
	long_mode(0x1000, "\x8b\x40\x20", 3); /* mov 0x20(%rax), %eax */
	vcpu.regs.rax = 0xffffffff00000000ULL | (APIC - 0x20 + 0x20);
	reg_value = 0x14;
	assert_true(run(APIC + 0x20, false));
	assert_int_equal(acc[0].size, 4);
	assert_int_equal(acc[0].gpa, APIC + 0x20);
	assert_int_equal(vcpu.regs.rax, 0x14);
	assert_int_equal(vcpu.regs.rip, 0x1003);
}

static void narrow_loads_merge(void **state)
{
	long_mode(0x1000, "\x66\x45\x8b\x04\x24", 5); /* mov (%r12), %r8w */
	vcpu.regs.r8 = 0x1122334455667788ULL;
	reg_value = 0xabcd;
	assert_true(run(APIC + 0x30, false));
	assert_int_equal(vcpu.regs.r8, 0x112233445566abcdULL);
	long_mode(0x1000, "\x8a\x23", 2); /* mov (%rbx), %ah */
	vcpu.regs.rax = 0x1111111111111111ULL;
	reg_value = 0x5a;
	assert_true(run(APIC + 0x80, false));
	assert_int_equal(vcpu.regs.rax, 0x1111111111115a11ULL);
	long_mode(0x1000, "\x0f\xb6\x51\x30", 4); /* movzbl 0x30(%rcx), %edx */
	vcpu.regs.rdx = ~0ULL;
	reg_value = 0x80;
	assert_true(run(APIC + 0x30, false));
	assert_int_equal(acc[0].size, 1);
	assert_int_equal(vcpu.regs.rdx, 0x80);
}

static void stores(void **state)
{
	long_mode(0x1000, "\x4f\x89\x64\xf5\x00", 5); /* mov %r12, (%r13,%r14,8) */
	vcpu.regs.r12 = 0x0123456789abcdefULL;
	assert_true(run(APIC + 0x300, true));
	assert_true(acc[0].write);
	assert_int_equal(acc[0].size, 8);
	assert_int_equal(acc[0].val, 0x0123456789abcdefULL);
	long_mode(0x1000, "\x88\x3a", 2); /* mov %bh, (%rdx) */
	vcpu.regs.rbx = 0x7700;
	assert_true(run(APIC + 0x80, true));
	assert_int_equal(acc[0].val, 0x77);
	long_mode(0x1000, "\xc7\x04\x25\xb0\xc0\x5f\xff\x00\x00\x00\x00", 11); /* movl $0, EOI */
	assert_true(run(APIC + 0xb0, true));
	assert_int_equal(acc[0].val, 0);
	assert_int_equal(vcpu.regs.rip, 0x100b);
}

static void xchg_reads_then_writes(void **state)
{
	long_mode(0x1000, "\x87\x82\x00\x03\x00\x00", 6); /* xchg %eax, 0x300(%rdx) */
	vcpu.regs.rax = 0xdead0000000c4500ULL;
	reg_value = 0x1234;
	assert_true(run(APIC + 0x300, true));
	assert_int_equal(naccs, 2);
	assert_false(acc[0].write);
	assert_true(acc[1].write);
	assert_int_equal(acc[1].val, 0xc4500);
	assert_int_equal(vcpu.regs.rax, 0x1234);
}

/* An instruction split over two pages: 3 bytes, then the rest. */
static void crosses_a_page(void **state)
{
	long_mode(0x1ffd, "\xc7\x83\xb0\x00\x00\x00\x2a\x00\x00\x00",
		  10); /* movl $42, 0xb0(%rbx) */
	assert_true(run(APIC + 0xb0, true));
	assert_int_equal(acc[0].val, 42);
	assert_int_equal(vcpu.regs.rip, 0x2007);
}

static void refusals(void **state)
{
	long_mode(0x1000, "\x0f\x0b", 2);
	assert_false(run(APIC, true));
	assert_string_equal(fault, "MMIO at rip 0x1000: cannot emulate 0f 0b: not a MOV, MOVZX or "
				   "XCHG with a memory operand");
	assert_int_equal(vcpu.regs.rip, 0x1000);
	assert_int_equal(naccs, 0);
	/* the last bytes of guest memory: the next page is not the partition's */
	long_mode(MEM_SIZE - 2, "\xc7\x83", 2);
	assert_false(run(APIC, true));
	assert_string_equal(fault, "MMIO at rip 0x7ffe: cannot emulate c7 83: instruction bytes "
				   "end early: code outside the partition's executable memory");
	long_mode(0x1000, "\x8b\x02", 2); /* a load, but the fault says write */
	assert_false(run(APIC, true));
	assert_string_equal(fault,
			    "MMIO at rip 0x1000: the instruction at RIP does not write memory");
	long_mode(0x1000, "\x89\x02", 2);
	paging.cr3 = MEM_SIZE; /* page tables outside the partition */
	assert_false(run(APIC, true));
	assert_string_equal(fault, "MMIO at rip 0x1000: cannot fetch the instruction: page table "
				   "outside the partition's readable memory");
}

/* 32-bit protected mode without paging; CS base applies, EIP wraps at 32 bits. */
static void protected_mode(void **state)
{
	long_mode(0x1000, "\xa3\xb0\x00\xe0\xfe", 5); /* mov %eax, 0xfee000b0 */
	paging = (struct vcpu_paging){.cr0 = CR0_PE, .cs_base = 0x1000, .cs_db = true};
	vcpu.regs.rip = 0;
	vcpu.regs.rax = 0xffffffff00000007ULL;
	assert_true(run(APIC + 0xb0, true));
	assert_int_equal(acc[0].size, 4);
	assert_int_equal(acc[0].val, 7);
	assert_int_equal(vcpu.regs.rip, 5);
	/* real mode: 16-bit operands */
	long_mode(0x1000, "\x8b\x07", 2); /* mov (%bx), %ax */
	paging = (struct vcpu_paging){.cs_base = 0x1000};
	vcpu.regs.rip = 0;
	vcpu.regs.rax = 0xaaaa5555;
	reg_value = 0x1234;
	assert_true(run(APIC, false));
	assert_int_equal(acc[0].size, 2);
	assert_int_equal(vcpu.regs.rax, 0xaaaa1234);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(load_32_zero_extends),
	    cmocka_unit_test(narrow_loads_merge),
	    cmocka_unit_test(stores),
	    cmocka_unit_test(xchg_reads_then_writes),
	    cmocka_unit_test(crosses_a_page),
	    cmocka_unit_test(refusals),
	    cmocka_unit_test(protected_mode),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
