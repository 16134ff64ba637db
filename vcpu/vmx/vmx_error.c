// SPDX-License-Identifier: BSD-2-Clause
// Why a VM entry failed, in the SDM's words: the error's name, the field, the check it broke.

#include "printk.h"
#include "vmx.h"

#define ERR_BAD_CONTROLS 7
#define ERR_BAD_HOST	 8
#define QUAL_DEFAULT	 0 /* entry-failure qualifications (27.8) */
#define QUAL_PDPTE	 2
#define QUAL_NMI_BLOCKED 3
#define QUAL_LINK_PTR	 4

/* VM-instruction error numbers (SDM Vol. 3C, 31.4). */
static const char *const insn_errors[] = {
    [1] = "VMCALL executed in VMX root operation",
    [2] = "VMCLEAR with invalid physical address",
    [3] = "VMCLEAR with VMXON pointer",
    [4] = "VMLAUNCH with non-clear VMCS",
    [5] = "VMRESUME with non-launched VMCS",
    [6] = "VMRESUME after VMXOFF",
    [7] = "VM entry with invalid control field(s)",
    [8] = "VM entry with invalid host-state field(s)",
    [9] = "VMPTRLD with invalid physical address",
    [10] = "VMPTRLD with VMXON pointer",
    [11] = "VMPTRLD with incorrect VMCS revision identifier",
    [12] = "VMREAD/VMWRITE from/to unsupported VMCS component",
    [13] = "VMWRITE to read-only VMCS component",
    [15] = "VMXON executed in VMX root operation",
    [16] = "VM entry with invalid executive-VMCS pointer",
    [17] = "VM entry with non-launched executive VMCS",
    [18] = "VM entry with executive-VMCS pointer not VMXON pointer",
    [19] = "VMCALL with non-clear VMCS",
    [20] = "VMCALL with invalid VM-exit control fields",
    [22] = "VMCALL with incorrect MSEG revision identifier",
    [23] = "VMXOFF under dual-monitor treatment of SMIs and SMM",
    [24] = "VMCALL with invalid SMM-monitor features",
    [25] = "VM entry with invalid VM-execution control fields in executive VMCS",
    [26] = "VM entry with events blocked by MOV SS",
    [28] = "invalid operand to INVEPT/INVVPID",
};

static const char *insn_error_name(uint64_t n)
{
	if (n < sizeof(insn_errors) / sizeof(insn_errors[0]) && insn_errors[n])
		return insn_errors[n];
	return "unknown VM-instruction error";
}

static const uint32_t ctl_fields[VMX_CTLS] = {
    [CTL_PIN] = PIN_CTLS,   [CTL_PROC] = PROC_CTLS,   [CTL_PROC2] = PROC2_CTLS,
    [CTL_EXIT] = EXIT_CTLS, [CTL_ENTRY] = ENTRY_CTLS,
};

/* Each control field against its allowed-0 and allowed-1 settings (26.2.1.1, A.3-A.5). */
static void report_controls(const char *name)
{
	for (int c = 0; c < VMX_CTLS; c++) {
		uint32_t val = (uint32_t)vmread(ctl_fields[c]);
		uint64_t cap = vmx_caps.ctl.msr[c];
		uint32_t must1 = (uint32_t)cap & ~val, may_not = val & ~(uint32_t)(cap >> 32);

		if (must1 || may_not)
			pr_err(
			    "partition %s: %s controls 0x%x: bits 0x%x must be 1, 0x%x must be 0 "
			    "(SDM 26.2.1.1, A.3)",
			    name, vmx_ctl_names[c], val, must1, may_not);
	}
}

/* The host CR0/CR4 fixed bits (26.2.2); the rest of the host state is this CPU's own. */
static void report_host(const char *name)
{
	const struct vmx_fixed *f = &vmx_caps.fixed;
	uint64_t cr0 = vmread(HOST_CR0), cr4 = vmread(HOST_CR4);

	if ((cr0 & f->cr0_fixed0) != f->cr0_fixed0 || (cr0 & ~f->cr0_fixed1))
		pr_err("partition %s: host CR0 0x%lx against fixed bits (SDM 26.2.2, A.7)", name,
		       cr0);
	if ((cr4 & f->cr4_fixed0) != f->cr4_fixed0 || (cr4 & ~f->cr4_fixed1))
		pr_err("partition %s: host CR4 0x%lx against fixed bits (SDM 26.2.2, A.8)", name,
		       cr4);
}

void vmx_report_vmfail(struct vcpu *v, enum vmx_enter_result r)
{
	const char *name = v->part->cfg->name;
	uint64_t err;

	if (r == VMX_ENTER_FAIL_INVALID) {
		pr_err("partition %s: VM entry: VMfailInvalid (no current VMCS, SDM 31.2)", name);
		return;
	}
	err = vmread(VM_INSN_ERROR);
	pr_err("partition %s: VM entry: VMfailValid, VM-instruction error %lu: %s (SDM 31.4)", name,
	       (unsigned long)err, insn_error_name(err));
	if (err == ERR_BAD_CONTROLS)
		report_controls(name);
	else if (err == ERR_BAD_HOST)
		report_host(name);
}

static const char *qualification(uint64_t q)
{
	switch (q) {
	case QUAL_PDPTE:
		return "PDPTE loading";
	case QUAL_NMI_BLOCKED:
		return "NMI injection with blocking by NMI";
	case QUAL_LINK_PTR:
		return "invalid VMCS link pointer";
	default:
		return "guest-state check";
	}
}

/* Exit reasons 33 (invalid guest state), 34 (MSR loading), 41 (machine check) (27.8). */
void vmx_report_entry_exit(struct vcpu *v, uint32_t reason)
{
	const char *name = v->part->cfg->name;
	uint32_t basic = reason & EXIT_REASON_BASIC;
	uint64_t q = vmread(EXIT_QUALIFICATION);
	struct vmx_guest g;
	const char *why;

	if (basic == EXIT_MSR_LOADING) {
		pr_err("partition %s: VM entry failed loading MSR entry %lu (exit 34, SDM 26.4)",
		       name, (unsigned long)q);
		return;
	}
	if (basic != EXIT_BAD_GUEST_STATE) {
		pr_err("partition %s: VM entry failed: exit reason %u (SDM 27.8)", name, basic);
		return;
	}
	vmx_vmcs_read_guest(&g);
	why = q == QUAL_DEFAULT ? vmx_guest_check(&g, &vmx_caps.fixed) : NULL;
	pr_err("partition %s: VM entry failed: invalid guest state (exit 33, qualification %lu: "
	       "%s): %s",
	       name, (unsigned long)q, qualification(q), why ? why : "no check of 26.3.1 matched");
}
