# SPDX-License-Identifier: BSD-2-Clause
# Nested SVM boot scenarios (tests/boot/test_nested_min.py): the minimal L1 guest of
# tests/guests/nested_min.c in a partition with nested = "svm".

GUEST_IMAGES += nested-min.bin
GUEST_SRC.nested-min.bin := tests/guests/nested_min.c

BOOT_ISOS += nested-min
BOOT_ISO_CMDLINE.nested-min := loglevel=info
BOOT_ISO_MODULES.nested-min := $(BUNDLE_DIR)/tests/nested-min.bundle
$(BUNDLE_DIR)/tests/nested-min.bundle: $(GUEST_DIR)/nested-min.bin
guests: $(GUEST_DIR)/nested-min.bin

# Racing VMCB12 writes (tests/boot/test_nested_race.py): the 2-CPU hostile L1 of
# tests/guests/nested_race.c and the victim (tests/config/nested-race.dts).
GUEST_IMAGES += nested-race.bin
GUEST_SRC.nested-race.bin := tests/guests/nested_race.c

BOOT_ISOS += nested-race
BOOT_ISO_CMDLINE.nested-race := loglevel=info
BOOT_ISO_MODULES.nested-race := $(BUNDLE_DIR)/tests/nested-race.bundle
$(BUNDLE_DIR)/tests/nested-race.bundle: $(GUEST_DIR)/nested-race.bin
guests: $(GUEST_DIR)/nested-race.bin
