/* SPDX-License-Identifier: BSD-2-Clause */
/* A partition's ACPI tables: RSDP, XSDT, FADT (hardware-reduced), MADT (its CPUs and its one
 * virtual I/O APIC) and DSDT, built pure. */
#ifndef BULKHEAD_ACPI_BUILD_H
#define BULKHEAD_ACPI_BUILD_H

#include <stddef.h>
#include <stdint.h>

#define ACPI_BUILD_LAPIC_ADDR 0xFEE00000U /* every local APIC's default MMIO base */
#define ACPI_BUILD_XAPIC_MAX  254U	  /* 255 is the xAPIC broadcast ID: x2APIC entry above */
#define ACPI_BUILD_MAX_CPUS   256U	  /* processor UIDs are the CPU's index, 8 bits in AML */
/* The partition's virtual I/O APIC (vcpu/vioapic.c): ID 0, 24 pins from GSI 0. */
#define ACPI_BUILD_IOAPIC_ADDR 0xFEC00000U
#define ACPI_BUILD_IOAPIC_ID   0U

/* Guest-physical addresses of what acpi_build() wrote, and the bytes it used from the start. */
struct acpi_build_out {
	uint64_t rsdp_gpa, xsdt_gpa, fadt_gpa, madt_gpa, dsdt_gpa;
	size_t size;
};

/* Bytes acpi_build() needs for @ncpus CPUs. */
size_t acpi_build_size(size_t ncpus);

/*
 * Writes the tables into @buf (@cap bytes, zeroed by the caller), which the guest sees at @gpa
 * (16-byte aligned: the RSDP comes first, where the legacy scan looks). CPU i is ACPI processor
 * UID i with local APIC ID @apic_id[i]. Returns 0, -EINVAL (no CPU, too many, misaligned @gpa)
 * or -E2BIG (@cap too small).
 */
int acpi_build(void *buf, size_t cap, uint64_t gpa, const uint32_t *apic_id, size_t ncpus,
	       struct acpi_build_out *out);

/* The DSDT's AML (partitions/acpi_aml.c): Scope (\_SB) with one processor Device (ACPI0007)
 * per CPU, _UID = its index, the MADT's processor UID, and Device (COM1), PNP0501 at 0x3f8 with
 * IRQ 4. Size first, then write it. */
uint32_t acpi_dsdt_aml_size(size_t ncpus);
void acpi_dsdt_aml(uint8_t *out, size_t ncpus);

#endif
