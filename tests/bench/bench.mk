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
#   - nested VMX ("nested-vmx", "nested-vmx-noshadow", issue #8, Bochs only): the same for an
#     L1 that reads the exit as a hypervisor does (tests/guests/l1vmx/bench.c in
#     tests/config/bench-nested-vmx.dts), with Bulkhead's VMCS shadowing for L1 on and off
#     (nested-vmx-shadowing=off);
#   - stock Debian Linux (issue #10, QEMU only, one CPU): its boot to /init in guest TSC and its
#     exits by reason (tests/config/bench-linux.dts), and an L2 CPUID through Debian's kvm_amd
#     as L1 (tests/config/bench-linux-kvm.dts; tests/guests/linux/kvmtest.c bench);
#   - partition restart (issue #11, both platforms): a watchdog miss seen to the first instruction
#     of the new run (tests/guests/restart_bench.c in tests/config/bench-restart.dts, one CPU);
#   - doorbell latency (issue #11, both platforms, two CPUs): a writer's HC_DOORBELL to the
#     reader's handler, the reader spinning or halted (tests/guests/doorbell_bench.c in
#     tests/config/bench-doorbell.dts).
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

# Nested VMX (issue #8, Bochs only): the L1 VMX test hypervisor's bench image, with Bulkhead's
# VMCS shadowing for L1 on (the default) and off.
BOOT_ISOS += bench-nested-vmx bench-nested-vmx-noshadow
BOOT_ISO_CMDLINE.bench-nested-vmx := loglevel=info
BOOT_ISO_MODULES.bench-nested-vmx := $(BUNDLE_DIR)/tests/bench-nested-vmx.bundle
BOOT_ISO_CMDLINE.bench-nested-vmx-noshadow := loglevel=info nested-vmx-shadowing=off
BOOT_ISO_MODULES.bench-nested-vmx-noshadow := $(BUNDLE_DIR)/tests/bench-nested-vmx.bundle
$(BUNDLE_DIR)/tests/bench-nested-vmx.bundle: $(GUEST_DIR)/l1vmx-bench.elf

# Partition restart (one CPU) and doorbell latency (two CPUs: a writer and a reader), issue #11.
GUEST_IMAGES += restart-bench.bin doorbell-bench.bin
GUEST_SRC.restart-bench.bin := tests/guests/restart_bench.c
GUEST_SRC.doorbell-bench.bin := tests/guests/doorbell_bench.c
$(addprefix $(BUNDLE_DIR)/tests/bench-restart,.bundle -vmx.bundle): $(GUEST_DIR)/restart-bench.bin
$(addprefix $(BUNDLE_DIR)/tests/bench-doorbell,.bundle -vmx.bundle): $(GUEST_DIR)/doorbell-bench.bin
guests: $(GUEST_DIR)/restart-bench.bin $(GUEST_DIR)/doorbell-bench.bin
BOOT_ISOS += bench-restart bench-doorbell
BOOT_ISO_CMDLINE.bench-restart := loglevel=info
BOOT_ISO_MODULES.bench-restart := $(BUNDLE_DIR)/tests/bench-restart.bundle \
	$(BUNDLE_DIR)/tests/bench-restart-vmx.bundle
BOOT_ISO_CMDLINE.bench-doorbell := loglevel=info
BOOT_ISO_MODULES.bench-doorbell := $(BUNDLE_DIR)/tests/bench-doorbell.bundle \
	$(BUNDLE_DIR)/tests/bench-doorbell-vmx.bundle

.PHONY: bench
bench: $(BOOT_ISO_DIR)/bench-bundle.iso $(BOOT_ISO_DIR)/bench-partition.iso \
		$(BOOT_ISO_DIR)/bench-nested.iso $(BOOT_ISO_DIR)/bench-linux.iso \
		$(BOOT_ISO_DIR)/bench-linux-kvm.iso $(BOOT_ISO_DIR)/bench-restart.iso \
		$(BOOT_ISO_DIR)/bench-doorbell.iso $(BOOT_ISO_DIR)/bench-nested-vmx.iso \
		$(BOOT_ISO_DIR)/bench-nested-vmx-noshadow.iso | setup-test
	@$(PYTHON) tests/bench/run_bench.py --json $(BENCH_JSON) \
		--bochs-ips $(BENCH_BOCHS_IPS) --bochs-logs $(BUILD)/bench-logs \
		bundle=$(BOOT_ISO_DIR)/bench-bundle.iso partition=$(BOOT_ISO_DIR)/bench-partition.iso \
		nested=$(BOOT_ISO_DIR)/bench-nested.iso linux=$(BOOT_ISO_DIR)/bench-linux.iso \
		linux-kvm=$(BOOT_ISO_DIR)/bench-linux-kvm.iso \
		restart=$(BOOT_ISO_DIR)/bench-restart.iso doorbell=$(BOOT_ISO_DIR)/bench-doorbell.iso \
		bochs-vmx:partition=$(BOOT_ISO_DIR)/bench-partition.iso \
		bochs-vmx:restart=$(BOOT_ISO_DIR)/bench-restart.iso \
		bochs-vmx:doorbell=$(BOOT_ISO_DIR)/bench-doorbell.iso \
		bochs-vmx:nested-vmx=$(BOOT_ISO_DIR)/bench-nested-vmx.iso \
		bochs-vmx:nested-vmx-noshadow=$(BOOT_ISO_DIR)/bench-nested-vmx-noshadow.iso
