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
#include "watchdog.h"

#define PART_CONSOLE_LINE 160 /* longer virtual-console lines are split */

struct part_mem {
	uint64_t gpa, hpa, size;
	unsigned int rights; /* CFG_R | CFG_W | CFG_X */
};

enum part_state {
	PART_RUNNING,
	PART_RESTARTING, /* one vCPU reloads it while the others are parked */
	PART_STOPPED,	 /* halted by test-exit, HLT policy or a fault: for good */
};

struct channel;

#define PART_FAULT_TEXT 64 /* the last fault's reason, as the health report gives it */

struct partition {
	const struct cfg_partition *cfg;
	const struct boot_bundle *bundle; /* the verified images a restart reloads */
	unsigned int index;
	struct part_mem mem[CFG_MAX_MEM];
	size_t nmem;
	struct part_mem
	    shared[CFG_MAX_CHANNELS];		/* chan[i] at its guest address, with our rights */
	struct channel *chan[CFG_MAX_CHANNELS]; /* in description order: the guests' numbering */
	size_t nchan;
	struct vcpu vcpu[CFG_MAX_CPUS]; /* cfg->cpu[i] runs vcpu[i]; vcpu[0] boots first */
	struct vcpu_boot boot;		/* vcpu[0]'s start, rebuilt by every (re)load */
	union {
		struct svm_partition svm;
		struct vmx_partition vmx;
	} vendor;
	uint64_t exits[VCPU_EXIT_REASONS];
	char line[PART_CONSOLE_LINE];
	size_t line_len;
	enum part_state state;	  /* atomic */
	enum part_state reported; /* as the health report gives it: set after the fault's record */
	uint32_t restarts;
	uint32_t faults;		  /* every fault, a missed watchdog included */
	char last_fault[PART_FAULT_TEXT]; /* "" until the first */
	struct watchdog wd;
};

/* Every guest-physical mapping of @p: its memory@ regions, then its channels. The backends
 * build their nested page tables from these. */
size_t part_nmaps(const struct partition *p);
const struct part_mem *part_map(const struct partition *p, size_t i);

/* Device mappings (partitions/devices.c): its mmio ranges and the memory BARs of its PCI
 * functions, identity-mapped and uncached (CFG_UC); never in part_map(), so Bulkhead itself
 * never reads guest data from a device. And the I/O BARs, opened in its I/O permission map. */
size_t part_ndevmaps(const struct partition *p);
const struct part_mem *part_devmap(const struct partition *p, size_t i);
size_t part_ndevports(const struct partition *p);
const struct cfg_range *part_devport(const struct partition *p, size_t i);
/* Builds them, the virtual PCI bus and the legacy IRQ routes: once, before partition_init. */
void part_devices_init(struct partition *p);
/* For good (halt, test-exit): its virtual bus is emptied, so no later configuration write of
 * its vCPUs still running can undo the next step; each function's bus master, decode, MSI and
 * MSI-X off: it can no longer reach memory or interrupt anyone. */
void part_devices_quiesce(struct partition *p);
/* Between two runs (restart): every owned function reset (FLR, PM reset, or bus master off),
 * its BARs and command restored, the virtual bus and IRQ routes back to power-on. */
void part_devices_reset(struct partition *p);

/* Host address of guest-physical [gpa, gpa + len) when it lies in one region that grants the
 * partition @rights (CFG_R, CFG_W): Bulkhead never writes where the partition may not. Else NULL. */
void *part_gpa_to_hva(const struct partition *p, uint64_t gpa, uint64_t len, unsigned int rights);
/* The name of the channel @p sees at @gpa, or NULL. */
const char *part_channel_at(const struct partition *p, uint64_t gpa);
/* Whether the partition owns I/O port @port (passthrough or its passthrough console). */
bool part_owns_port(const struct cfg_partition *c, uint16_t port);

/* The virtual console: bytes in, whole lines out as "<name>: <line>". */
void part_console_write(struct partition *p, const char *s, size_t len);
void part_console_flush(struct partition *p);

/* The partition stops for good (partitions/lifecycle.c): @why and @status printed with every
 * exit counter; each of its vCPUs parks. */
void part_stop(struct partition *p, const char *why, uint64_t status);
/* Prints every exit counter of @p, e.g. "partition sensor: exits (on request): cpuid 1, ...". */
void part_print_exits(struct partition *p, const char *why);

/* A fault of the partition (triple fault, access outside its memory, an exit Bulkhead cannot
 * handle): halt, restart (up to its restart-limit) or reset the machine, as on-fault says.
 * Called on one of the partition's own CPUs. */
void part_fault(struct partition *p, const char *what);

/* Scrubs the partition's memory and loads its images and firmware view per its boot protocol
 * (partitions/load.c); fills p->boot. False, with the reason printed, if it cannot start. */
bool part_load(struct partition *p);

/* The vCPU of @p on the CPU with local APIC ID @apic_id, or NULL if that CPU is not its. */
struct vcpu *part_vcpu_by_apic(struct partition *p, uint32_t apic_id);

/* The partitions of the description, by index; NULL past the last (monitor's health report). */
struct partition *part_by_index(size_t i);

/* Watchdog: (re)armed when the partition (re)starts; a kick by hypercall; checked on the
 * partition's own CPUs (partitions/health.c), where a miss is a fault. */
void part_watchdog_arm(struct partition *p);
void part_watchdog_expire(struct vcpu *v);

/* After every exit of every partition: only one with a watchdog pays a call and a TSC read. */
static inline void part_watchdog_check(struct vcpu *v)
{
	if (v->part->wd.period)
		part_watchdog_expire(v);
}
/* The health line on Bulkhead's console: state, restarts, faults, last fault, exits. */
void part_print_health(struct partition *p);

/* The partition's DMA domain (partitions/dma.c): its memory map in the IOMMU, its PCI functions
 * attached. True also when there is nothing to do (no IOMMU, no PCI function); false (printed)
 * when its devices cannot be confined, and then it must not start. */
bool part_dma_setup(struct partition *p);
/* With interrupt remapping, owned functions' MSIs go through their remapping entries. */
void part_dma_irq_setup(void);

/* Places every partition, loads raw64 images, hands each first CPU its vCPU (boot_config.c). */
void partitions_start(const struct cfg_desc *desc, const struct boot_bundle *b);

#endif
