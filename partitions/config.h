// SPDX-License-Identifier: BSD-2-Clause
// The machine's split as described by the device tree: fixed-size tables, no allocation.
#ifndef BULKHEAD_CONFIG_H
#define BULKHEAD_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"

/* Limits of one description; docs/bindings.md lists them. Exceeding one is an error. */
#define CFG_MAX_PARTITIONS 16
#define CFG_MAX_CPUS	   64 /* per partition */
#define CFG_MAX_MEM	   8  /* memory@ regions per partition */
#define CFG_MAX_RANGES	   16 /* I/O port or MMIO ranges per partition */
#define CFG_MAX_PCI	   16
#define CFG_MAX_IRQS	   16
#define CFG_MAX_CHANNELS   16
#define CFG_MAX_READERS	   (CFG_MAX_PARTITIONS - 1)
#define CFG_NAME_MAX	   32
#define CFG_FILE_MAX	   64
#define CFG_CMDLINE_MAX	   256
#define CFG_MAX_MODULES	   4 /* multiboot2 modules per image */

#define CFG_PAGE	 0x1000ULL
#define CFG_UART_PORTS	 8 /* a 16550 decodes eight I/O ports */
#define CFG_IO_LIMIT	 0x10000ULL
#define CFG_LEGACY_IRQS	 16
#define CFG_VECTOR_MIN	 32 /* 0-31 are exceptions */
#define CFG_DEFAULT_UART 0x3f8
/* Every partition's virtual reset register, the FADT's RESET_REG (docs/partition-view.md):
 * writing CFG_RESET_VALUE there asks for the partition's reset, which its on-fault decides. */
#define CFG_RESET_PORT	   0x600
#define CFG_RESET_VALUE	   0x01
#define CFG_DEFAULT_RLIMIT 3
/* Guest-physical pages every partition sees as its interrupt controllers, never as memory. */
#define CFG_GUEST_IOAPIC 0xfec00000ULL
#define CFG_GUEST_LAPIC	 0xfee00000ULL

enum cfg_vendor { CFG_VENDOR_NONE, CFG_VENDOR_VMX, CFG_VENDOR_SVM };
enum cfg_protocol { CFG_PROTO_RAW64, CFG_PROTO_MB2, CFG_PROTO_MB1, CFG_PROTO_LINUX };
enum cfg_console { CFG_CONSOLE_VIRTUAL, CFG_CONSOLE_PASSTHROUGH, CFG_CONSOLE_NONE };
enum cfg_fault { CFG_FAULT_HALT, CFG_FAULT_RESTART, CFG_FAULT_RESET_SYSTEM };
/* How a restart resets a PCI function that has no function-level reset (FLR is always used
 * where the function has it): as the board allows (a power-management reset, else bus master
 * and decode off), only by a power-management reset, or only by turning them off. */
enum cfg_reset_method { CFG_RESET_AUTO, CFG_RESET_PM, CFG_RESET_BUS_MASTER_OFF };
enum cfg_loglevel { CFG_LOG_ERROR, CFG_LOG_WARN, CFG_LOG_INFO, CFG_LOG_DEBUG };

/* Memory rights, as in a page table: read, write, execute. */
#define CFG_R 1U
#define CFG_W 2U
#define CFG_X 4U
/* Not a right: the mapping is device memory (passthrough MMIO), uncached. */
#define CFG_UC 8U

struct cfg_range {
	uint64_t base, size;
};

struct cfg_mem {
	char node[CFG_NAME_MAX]; /* "memory@0", for messages */
	uint64_t gpa, size, hpa;
	bool placed; /* hpa given; otherwise Bulkhead chooses */
	unsigned int rights;
};

/* A multiboot2 module: a bundle image loaded beside the kernel, with its own string. */
struct cfg_module {
	char file[CFG_FILE_MAX], cmdline[CFG_CMDLINE_MAX];
	bool has_cmdline; /* without one, the module's string is its file name */
};

struct cfg_image {
	char kernel[CFG_FILE_MAX], initrd[CFG_FILE_MAX], cmdline[CFG_CMDLINE_MAX];
	struct cfg_module module[CFG_MAX_MODULES];
	size_t nmodules;
	enum cfg_protocol protocol;
	uint64_t entry;
	bool has_image, has_entry;
};

struct cfg_partition {
	char name[CFG_NAME_MAX];
	uint32_t cpu[CFG_MAX_CPUS];
	size_t ncpus;
	struct cfg_mem mem[CFG_MAX_MEM];
	size_t nmem;
	struct cfg_image image;
	enum cfg_console console;
	uint32_t console_port; /* passthrough UART, 0 otherwise */
	struct cfg_range ioport[CFG_MAX_RANGES], mmio[CFG_MAX_RANGES];
	size_t nioports, nmmio;
	uint16_t pci[CFG_MAX_PCI]; /* bus << 8 | dev << 3 | fn */
	size_t npci;
	uint32_t irq[CFG_MAX_IRQS];
	size_t nirqs;
	enum cfg_vendor nested; /* CFG_VENDOR_NONE: no nested virtualization */
	enum cfg_fault on_fault;
	uint32_t restart_limit, watchdog_ms; /* 0: no watchdog */
	bool has_restart_limit;
	bool monitor; /* may read every partition's health (HC_HEALTH) */
	/* Accepts passthrough of bus-master functions on a board without an IOMMU. */
	bool dma_unprotected;
	enum cfg_reset_method reset_method;
};

