# SPDX-License-Identifier: BSD-2-Clause
# `make bench`: the verification cost of the demo bundle in TSC cycles under QEMU -icount
# shift=0 on one CPU (exact and repeatable). Not part of `make test`.
#
#   make bench BENCH_RUNS=20

BENCH_RUNS ?= 10
BOOT_ISOS += bench-bundle
BOOT_ISO_CMDLINE.bench-bundle := loglevel=info bench=bundle bench-runs=$(BENCH_RUNS)
BOOT_ISO_MODULES.bench-bundle := $(call bundle_of,$(CONFIG))

.PHONY: bench
bench: $(BOOT_ISO_DIR)/bench-bundle.iso | setup-test
	@$(PYTHON) tests/bench/run_bench.py $<
