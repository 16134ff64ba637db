# SPDX-License-Identifier: BSD-2-Clause
# Bulkhead: a static-partitioning hypervisor for x86-64.
#
#   make            build build/bulkhead.elf and the hybrid BIOS+UEFI ISO build/bulkhead.iso
#   make run        boot the ISO in QEMU TCG (-cpu max -smp 4 -m 1G); leave with Ctrl-A X
#   make run-bochs  boot the ISO in Bochs with an Intel VMX model (4 CPUs)
#   make test       every test: static checks, host unit tests, fuzz smoke run, boot scenarios
#   make fuzz       fuzz the description parser (FUZZ_TIME=seconds, default 60)
#   make CONFIG=f.dts  build the ISO with another partition description (default configs/qemu-svm.dts)
#   make test-slow  scenarios too slow for CI (none yet)
#   make clean      remove build/ but keep the download cache (build/cache)
#   make distclean  remove build/ entirely
#
# Missing Debian packages are installed on the fly (tools/build/setup.sh).

BUILD   := build
VERSION := 0.1.0
GITREV  := $(shell git describe --always --dirty 2>/dev/null || echo unknown)

.DEFAULT_GOAL := all
.DELETE_ON_ERROR:
.SUFFIXES:
# Keep intermediate files (test descriptions, tampered bundles): deleting them at the end would
# print after the test runner's summary and rebuild them next time for nothing.
.SECONDARY:

include tools/build/flags.mk
include tools/build/setup.mk
include tools/build/deps.mk
include kernel/kernel.mk
include partitions/partitions.mk
include tools/mkimage/mkimage.mk
include tools/inspect/inspect.mk
include tests/guests/guests.mk
include kernel/bundle/bundle.mk
include tools/build/iso.mk
include tests/unit/core.mk
include tests/unit/unit.mk
include tests/unit/config.mk
include tests/unit/bundle.mk
include tests/unit/vcpu.mk
include nested/nested.mk
include kernel/pci/pci.mk
include tests/unit/boot_protocols.mk
include tests/unit/firmware.mk
include tests/unit/linux_boot.mk
include tests/unit/inspect.mk
include tests/unit/iommu.mk
include tests/unit/health.mk
include tests/static/static.mk
include tests/deps/deps-test.mk
include tests/boot/boot.mk
include tests/boot/iommu.mk
include configs/configs.mk
include tests/fuzz/fuzz.mk
include tests/fuzz/bundle.mk
include tests/bench/bench.mk
include tests/boot/bundle.mk
include tests/guests/l1/l1.mk
include tests/guests/l1vmx/l1vmx.mk
include tests/boot/nested.mk
include tests/boot/nested_self.mk
include tests/boot/linux.mk
include tests/boards/boards.mk

# The description code is linked into the hypervisor: it prints through the nano printf too.
STATIC_PRINTF_DIRS += partitions

.PHONY: all run run-bochs test test-slow clean distclean

all: $(KERNEL_ELF) $(KERNEL_ISO) $(INSPECT)

run: $(KERNEL_ISO) | setup-run
	qemu-system-x86_64 -machine q35 -accel $(or $(ACCEL),tcg) -cpu max -smp 4 -m 1G \
		-nographic -no-reboot -cdrom $(KERNEL_ISO)

run-bochs: $(KERNEL_ISO) | setup-run
	tests/boot/run-bochs.sh $(KERNEL_ISO)

test: test-static test-unit test-deps test-fuzz test-boot

test-slow: test
	@echo "test-slow: no slow scenarios defined yet"

clean:
	find $(BUILD) -mindepth 1 -maxdepth 1 ! -name cache -exec rm -rf {} + 2>/dev/null || true

distclean:
	rm -rf $(BUILD)
