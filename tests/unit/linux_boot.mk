# SPDX-License-Identifier: BSD-2-Clause
# Unit tests of the Linux boot protocol's pure pieces: the bzImage header, the zero page and the
# placement of kernel, initrd and boot area. test_bzimage also parses the stock Debian kernel the
# boot scenario runs, so the unit tests need it fetched (tests/boot/linux.mk): no skipping.

UNIT_TESTS += bzimage linux_boot
UNIT_SRCS_bzimage := $(BOOT_PROTO_PURE_SRCS)
UNIT_SRCS_linux_boot := $(BOOT_PROTO_PURE_SRCS)
UNIT_HEADERS += tests/unit/linux_boot.mk

# tests/boot/linux.mk (read later) builds it; prerequisites are expanded now, so named directly.
UNIT_BZIMAGE := $(BUILD)/linux/vmlinuz
$(UNIT_DIR)/test_bzimage: | $(UNIT_BZIMAGE)
$(UNIT_DIR)/test_bzimage: UNIT_CFLAGS += -DLINUX_BZIMAGE='"$(CURDIR)/$(UNIT_BZIMAGE)"'
