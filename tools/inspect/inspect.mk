# SPDX-License-Identifier: BSD-2-Clause
# build/bulkhead-inspect: runs under Linux on a board and writes its first description. Static,
# so that it runs from any initramfs or live system with nothing else installed.

INSPECT := $(BUILD)/bulkhead-inspect
# Everything but main.c, shared with the board tests (tests/unit/inspect.mk).
INSPECT_LIB_SRCS := $(addprefix tools/inspect/, board.c rootfs.c read_cpuid.c read_acpi.c \
	read_memmap.c read_pci.c read_serial.c parse_text.c pci_caps.c cpu_decode.c emit_dts.c \
	emit_platform.c emit_memory.c emit_unassigned.c) \
	kernel/acpi/acpi.c kernel/acpi/madt.c $(ACPI_TABLE_SRCS)
INSPECT_SRCS := tools/inspect/main.c $(INSPECT_LIB_SRCS)
INSPECT_HEADERS := tools/inspect/inspect.h kernel/include/acpi.h kernel/include/acpi_tables.h
INSPECT_CFLAGS = $(HOST_CFLAGS) -O2 -Wshadow -Wstrict-prototypes -Itools/inspect -Ikernel/include

$(INSPECT): $(INSPECT_SRCS) $(INSPECT_HEADERS) tools/inspect/inspect.mk | setup-build
	@echo "  HOSTLD  $@"
	@$(HOST_CC) $(INSPECT_CFLAGS) -static -o $@ $(INSPECT_SRCS)

.PHONY: inspect
inspect: $(INSPECT)