struct cfg_channel {
	char name[CFG_NAME_MAX];
	uint64_t size;
	char writer_name[CFG_NAME_MAX], reader_name[CFG_MAX_READERS][CFG_NAME_MAX];
	int writer; /* partition index, -1 while unresolved */
	int reader[CFG_MAX_READERS];
	size_t nreaders;
	uint32_t doorbell; /* interrupt vector, 0: the writer cannot signal */
	uint64_t gpa;	   /* where writer and readers all see it */
};

struct cfg_hypervisor {
	uint32_t console_port;
	enum cfg_loglevel loglevel;
	enum cfg_vendor vendor;
};

/* /reserved/<name>@<address>: a range of the machine no partition may take as host memory or
 * MMIO (firmware, ACPI NVS, PCI configuration space, ...), as bulkhead-inspect names them. */
#define CFG_MAX_RESERVED 32

struct cfg_rsv_node {
	char name[CFG_NAME_MAX]; /* the node name, unit address included */
	uint64_t address, size;
};

struct cfg_desc {
	struct cfg_hypervisor hv;
	struct cfg_partition part[CFG_MAX_PARTITIONS];
	size_t nparts;
	struct cfg_channel chan[CFG_MAX_CHANNELS];
	size_t nchans;
	struct cfg_rsv_node rsv[CFG_MAX_RESERVED];
	size_t nrsv;
};

/* What the real machine offers, for the boot-time checks. */
#define CFG_MACHINE_MAX_CPUS  256
#define CFG_MACHINE_MAX_RAM   128
#define CFG_MACHINE_MAX_RSV   40
#define CFG_MACHINE_MAX_HVDEV 17 /* the local APIC page and up to 16 IOAPICs */

struct cfg_reserved {
	uint64_t base, size;
	const char *what; /* "the hypervisor image", "boot module bulkhead.dtb" */
};

/* A PCI function as enumerated at boot: what the description's pci-devices are checked against. */
#define CFG_MACHINE_MAX_PCI 64
#define CFG_PCI_BARS	    6

struct cfg_pci_fn {
	uint16_t bdf;
	bool bridge;
	struct cfg_range bar[CFG_PCI_BARS]; /* size 0: no BAR; base 0: firmware left it unplaced */
	bool bar_io[CFG_PCI_BARS];
	bool flr, pm_reset; /* PCIe FLR; a D3hot -> D0 transition that resets (no No_Soft_Reset) */
};

struct machine {
	uint32_t apic_id[CFG_MACHINE_MAX_CPUS];
	size_t ncpus;
	struct cfg_range ram[CFG_MACHINE_MAX_RAM]; /* available memory from the memory map */
	size_t nram;
	struct cfg_reserved rsv[CFG_MACHINE_MAX_RSV]; /* RAM that is not the partitions' */
	size_t nrsv;
	struct cfg_reserved hvdev[CFG_MACHINE_MAX_HVDEV]; /* device pages the hypervisor keeps */
	size_t nhvdev;
	enum cfg_vendor vendor;
	struct cfg_pci_fn pci[CFG_MACHINE_MAX_PCI];
	size_t npci;
	bool pci_known; /* enumerated (at boot); host tools know no PCI */
	bool iommu;	/* ACPI DMAR or IVRS */
};

/* DTB (@size bytes) to description; every problem is recorded in @d. 0, or -1 on any error. */
int cfg_parse(const void *fdt, size_t size, struct cfg_desc *desc, struct cfg_diags *d);
/* Rules that need only the description itself. 0, or -1 when any rule failed. */
int cfg_validate(const struct cfg_desc *desc, struct cfg_diags *d);
/* Rules against the real machine: CPUs, memory map, reserved ranges, vendor. */
int cfg_check_machine(const struct cfg_desc *desc, const struct machine *m, struct cfg_diags *d);
/* All of the above in order; @m may be NULL (host tools: no machine). */
int cfg_load(const void *fdt, size_t size, const struct machine *m, struct cfg_desc *desc,
	     struct cfg_diags *d);

/* Whether the bundle that carried the description has an image called @name. */
typedef bool (*cfg_has_image_fn)(void *ctx, const char *name);
/* Every kernel and initrd a partition names must be in the bundle. 0, or -1 on any missing. */
int cfg_check_images(const struct cfg_desc *desc, cfg_has_image_fn has, void *ctx,
		     struct cfg_diags *d);

/* Whether partition index @part maps channel @ch, as its writer or as a reader. */
bool cfg_channel_maps(const struct cfg_channel *ch, int part);

/* Names of the enumerations, as written in the device tree. */
const char *cfg_vendor_name(enum cfg_vendor v);
const char *cfg_protocol_name(enum cfg_protocol p);
const char *cfg_console_name(enum cfg_console c);
const char *cfg_fault_name(enum cfg_fault f);
const char *cfg_reset_method_name(enum cfg_reset_method m);
const char *cfg_loglevel_name(enum cfg_loglevel l);
void cfg_rights_str(unsigned int rights, char out[4]);

/* The partition table as text lines, each handed to @emit (the kernel prints them). */
typedef void (*cfg_emit_fn)(void *ctx, const char *line);
void cfg_print_table(const struct cfg_desc *desc, cfg_emit_fn emit, void *ctx);

#endif
