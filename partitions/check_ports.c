// SPDX-License-Identifier: BSD-2-Clause
// I/O port rules: every range and passthrough UART inside 64 KiB, each port with one owner
// (the hypervisor's own console UART included), and no machine-wide control port for anyone.

#include <stdio.h>

#include "check.h"

struct claim {
	struct cfg_range r;
	const char *prop;
};

static size_t nclaims(const struct cfg_partition *p)
{
	return p->nioports + (p->console == CFG_CONSOLE_PASSTHROUGH && p->console_port ? 1 : 0);
}

/* The k-th port range a partition claims: its ioports, then its passthrough console UART. */
static struct claim claim_of(const struct cfg_partition *p, size_t k)
{
	if (k < p->nioports)
		return (struct claim){p->ioport[k], "ioports"};
	return (struct claim){{p->console_port, CFG_UART_PORTS}, "console-port"};
}

static bool claim_ok(const char *path, struct claim c, struct cfg_diags *d)
{
	if (!CC(d, c.r.size != 0, path, c.prop, "ports 0x%lx + 0: size must not be zero",
		(unsigned long)c.r.base))
		return false;
	return CC(d, c.r.base < CFG_IO_LIMIT && c.r.size <= CFG_IO_LIMIT - c.r.base, path, c.prop,
		  "ports 0x%lx + 0x%lx run past 0xffff", (unsigned long)c.r.base,
		  (unsigned long)c.r.size);
}

/*
 * Ports whose owner could reset, stall or silence the whole machine, or reach devices that
 * belong to others: no partition may have them (they need emulation, a later issue).
 */
static const struct {
	uint16_t base, size;
	const char *what;
} machine_ports[] = {
    {0x20, 2, "the master PIC (legacy interrupts of every CPU)"},
    {0x64, 1, "the i8042 command port (it can reset the machine)"},
    {0x70, 1, "the CMOS index (bit 7 masks NMIs on every CPU)"},
    {0x92, 1, "system control port A (fast reset)"},
    {0xa0, 2, "the slave PIC"},
    {0xb2, 2, "the APM/SMI command port (an SMI stops every CPU)"},
    {0x4d0, 2, "the PIC edge/level control"},
    {0xcf8, 8, "PCI configuration of every function (0xcf9 resets the machine)"},
};

static bool machine_wide_ok(const char *path, struct claim c, struct cfg_diags *d)
{
	for (size_t i = 0; i < sizeof(machine_ports) / sizeof(machine_ports[0]); i++) {
		uint64_t base = machine_ports[i].base, size = machine_ports[i].size;

		if (!CC(d, !ranges_overlap(c.r.base, c.r.size, base, size), path, c.prop,
			"ports 0x%lx-0x%lx include 0x%lx: %s is machine-wide",
			(unsigned long)c.r.base, (unsigned long)range_last(c.r.base, c.r.size),
			(unsigned long)base, machine_ports[i].what))
			return false;
	}
	return true;
}

/* Bulkhead emulates this port in every partition (the FADT's reset register): not ownable. */
static bool virtual_ok(const char *path, struct claim c, struct cfg_diags *d)
{
	return CC(d, !ranges_overlap(c.r.base, c.r.size, CFG_RESET_PORT, 1), path, c.prop,
		  "ports 0x%lx-0x%lx include 0x%x: every partition's virtual reset register",
		  (unsigned long)c.r.base, (unsigned long)range_last(c.r.base, c.r.size),
		  CFG_RESET_PORT);
}

static bool clash(struct claim a, struct claim b)
{
	return ranges_overlap(a.r.base, a.r.size, b.r.base, b.r.size);
}

static void msg_taken(const char *path, struct claim c, const char *owner, struct cfg_diags *d)
{
	cfg_error_rule(d, "ports have one owner", path, c.prop,
		       "ports 0x%lx-0x%lx are already assigned to %s", (unsigned long)c.r.base,
		       (unsigned long)range_last(c.r.base, c.r.size), owner);
}

/* Against the hypervisor's console and every claim made before this one. */
static void check_claim(const struct cfg_desc *desc, size_t pi, size_t k, struct cfg_diags *d)
{
	const struct cfg_partition *p = &desc->part[pi];
	struct claim c = claim_of(p, k), hv = {{desc->hv.console_port, CFG_UART_PORTS}, ""};
	char path[CFG_PATH_MAX], owner[CFG_PATH_MAX];

	cfg_part_path(p, path, sizeof(path));
	if (!claim_ok(path, c, d) || !machine_wide_ok(path, c, d) || !virtual_ok(path, c, d))
		return;
	if (desc->hv.console_port && clash(c, hv)) {
		msg_taken(path, c, "the hypervisor console (/hypervisor console-port)", d);
		return;
	}
	for (size_t oi = 0; oi <= pi; oi++) {
		const struct cfg_partition *o = &desc->part[oi];

		for (size_t ok = 0; ok < (oi == pi ? k : nclaims(o)); ok++) {
			struct claim oc = claim_of(o, ok);

			if (oc.r.size == 0 || !clash(c, oc))
				continue;
			cfg_part_path(o, owner, sizeof(owner));
			msg_taken(path, c, owner, d);
			return;
		}
	}
}

void cfg_check_ports(const struct cfg_desc *desc, struct cfg_diags *d)
{
	for (size_t pi = 0; pi < desc->nparts; pi++)
		for (size_t k = 0; k < nclaims(&desc->part[pi]); k++)
			check_claim(desc, pi, k, d);
}
