# SPDX-License-Identifier: BSD-2-Clause
# Unit tests of board inspection: the platform tables' parsers (shared with the hypervisor).

UNIT_TESTS += acpi_tables
UNIT_SRCS_acpi_tables := kernel/acpi/acpi.c $(ACPI_TABLE_SRCS)

UNIT_HEADERS += kernel/include/acpi_tables.h

# check's TODO warnings.
UNIT_TESTS += dts_todo
UNIT_SRCS_dts_todo := tools/mkimage/dts_todo.c
UNIT_HEADERS += tools/mkimage/dts_todo.h
