// SPDX-License-Identifier: BSD-2-Clause
// The guests' IDT: 64-bit interrupt gates to trap.S's stubs, a handler table, safe MSR access.

#include "guest.h"
#include "trap.h"

#define IDT_ENTRIES	 256
#define STUB_BYTES	 16   /* trap.S aligns each stub to 16 bytes */
#define GATE_INTR64	 0x8e /* present, DPL 0, 64-bit interrupt gate (SDM 6.14.1) */
#define OPCODE_BYTES_MSR 2    /* RDMSR 0f 32, WRMSR 0f 30 */

struct idt_gate {
	uint16_t offset_lo, selector;
	uint8_t ist, type;
	uint16_t offset_mid;
	uint32_t offset_hi, reserved;
};
_Static_assert(sizeof(struct idt_gate) == 16, "SDM 6.14.1: a 64-bit gate is 16 bytes");

struct __attribute__((packed)) desc_ptr {
	uint16_t limit;
	uint64_t base;
};

extern const char guest_trap_stubs[];
static struct idt_gate idt[IDT_ENTRIES] __attribute__((aligned(16)));
static trap_handler_t handlers[IDT_ENTRIES];

/* The #GP handler of rdmsr_safe/wrmsr_safe, per CPU through the stack-local flag address. */
static volatile bool *msr_gp_flag[64];

static uint16_t code_selector(void)
{
	uint16_t cs;

	asm volatile("mov %%cs, %0" : "=r"(cs));
	return cs;
}

void trap_init(void)
{
	uint16_t cs = code_selector();

	for (int v = 0; v < IDT_ENTRIES; v++) {
		uint64_t addr = (uint64_t)&guest_trap_stubs[v * STUB_BYTES];

		idt[v] = (struct idt_gate){.offset_lo = (uint16_t)addr,
					   .selector = cs,
					   .type = GATE_INTR64,
					   .offset_mid = (uint16_t)(addr >> 16),
					   .offset_hi = (uint32_t)(addr >> 32)};
	}
	trap_load_idt();
}

void trap_load_idt(void)
{
	struct desc_ptr p = {.limit = sizeof(idt) - 1, .base = (uint64_t)idt};

	asm volatile("lidt %0" : : "m"(p));
}

void trap_set_handler(uint8_t vector, trap_handler_t h)
{
	handlers[vector] = h;
}

void guest_trap_dispatch(struct trap_frame *f)
{
	trap_handler_t h = handlers[f->vector & 0xff];

	if (h) {
		h(f);
		return;
	}
	guest_printf("unexpected trap: vector %lu, error 0x%lx, at rip 0x%lx\n",
		     (unsigned long)f->vector, (unsigned long)f->error, (unsigned long)f->rip);
	guest_test_exit(GUEST_EXIT_TRAP);
}

static unsigned int this_cpu_slot(void)
{
	uint32_t a = 1, b, c, d;

	asm volatile("cpuid" : "+a"(a), "=b"(b), "=c"(c), "=d"(d));
	return (b >> 24) % 64; /* initial APIC ID (CPUID.1:EBX[31:24]) */
}

static void msr_gp(struct trap_frame *f)
{
	volatile bool *flag = msr_gp_flag[this_cpu_slot()];

	if (!flag) {
		guest_printf("unexpected #GP at rip 0x%lx\n", (unsigned long)f->rip);
		guest_test_exit(GUEST_EXIT_TRAP);
	}
	*flag = true;
	f->rip += OPCODE_BYTES_MSR;
}

bool rdmsr_safe(uint32_t msr, uint64_t *val)
{
	volatile bool gp = false;
	uint32_t lo = 0, hi = 0;
	unsigned int slot = this_cpu_slot();

	trap_set_handler(VEC_GP, msr_gp);
	msr_gp_flag[slot] = &gp;
	asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr) : "memory");
	msr_gp_flag[slot] = NULL;
	*val = ((uint64_t)hi << 32) | lo;
	return !gp;
}

bool wrmsr_safe(uint32_t msr, uint64_t val)
{
	volatile bool gp = false;
	unsigned int slot = this_cpu_slot();

	trap_set_handler(VEC_GP, msr_gp);
	msr_gp_flag[slot] = &gp;
	asm volatile("wrmsr"
		     :
		     : "c"(msr), "a"((uint32_t)val), "d"((uint32_t)(val >> 32))
		     : "memory");
	msr_gp_flag[slot] = NULL;
	return !gp;
}
