# SPDX-License-Identifier: BSD-2-Clause
# Descriptions: every configs/**/*.dts becomes $(BUILD)/configs/**/*.dtb through
# `bulkhead-mkimage check -o`, so a description that breaks a rule never reaches an image.
#
#   make CONFIG=path/board.dts     the description the ISO carries (default: the QEMU demo)
#
# The default ISO also carries the other demo description (CONFIG_ALT), so the one image boots
# on the AMD (QEMU) and the Intel (Bochs) test boards: the hypervisor takes the description
# whose cpu-vendor is its CPU's. Set CONFIG_ALT= to carry only CONFIG.

CONFIG     ?= configs/qemu-svm.dts
CONFIG_ALT ?= $(if $(filter configs/qemu-svm.dts,$(CONFIG)),configs/bochs-vmx.dts)

CONFIG_DTSI  = $(wildcard configs/*.dtsi)
CONFIG_DTBS := $(patsubst %.dts,$(BUILD)/%.dtb,$(wildcard configs/*.dts configs/examples/*.dts))
# Any .dts (also one outside configs/) by its name: $(BUILD)/configs/<name>.dtb.
config_dtb   = $(BUILD)/configs/$(basename $(notdir $(1))).dtb
CONFIG_ISO_DTBS := $(call config_dtb,$(CONFIG)) $(if $(CONFIG_ALT),$(call config_dtb,$(CONFIG_ALT)))

$(BUILD)/configs/%.dtb: configs/%.dts $(CONFIG_DTSI) $(MKIMAGE) | setup-build
	@mkdir -p $(@D)
	@echo "  CHECK   $<"
	@$(MKIMAGE) check -o $@ $<

ifeq ($(filter configs/%,$(CONFIG)),)
$(call config_dtb,$(CONFIG)): $(CONFIG) $(MKIMAGE) | setup-build
	@mkdir -p $(@D)
	@echo "  CHECK   $<"
	@$(MKIMAGE) check -o $@ $<
endif

# Descriptions used only by tests (tests/config/*.dts): valid for the host tool, refused at
# boot by the machine rules.
$(BUILD)/tests/config/%.dtb: tests/config/%.dts $(CONFIG_DTSI) $(MKIMAGE) | setup-build
	@mkdir -p $(@D)
	@$(MKIMAGE) check -o $@ $< >/dev/null

# The default ISO carries the description(s) as signed bundles (kernel/bundle/bundle.mk); only
# signed bundles boot. The list is recorded so that another CONFIG rebuilds the ISO.
CONFIG_ISO_BUNDLES := $(foreach c,$(CONFIG) $(CONFIG_ALT),$(call bundle_of,$(c)))
KERNEL_ISO_MODULES := $(CONFIG_ISO_BUNDLES)
$(BUILD)/configs/iso-modules.args: FORCE
	@mkdir -p $(@D)
	@echo '$(KERNEL_ISO_MODULES)' > $@.tmp
	@cmp -s $@.tmp $@ && rm $@.tmp || mv $@.tmp $@
$(KERNEL_ISO): $(CONFIG_ISO_BUNDLES) $(BUILD)/configs/iso-modules.args

# Boot scenario of tests/boot/test_config.py: a description only the machine check refuses.
BOOT_ISO_CMDLINE.config-bad-cpu := loglevel=info
BOOT_ISO_MODULES.config-bad-cpu := $(BUNDLE_DIR)/tests/bad-cpu.bundle
$(BOOT_ISO_DIR)/config-bad-cpu.iso: $(BUNDLE_DIR)/tests/bad-cpu.bundle
test-boot test-boot-isos: $(BOOT_ISO_DIR)/config-bad-cpu.iso

# Boot scenario of tests/boot/test_partition.py: a raw64 guest that writes outside its memory.
BOOT_ISO_CMDLINE.partition-fault := loglevel=info
BOOT_ISO_MODULES.partition-fault := $(BUNDLE_DIR)/tests/raw64-fault.bundle \
	$(BUNDLE_DIR)/tests/raw64-fault-vmx.bundle
$(BOOT_ISO_DIR)/partition-fault.iso: $(BOOT_ISO_MODULES.partition-fault)
test-boot test-boot-isos: $(BOOT_ISO_DIR)/partition-fault.iso

# Boot scenario of tests/boot/test_partition.py: the same guest, on-fault "reset-system".
BOOT_ISO_CMDLINE.partition-reset := loglevel=info
BOOT_ISO_MODULES.partition-reset := $(BUNDLE_DIR)/tests/raw64-reset.bundle
$(BOOT_ISO_DIR)/partition-reset.iso: $(BUNDLE_DIR)/tests/raw64-reset.bundle
test-boot test-boot-isos: $(BOOT_ISO_DIR)/partition-reset.iso

# Boot scenarios of tests/boot/test_isolation.py: partitions at once, hostile guests, the timer.
# Each ISO carries the SVM description and its VMX variant (<name>-vmx.dts /include/s <name>.dts);
# Bulkhead takes its CPU's, so one ISO serves qemu-bios and bochs-vmx.
BOOT_ISOS += isolation-ipi isolation-mem partition-timer
BOOT_ISO_CMDLINE.isolation-ipi := loglevel=info
BOOT_ISO_MODULES.isolation-ipi := $(BUNDLE_DIR)/tests/isolation-ipi.bundle \
	$(BUNDLE_DIR)/tests/isolation-ipi-vmx.bundle
BOOT_ISO_CMDLINE.isolation-mem := loglevel=info
BOOT_ISO_MODULES.isolation-mem := $(BUNDLE_DIR)/tests/isolation-mem.bundle \
	$(BUNDLE_DIR)/tests/isolation-mem-vmx.bundle
BOOT_ISO_CMDLINE.partition-timer := loglevel=info
BOOT_ISO_MODULES.partition-timer := $(BUNDLE_DIR)/tests/partition-timer.bundle \
	$(BUNDLE_DIR)/tests/partition-timer-vmx.bundle
# Boot scenario of tests/boot/test_partition.py: XSETBV, XGETBV and XCR0 across a restart.
BOOT_ISOS += partition-xcr0
BOOT_ISO_CMDLINE.partition-xcr0 := loglevel=info
BOOT_ISO_MODULES.partition-xcr0 := $(BUNDLE_DIR)/tests/partition-xcr0.bundle \
	$(BUNDLE_DIR)/tests/partition-xcr0-vmx.bundle
# Boot scenarios of tests/boot/test_health.py: channels with doorbells, the watchdog, health.
BOOT_ISOS += channel watchdog
BOOT_ISO_CMDLINE.watchdog := loglevel=info
BOOT_ISO_MODULES.watchdog := $(BUNDLE_DIR)/tests/watchdog.bundle \
	$(BUNDLE_DIR)/tests/watchdog-vmx.bundle
BOOT_ISO_CMDLINE.channel := loglevel=info
BOOT_ISO_MODULES.channel := $(BUNDLE_DIR)/tests/channel.bundle $(BUNDLE_DIR)/tests/channel-vmx.bundle
# A VMX variant is rebuilt when the description it includes changes (also bench.mk's).
VMX_VARIANTS := isolation-ipi isolation-mem partition-timer bench-1cpu partition-xcr0 channel watchdog
$(foreach n,$(VMX_VARIANTS),$(eval $(BUILD)/tests/config/$(n)-vmx.dtb \
	$(BUNDLE_DIR)/tests/$(n)-vmx.bundle: tests/config/$(n).dts))

.PHONY: configs
configs: $(CONFIG_DTBS)
all: configs
