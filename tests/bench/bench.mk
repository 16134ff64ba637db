# SPDX-License-Identifier: BSD-2-Clause
# `make bench`: figures in TSC cycles under QEMU -icount shift=0 on one CPU (SVM) and under
# Bochs on one CPU with a fixed ips (VMX; its TSC counts instructions), both exact and
# repeatable, written to $(BUILD)/bench.json (the Bochs figures under "bochs-vmx").
# Not part of `make test`.
#   - the verification cost of the demo bundle (the hypervisor's bench=bundle; QEMU only);
#   - the CPUID exit round trip, and the exits per second of guest time of an idle and of a
#     timer-driven partition (tests/guests/bench.c in tests/config/bench-1cpu.dts: CPU 0; the
#     ISO also carries bench-1cpu-vmx.dts, which Bulkhead takes on Bochs); where x2APIC is
#     offered (Bochs) the idle and timer phases again in x2APIC mode ("idle-x2apic",
#     "timer-1khz-x2apic": the timer and EOI pass through, 0 exits/s where xAPIC costs 1003);
#   - nested SVM ("nested-svm", issue #7): CPUID in an L1 against CPUID in its L2 reflected to
#     L1, and Bulkhead's exits per reflected L2 exit (tests/guests/nested_bench.c in
#     tests/config/bench-nested.dts: one L1 with nested = "svm" on CPU 0; QEMU only);
#   - stock Debian Linux (issue #10, QEMU only, one CPU): its boot to /init in guest TSC and its
#     exits by reason (tests/config/bench-linux.dts), and an L2 CPUID through Debian's kvm_amd
#     as L1 (tests/config/bench-linux-kvm.dts; tests/guests/linux/kvmtest.c bench).
#
#   make bench BENCH_RUNS=20 BENCH_BOCHS_IPS=10000000

BENCH_RUNS ?= 10
BENCH_BOCHS_IPS ?= 10000000
BENCH_JSON := $(BUILD)/bench.json
BOOT_ISOS += bench-bundle bench-partition
BOOT_ISO_CMDLINE.bench-bundle := loglevel=info bench=bundle bench-runs=$(BENCH_RUNS)
BOOT_ISO_MODULES.bench-bundle := $(call bundle_of,$(CONFIG))
BOOT_ISO_CMDLINE.bench-partition := loglevel=info
BOOT_ISO_MODULES.bench-partition := $(BUNDLE_DIR)/tests/bench-1cpu.bundle \
	$(BUNDLE_DIR)/tests/bench-1cpu-vmx.bundle

GUEST_IMAGES += nested-bench.bin
GUEST_SRC.nested-bench.bin := tests/guests/nested_bench.c
BOOT_ISOS += bench-nested
BOOT_ISO_CMDLINE.bench-nested := loglevel=info
BOOT_ISO_MODULES.bench-nested := $(BUNDLE_DIR)/tests/bench-nested.bundle
$(BUNDLE_DIR)/tests/bench-nested.bundle: $(GUEST_DIR)/nested-bench.bin
guests: $(GUEST_DIR)/nested-bench.bin

.PHONY: bench
bench: $(BOOT_ISO_DIR)/bench-bundle.iso $(BOOT_ISO_DIR)/bench-partition.iso \
		$(BOOT_ISO_DIR)/bench-nested.iso $(BOOT_ISO_DIR)/bench-linux.iso \
		$(BOOT_ISO_DIR)/bench-linux-kvm.iso | setup-test
	@$(PYTHON) tests/bench/run_bench.py --json $(BENCH_JSON) \
		--bochs-ips $(BENCH_BOCHS_IPS) --bochs-logs $(BUILD)/bench-logs \
		bundle=$(BOOT_ISO_DIR)/bench-bundle.iso partition=$(BOOT_ISO_DIR)/bench-partition.iso \
		nested=$(BOOT_ISO_DIR)/bench-nested.iso linux=$(BOOT_ISO_DIR)/bench-linux.iso \
		linux-kvm=$(BOOT_ISO_DIR)/bench-linux-kvm.iso \
		bochs-vmx:partition=$(BOOT_ISO_DIR)/bench-partition.iso
