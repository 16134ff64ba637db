// SPDX-License-Identifier: BSD-2-Clause
// Every VMX control Bulkhead sets, as a table resolved against the capability MSRs (SDM A.3-A.5).

#include <stdbool.h>

#include "vmx_ctls.h"

/* Physical interrupts and HLT stay the partition's (its cores, its LAPICs); NMIs are Bulkhead's
 * kick, with the guest's own NMI blocking kept virtual so that it never holds a kick off. */
const struct vmx_ctl_bit vmx_ctl_table[] = {
    {CTL_PIN, PIN_EXT_INTR_EXIT, NEED_OFF, "external-interrupt exiting"},
    {CTL_PIN, PIN_NMI_EXIT, NEED_ON, "NMI exiting"},
    {CTL_PIN, PIN_VIRTUAL_NMIS, NEED_ON, "virtual NMIs"},
    {CTL_PIN, PIN_POSTED_INTR, NEED_OFF, "posted interrupts"},
    /* Ends a run at the partition's watchdog deadline, so its own CPU can check it. */
    {CTL_PIN, PIN_PREEMPT_TIMER, WANT_ON, "VMX-preemption timer"},
    {CTL_PROC, PROC_INTR_WINDOW, NEED_OFF, "interrupt-window exiting"},
    {CTL_PROC, PROC_INVLPG_EXIT, NEED_OFF, "INVLPG exiting"},
    {CTL_PROC, PROC_MWAIT_EXIT, NEED_ON, "MWAIT exiting"},
    {CTL_PROC, PROC_CR3_LOAD, NEED_OFF, "CR3-load exiting"},
    {CTL_PROC, PROC_CR3_STORE, NEED_OFF, "CR3-store exiting"},
    {CTL_PROC, PROC_CR8_LOAD, NEED_OFF, "CR8-load exiting"},
    {CTL_PROC, PROC_CR8_STORE, NEED_OFF, "CR8-store exiting"},
    {CTL_PROC, PROC_NMI_WINDOW, MAY_ON, "NMI-window exiting"},
    {CTL_PROC, PROC_IO_BITMAPS, NEED_ON, "I/O bitmaps"},
    {CTL_PROC, PROC_MSR_BITMAPS, NEED_ON, "MSR bitmaps"},
    {CTL_PROC, PROC_MONITOR, NEED_ON, "MONITOR exiting"},
    {CTL_PROC, PROC_SECONDARY, NEED_ON, "secondary controls"},
    {CTL_PROC2, PROC2_EPT, NEED_ON, "EPT"},
    {CTL_PROC2, PROC2_RDTSCP, WANT_ON, "RDTSCP"},
    {CTL_PROC2, PROC2_VPID, NEED_ON, "VPID"},
    {CTL_PROC2, PROC2_UNRESTRICT, NEED_ON, "unrestricted guest"},
    {CTL_PROC2, PROC2_INVPCID, WANT_ON, "INVPCID"},
    {CTL_PROC2, PROC2_VMCS_SHADOW, NEED_OFF, "VMCS shadowing"},
    {CTL_EXIT, EXIT_HOST_64, NEED_ON, "64-bit host"},
    {CTL_EXIT, EXIT_ACK_INTR, NEED_OFF, "acknowledge interrupt on exit"},
    {CTL_EXIT, EXIT_SAVE_PAT, NEED_ON, "save IA32_PAT"},
    {CTL_EXIT, EXIT_LOAD_PAT, NEED_ON, "load IA32_PAT"},
    {CTL_EXIT, EXIT_SAVE_EFER, NEED_ON, "save IA32_EFER"},
    {CTL_EXIT, EXIT_LOAD_EFER, NEED_ON, "load IA32_EFER"},
    {CTL_ENTRY, ENTRY_IA32E, MAY_ON, "IA-32e mode guest"},
    {CTL_ENTRY, ENTRY_LOAD_PAT, NEED_ON, "load IA32_PAT on entry"},
    {CTL_ENTRY, ENTRY_LOAD_EFER, NEED_ON, "load IA32_EFER on entry"},
};

const size_t vmx_ctl_table_len = sizeof(vmx_ctl_table) / sizeof(vmx_ctl_table[0]);

const char *const vmx_ctl_names[VMX_CTLS] = {
    [CTL_PIN] = "pin-based",
    [CTL_PROC] = "processor-based",
    [CTL_PROC2] = "secondary processor-based",
    [CTL_EXIT] = "VM-exit",
    [CTL_ENTRY] = "VM-entry",
};

static uint32_t allowed0(uint64_t msr)
{
	return (uint32_t)msr;
}

static uint32_t allowed1(uint64_t msr)
{
	return (uint32_t)(msr >> 32);
}

/* Applies one rule to out[]; false when the CPU's settings forbid it (A.3.1). */
static bool apply(const struct vmx_ctl_caps *caps, const struct vmx_ctl_bit *b,
		  uint32_t out[VMX_CTLS])
{
	bool may1 = allowed1(caps->msr[b->ctl]) & b->bit;
	bool must1 = allowed0(caps->msr[b->ctl]) & b->bit;

	switch (b->need) {
	case NEED_ON:
		out[b->ctl] |= b->bit;
		return may1;
	case WANT_ON:
		if (may1)
			out[b->ctl] |= b->bit;
		return true;
	case NEED_OFF:
		return !must1;
	case MAY_ON:
	default:
		return may1;
	}
}

const struct vmx_ctl_bit *vmx_ctls_resolve(const struct vmx_ctl_caps *caps,
					   const struct vmx_ctl_bit *table, size_t n,
					   uint32_t out[VMX_CTLS])
{
	for (int c = 0; c < VMX_CTLS; c++)
		out[c] = allowed0(caps->msr[c]);
	for (size_t i = 0; i < n; i++)
		if (!apply(caps, &table[i], out))
			return &table[i];
	return NULL;
}
