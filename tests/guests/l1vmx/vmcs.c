// SPDX-License-Identifier: BSD-2-Clause
// The one L2 and its VMCS: host state (SDM 24.5), guest state of a 64-bit L2 on L1's page tables
// and descriptors (24.4), minimal controls (24.6-24.8), running L2 and reading how it stopped.

#include "l1vmx.h"
#include "trap.h"

#define L2_STACK_SIZE		16384
#define TSS_LIMIT		0x67
#define SEL_CODE		0x08
#define SEL_DATA		0x10
#define SEL_TSS			0x18
#define SEG_LIMIT_FLAT		0xffffffffU
#define AR_CODE64		0xa09bU	 /* accessed code, S, P, L, G (SDM 24.4.1, table 24-2) */
#define AR_DATA			0xc093U	 /* accessed read/write data, S, P, D/B, G */
#define AR_TSS64_BUSY		0x008bU	 /* busy 64-bit TSS, P */
#define AR_UNUSABLE		0x10000U /* bit 16: unusable */
#define RFLAGS_FIXED		0x2ULL
#define DR7_INIT		0x400ULL
#define LINK_PTR_NONE		(~0ULL) /* no shadow VMCS (26.3.1.5) */
#define BITS_PER_BYTE		8
#define MSR_HIGH_BASE		0xc0000000U
#define MSR_RANGE_LEN		0x2000U
#define MSR_BITMAP_WRITE_OFFSET 2048 /* write bitmaps follow the read bitmaps (24.6.9) */
#define MSR_BITMAP_HIGH_OFFSET	1024

