# SPDX-License-Identifier: BSD-2-Clause
# Static checks of the image and the sources.
#
#   make test-static   - the FPU/SIMD checker's self-test, then no x87/MMX/SSE/AVX/AVX-512
#                        instruction in $(KERNEL_ELF) or any of $(DEPS_LIBS)
#                      - printf length modifiers the hypervisor's nano printf lacks
#                      - clang-format --dry-run -Werror over our tracked *.c/*.h
#   make format        apply clang-format to the same files
#
# SIMD_ALLOW: mnemonics the SIMD check accepts (regex), e.g. 'xsave|xrstor' once the hypervisor
# switches guest FPU state itself. SIMD_SKIP_FUNC: functions it does not disassemble (data in .text).

SIMD_ALLOW     ?=
SIMD_SKIP_FUNC ?=

# Code that is linked into the hypervisor and prints through its printf.
STATIC_PRINTF_DIRS := kernel vcpu nested

.PHONY: test-static format

test-static: $(KERNEL_ELF) $(DEPS_LIBS) | setup-test
	@pass=0; fail=0; \
	run() { \
		name=$$1; shift; \
		if "$$@"; then pass=$$((pass + 1)); \
		else fail=$$((fail + 1)); echo "static: FAILED: $$name"; fi; \
	}; \
	export OBJDUMP='$(OBJDUMP)' NO_SIMD_ALLOW='$(SIMD_ALLOW)' NO_SIMD_SKIP_FUNC='$(SIMD_SKIP_FUNC)'; \
	run "no-simd self-test" tests/static/check-no-simd.sh --self-test; \
	for f in $(KERNEL_ELF) $(DEPS_LIBS); do \
		run "no-simd $$f" tests/static/check-no-simd.sh "$$f"; \
	done; \
	files=$$(find $(STATIC_PRINTF_DIRS) -name '*.[ch]' 2>/dev/null | sort); \
	if [ -n "$$files" ]; then \
		run "printf formats" sh -c 'tests/static/check-printf-formats.sh "$$@" && \
			echo "check-printf-formats: $$# files clean"' sh $$files; \
	fi; \
	run "clang-format" tests/static/check-format.sh; \
	echo "static: $$pass passed, $$fail failed"; \
	[ $$fail -eq 0 ]

format: | setup-test
	@tests/static/check-format.sh --fix
