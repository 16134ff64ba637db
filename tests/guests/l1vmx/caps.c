// SPDX-License-Identifier: BSD-2-Clause
// Entering VMX operation (SDM 23.6-23.8): CPUID, IA32_FEATURE_CONTROL, the capability MSRs of
// appendix A, CR0/CR4 fixed bits, a TSS for the host state's TR, then VMXON.

#include "l1vmx.h"
#include "trap.h"

#define SEL_TSS	    0x18   /* after start32.S's null, code and data descriptors */
#define TSS_LIMIT   0x67   /* a 64-bit TSS is 104 bytes (SDM 8.7) */
#define TSS_TYPE    0x9ULL /* available 64-bit TSS */
#define DESC_P	    (1ULL << 47)
#define GDT_CODE64  0x00af9a000000ffffULL
#define GDT_DATA    0x00cf92000000ffffULL
#define GDT_ENTRIES 5 /* null, code, data, TSS (16 bytes) */

uint64_t vmx_basic, vmx_misc, vmx_ept_vpid_cap;
uint32_t vmx_proc2_allowed;
uint8_t vmxon_region[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
uint8_t l1_tss[TSS_LIMIT + 1] __attribute__((aligned(16)));
unsigned int phys_bits;
static uint64_t gdt[GDT_ENTRIES] __attribute__((aligned(16)));

struct __attribute__((packed)) desc_table {
	uint16_t limit;
	uint64_t base;
};

static void cpuid(uint32_t leaf, uint32_t r[4])
{
	asm volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3]) : "a"(leaf), "c"(0));
}

/* The host state needs a non-null TR (SDM 26.2.3): start32.S's GDT plus a TSS. */
static void load_tss(void)
{
	uint64_t base = (uint64_t)l1_tss;
	struct desc_table d = {sizeof(gdt) - 1, (uint64_t)gdt};

	gdt[1] = GDT_CODE64;
	gdt[2] = GDT_DATA;
	gdt[3] = TSS_LIMIT | (base & 0xffffffULL) << 16 | TSS_TYPE << 40 | DESC_P |
		 ((base >> 24) & 0xffULL) << 56;
	gdt[4] = base >> 32;
	asm volatile("lgdt %0; ltr %w1" : : "m"(d), "r"(SEL_TSS) : "memory");
}

static void print_caps(void)
{
	static const struct {
		const char *name;
		uint32_t msr;
	} caps[] = {
	    {"pinbased", MSR_VMX_TRUE_PINBASED}, {"procbased", MSR_VMX_TRUE_PROCBASED},
	    {"procbased2", MSR_VMX_PROCBASED2},	 {"exit", MSR_VMX_TRUE_EXIT},
	    {"entry", MSR_VMX_TRUE_ENTRY},	 {"misc", MSR_VMX_MISC},
	    {"ept-vpid", MSR_VMX_EPT_VPID_CAP},	 {"vmcs-enum", MSR_VMX_VMCS_ENUM},
	};

	for (size_t i = 0; i < sizeof(caps) / sizeof(caps[0]); i++) {
		uint64_t v = 0;

		CHECK(rdmsr_safe(caps[i].msr, &v));
		guest_printf("l1vmx: cap %s 0x%lx\n", caps[i].name, (unsigned long)v);
	}
}

/* SDM 23.7: IA32_FEATURE_CONTROL locked with VMXON outside SMX allowed; the BIOS may leave it
 * unlocked, and then L1 (the "BIOS" here) locks it itself. */
static void feature_control(void)
{
	uint64_t fc = 0;

	CHECK(rdmsr_safe(MSR_FEATURE_CONTROL, &fc));
	guest_printf("l1vmx: IA32_FEATURE_CONTROL 0x%lx\n", (unsigned long)fc);
	if (!(fc & FEATURE_CONTROL_LOCK)) {
		CHECK(wrmsr_safe(MSR_FEATURE_CONTROL,
				 fc | FEATURE_CONTROL_LOCK | FEATURE_CONTROL_VMX_OUT));
		fc = rdmsr(MSR_FEATURE_CONTROL);
	}
	CHECK(fc & FEATURE_CONTROL_LOCK);
	CHECK(fc & FEATURE_CONTROL_VMX_OUT);
}

