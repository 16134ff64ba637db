// SPDX-License-Identifier: BSD-2-Clause
// Problems met while reading the board: printed at once, and kept for the output's TODOs.

#include <stdarg.h>
#include <stdio.h>

#include "inspect.h"

void board_note(struct board *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "bulkhead-inspect: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	if (b->nnotes == INSPECT_MAX_NOTES)
		return;
	va_start(ap, fmt);
	vsnprintf(b->note[b->nnotes++], sizeof(b->note[0]), fmt, ap);
	va_end(ap);
}

void board_read(const struct rootfs *fs, struct board *b)
{
	read_cpuid(fs, b);
	read_dmi(fs, b);
	read_acpi(fs, b);
	read_memmap(fs, b);
	read_pci(fs, b);
	read_serial(fs, b);
}
