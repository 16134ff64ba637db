// SPDX-License-Identifier: BSD-2-Clause
// bulkhead-inspect: what it learns about a board, and the steps that read and write it.
#ifndef BULKHEAD_INSPECT_H
#define BULKHEAD_INSPECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "acpi.h"
#include "acpi_tables.h"

#define INSPECT_MAX_MEM	   128
#define INSPECT_MAX_PCI	   64
#define INSPECT_MAX_UARTS  8
#define INSPECT_MAX_NOTES  32
#define INSPECT_MAX_TABLES 32
#define PCI_BARS	   6

/* Every input is read below @root; with @capture set, each file read is also saved there. */
struct rootfs {
	const char *root;
	const char *capture;
	const char *cpuid_file; /* leaves from a capture instead of the CPUID instruction */
};

struct mem_range {
	uint64_t start, end; /* end inclusive, as the kernel prints it */
	char type[40];	     /* "System RAM", "Reserved", "ACPI Tables", ... */
};

struct pci_bar {
	uint64_t start, end;
	bool io, prefetch, mem64;
};

struct pci_fn {
	uint16_t segment;
	uint8_t bus, dev, fn;
	uint16_t vendor, device;
	uint32_t class_code;
	struct pci_bar bar[PCI_BARS];
	uint8_t pin; /* 1..4 for INTA#..INTD#, 0 none */
	unsigned irq;
	int iommu_group; /* -1: none (no IOMMU, or the kernel did not enable it) */
	char caps[96];	 /* "MSI MSI-X PCIe ..." */
	char driver[32];
};

struct uart {
	unsigned line; /* ttyS<line> */
	uint32_t port;
	unsigned irq;
	char type[16];
};

struct cpu_id {
	char vendor[13];
	char brand[49];
	unsigned family, model, stepping;
	bool vmx, svm, npt, nrips;
	bool hypervisor; /* running under another hypervisor (CPUID.1:ECX[31]) */
};

struct board {
	char model[96];
	char memmap_source[32];
	struct cpu_id cpu;
	char tables[INSPECT_MAX_TABLES][5];
	size_t ntables;
	bool have_madt, have_fadt, have_mcfg, have_hpet, have_srat, have_iommu;
	struct acpi_madt_info madt;
	struct acpi_fadt_info fadt;
	struct acpi_mcfg_info mcfg;
	struct acpi_hpet_info hpet;
	struct acpi_srat_info srat;
	struct acpi_iommu_info iommu;
	struct mem_range mem[INSPECT_MAX_MEM];
	size_t nmem;
	struct pci_fn pci[INSPECT_MAX_PCI];
	size_t npci;
	struct uart uart[INSPECT_MAX_UARTS];
	size_t nuarts;
	char note[INSPECT_MAX_NOTES][160]; /* what could not be read, for TODO comments */
	size_t nnotes;
};

/* Remembers a problem for the output's TODO comments and prints it to stderr. */
void board_note(struct board *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* rootfs.c: files below the root directory, and their copies in the capture. */
char *rootfs_read(const struct rootfs *fs, const char *rel, size_t *len);
int rootfs_readlink(const struct rootfs *fs, const char *rel, char *out, size_t outlen);
/* Sorted entry names of directory @rel (without . and ..); count, or -1. Free with rootfs_free_list. */
int rootfs_list(const struct rootfs *fs, const char *rel, char ***names);
void rootfs_free_list(char **names, int n);
int rootfs_save(const struct rootfs *fs, const char *rel, const void *data, size_t len);

/* Every reader below, in order. */
void board_read(const struct rootfs *fs, struct board *b);

/* The readers: each fills its part of @b and notes what it could not read. */
void read_cpuid(const struct rootfs *fs, struct board *b);
void read_acpi(const struct rootfs *fs, struct board *b);
void read_memmap(const struct rootfs *fs, struct board *b);
void read_pci(const struct rootfs *fs, struct board *b);
void read_serial(const struct rootfs *fs, struct board *b);
void read_dmi(const struct rootfs *fs, struct board *b);

/* Pure parsers of the kernel's text files (parse_text.c). */
int parse_iomem(const char *text, struct mem_range *out, size_t max);
int parse_tty_serial(const char *text, struct uart *out, size_t max);
int parse_pci_resource(const char *text, struct pci_bar *bars, size_t nbars);
void pci_caps_describe(const uint8_t *cfg, size_t len, char *out, size_t outlen);
int parse_cpuid_line(const char *line, uint32_t *leaf, uint32_t *sub, uint32_t regs[4]);
typedef void (*cpuid_fn)(void *ctx, uint32_t leaf, uint32_t regs[4]);
/* The leaves read, in order: what --capture saves to cpuid.txt. */
extern const uint32_t cpuid_leaves[];
extern const size_t cpuid_nleaves;
void cpuid_decode(cpuid_fn get, void *ctx, struct cpu_id *out);

/* emit_*.c: the description. */
void emit_dts(FILE *f, const struct board *b, const char *source);
void emit_header(FILE *f, const struct board *b, const char *source);
void emit_platform(FILE *f, const struct board *b);
void emit_memmap(FILE *f, const struct board *b);
void emit_memory(FILE *f, const struct board *b);
void emit_reserved(FILE *f, const struct board *b);
void emit_unassigned(FILE *f, const struct board *b);

/* The proposed first partition's CPU: APIC ID 0 when the MADT has it, else the first enabled. */
uint32_t board_first_cpu(const struct board *b);

/* The proposed first partition's memory: most of the largest usable RAM range. */
uint64_t propose_memory(const struct board *b, const struct mem_range **from);
bool mem_is_ram(const struct mem_range *m);

#endif
