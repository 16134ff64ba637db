// SPDX-License-Identifier: BSD-2-Clause
// What L1 is offered (SDM Vol. 3C, Appendix A): the IA32_VMX_* capability MSRs advertise
// exactly the controls nested VMX emulates, where the CPU has what VMCS02 needs for them.

#include "nested_vmx.h"

#define MSR_VMX_FIRST	   0x480U
#define MSR_VMX_BASIC	   0x480U
#define MSR_VMX_PIN	   0x481U
#define MSR_VMX_PROC	   0x482U
#define MSR_VMX_EXIT	   0x483U
#define MSR_VMX_ENTRY	   0x484U
#define MSR_VMX_MISC	   0x485U
#define MSR_VMX_CR0_FIXED0 0x486U
#define MSR_VMX_CR0_FIXED1 0x487U
#define MSR_VMX_CR4_FIXED0 0x488U
#define MSR_VMX_CR4_FIXED1 0x489U
#define MSR_VMX_VMCS_ENUM  0x48aU
#define MSR_VMX_PROC2	   0x48bU
#define MSR_VMX_EPT_VPID   0x48cU
#define MSR_VMX_TRUE_PIN   0x48dU
#define MSR_VMX_TRUE_PROC  0x48eU
#define MSR_VMX_TRUE_EXIT  0x48fU
#define MSR_VMX_TRUE_ENTRY 0x490U
#define MSR_VMX_LAST	   0x490U /* no VM functions (0x491) are offered */

#define BASIC_SIZE_SHIFT 32
#define BASIC_MEMTYPE_WB (6ULL << 50)
#define BASIC_INOUT_INFO (1ULL << 54)
#define BASIC_TRUE_CTLS	 (1ULL << 55)
#define MISC_TIMER_RATE	 0x1fULL
#define MISC_STORE_LMA	 (1ULL << 5)
#define MISC_ACT_HLT	 (1ULL << 6)
#define MISC_CR3_TARGETS (4ULL << 16)
#define ENUM_INDEX_SHIFT 1
#define ENUM_INDEX_MASK	 0x1ffU

/* Default-1 controls (A.2): what the non-TRUE MSRs force to 1, and the TRUE MSRs' view. */
#define PIN_DEFAULT1	    0x00000016U
#define PROC_DEFAULT1	    0x0401e172U
#define PROC_TRUE_DEFAULT1  0x04006172U
#define EXIT_DEFAULT1	    0x00036dffU
#define EXIT_TRUE_DEFAULT1  0x00036dfbU
#define ENTRY_DEFAULT1	    0x000011ffU
#define ENTRY_TRUE_DEFAULT1 0x000011fbU

#define PROC_EMULATED                                                                              \
	(PROC_INTR_WINDOW | PROC_TSC_OFFSET | PROC_HLT_EXIT | PROC_INVLPG_EXIT | PROC_MWAIT_EXIT | \
	 PROC_RDPMC_EXIT | PROC_RDTSC_EXIT | PROC_CR3_LOAD | PROC_CR3_STORE | PROC_CR8_LOAD |      \
	 PROC_CR8_STORE | PROC_NMI_WINDOW | PROC_MOV_DR_EXIT | PROC_UNCOND_IO | PROC_IO_BITMAPS |  \
	 PROC_MSR_BITMAPS | PROC_MONITOR | PROC_PAUSE_EXIT | PROC_SECONDARY)
#define PROC2_EMULATED                                                                 \
	(PROC2_EPT | PROC2_DESC_EXIT | PROC2_RDTSCP | PROC2_VPID | PROC2_WBINVD_EXIT | \
	 PROC2_UNRESTRICT | PROC2_RDRAND_EXIT | PROC2_INVPCID | PROC2_RDSEED_EXIT |    \
	 PROC2_VMCS_SHADOW)
#define EXIT_EMULATED                                                                     \
	(EXIT_SAVE_DEBUG | EXIT_HOST_64 | EXIT_ACK_INTR | EXIT_SAVE_PAT | EXIT_LOAD_PAT | \
	 EXIT_SAVE_EFER | EXIT_LOAD_EFER)
#define ENTRY_EMULATED (ENTRY_LOAD_DEBUG | ENTRY_IA32E | ENTRY_LOAD_PAT | ENTRY_LOAD_EFER)

/* EPT12 as ept12.c walks it: 4 levels, UC and WB, 2 MiB and 1 GiB pages, INVEPT single and
 * all-context; INVVPID of every type (A.10). No accessed/dirty flags, no execute-only. */
#define EPT_VPID_OFFERED                                                                           \
	((1ULL << 6) | (1ULL << 8) | (1ULL << 14) | (1ULL << 16) | (1ULL << 17) | (1ULL << 20) |   \
	 (1ULL << 25) | (1ULL << 26) | (1ULL << 32) | (1ULL << 40) | (1ULL << 41) | (1ULL << 42) | \
	 (1ULL << 43))

static uint32_t host_allowed1(enum vmx_ctl c)
{
	return (uint32_t)(vmx_caps.ctl.msr[c] >> 32);
}

/* A control MSR: @default1 must be 1; a bit may be 1 where it is emulated and, for what VMCS02
 * passes on, the CPU has it. */
static uint64_t ctl_msr(enum vmx_ctl c, uint32_t default1, uint32_t emulated)
{
	uint32_t allowed1 = (default1 | emulated) & (host_allowed1(c) | default1);

	return (uint64_t)allowed1 << 32 | default1;
}

static uint64_t pin_msr(uint32_t d1)
{
	return ctl_msr(CTL_PIN, d1, PIN_ALLOWED12);
}

