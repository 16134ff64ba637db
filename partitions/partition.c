// SPDX-License-Identifier: BSD-2-Clause
// A running partition's services to the vCPU core: memory lookup, ports, console, stop, fault.

#include <stdio.h>
#include <string.h>

#include "partition.h"
#include "printk.h"

void *part_gpa_to_hva(const struct partition *p, uint64_t gpa, uint64_t len, unsigned int rights)
{
	for (size_t i = 0; i < p->nmem; i++) {
		const struct part_mem *m = &p->mem[i];

		if (gpa >= m->gpa && len <= m->size && gpa - m->gpa <= m->size - len)
			return (m->rights & rights) == rights ? (void *)(m->hpa + (gpa - m->gpa))
							      : NULL;
	}
	return NULL;
}

bool part_owns_port(const struct cfg_partition *c, uint16_t port)
{
	for (size_t i = 0; i < c->nioports; i++)
		if (port >= c->ioport[i].base && port - c->ioport[i].base < c->ioport[i].size)
			return true;
	return c->console == CFG_CONSOLE_PASSTHROUGH && port >= c->console_port &&
	       port < c->console_port + CFG_UART_PORTS;
}

void part_console_flush(struct partition *p)
{
	if (!p->line_len)
		return;
	p->line[p->line_len] = '\0';
	pr_info("%s: %s", p->cfg->name, p->line);
	p->line_len = 0;
}

/* Lines end at '\n' or when full; control characters would corrupt Bulkhead's console. */
void part_console_write(struct partition *p, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		char c = s[i];

		if (c == '\n') {
			part_console_flush(p);
			continue;
		}
		if (c == '\r')
			continue;
		p->line[p->line_len++] = (c >= ' ' && c <= '~') ? c : '?';
		if (p->line_len == sizeof(p->line) - 1)
			part_console_flush(p);
	}
}

/* "cpuid 3, io 12, ...": every reason, so a test can read any of them. */
static void format_exits(const struct partition *p, char *out, size_t size)
{
	size_t n = 0;

	out[0] = '\0';
	for (int r = 0; r < VCPU_EXIT_REASONS && n < size; r++)
		n += (size_t)snprintf(out + n, size - n, "%s%s %lu", r ? ", " : "",
				      vcpu_exit_name(r), (unsigned long)p->exits[r]);
}

void part_stop(struct partition *p, const char *why, uint64_t status)
{
	char exits[256];

	part_console_flush(p);
	p->stopped = true;
	format_exits(p, exits, sizeof(exits));
	pr_info("partition %s: exited (%s, status %lu); exits: %s", p->cfg->name, why,
		(unsigned long)status, exits);
}

/* Restart and system reset come with a later slice of issue #4: for now every policy halts. */
void part_fault(struct partition *p, const char *what)
{
	char exits[256];

	part_console_flush(p);
	p->stopped = true;
	format_exits(p, exits, sizeof(exits));
	pr_err("partition %s: fault: %s; on-fault \"%s\" not implemented yet: halted; exits: %s",
	       p->cfg->name, what, cfg_fault_name(p->cfg->on_fault), exits);
}
