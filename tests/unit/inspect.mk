# SPDX-License-Identifier: BSD-2-Clause
# Unit tests of board inspection: the platform tables' parsers (shared with the hypervisor), the
# inspector's text parsers, check's TODO warnings, and every captured board under tests/boards/
# (its generated description against the reviewed expected.dts, then through check).

UNIT_TESTS += acpi_tables
UNIT_SRCS_acpi_tables := kernel/acpi/acpi.c $(ACPI_TABLE_SRCS)

UNIT_HEADERS += kernel/include/acpi_tables.h

# check's TODO warnings.
UNIT_TESTS += dts_todo
UNIT_SRCS_dts_todo := tools/mkimage/dts_todo.c
UNIT_HEADERS += tools/mkimage/dts_todo.h

# bulkhead-inspect's parsers of kernel files, PCI capabilities and CPUID.
UNIT_TESTS += inspect_parse
UNIT_SRCS_inspect_parse := $(addprefix tools/inspect/, parse_text.c pci_caps.c cpu_decode.c)
UNIT_CFLAGS += -Itools/inspect
UNIT_HEADERS += $(INSPECT_HEADERS)

# Every board of tests/boards/, through the whole inspector and the real check.
UNIT_TESTS += boards
UNIT_SRCS_boards = $(INSPECT_LIB_SRCS)
UNIT_CFLAGS += -DBOARDS_DIR='"$(CURDIR)/tests/boards"'
$(UNIT_DIR)/test_boards: $(MKIMAGE) $(wildcard tests/boards/*/expected.dts tests/boards/*/live.dts)
$(UNIT_DIR)/test_boards: UNIT_CFLAGS += -DMKIMAGE_BIN='"$(CURDIR)/$(MKIMAGE)"' \
	-DUNIT_OUT='"$(CURDIR)/$(UNIT_DIR)/boards"'
