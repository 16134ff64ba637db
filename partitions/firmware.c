// SPDX-License-Identifier: BSD-2-Clause
// A partition's firmware view in its own memory: ACPI tables, and the memory map the boot
// protocols hand over. Placement rule: memmap.h, docs/partition-view.md.

#include <string.h>

#include "acpi.h"
#include "acpi_build.h"
#include "firmware.h"
#include "memmap.h"
#include "partition.h"
#include "printk.h"

#define FW_PAGE 0x1000ULL /* the boot information starts on a page after the tables */

static const char *const type_name[] = {
    [FW_MEM_RAM] = "RAM",
    [FW_MEM_RESERVED] = "reserved",
    [FW_MEM_ACPI] = "ACPI",
};

static uint64_t page_up(uint64_t n)
{
	return (n + FW_PAGE - 1) & ~(FW_PAGE - 1);
}

static bool refuse(const struct partition *p, const char *why, uint64_t gpa, uint64_t size)
{
	pr_err("partition %s: firmware area 0x%lx+0x%lx: %s: not started", p->cfg->name,
	       (unsigned long)gpa, (unsigned long)size, why);
	return false;
}

/*
 * The real-mode reset vector, F000:FFF0, when the firmware area is the BIOS area. An OS that
 * resets "through the BIOS" jumps there (Linux does when the ACPI is hardware-reduced and there
 * is no EFI: its emergency restart never tries the reset register first). On a PC that is
 * ROM that reboots; here it asks Bulkhead through the partition's reset register, so the
 * partition's on-fault decides, instead of running through zeros forever.
 */
#define RESET_VECTOR_LEN 16

static void write_reset_vector(uint8_t *at)
{
	/* clang-format off */
	const uint8_t stub[RESET_VECTOR_LEN] = {
	    0xb0, CFG_RESET_VALUE,				/* mov al, value */
	    0xba, CFG_RESET_PORT & 0xff, CFG_RESET_PORT >> 8,	/* mov dx, port */
	    0xee,						/* out dx, al */
	    0xfa,						/* cli */
	    0xf4,						/* hlt */
	    0xeb, 0xfd,						/* jmp to the hlt */
	};
	/* clang-format on */

	memcpy(at, stub, sizeof(stub));
}

static bool build_tables(struct partition *p, struct part_fw *fw)
{
	const struct cfg_partition *c = p->cfg;
	uint8_t *area = part_gpa_to_hva(p, fw->area_gpa, fw->area_size, CFG_W);
	struct acpi_build_out t;
	int rc;

	if (!area)
		return refuse(p, "not in one writable region", fw->area_gpa, fw->area_size);
	memset(area, 0, fw->area_size);
	rc = acpi_build(area, fw->area_size, fw->area_gpa, c->cpu, c->ncpus, &t);
	if (rc == -E2BIG)
		return refuse(p, "too small for the ACPI tables", fw->area_gpa, fw->area_size);
	if (rc)
		return refuse(p, "no ACPI tables for its CPU list", fw->area_gpa, fw->area_size);
	fw->rsdp_gpa = t.rsdp_gpa;
	fw->info_gpa = fw->area_gpa + page_up(t.size);
	fw->info_size = fw->area_size - page_up(t.size);
	if (fw->area_gpa + fw->area_size == FW_BIOS_END) {
		write_reset_vector(area + fw->area_size - RESET_VECTOR_LEN);
		fw->info_size -= RESET_VECTOR_LEN;
	}
	return true;
}

static void print_map(const struct partition *p, const struct part_fw *fw)
{
	for (size_t i = 0; i < fw->nmap; i++)
		pr_debug("partition %s: map 0x%lx-0x%lx %s", p->cfg->name,
			 (unsigned long)fw->map[i].base,
			 (unsigned long)(fw->map[i].base + fw->map[i].size - 1),
			 type_name[fw->map[i].type]);
}

bool part_firmware_build(struct partition *p, struct part_fw *fw)
{
	const struct cfg_partition *c = p->cfg;
	int n;

	memset(fw, 0, sizeof(*fw));
	if (!fw_area_place(c->mem, c->nmem, &fw->area_gpa, &fw->area_size)) {
		pr_err("partition %s: no writable memory region of at least %lu KiB for its ACPI "
		       "tables and boot information: not started",
		       c->name, (unsigned long)(FW_AREA_SIZE >> 10));
		return false;
	}
	if (!build_tables(p, fw))
		return false;
	n = fw_memmap_build(c->mem, c->nmem, fw->area_gpa, fw->area_size,
			    fw->info_gpa - fw->area_gpa, fw->map, FW_MAX_MAP);
	if (n < 0)
		return refuse(p, "memory map has too many entries", fw->area_gpa, fw->area_size);
	fw->nmap = (size_t)n;
	pr_info("partition %s: ACPI tables at 0x%lx (RSDP), %lu CPUs; boot information 0x%lx+0x%lx",
		c->name, (unsigned long)fw->rsdp_gpa, (unsigned long)c->ncpus,
		(unsigned long)fw->info_gpa, (unsigned long)fw->info_size);
	print_map(p, fw);
	return true;
}
