# SPDX-License-Identifier: BSD-2-Clause
# libFuzzer over the signed-bundle verifier (clang, ASan+UBSan), beside tests/fuzz/fuzz.mk.
#
#   make fuzz-bundle FUZZ_TIME=600   fuzz that long; corpus in build/fuzz/bundle-corpus
#   make test-fuzz-bundle            bounded smoke run over the committed seeds (in `make test`)
#
# Seeds: tests/fuzz/corpus/bundle/, signed with throw-away keys whose public halves are
# tests/fuzz/keys/*.pub (the private halves were discarded), so the fuzzer reaches the signature
# and hash checks and the accepting path.

FUZZ_BUNDLE_BIN   := $(FUZZ_DIR)/fuzz_bundle
FUZZ_BUNDLE_SEEDS := tests/fuzz/corpus/bundle
FUZZ_BUNDLE_KEYS  := $(FUZZ_DIR)/fuzz_bundle_keys.c
FUZZ_BUNDLE_FLAGS := -max_len=8192 -artifact_prefix=$(FUZZ_DIR)/bundle- -print_final_stats=1
FUZZ_BUNDLE_SRCS   = tests/fuzz/fuzz_bundle.c $(BUNDLE_PURE_SRCS) kernel/bundle/arena_host.c \
	$(FUZZ_BUNDLE_KEYS) $(HOST_LIBFDT_SRCS:%=$(LIBFDT_DIR)/lib/libfdt/%.c)

$(FUZZ_BUNDLE_KEYS): tests/fuzz/keys/fuzz-p384.pub tests/fuzz/keys/fuzz-p256.pub \
		tools/build/gen-bundle-keys.sh
	@mkdir -p $(@D)
	@tools/build/gen-bundle-keys.sh $@ 1 ecdsa-p384-sha384:tests/fuzz/keys/fuzz-p384.pub \
		ecdsa-p256-sha256:tests/fuzz/keys/fuzz-p256.pub

# mbedtls is Debian's (not instrumented); the verifier and libfdt are compiled in, instrumented.
$(FUZZ_BUNDLE_BIN): $(FUZZ_BUNDLE_SRCS) $(BUNDLE_HEADERS) tests/fuzz/bundle.mk \
		$(LIBFDT_DIR)/extract.stamp | setup-test
	@mkdir -p $(@D)
	@echo "  FUZZCC  $@"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -Ikernel/bundle -Ikernel/include -o $@ $(FUZZ_BUNDLE_SRCS) \
		$(BUNDLE_HOST_LIBS)

.PHONY: fuzz-bundle test-fuzz-bundle
fuzz-bundle: $(FUZZ_BUNDLE_BIN)
	@mkdir -p $(FUZZ_DIR)/bundle-corpus
	$(FUZZ_BUNDLE_BIN) $(FUZZ_BUNDLE_FLAGS) -max_total_time=$(FUZZ_TIME) \
		$(FUZZ_DIR)/bundle-corpus $(FUZZ_BUNDLE_SEEDS)

test-fuzz-bundle: $(FUZZ_BUNDLE_BIN)
	@rm -rf $(FUZZ_DIR)/bundle-smoke && mkdir -p $(FUZZ_DIR)/bundle-smoke
	@$(FUZZ_BUNDLE_BIN) $(FUZZ_BUNDLE_FLAGS) -max_total_time=$(FUZZ_SMOKE_TIME) \
		$(FUZZ_DIR)/bundle-smoke $(FUZZ_BUNDLE_SEEDS) > $(FUZZ_DIR)/bundle-smoke.log 2>&1 || \
		{ tail -n 60 $(FUZZ_DIR)/bundle-smoke.log; \
		  echo "test-fuzz-bundle: FAILED (log: $(FUZZ_DIR)/bundle-smoke.log)"; exit 1; }
	@echo "test-fuzz-bundle: $$(sed -n 's/^stat::number_of_executed_units: *//p' \
		$(FUZZ_DIR)/bundle-smoke.log) runs in $(FUZZ_SMOKE_TIME) s, no crash"

fuzz: fuzz-bundle
test-fuzz: test-fuzz-bundle
