# SPDX-License-Identifier: BSD-2-Clause
# Unit tests of a partition's firmware view: its ACPI tables, parsed back by the hypervisor's
# own ACPI parser, its memory map, and the validator rule that leaves room for them.

UNIT_TESTS += acpi_build memmap cfg_fwarea
UNIT_SRCS_acpi_build := $(FW_PURE_SRCS) kernel/acpi/acpi.c kernel/acpi/madt.c
UNIT_SRCS_memmap := partitions/memmap.c
UNIT_SRCS_cfg_fwarea = $(CFG_PURE_SRCS) tests/unit/cfg_fixture.c tests/unit/cfg_test_machine.c \
	$(BUILD)/host/san/libfdt.a
