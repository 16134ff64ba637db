# SPDX-License-Identifier: BSD-2-Clause
# libFuzzer over the description parser and validator (clang, ASan+UBSan).
#
#   make fuzz FUZZ_TIME=600    fuzz for that many seconds (default 60); the growing corpus is
#                              kept in build/fuzz/corpus, crashes land in build/fuzz/
#   make test-fuzz             bounded smoke run over the committed seeds (part of `make test`)
#
# Seeds: tests/fuzz/corpus/config/ (valid and invalid DTBs; add a crash reproducer there once
# fixed). libFuzzer's runtime comes with clang (Debian: libclang-rt-14-dev).

FUZZ_CC         ?= clang
FUZZ_DIR        := $(BUILD)/fuzz
FUZZ_BIN        := $(FUZZ_DIR)/fuzz_config
FUZZ_SEEDS      := tests/fuzz/corpus/config
FUZZ_DICT       := tests/fuzz/config.dict
FUZZ_TIME       ?= 60
FUZZ_SMOKE_TIME ?= 20
FUZZ_FLAGS      := -dict=$(FUZZ_DICT) -max_len=4096 -artifact_prefix=$(FUZZ_DIR)/ -print_final_stats=1
FUZZ_CFLAGS     := -std=gnu11 -g -O1 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=all -Ipartitions -Itests/unit -I$(HOST_LIBFDT_INC)
FUZZ_LIBFDT      = $(HOST_LIBFDT_SRCS:%=$(LIBFDT_DIR)/lib/libfdt/%.c)

# libfdt is compiled in as well, so its bounds checks are instrumented and covered too.
$(FUZZ_BIN): tests/fuzz/fuzz_config.c tests/unit/cfg_test_machine.c $(CFG_PURE_SRCS) $(CFG_HEADERS) tests/fuzz/fuzz.mk \
		$(LIBFDT_DIR)/extract.stamp | setup-test
	@mkdir -p $(@D)
	@echo "  FUZZCC  $@"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $< tests/unit/cfg_test_machine.c $(CFG_PURE_SRCS) \
		$(FUZZ_LIBFDT)

.PHONY: fuzz test-fuzz
fuzz: $(FUZZ_BIN)
	@mkdir -p $(FUZZ_DIR)/corpus
	$(FUZZ_BIN) $(FUZZ_FLAGS) -max_total_time=$(FUZZ_TIME) $(FUZZ_DIR)/corpus $(FUZZ_SEEDS)

# New inputs go to a scratch directory, never into the committed seeds.
test-fuzz: $(FUZZ_BIN)
	@rm -rf $(FUZZ_DIR)/smoke && mkdir -p $(FUZZ_DIR)/smoke
	@$(FUZZ_BIN) $(FUZZ_FLAGS) -max_total_time=$(FUZZ_SMOKE_TIME) \
		$(FUZZ_DIR)/smoke $(FUZZ_SEEDS) > $(FUZZ_DIR)/smoke.log 2>&1 || \
		{ tail -n 60 $(FUZZ_DIR)/smoke.log; echo "test-fuzz: FAILED (log: $(FUZZ_DIR)/smoke.log)"; exit 1; }
	@echo "test-fuzz: $$(sed -n 's/^stat::number_of_executed_units: *//p' $(FUZZ_DIR)/smoke.log) runs in $(FUZZ_SMOKE_TIME) s, no crash"

# ---------------------------------------------------------------------------------------------
# Guest-image parsers (ELF, multiboot2 and multiboot headers): make fuzz-image / test-fuzz-image.
# Seeds: tests/fuzz/corpus/image/ (small ELF32/ELF64 files with multiboot headers).

FUZZ_IMAGE_BIN   := $(FUZZ_DIR)/fuzz_image
FUZZ_IMAGE_SEEDS := tests/fuzz/corpus/image
FUZZ_IMAGE_FLAGS := -max_len=40960 -artifact_prefix=$(FUZZ_DIR)/image- -print_final_stats=1

$(FUZZ_IMAGE_BIN): tests/fuzz/fuzz_image.c $(BOOT_PROTO_PURE_SRCS) $(CFG_HEADERS) \
		tests/fuzz/fuzz.mk | setup-test
	@mkdir -p $(@D)
	@echo "  FUZZCC  $@"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $< $(BOOT_PROTO_PURE_SRCS)