static uint8_t l2_vmcs[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
uint8_t l2_io_bitmaps[2 * PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
uint8_t l2_msr_bitmap[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static uint8_t l2_stack[L2_STACK_SIZE] __attribute__((aligned(16)));
static uint8_t l2_tss[TSS_LIMIT + 1] __attribute__((aligned(16)));
extern uint8_t l1_tss[]; /* caps.c */
struct l2_regs l2_regs;
volatile bool l1_in_l2;
static bool l2_launched;

struct __attribute__((packed)) desc_table {
	uint16_t limit;
	uint64_t base;
};

uint64_t vmcs_read(uint32_t field)
{
	uint64_t v = 0;

	if (vmread_r(field, &v) != VMX_OK)
		l1_fail_eq(__FILE__, __LINE__, "VMREAD succeeds (field, 0)", field, 0);
	return v;
}

void vmcs_write(uint32_t field, uint64_t val)
{
	if (vmwrite_r(field, val) != VMX_OK)
		l1_fail_eq(__FILE__, __LINE__, "VMWRITE succeeds (field, value)", field, val);
}

static void seg(uint32_t sel_field, uint16_t sel, uint32_t ar, uint32_t limit, uint64_t base)
{
	/* Selector, limit, access rights and base fields of one register are at fixed distances. */
	uint32_t index = sel_field - GUEST_ES_SEL;

	vmcs_write(sel_field, sel);
	vmcs_write(GUEST_ES_LIMIT + index, limit);
	vmcs_write(GUEST_ES_AR + index, ar);
	vmcs_write(GUEST_ES_BASE + index, base);
}

static void host_state(void)
{
	struct desc_table gdt, idt;
	uint64_t cr0, cr3, cr4;

	asm volatile("mov %%cr0, %0; mov %%cr3, %1; mov %%cr4, %2"
		     : "=r"(cr0), "=r"(cr3), "=r"(cr4));
	asm volatile("sgdt %0; sidt %1" : "=m"(gdt), "=m"(idt));
	vmcs_write(HOST_CR0, cr0);
	vmcs_write(HOST_CR3, cr3);
	vmcs_write(HOST_CR4, cr4);
	vmcs_write(HOST_CS_SEL, SEL_CODE);
	vmcs_write(HOST_SS_SEL, SEL_DATA);
	vmcs_write(HOST_DS_SEL, SEL_DATA);
	vmcs_write(HOST_ES_SEL, SEL_DATA);
	vmcs_write(HOST_FS_SEL, 0);
	vmcs_write(HOST_GS_SEL, 0);
	vmcs_write(HOST_TR_SEL, SEL_TSS);
	vmcs_write(HOST_TR_BASE, (uint64_t)l1_tss);
	vmcs_write(HOST_GDTR_BASE, gdt.base);
	vmcs_write(HOST_IDTR_BASE, idt.base);
	vmcs_write(HOST_EFER, rdmsr(MSR_EFER));
	/* HOST_RSP and HOST_RIP: vmenter.S, just before each entry. */
}

static void guest_state(const void *entry)
{
	struct desc_table gdt, idt;
	uint64_t cr0, cr3, cr4;

	asm volatile("mov %%cr0, %0; mov %%cr3, %1; mov %%cr4, %2"
		     : "=r"(cr0), "=r"(cr3), "=r"(cr4));
	asm volatile("sgdt %0; sidt %1" : "=m"(gdt), "=m"(idt));
	vmcs_write(GUEST_CR0, cr0);
	vmcs_write(GUEST_CR3, cr3);
	vmcs_write(GUEST_CR4, cr4);
	vmcs_write(GUEST_EFER, rdmsr(MSR_EFER));
	seg(GUEST_CS_SEL, SEL_CODE, AR_CODE64, SEG_LIMIT_FLAT, 0);
	seg(GUEST_SS_SEL, SEL_DATA, AR_DATA, SEG_LIMIT_FLAT, 0);
	seg(GUEST_DS_SEL, SEL_DATA, AR_DATA, SEG_LIMIT_FLAT, 0);
	seg(GUEST_ES_SEL, SEL_DATA, AR_DATA, SEG_LIMIT_FLAT, 0);
	seg(GUEST_FS_SEL, SEL_DATA, AR_DATA, SEG_LIMIT_FLAT, 0);
	seg(GUEST_GS_SEL, SEL_DATA, AR_DATA, SEG_LIMIT_FLAT, 0);
	seg(GUEST_LDTR_SEL, 0, AR_UNUSABLE, 0, 0);
	seg(GUEST_TR_SEL, SEL_TSS, AR_TSS64_BUSY, TSS_LIMIT, (uint64_t)l2_tss);
	vmcs_write(GUEST_GDTR_BASE, gdt.base);
	vmcs_write(GUEST_GDTR_LIMIT, gdt.limit);
	vmcs_write(GUEST_IDTR_BASE, idt.base);
	vmcs_write(GUEST_IDTR_LIMIT, idt.limit);
	vmcs_write(GUEST_DR7, DR7_INIT);
	vmcs_write(GUEST_RFLAGS, RFLAGS_FIXED);
	vmcs_write(GUEST_RIP, (uint64_t)entry);
	vmcs_write(GUEST_RSP, (uint64_t)&l2_stack[L2_STACK_SIZE]);
	vmcs_write(VMCS_LINK_PTR, LINK_PTR_NONE);
}

static void controls(void)
{
	vmcs_write(PIN_CONTROLS, vmx_control(MSR_VMX_TRUE_PINBASED, 0));
	vmcs_write(PROC_CONTROLS, vmx_control(MSR_VMX_TRUE_PROCBASED, 0));
	vmcs_write(EXIT_CONTROLS,
		   vmx_control(MSR_VMX_TRUE_EXIT, EXIT_HOST_64 | EXIT_LOAD_EFER | EXIT_SAVE_EFER));
	vmcs_write(ENTRY_CONTROLS,
		   vmx_control(MSR_VMX_TRUE_ENTRY, ENTRY_GUEST_64 | ENTRY_LOAD_EFER));
	vmcs_write(IO_BITMAP_A, (uint64_t)l2_io_bitmaps);
	vmcs_write(IO_BITMAP_B, (uint64_t)l2_io_bitmaps + PAGE_SIZE);
	vmcs_write(MSR_BITMAP, (uint64_t)l2_msr_bitmap);
}

void l2_setup(const void *entry)
{
	vmcs_prepare(l2_vmcs);
	CHECK_EQ(vmclear((uint64_t)l2_vmcs), VMX_OK);
	CHECK_EQ(vmptrld((uint64_t)l2_vmcs), VMX_OK);
	memset(&l2_regs, 0, sizeof(l2_regs));
	memset(l2_io_bitmaps, 0, sizeof(l2_io_bitmaps));
	memset(l2_msr_bitmap, 0, sizeof(l2_msr_bitmap));
	l2_launched = false;
	host_state();
	guest_state(entry);
	controls();
}

void proc_set(uint32_t bits)
{
	vmcs_write(PROC_CONTROLS,
		   vmx_control(MSR_VMX_TRUE_PROCBASED, (uint32_t)vmcs_read(PROC_CONTROLS) | bits));
}

void proc2_set(uint32_t bits)
{
	proc_set(PROC_SECONDARY);
	vmcs_write(PROC2_CONTROLS,
		   vmx_control(MSR_VMX_PROCBASED2, (uint32_t)vmcs_read(PROC2_CONTROLS) | bits));
}

uint32_t l2_run(void)
{
	enum vmx_result r;

	l1_in_l2 = true;
	r = vmx_enter(!l2_launched, &l2_regs);
	l1_in_l2 = false;
	if (r == VMX_FAIL_VALID)
		l1_fail_eq(__FILE__, __LINE__, "VM entry (VM-instruction error, 0)",
			   vm_insn_error(), 0);
	CHECK_EQ(r, VMX_OK);
	uint32_t reason = (uint32_t)vmcs_read(EXIT_REASON);

	if (!(reason & EXIT_REASON_ENTRY_FAIL))
		l2_launched = true;
	return reason;
}

void l2_expect_done(const char *file, int line)
{
	uint32_t reason = (uint32_t)vmcs_read(EXIT_REASON);

	if (reason == EXIT_REASON_VMCALL && (uint32_t)l2_regs.rax == L2_TRAP) {
		guest_printf(
		    "l1vmx: L2 took an unexpected trap: vector %lu, rip 0x%lx, error 0x%lx\n",
		    (unsigned long)l2_regs.rbx, (unsigned long)l2_regs.rcx,
		    (unsigned long)l2_regs.rdx);
		l1_fail(file, line, "L2 ends without a trap");
	}
	if (reason != EXIT_REASON_VMCALL)
		l1_fail_eq(file, line, "exit reason == VMCALL (L2's final VMCALL)", reason,
			   EXIT_REASON_VMCALL);
	if ((uint32_t)l2_regs.rax != L2_DONE)
		l1_fail_eq(file, line, "L2's RAX == L2_DONE", l2_regs.rax, L2_DONE);
}

void l2_skip(void)
{
	vmcs_write(GUEST_RIP, vmcs_read(GUEST_RIP) + vmcs_read(EXIT_INSN_LEN));
}

void io_bitmap_set(uint16_t port)
{
	l2_io_bitmaps[port / BITS_PER_BYTE] |= (uint8_t)(1U << (port % BITS_PER_BYTE));
}

/* SDM 24.6.9: read-low, read-high, write-low, write-high, 1 KiB each. */
void msr_bitmap_set(uint32_t msr, bool write)
{
	uint32_t offset = write ? MSR_BITMAP_WRITE_OFFSET : 0;

	if (msr >= MSR_HIGH_BASE) {
		offset += MSR_BITMAP_HIGH_OFFSET;
		msr -= MSR_HIGH_BASE;
	}
	if (msr >= MSR_RANGE_LEN)
		l1_fail_eq(__FILE__, __LINE__, "MSR in a bitmap range", msr, 0);
	l2_msr_bitmap[offset + msr / BITS_PER_BYTE] |= (uint8_t)(1U << (msr % BITS_PER_BYTE));
}
