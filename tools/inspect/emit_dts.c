// SPDX-License-Identifier: BSD-2-Clause
// The generated description: header, /hypervisor, the firmware ranges as /reserved, the proposed
// first partition, and everything left to assign as comments (docs/inspect.md shows the shape).

#include <string.h>

#include "inspect.h"

#define FIRST_PARTITION "main"

/* A DMI string inside a dts string literal: no quote or backslash may end it early. */
static void quoted(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++)
		fputc(*s == '"' || *s == '\\' || (unsigned char)*s < ' ' ? '_' : *s, f);
	fputc('"', f);
}

static const char *vendor_kind(const struct cpu_id *c)
{
	if (c->svm)
		return "svm";
	if (c->vmx)
		return "vmx";
	return NULL;
}

static void emit_hypervisor(FILE *f, const struct board *b)
{
	const char *kind = vendor_kind(&b->cpu);

	fprintf(f, "\thypervisor {\n");
	if (kind) {
		fprintf(f, "\t\tcpu-vendor = \"%s\";\t\t/* %s: %s%s */\n", kind, b->cpu.vendor,
			b->cpu.svm ? "AMD-V (SVM)" : "VT-x (VMX)",
			b->cpu.svm ? (b->cpu.npt ? " with nested paging" : ", NO nested paging")
				   : "");
	} else {
		fprintf(f,
			"\t\t/* TODO: CPUID shows neither VMX nor SVM (\"%s\"): enable VT-x or "
			"AMD-V in the firmware setup, then run the inspector again */\n",
			b->cpu.vendor[0] ? b->cpu.vendor : "unknown vendor");
		fprintf(f, "\t\tcpu-vendor = \"%s\";\n",
			strcmp(b->cpu.vendor, "GenuineIntel") ? "svm" : "vmx");
	}
	if (b->nuarts)
		fprintf(
		    f,
		    "\t\tconsole-port = <%#x>;\t\t/* ttyS%u, %s, IRQ %u: the hypervisor's log */\n",
		    b->uart[0].port, b->uart[0].line, b->uart[0].type, b->uart[0].irq);
	else
		fprintf(f,
			"\t\t/* TODO: Linux found no serial port; the hypervisor logs to the UART "
			"at console-port (default 0x3f8): name the board's */\n");
	fprintf(f, "\t};\n\n");
}

uint32_t board_first_cpu(const struct board *b)
{
	for (size_t i = 0; i < b->madt.ncpus; i++)
		if (b->madt.cpu[i].apic_id == 0 && b->madt.cpu[i].enabled)
			return 0;
	for (size_t i = 0; i < b->madt.ncpus; i++)
		if (b->madt.cpu[i].enabled)
			return b->madt.cpu[i].apic_id;
	return 0;
}

static void emit_image(FILE *f)
{
	fprintf(f, "\t\t\timage {\n"
		   "\t\t\t\t/* TODO: the kernel and initramfs this partition boots; pack them "
		   "into the bundle under these names */\n"
		   "\t\t\t\tkernel = \"bzImage\";\n"
		   "\t\t\t\tinitrd = \"initramfs.cpio.gz\";\n"
		   "\t\t\t\tcmdline = \"console=ttyS0\";\n"
		   "\t\t\t\tprotocol = \"linux\";\n"
		   "\t\t\t};\n");
}

static void emit_partition(FILE *f, const struct board *b)
{
	fprintf(f, "\tpartitions {\n\t\t" FIRST_PARTITION " {\n");
	if (!b->have_madt)
		fprintf(f, "\t\t\t/* TODO: no MADT: check that APIC ID 0 is the boot CPU */\n");
	fprintf(f, "\t\t\tcpus = <%u>;\t\t\t/* the boot CPU */\n", board_first_cpu(b));
	fprintf(f, "\t\t\tconsole = \"virtual\";\t\t/* on the hypervisor's UART, lines "
		   "prefixed \"" FIRST_PARTITION ": \" */\n");
	emit_memory(f, b);
	emit_image(f);
	emit_unassigned(f, b);
	fprintf(f, "\t\t};\n\t};\n");
}

void emit_dts(FILE *f, const struct board *b, const char *source)
{
	emit_header(f, b, source);
	fprintf(f, "/dts-v1/;\n\n/ {\n");
	if (b->model[0]) {
		fprintf(f, "\tmodel = ");
		quoted(f, b->model);
		fprintf(f, ";\n");
	}
	fprintf(f, "\tcompatible = \"bulkhead,inspected\";\n\n");
	emit_hypervisor(f, b);
	emit_platform(f, b);
	emit_reserved(f, b);
	emit_partition(f, b);
	fprintf(f, "};\n");
}