.PHONY: fuzz-image test-fuzz-image
fuzz-image: $(FUZZ_IMAGE_BIN)
	@mkdir -p $(FUZZ_DIR)/image-corpus
	$(FUZZ_IMAGE_BIN) $(FUZZ_IMAGE_FLAGS) -max_total_time=$(FUZZ_TIME) \
		$(FUZZ_DIR)/image-corpus $(FUZZ_IMAGE_SEEDS)

test-fuzz-image: $(FUZZ_IMAGE_BIN)
	@rm -rf $(FUZZ_DIR)/image-smoke && mkdir -p $(FUZZ_DIR)/image-smoke
	@$(FUZZ_IMAGE_BIN) $(FUZZ_IMAGE_FLAGS) -max_total_time=$(FUZZ_SMOKE_TIME) \
		$(FUZZ_DIR)/image-smoke $(FUZZ_IMAGE_SEEDS) > $(FUZZ_DIR)/image-smoke.log 2>&1 || \
		{ tail -n 60 $(FUZZ_DIR)/image-smoke.log; \
		  echo "test-fuzz-image: FAILED (log: $(FUZZ_DIR)/image-smoke.log)"; exit 1; }
	@echo "test-fuzz-image: $$(sed -n 's/^stat::number_of_executed_units: *//p' \
		$(FUZZ_DIR)/image-smoke.log) runs in $(FUZZ_SMOKE_TIME) s, no crash"

fuzz: fuzz-image
test-fuzz: test-fuzz-image

# The MMIO decoder and the guest page-table walker (vcpu/insn_decode.c, vcpu/gpt_walk.c):
#   make fuzz-insn FUZZ_TIME=600    corpus in build/fuzz/insn-corpus; seeds tests/fuzz/corpus/insn/
FUZZ_INSN_BIN   := $(FUZZ_DIR)/fuzz_insn
FUZZ_INSN_SEEDS := tests/fuzz/corpus/insn
FUZZ_INSN_SRCS  := tests/fuzz/fuzz_insn.c vcpu/insn_decode.c vcpu/gpt_walk.c
FUZZ_INSN_FLAGS := -max_len=4096 -artifact_prefix=$(FUZZ_DIR)/insn- -print_final_stats=1

$(FUZZ_INSN_BIN): $(FUZZ_INSN_SRCS) vcpu/insn_decode.h vcpu/gpt_walk.h tests/fuzz/fuzz.mk | setup-test
	@mkdir -p $(@D)
	@echo "  FUZZCC  $@"
	@$(FUZZ_CC) -std=gnu11 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-Ivcpu -o $@ $(FUZZ_INSN_SRCS)

.PHONY: fuzz-insn test-fuzz-insn
fuzz-insn: $(FUZZ_INSN_BIN)
	@mkdir -p $(FUZZ_DIR)/insn-corpus
	$(FUZZ_INSN_BIN) $(FUZZ_INSN_FLAGS) -max_total_time=$(FUZZ_TIME) $(FUZZ_DIR)/insn-corpus \
		$(FUZZ_INSN_SEEDS)

test-fuzz-insn: $(FUZZ_INSN_BIN)
	@rm -rf $(FUZZ_DIR)/insn-smoke && mkdir -p $(FUZZ_DIR)/insn-smoke
	@$(FUZZ_INSN_BIN) $(FUZZ_INSN_FLAGS) -max_total_time=$(FUZZ_SMOKE_TIME) \
		$(FUZZ_DIR)/insn-smoke $(FUZZ_INSN_SEEDS) > $(FUZZ_DIR)/insn-smoke.log 2>&1 || \
		{ tail -n 60 $(FUZZ_DIR)/insn-smoke.log; \
		  echo "test-fuzz-insn: FAILED (log: $(FUZZ_DIR)/insn-smoke.log)"; exit 1; }
	@echo "test-fuzz-insn: $$(sed -n 's/^stat::number_of_executed_units: *//p' \
		$(FUZZ_DIR)/insn-smoke.log) runs in $(FUZZ_SMOKE_TIME) s, no crash"

fuzz: fuzz-insn
test-fuzz: test-fuzz-insn