/* SDM 23.8 and A.7/A.8: CR0 and CR4 bits fixed to 1 set, those fixed to 0 clear. */
static void apply_fixed_bits(void)
{
	uint64_t cr0, cr4;
	uint64_t f0 = rdmsr(MSR_VMX_CR0_FIXED0), f1 = rdmsr(MSR_VMX_CR0_FIXED1);
	uint64_t g0 = rdmsr(MSR_VMX_CR4_FIXED0), g1 = rdmsr(MSR_VMX_CR4_FIXED1);

	guest_printf("l1vmx: cr0 fixed0 0x%lx fixed1 0x%lx, cr4 fixed0 0x%lx fixed1 0x%lx\n",
		     (unsigned long)f0, (unsigned long)f1, (unsigned long)g0, (unsigned long)g1);
	CHECK(g0 & CR4_VMXE);
	asm volatile("mov %%cr0, %0; mov %%cr4, %1" : "=r"(cr0), "=r"(cr4));
	cr0 = (cr0 | f0) & f1;
	cr4 = (cr4 | g0) & g1;
	asm volatile("mov %0, %%cr0; mov %1, %%cr4" : : "r"(cr0), "r"(cr4) : "memory");
}

void vmcs_prepare(uint8_t *vmcs)
{
	memset(vmcs, 0, PAGE_SIZE);
	*(volatile uint32_t *)vmcs = VMX_BASIC_REVISION(vmx_basic);
}

uint32_t vmx_control(uint32_t msr, uint32_t want)
{
	uint64_t cap = rdmsr(msr);
	uint32_t v = (want | (uint32_t)cap) & (uint32_t)(cap >> 32);

	if ((v & want) != want)
		l1_fail_eq(__FILE__, __LINE__, "control bits allowed by the capability MSR", v,
			   want);
	return v;
}

static void test_vmx_caps(void)
{
	uint32_t r[4];

	cpuid(CPUID_FEATURES, r);
	CHECK(r[2] & CPUID_ECX_VMX);
	cpuid(CPUID_ADDR_SIZES, r);
	phys_bits = CPUID_PHYS_BITS(r[0]);
	feature_control();
	vmx_basic = rdmsr(MSR_VMX_BASIC);
	guest_printf("l1vmx: IA32_VMX_BASIC 0x%lx: revision 0x%x, VMCS %u bytes, true controls %d, "
		     "MAXPHYADDR %u\n",
		     (unsigned long)vmx_basic, VMX_BASIC_REVISION(vmx_basic),
		     VMX_BASIC_VMCS_SIZE(vmx_basic), !!(vmx_basic & VMX_BASIC_TRUE_CTLS),
		     phys_bits);
	CHECK(VMX_BASIC_VMCS_SIZE(vmx_basic) <= PAGE_SIZE);
	CHECK(vmx_basic & VMX_BASIC_TRUE_CTLS); /* the TRUE_* MSRs read below exist */
	print_caps();
	vmx_misc = rdmsr(MSR_VMX_MISC);
	vmx_proc2_allowed = (uint32_t)(rdmsr(MSR_VMX_PROCBASED2) >> 32);
	if (vmx_proc2_allowed & (PROC2_EPT | PROC2_VPID))
		vmx_ept_vpid_cap = rdmsr(MSR_VMX_EPT_VPID_CAP);
	apply_fixed_bits();
	load_tss();
	vmcs_prepare(vmxon_region);
	CHECK_EQ(vmxon((uint64_t)vmxon_region), VMX_OK);
	l1_vmx_ready = true;
}

const struct l1_test caps_tests[] = {
    {"vmx-caps", test_vmx_caps, 0},
};
const size_t caps_ntests = sizeof(caps_tests) / sizeof(caps_tests[0]);
