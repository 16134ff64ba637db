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

# The same on Intel (tests/boot/test_nested_self_vmx.py): nested = "vmx" at both levels.
GUEST_IMAGES += nested-self-vmx-inner.bundle
$(GUEST_DIR)/nested-self-vmx-inner.bundle: $(BUNDLE_DIR)/tests/nested-self-vmx-inner.bundle
	@mkdir -p $(@D)
	@cp $< $@

$(BUNDLE_DIR)/tests/nested-self-vmx-inner.bundle: $(GUEST_DIR)/l1vmx.elf
$(BUNDLE_DIR)/tests/nested-self-vmx.bundle: $(GUEST_DIR)/bulkhead.elf \
	$(GUEST_DIR)/nested-self-vmx-inner.bundle

BOOT_ISOS += nested-self-vmx
BOOT_ISO_CMDLINE.nested-self-vmx := loglevel=info
BOOT_ISO_MODULES.nested-self-vmx := $(BUNDLE_DIR)/tests/nested-self-vmx.bundle