static uint64_t proc_msr(uint32_t d1)
{
	return ctl_msr(CTL_PROC, d1, PROC_EMULATED);
}

static uint64_t exit_msr(uint32_t d1)
{
	return ctl_msr(CTL_EXIT, d1, EXIT_EMULATED);
}

static uint64_t entry_msr(uint32_t d1)
{
	return ctl_msr(CTL_ENTRY, d1, ENTRY_EMULATED);
}

uint64_t nested_vmx_misc(void)
{
	uint64_t host = vmx_caps.misc;

	return (host & (MISC_TIMER_RATE | MISC_ACT_HLT)) | MISC_STORE_LMA | MISC_CR3_TARGETS;
}

uint64_t nested_vmx_ept_vpid_cap(void)
{
	return EPT_VPID_OFFERED;
}

/* Bits 9:1: the highest index of any field encoding VMCS12 supports (A.9). */
static uint64_t vmcs_enum(void)
{
	uint32_t max = 0;

	for (size_t i = 0; i < vmcs12_nfields; i++) {
		uint32_t idx = (vmcs12_fields[i].encoding >> ENUM_INDEX_SHIFT) & ENUM_INDEX_MASK;

		max = idx > max ? idx : max;
	}
	return (uint64_t)max << ENUM_INDEX_SHIFT;
}

static uint64_t basic(void)
{
	return VMCS12_REVISION | (uint64_t)VMCS12_SIZE << BASIC_SIZE_SHIFT | BASIC_MEMTYPE_WB |
	       (vmx_caps.basic & BASIC_INOUT_INFO) | BASIC_TRUE_CTLS;
}

static uint64_t cap(uint32_t index)
{
	switch (index) {
	case MSR_VMX_BASIC:
		return basic();
	case MSR_VMX_PIN:
	case MSR_VMX_TRUE_PIN:
		return pin_msr(PIN_DEFAULT1);
	case MSR_VMX_PROC:
		return proc_msr(PROC_DEFAULT1);
	case MSR_VMX_TRUE_PROC:
		return proc_msr(PROC_TRUE_DEFAULT1);
	case MSR_VMX_EXIT:
		return exit_msr(EXIT_DEFAULT1);
	case MSR_VMX_TRUE_EXIT:
		return exit_msr(EXIT_TRUE_DEFAULT1);
	case MSR_VMX_ENTRY:
		return entry_msr(ENTRY_DEFAULT1);
	case MSR_VMX_TRUE_ENTRY:
		return entry_msr(ENTRY_TRUE_DEFAULT1);
	case MSR_VMX_MISC:
		return nested_vmx_misc();
	case MSR_VMX_CR0_FIXED0:
		return vmx_caps.fixed.cr0_fixed0;
	case MSR_VMX_CR0_FIXED1:
		return vmx_caps.fixed.cr0_fixed1;
	case MSR_VMX_CR4_FIXED0:
		return vmx_caps.fixed.cr4_fixed0;
	case MSR_VMX_CR4_FIXED1:
		return vmx_caps.fixed.cr4_fixed1;
	case MSR_VMX_VMCS_ENUM:
		return vmcs_enum();
	case MSR_VMX_PROC2:
		return (uint64_t)(PROC2_EMULATED & host_allowed1(CTL_PROC2)) << 32;
	default:
		return nested_vmx_ept_vpid_cap();
	}
}

/* IA32_FEATURE_CONTROL is locked (firmware did it) and the capability MSRs are read-only:
 * writes #GP as on hardware. */
bool nested_vmx_msr(struct vcpu *v, uint32_t index, bool write, uint64_t *val, bool *handled)
{
	struct vmx_nested *n = nvmx(v);

	*handled =
	    index == MSR_FEATURE_CONTROL || (index >= MSR_VMX_FIRST && index <= MSR_VMX_LAST);
	if (!*handled || !n->ready || write)
		return false;
	*val = index == MSR_FEATURE_CONTROL ? n->feature_control : cap(index);
	return true;
}

static bool in_l1(const void *ctx, uint64_t gpa, uint64_t len)
{
	return part_gpa_to_hva(ctx, gpa, len, CFG_R) != NULL;
}

static bool read_l1_u32(const void *ctx, uint64_t gpa, uint32_t *val)
{
	const uint32_t *p = part_gpa_to_hva(ctx, gpa, sizeof(*p), CFG_R);

	if (p)
		*val = *p;
	return p != NULL;
}

void nested_vmx_env(struct vcpu *v, struct vmcs12_env *env)
{
	*env = (struct vmcs12_env){
	    .pin = cap(MSR_VMX_TRUE_PIN),
	    .proc = cap(MSR_VMX_TRUE_PROC),
	    .proc2 = cap(MSR_VMX_PROC2),
	    .exit = cap(MSR_VMX_TRUE_EXIT),
	    .entry = cap(MSR_VMX_TRUE_ENTRY),
	    .cr0_fixed0 = vmx_caps.fixed.cr0_fixed0,
	    .cr0_fixed1 = vmx_caps.fixed.cr0_fixed1,
	    .cr4_fixed0 = vmx_caps.fixed.cr4_fixed0,
	    .cr4_fixed1 = vmx_caps.fixed.cr4_fixed1,
	    .ept_vpid_cap = nested_vmx_ept_vpid_cap(),
	    .misc = nested_vmx_misc(),
	    .phys_bits = vmx_caps.phys_bits,
	    .virt_bits = vmx_caps.virt_bits,
	    .l1_ia32e = vmread(GUEST_EFER) & EFER_LMA_BIT,
	    .current_vmcs = nvmx(v)->current_gpa,
	    .in_l1 = in_l1,
	    .read_l1_u32 = read_l1_u32,
	    .ctx = v->part,
	};
}
