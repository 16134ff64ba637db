# SPDX-License-Identifier: BSD-2-Clause
# `make capture-boards [BOARDS="qemu-i440fx ..."]`: boot each QEMU board of tests/boards/capture.py
# under Debian's kernel, run bulkhead-inspect --capture inside, and replace its captured root.
# Not part of make test: the committed captures are what the tests read.

.PHONY: capture-boards
capture-boards: $(LINUX_KERNEL) $(LINUX_DIR)/busybox $(INSPECT) | setup-run
	$(PYTHON) tests/boards/capture.py $(LINUX_KERNEL) $(LINUX_DIR)/busybox $(INSPECT) $(BOARDS)

# End to end (tests/boot/test_inspected.py): the description bulkhead-inspect writes for the
# captured i440fx board, edited as a user would (tests/boards/e2e-assign.sh), checked, packed
# with Debian's kernel and a small initramfs, signed, and booted on the same QEMU machine.
INSPECTED_DIR := $(BUILD)/tests/inspected

# The capture's paths hold colons (PCI addresses), which make cannot take as prerequisites: its
# expected.dts, which test_boards keeps equal to the inspector's output, stands for it.
$(INSPECTED_DIR)/qemu-i440fx.dts: $(INSPECT) tests/boards/e2e-assign.sh \
		tests/boards/qemu-i440fx/expected.dts
	@mkdir -p $(@D)
	@echo "  INSPECT $@"
	@$(INSPECT) -r tests/boards/qemu-i440fx/root -o $@.raw
	@tests/boards/e2e-assign.sh $@.raw $@

$(INSPECTED_DIR)/qemu-i440fx.dtb: $(INSPECTED_DIR)/qemu-i440fx.dts $(MKIMAGE)
	@$(MKIMAGE) check -o $@ $< >/dev/null

$(INSPECTED_DIR)/initramfs.cpio: $(LINUX_DIR)/busybox tests/boards/e2e-init tools/build/mkcpio.py
	@echo "  CPIO    $@"
	@$(PYTHON) tools/build/mkcpio.py $@ dir:/bin dir:/dev dir:/proc dir:/sys \
		nod:/dev/console=c:5:1 nod:/dev/kmsg=c:1:11 \
		file:/bin/busybox=$(LINUX_DIR)/busybox:0755 link:/bin/sh=busybox \
		file:/init=tests/boards/e2e-init:0755

$(BUNDLE_DIR)/tests/inspected.bundle: $(INSPECTED_DIR)/qemu-i440fx.dtb $(LINUX_KERNEL) \
		$(INSPECTED_DIR)/initramfs.cpio $(BUNDLE_KEY).key $(MKIMAGE)
	@mkdir -p $(@D)
	@echo "  BUNDLE  $@"
	$(BUNDLE_DEV_WARNING)
	@$(MKIMAGE) pack -c $< -i vmlinuz=$(LINUX_KERNEL) \
		-i initramfs.cpio=$(INSPECTED_DIR)/initramfs.cpio -o $@.unsigned >/dev/null
	@$(MKIMAGE) sign -k $(BUNDLE_KEY).key -V $(BUNDLE_VERSION) -o $@ $@.unsigned >/dev/null
	@rm -f $@.unsigned

BOOT_ISOS += inspected
BOOT_ISO_CMDLINE.inspected := loglevel=info
BOOT_ISO_MODULES.inspected := $(BUNDLE_DIR)/tests/inspected.bundle
