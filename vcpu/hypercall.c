// SPDX-License-Identifier: BSD-2-Clause
// Hypercall dispatch (docs/hypercalls.md): one table entry per number, arguments in RDI/RSI/RDX.

#include <string.h>

#include "partition.h"
#include "tsc.h"
#include "vcpu_internal.h"

typedef int64_t (*hc_fn)(struct vcpu *v);

static int64_t hc_console_write(struct vcpu *v)
{
	uint64_t len = v->regs.rsi;
	const char *s;

	if (len > HC_CONSOLE_MAX)
		return HC_E_INVAL;
	s = part_gpa_to_hva(v->part, v->regs.rdi, len, CFG_R);
	if (!s)
		return HC_E_FAULT;
	part_console_write(v->part, s, len);
	return (int64_t)len;
}

static int64_t hc_partition_info(struct vcpu *v)
{
	struct hc_partition_info *out, info = {
					   .magic = HC_INFO_MAGIC,
					   .abi_version = HC_ABI_VERSION,
					   .index = v->part->index,
					   .ncpus = (uint32_t)v->part->cfg->ncpus,
					   .vcpu = v->index,
				       };

	out = part_gpa_to_hva(v->part, v->regs.rdi, sizeof(*out), CFG_W);
	if (!out)
		return HC_E_FAULT;
	for (size_t i = 0; i < v->part->nmem; i++)
		info.memory_bytes += v->part->mem[i].size;
	strncpy(info.name, v->part->cfg->name, sizeof(info.name) - 1);
	memcpy(out, &info, sizeof(info));
	return HC_OK;
}

static int64_t hc_exit_count(struct vcpu *v)
{
	if (v->regs.rdi >= VCPU_EXIT_REASONS)
		return HC_E_INVAL;
	return (int64_t)__atomic_load_n(&v->part->exits[v->regs.rdi], __ATOMIC_RELAXED);
}

static int64_t hc_test_exit(struct vcpu *v)
{
	part_stop(v->part, "test-exit", v->regs.rdi);
	return HC_OK;
}

static int64_t hc_tsc_khz(struct vcpu *v)
{
	return (int64_t)tsc_khz;
}

static int64_t hc_exits_print(struct vcpu *v)
{
	part_print_exits(v->part, "on request");
	return HC_OK;
}

static const hc_fn hypercalls[HC_COUNT] = {
    [HC_CONSOLE_WRITE] = hc_console_write,
    [HC_PARTITION_INFO] = hc_partition_info,
    [HC_EXIT_COUNT] = hc_exit_count,
    [HC_TEST_EXIT] = hc_test_exit,
    [HC_TSC_KHZ] = hc_tsc_khz,
    [HC_EXITS_PRINT] = hc_exits_print,
    [HC_CHANNEL_INFO] = hc_channel_info,
    [HC_DOORBELL] = hc_doorbell,
    [HC_WATCHDOG_KICK] = hc_watchdog_kick,
    [HC_HEALTH] = hc_health,
};

bool vcpu_on_hypercall(struct vcpu *v, const struct vcpu_exit *e)
{
	uint64_t nr = v->regs.rax;
	struct vcpu_paging pg;

	/* The partition's kernel speaks for it, not its user programs (KVM refuses CPL > 0 too):
	 * a process of a Linux partition must not end the partition or kick its watchdog. */
	vcpu_ops->get_paging(v, &pg);
	if (pg.cpl != 0)
		v->regs.rax = (uint64_t)HC_E_PERM;
	else
		v->regs.rax = (uint64_t)(nr < HC_COUNT ? hypercalls[nr](v) : HC_E_NOSYS);
	v->regs.rip += e->insn_len;
	return true;
}
