# SPDX-License-Identifier: BSD-2-Clause
# Host unit tests (cmocka, ASan+UBSan): `make test-unit` builds build/unit/test_<name> and runs all.
#
# Add a test in two lines (anywhere in the makefiles; the list is read lazily):
#   UNIT_TESTS      += foo
#   UNIT_SRCS_foo   := kernel/path/foo.c      (linked with tests/unit/test_foo.c)
# Tests find captured data under UNIT_DATA_DIR (a C string macro, absolute path).

UNIT_TESTS += mb2 pmm acpi
UNIT_SRCS_mb2 := kernel/boot/mb2.c
UNIT_SRCS_pmm := kernel/mm/pmm.c
UNIT_SRCS_acpi := kernel/acpi/acpi.c kernel/acpi/madt.c

UNIT_DIR      := $(BUILD)/unit
UNIT_SANITIZE := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
UNIT_CFLAGS    = $(HOST_CFLAGS) $(UNIT_SANITIZE) -Ikernel/include \
	-DUNIT_DATA_DIR='"$(CURDIR)/tests/unit/data"'
UNIT_LDLIBS   := -lcmocka
# Any kernel header may be included by a module under test; rebuild when one changes.
UNIT_HEADERS   = $(wildcard kernel/include/*.h kernel/include/*/*.h tests/unit/*.h)
UNIT_BINS      = $(addprefix $(UNIT_DIR)/test_,$(UNIT_TESTS))

.PHONY: test-unit unit-build

# Second expansion lets UNIT_TESTS/UNIT_SRCS_* be extended after this file is read.
.SECONDEXPANSION:

unit-build: $$(UNIT_BINS)

$(UNIT_DIR)/test_%: tests/unit/test_%.c $$(UNIT_SRCS_$$*) $$(UNIT_HEADERS) tests/unit/unit.mk
	@mkdir -p $(@D)
	$(HOST_CC) $(UNIT_CFLAGS) -o $@ $< $(UNIT_SRCS_$*) $(UNIT_LDLIBS)

# Each test prints its cmocka report; the summary counts test cases. A binary that dies without
# a cmocka summary (sanitizer abort, crash) counts as one failed case.
test-unit: $$(UNIT_BINS) | setup-test
	@pass=0; fail=0; \
	for t in $(UNIT_BINS); do \
		echo "== $$t"; \
		out=$$(ASAN_OPTIONS=detect_leaks=1 $$t 2>&1); rc=$$?; echo "$$out"; \
		p=$$(echo "$$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -n1); \
		f=$$(echo "$$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -n1); \
		p=$${p:-0}; f=$${f:-0}; \
		if [ $$rc -ne 0 ] && [ $$f -eq 0 ]; then f=1; fi; \
		pass=$$((pass + p)); fail=$$((fail + f)); \
	done; \
	echo "unit: $$pass passed, $$fail failed"; \
	[ $$fail -eq 0 ]
