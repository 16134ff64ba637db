/* SPDX-License-Identifier: BSD-2-Clause */
/* A running partition: its description, placed memory, vCPUs, console and exit counters. */
#ifndef BULKHEAD_PARTITION_H
#define BULKHEAD_PARTITION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "boot_bundle.h"
#include "config.h"
#include "vcpu.h"

#define PART_CONSOLE_LINE 160 /* longer virtual-console lines are split */

struct part_mem {
	uint64_t gpa, hpa, size;
	unsigned int rights; /* CFG_R | CFG_W | CFG_X */
};

struct partition {
	const struct cfg_partition *cfg;
	unsigned int index;
	struct part_mem mem[CFG_MAX_MEM];
	size_t nmem;
	struct vcpu vcpu; /* the first CPU's; the others stay parked in this slice */
	union {
		struct svm_partition svm;
	} vendor;
	uint64_t exits[VCPU_EXIT_REASONS];
	char line[PART_CONSOLE_LINE];
	size_t line_len;
	bool stopped;
};

/* Host address of guest-physical [gpa, gpa + len) when it lies in one region that grants the
 * partition @rights (CFG_R, CFG_W): Bulkhead never writes where the partition may not. Else NULL. */
void *part_gpa_to_hva(const struct partition *p, uint64_t gpa, uint64_t len, unsigned int rights);
/* Whether the partition owns I/O port @port (passthrough or its passthrough console). */
bool part_owns_port(const struct cfg_partition *c, uint16_t port);

/* The virtual console: bytes in, whole lines out as "<name>: <line>". */
void part_console_write(struct partition *p, const char *s, size_t len);
void part_console_flush(struct partition *p);

/* The partition stops: @why and @status printed with every exit counter. */
void part_stop(struct partition *p, const char *why, uint64_t status);
/* A fault of the partition (triple fault, access outside its memory): its on-fault policy. */
void part_fault(struct partition *p, const char *what);

/* Places every partition, loads raw64 images, hands each first CPU its vCPU (boot_config.c). */
void partitions_start(const struct cfg_desc *desc, const struct boot_bundle *b);

#endif
