# SPDX-License-Identifier: BSD-2-Clause
# ISOs for tests/boot/test_bundle.py: the demo bundle with one byte flipped in an image or in the
# signature, and a raw (unsigned) description, each of which the hypervisor must refuse.

BUNDLE_DEMO := $(call bundle_of,$(CONFIG))

$(BUNDLE_DIR)/tampered/bad-%.bundle: $(BUNDLE_DEMO) tests/boot/tamper_bundle.py
	@mkdir -p $(@D)
	@$(PYTHON) tests/boot/tamper_bundle.py $< $@ $*

BOOT_ISOS += bundle-bad-image bundle-bad-signature bundle-raw-dtb
BOOT_ISO_CMDLINE.bundle-bad-image := loglevel=info
BOOT_ISO_MODULES.bundle-bad-image := $(BUNDLE_DIR)/tampered/bad-image.bundle
BOOT_ISO_CMDLINE.bundle-bad-signature := loglevel=info
BOOT_ISO_MODULES.bundle-bad-signature := $(BUNDLE_DIR)/tampered/bad-signature.bundle
BOOT_ISO_CMDLINE.bundle-raw-dtb := loglevel=info
BOOT_ISO_MODULES.bundle-raw-dtb := $(call config_dtb,$(CONFIG))
