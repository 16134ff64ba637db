# SPDX-License-Identifier: BSD-2-Clause
# Boot scenarios: pytest boots ISOs in QEMU (BIOS, UEFI) and Bochs (Intel VMX) and reads COM1.
#
#   make test-boot                              all scenarios on all platforms
#   make test-boot BOOT_PLATFORMS=qemu-bios     only some platforms (qemu-bios,qemu-uefi,bochs-vmx,
#                                               qemu-q35-edu,qemu-vtd,qemu-amdvi)
#   make test-boot BOOT_TESTS='-k fault'        pass anything to pytest
#   make test-boot BOOT_TIMEOUT_SCALE=3         stretch every timeout on a slow machine
#
# Logs: build/test-logs/<test>/ (serial.log, timeline.txt, emulator.out, bochsrc ...).
#
# A scenario that needs its own kernel command line or modules gets a test ISO, declared in any
# makefile (before or after this one):
#   BOOT_ISOS += <name>
#   BOOT_ISO_CMDLINE.<name> := loglevel=info ...
#   BOOT_ISO_MODULES.<name> := FILE[=MODULE-CMDLINE] ...   (optional; the files become prerequisites)
# and the test asks for build/test-isos/<name>.iso with test_iso("<name>").

BOOT_ISO_DIR := $(BUILD)/test-isos
BOOT_LOG_DIR := $(BUILD)/test-logs
PYTHON       ?= /usr/bin/python3

BOOT_ISOS += fault-ud fault-pf fault-stack
BOOT_ISO_CMDLINE.fault-ud := loglevel=info fault-test=ud
BOOT_ISO_CMDLINE.fault-pf := loglevel=info fault-test=pf
BOOT_ISO_CMDLINE.fault-stack := loglevel=info fault-test=stack

# Expanded late (secondary expansion below), so makefiles included after this one can add ISOs.
BOOT_ISO_FILES = $(patsubst %,$(BOOT_ISO_DIR)/%.iso,$(BOOT_ISOS))
boot_iso_module_files = $(foreach m,$(BOOT_ISO_MODULES.$(1)),$(firstword $(subst =, ,$(m))))

.SECONDEXPANSION:

# Each ISO records its command line and modules beside it; a change there rebuilds the ISO.
$(BOOT_ISO_DIR)/%.args: FORCE
	@mkdir -p $(@D)
	@printf '%s\n' '$(BOOT_ISO_CMDLINE.$*)' '$(BOOT_ISO_MODULES.$*)' > $@.tmp
	@cmp -s $@.tmp $@ && rm $@.tmp || mv $@.tmp $@

$(BOOT_ISO_DIR)/%.iso: $(KERNEL_ELF) $(BOOT_ISO_DIR)/%.args tools/build/mkiso.sh \
		$$(call boot_iso_module_files,$$*) | setup-build
	@echo "  ISO     $@ ($(BOOT_ISO_CMDLINE.$*))"
	@tools/build/mkiso.sh $(KERNEL_ELF) $@ "$(BOOT_ISO_CMDLINE.$*)" $(BOOT_ISO_MODULES.$*)

.PRECIOUS: $(BOOT_ISO_DIR)/%.args

# pytest exits 5 when it collected nothing: that is a failure here, not a pass.
# Its summary line is the last thing test-boot prints (and `make test` ends with test-boot).
.PHONY: test-boot test-boot-isos FORCE
test-boot-isos: $(KERNEL_ISO) $$(BOOT_ISO_FILES)

test-boot: $(KERNEL_ISO) $$(BOOT_ISO_FILES) | setup-test
	@rm -rf $(BOOT_LOG_DIR)
	@cd tests/boot && $(PYTHON) -m pytest -v -rfEs -p no:cacheprovider \
		--rootdir=. \
		--kernel-iso=$(abspath $(KERNEL_ISO)) --iso-dir=$(abspath $(BOOT_ISO_DIR)) \
		--log-dir=$(abspath $(BOOT_LOG_DIR)) \
		$(if $(BOOT_PLATFORMS),--platforms=$(BOOT_PLATFORMS)) \
		$(BOOT_TESTS); \
	rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "test-boot: FAILED: pytest collected no tests"; fi; \
	exit $$rc

FORCE:
