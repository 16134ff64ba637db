// SPDX-License-Identifier: BSD-2-Clause
// The generic side of every vCPU: backend choice, the run loop and one handler per exit reason.

#include <stddef.h>
#include <stdio.h>

#include "nested.h"
#include "partition.h"
#include "printk.h"
#include "vcpu.h"
#include "vcpu_internal.h"
#include "vioapic.h"
#include "x2apic.h"
#include "x86.h"

const struct vcpu_ops *vcpu_ops;

static const char *const exit_names[VCPU_EXIT_REASONS] = {
    [VCPU_EXIT_CPUID] = "cpuid",
    [VCPU_EXIT_MSR] = "msr",
    [VCPU_EXIT_IO] = "io",
    [VCPU_EXIT_NPF] = "npf",
    [VCPU_EXIT_HLT] = "hlt",
    [VCPU_EXIT_HYPERCALL] = "hypercall",
    [VCPU_EXIT_SHUTDOWN] = "shutdown",
    [VCPU_EXIT_INTR] = "intr",
    [VCPU_EXIT_VIRT_INSN] = "virt-insn",
    [VCPU_EXIT_OTHER] = "other",
    [VCPU_EXIT_APIC] = "apic",
    [VCPU_EXIT_XSETBV] = "xsetbv",
};

const char *vcpu_exit_name(enum vcpu_exit_reason r)
{
	return r < VCPU_EXIT_REASONS ? exit_names[r] : "?";
}

/* Every backend linked in; the first this CPU can run wins. */
static const struct vcpu_ops *const backends[] = {&svm_vcpu_ops, &vmx_vcpu_ops};

const struct vcpu_ops *vcpu_select(const char **why)
{
	*why = "no backend for this CPU";
	for (size_t i = 0; i < sizeof(backends) / sizeof(backends[0]); i++)
		if (backends[i]->usable(why))
			return vcpu_ops = backends[i];
	return NULL;
}

static void skip(struct vcpu *v, const struct vcpu_exit *e)
{
	v->regs.rip += e->insn_len;
}

static bool on_cpuid(struct vcpu *v, const struct vcpu_exit *e)
{
	uint32_t out[4];

	vcpu_cpuid_for(v, (uint32_t)v->regs.rax, (uint32_t)v->regs.rcx, out);
	v->regs.rax = out[0];
	v->regs.rbx = out[1];
	v->regs.rcx = out[2];
	v->regs.rdx = out[3];
	skip(v, e);
	return true;
}

/* Partitions' cores halt on the real CPU (HLT is not intercepted); a backend that still reports
 * one resumes after it, as a wake-up would. */
static bool on_hlt(struct vcpu *v, const struct vcpu_exit *e)
{
	skip(v, e);
	return true;
}

static bool on_npf(struct vcpu *v, const struct vcpu_exit *e)
{
	const char *chan = part_channel_at(v->part, e->npf.gpa);
	const char *kind = e->npf.exec ? "execute" : e->npf.write ? "write" : "read";
	char what[96];

	if (chan)
		snprintf(what, sizeof(what), "%s access to channel %s at gpa 0x%lx: not allowed",
			 kind, chan, e->npf.gpa);
	else
		snprintf(what, sizeof(what), "%s access to gpa 0x%lx outside its memory", kind,
			 e->npf.gpa);
	part_fault(v->part, what);
	return false;
}

static bool on_shutdown(struct vcpu *v, const struct vcpu_exit *e)
{
	part_fault(v->part, "triple fault (shutdown)");
	return false;
}

/* Emulated for a partition with nested virtualization, #UD for any other (nested/). */
static bool on_virt_insn(struct vcpu *v, const struct vcpu_exit *e)
{
	return nested_virt_insn(v, e);
}

/* A host interrupt ended the run; it is handled when the host takes it. */
static bool on_intr(struct vcpu *v, const struct vcpu_exit *e)
{
	return true;
}

static bool on_other(struct vcpu *v, const struct vcpu_exit *e)
{
	char what[48];

	snprintf(what, sizeof(what), "unexpected exit 0x%lx", e->code);
	part_fault(v->part, what);
	return false;
}

static bool in_page(const struct vcpu_exit *e, uint64_t base, uint64_t size)
{
	return e->reason == VCPU_EXIT_NPF && e->npf.gpa >= base && e->npf.gpa - base < size;
}

/* The xAPIC or I/O APIC page's nested page faults, or x2APIC MSRs that exit. */
static bool on_apic(struct vcpu *v, const struct vcpu_exit *e)
{
	if (e->reason == VCPU_EXIT_MSR)
		return vcpu_on_msr(v, e);
	return in_page(e, VIOAPIC_BASE, VIOAPIC_SIZE) ? vioapic_mmio(v, e) : vlapic_mmio(v, e);
}

typedef bool (*exit_handler)(struct vcpu *v, const struct vcpu_exit *e);

static const exit_handler handlers[VCPU_EXIT_REASONS] = {
    [VCPU_EXIT_CPUID] = on_cpuid,
    [VCPU_EXIT_MSR] = vcpu_on_msr,
    [VCPU_EXIT_IO] = vcpu_on_io,
    [VCPU_EXIT_NPF] = on_npf,
    [VCPU_EXIT_HLT] = on_hlt,
    [VCPU_EXIT_HYPERCALL] = vcpu_on_hypercall,
    [VCPU_EXIT_SHUTDOWN] = on_shutdown,
    [VCPU_EXIT_INTR] = on_intr,
    [VCPU_EXIT_VIRT_INSN] = on_virt_insn,
    [VCPU_EXIT_OTHER] = on_other,
    [VCPU_EXIT_APIC] = on_apic,
    [VCPU_EXIT_XSETBV] = vcpu_on_xsetbv,
};

/* The local APIC and I/O APIC pages are never mapped: their nested page faults are register
 * accesses. Those and the x2APIC MSRs that exit count as "apic". */
static enum vcpu_exit_reason classify(const struct vcpu_exit *e)
{
	if (e->reason >= VCPU_EXIT_REASONS)
		return VCPU_EXIT_OTHER;
	if (in_page(e, VLAPIC_BASE, VLAPIC_SIZE) || in_page(e, VIOAPIC_BASE, VIOAPIC_SIZE))
		return VCPU_EXIT_APIC;
	if (e->reason == VCPU_EXIT_MSR && x2apic_msr(e->msr.index))
		return VCPU_EXIT_APIC;
	return e->reason;
}

bool vcpu_handle_exit(struct vcpu *v, const struct vcpu_exit *e)
{
	enum vcpu_exit_reason r = classify(e);

	__atomic_fetch_add(&v->part->exits[r], 1, __ATOMIC_RELAXED);
	return handlers[r](v, e);
}
