// SPDX-License-Identifier: BSD-2-Clause
// A running partition's services to the vCPU core: memory lookup, ports, console, its vCPUs.

#include <stdio.h>
#include <string.h>

#include "channel.h"
#include "partition.h"
#include "printk.h"

size_t part_nmaps(const struct partition *p)
{
	return p->nmem + p->nchan;
}

const struct part_mem *part_map(const struct partition *p, size_t i)
{
	return i < p->nmem ? &p->mem[i] : &p->shared[i - p->nmem];
}

void *part_gpa_to_hva(const struct partition *p, uint64_t gpa, uint64_t len, unsigned int rights)
{
	for (size_t i = 0; i < part_nmaps(p); i++) {
		const struct part_mem *m = part_map(p, i);

		if (gpa >= m->gpa && len <= m->size && gpa - m->gpa <= m->size - len)
			return (m->rights & rights) == rights ? (void *)(m->hpa + (gpa - m->gpa))
							      : NULL;
	}
	return NULL;
}

const char *part_channel_at(const struct partition *p, uint64_t gpa)
{
	for (size_t i = 0; i < p->nchan; i++)
		if (gpa >= p->shared[i].gpa && gpa - p->shared[i].gpa < p->shared[i].size)
			return p->chan[i]->cfg->name;
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

struct vcpu *part_vcpu_by_apic(struct partition *p, uint32_t apic_id)
{
	for (size_t i = 0; i < p->cfg->ncpus; i++)
		if (p->vcpu[i].apic_id == apic_id)
			return &p->vcpu[i];
	return NULL;
}
