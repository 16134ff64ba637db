// SPDX-License-Identifier: BSD-2-Clause
// Port I/O exits: the partition's virtual console UART, owned ports, and everything else.

#include "partition.h"
#include "printk.h"
#include "vcpu_internal.h"
#include "vioapic.h"
#include "vpci.h"
#include "x86.h"

/* Reads of a port nobody decodes float high on a PC bus. */
#define IO_FLOAT 0xffffffffU

static bool virtual_uart(const struct cfg_partition *c, uint16_t port)
{
	return c->console == CFG_CONSOLE_VIRTUAL && port >= CFG_DEFAULT_UART &&
	       port < CFG_DEFAULT_UART + CFG_UART_PORTS;
}

static uint32_t port_in(uint16_t port, uint8_t size)
{
	uint32_t v;

	if (size == 1)
		return inb(port);
	if (size == 2)
		asm volatile("inw %1, %w0" : "=a"(v) : "Nd"(port));
	else
		asm volatile("inl %1, %0" : "=a"(v) : "Nd"(port));
	return size == 2 ? (v & 0xffff) : v;
}

static void port_out(uint16_t port, uint8_t size, uint32_t v)
{
	if (size == 1)
		outb(port, (uint8_t)v);
	else if (size == 2)
		asm volatile("outw %w0, %1" : : "a"(v), "Nd"(port));
	else
		asm volatile("outl %0, %1" : : "a"(v), "Nd"(port));
}

/* IN writes AL/AX/EAX: a 32-bit IN zero-extends into RAX, narrower ones merge. */
static void set_in_value(struct vcpu *v, uint8_t size, uint32_t val)
{
	uint64_t mask = size == 4 ? 0xffffffffffffffffULL : (1ULL << (size * 8)) - 1;

	v->regs.rax = (v->regs.rax & ~mask) | (val & mask);
}

bool vcpu_on_io(struct vcpu *v, const struct vcpu_exit *e)
{
	const struct cfg_partition *c = v->part->cfg;
	uint16_t port = e->io.port;
	uint32_t val = IO_FLOAT;

	if (e->io.string) {
		part_fault(v->part, "string port I/O (not emulated yet)");
		return false;
	}
	if (port == CFG_RESET_PORT) {
		/* The FADT's reset register: a reset of this partition only, applied as its
		 * on-fault says (restart reloads it; halt stops it). Other values do nothing. */
		if (!e->io.in && (uint8_t)v->regs.rax == CFG_RESET_VALUE) {
			part_fault(v->part, "reset requested through its reset register");
			return false;
		}
		val = 0;
	} else if (virtual_uart(c, port)) {
		/* A 16550 has byte registers: wider accesses reach the first one only. */
		if (e->io.in)
			val = vioapic_uart_in(v, port - CFG_DEFAULT_UART);
		else
			vioapic_uart_out(v, port - CFG_DEFAULT_UART, (uint8_t)v->regs.rax);
	} else if (vpci_port(v->part, port)) {
		if (!e->io.in)
			val = (uint32_t)v->regs.rax;
		vpci_io(v, port, e->io.size, e->io.in, &val);
	} else if (part_owns_port(c, port)) {
		if (e->io.in)
			val = port_in(port, e->io.size);
		else
			port_out(port, e->io.size, (uint32_t)v->regs.rax);
	} else {
		pr_debug("%s: %s port 0x%x it does not own", c->name,
			 e->io.in ? "read of" : "write to", port);
	}
	if (e->io.in)
		set_in_value(v, e->io.size, val);
	v->regs.rip += e->insn_len;
	return true;
}
