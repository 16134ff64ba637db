// SPDX-License-Identifier: BSD-2-Clause
// The partition table as people read it: one block per partition and one line per channel.

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "config.h"

#define LINE_MAX 300

struct line {
	char buf[LINE_MAX];
	size_t len;
};

static void add(struct line *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(struct line *l, const char *fmt, ...)
{
	va_list ap;

	if (l->len >= sizeof(l->buf) - 1)
		return;
	va_start(ap, fmt);
	l->len += (size_t)vsnprintf(l->buf + l->len, sizeof(l->buf) - l->len, fmt, ap);
	va_end(ap);
	if (l->len > sizeof(l->buf) - 1)
		l->len = sizeof(l->buf) - 1; /* cut, as printk cuts */
}

static void flush(struct line *l, cfg_emit_fn emit, void *ctx)
{
	emit(ctx, l->buf);
	l->len = 0;
	l->buf[0] = '\0';
}

static void head(struct line *l, const struct cfg_partition *p)
{
	add(l, "partition %s: APIC IDs", p->name);
	for (size_t i = 0; i < p->ncpus; i++)
		add(l, "%s %u", i ? "," : "", p->cpu[i]);
	add(l, "; nested %s; on-fault %s", cfg_vendor_name(p->nested), cfg_fault_name(p->on_fault));
	if (p->on_fault == CFG_FAULT_RESTART)
		add(l, " (limit %u)", p->restart_limit);
	if (p->watchdog_ms)
		add(l, "; watchdog %u ms", p->watchdog_ms);
	if (p->monitor)
		add(l, "; monitor");
	if (p->reset_method != CFG_RESET_AUTO)
		add(l, "; reset-method %s", cfg_reset_method_name(p->reset_method));
	if (p->dma_unprotected)
		add(l, "; DMA unprotected");
}

static void memory(struct line *l, const struct cfg_mem *m)
{
	char rights[4];

	cfg_rights_str(m->rights, rights);
	add(l, "  %s: guest 0x%lx -> ", m->node, (unsigned long)m->gpa);
	if (m->placed)
		add(l, "host 0x%lx", (unsigned long)m->hpa);
	else
		add(l, "placed by Bulkhead");
	add(l, ", %lu KiB, %s", (unsigned long)(m->size >> 10), rights);
}

static void image(struct line *l, const struct cfg_image *im)
{
	add(l, "  image: %s, protocol %s", im->kernel, cfg_protocol_name(im->protocol));
	if (im->has_entry)
		add(l, ", entry 0x%lx", (unsigned long)im->entry);
	if (im->initrd[0])
		add(l, ", initrd %s", im->initrd);
	if (im->cmdline[0])
		add(l, ", cmdline \"%s\"", im->cmdline);
	for (size_t i = 0; i < im->nmodules; i++)
		add(l, "%s%s", i ? ", " : "; modules ", im->module[i].file);
}

static void console(struct line *l, const struct cfg_partition *p)
{
	if (p->console == CFG_CONSOLE_PASSTHROUGH)
		add(l, "  console: passthrough UART 0x%x", p->console_port);
	else if (p->console == CFG_CONSOLE_VIRTUAL)
		add(l, "  console: virtual, lines prefixed \"%s: \"", p->name);
	else
		add(l, "  console: none");
}

static void devices(struct line *l, const struct cfg_partition *p)
{
	add(l, "  devices:");
	for (size_t i = 0; i < p->nioports; i++)
		add(l, " ports 0x%lx-0x%lx;", (unsigned long)p->ioport[i].base,
		    (unsigned long)(p->ioport[i].base + p->ioport[i].size - 1));
	for (size_t i = 0; i < p->nmmio; i++)
		add(l, " mmio 0x%lx-0x%lx;", (unsigned long)p->mmio[i].base,
		    (unsigned long)(p->mmio[i].base + p->mmio[i].size - 1));
	for (size_t i = 0; i < p->npci; i++)
		add(l, " pci %02x:%02x.%x;", p->pci[i] >> 8, (p->pci[i] >> 3) & 0x1f,
		    p->pci[i] & 7);
	for (size_t i = 0; i < p->nirqs; i++)
		add(l, " irq %u;", p->irq[i]);
	if (!p->nioports && !p->nmmio && !p->npci && !p->nirqs)
		add(l, " none");
	else
		l->buf[--l->len] = '\0'; /* the last ';' */
}

static void channel(struct line *l, const struct cfg_desc *desc, const struct cfg_channel *ch)
{
	add(l, "channel %s: %lu KiB at guest 0x%lx, writer %s, readers", ch->name,
	    (unsigned long)(ch->size >> 10), (unsigned long)ch->gpa, ch->writer_name);
	for (size_t i = 0; i < ch->nreaders; i++)
		add(l, "%s %s", i ? "," : "", ch->reader_name[i]);
	if (ch->doorbell)
		add(l, "; doorbell vector %u", ch->doorbell);
}

void cfg_print_table(const struct cfg_desc *desc, cfg_emit_fn emit, void *ctx)
{
	struct line l = {"", 0};

	add(&l, "%lu partitions, %lu channels; hypervisor on %s, console 0x%x",
	    (unsigned long)desc->nparts, (unsigned long)desc->nchans,
	    cfg_vendor_name(desc->hv.vendor), desc->hv.console_port);
	flush(&l, emit, ctx);
	for (size_t i = 0; i < desc->nparts; i++) {
		const struct cfg_partition *p = &desc->part[i];

		head(&l, p);
		flush(&l, emit, ctx);
		for (size_t m = 0; m < p->nmem; m++) {
			memory(&l, &p->mem[m]);
			flush(&l, emit, ctx);
		}
		image(&l, &p->image);
		flush(&l, emit, ctx);
		console(&l, p);
		flush(&l, emit, ctx);
		devices(&l, p);
		flush(&l, emit, ctx);
	}
	for (size_t i = 0; i < desc->nchans; i++) {
		channel(&l, desc, &desc->chan[i]);
		flush(&l, emit, ctx);
	}
}
