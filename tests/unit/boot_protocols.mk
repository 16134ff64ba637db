# SPDX-License-Identifier: BSD-2-Clause
# Unit tests of the boot protocols' pure pieces: ELF images, multiboot headers, boot information.
# The ELF and header tests also parse the real hypervisor image (BULKHEAD_ELF) and the test guests.

BOOT_PROTO_UNITS := elf_image mb_header mb_info mb_modules
UNIT_TESTS += $(BOOT_PROTO_UNITS)
UNIT_SRCS_elf_image := $(BOOT_PROTO_PURE_SRCS) tests/unit/img_fixture.c
UNIT_SRCS_mb_header := $(BOOT_PROTO_PURE_SRCS) tests/unit/img_fixture.c
# The hypervisor's own multiboot2 parser reads back what mb_info.c writes.
UNIT_SRCS_mb_info := $(BOOT_PROTO_PURE_SRCS) kernel/boot/mb2.c
UNIT_SRCS_mb_modules := $(BOOT_PROTO_PURE_SRCS) kernel/boot/mb2.c
UNIT_HEADERS += tests/unit/boot_protocols.mk

$(UNIT_DIR)/test_elf_image $(UNIT_DIR)/test_mb_header: | $(KERNEL_ELF)
$(UNIT_DIR)/test_elf_image $(UNIT_DIR)/test_mb_header: \
	UNIT_CFLAGS += -DBULKHEAD_ELF='"$(CURDIR)/$(KERNEL_ELF)"'
# The fuzzer's seeds are the multiboot test guests (ELF32 with a multiboot header, ELF64 with a
# multiboot2 one, stripped) and address-field images: the header tests parse them too.
$(UNIT_DIR)/test_mb_header: UNIT_CFLAGS += -DIMAGE_SEEDS='"$(CURDIR)/tests/fuzz/corpus/image"'
