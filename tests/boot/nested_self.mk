# SPDX-License-Identifier: BSD-2-Clause
# Self-nesting (tests/boot/test_nested_self.py): the outer bundle carries the hypervisor's own
# multiboot2 ELF and, as its module, the inner bundle (tests/config/nested-self-inner.dts)
# signed with the same key, which the inner Bulkhead trusts because it is the same build.

# Bundle image names -> files: the kernel as built, the inner bundle as signed.
GUEST_IMAGES += bulkhead.elf nested-self-inner.bundle
$(GUEST_DIR)/bulkhead.elf: $(KERNEL_ELF)
	@mkdir -p $(@D)
	@objcopy --strip-debug $< $@
$(GUEST_DIR)/nested-self-inner.bundle: $(BUNDLE_DIR)/tests/nested-self-inner.bundle
	@mkdir -p $(@D)
	@cp $< $@

$(BUNDLE_DIR)/tests/nested-self-inner.bundle: $(GUEST_DIR)/l1.elf
$(BUNDLE_DIR)/tests/nested-self.bundle: $(GUEST_DIR)/bulkhead.elf \
	$(GUEST_DIR)/nested-self-inner.bundle

BOOT_ISOS += nested-self
BOOT_ISO_CMDLINE.nested-self := loglevel=info
BOOT_ISO_MODULES.nested-self := $(BUNDLE_DIR)/tests/nested-self.bundle
