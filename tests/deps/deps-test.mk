# SPDX-License-Identifier: BSD-2-Clause
# test-deps: prove the third-party libraries work as built for the hypervisor.
#
# tests/deps/deps_test.c, kernel/lib/newlib_glue.c and kernel/crypto/selftest.c are compiled with
# the kernel's flags, linked with -nostdlib against $(DEPS_LIBS) into a static Linux executable
# (only its _start, console and panic stubs talk to Linux) and run on the build host. That the
# archives never touch FPU/SIMD state is test-static's job (tests/static/check-no-simd.sh).

DEPS_TEST_DIR  := $(BUILD)/tests/deps
DEPS_TEST_BIN  := $(DEPS_TEST_DIR)/deps-test
DEPS_TEST_DTB  := $(DEPS_TEST_DIR)/test.dtb
DEPS_TEST_SRCS := tests/deps/deps_test.c kernel/lib/newlib_glue.c kernel/crypto/selftest.c
DEPS_TEST_OBJS := $(DEPS_TEST_SRCS:%.c=$(DEPS_TEST_DIR)/%.o)

DEPS_TEST_CFLAGS = $(KERNEL_BASE_CFLAGS) $(KERNEL_WARN_CFLAGS) $(DEPS_CPPFLAGS) \
	-Ikernel/include -Ikernel/crypto -DDEPS_TEST_DTB='"$(DEPS_TEST_DTB)"' -MMD -MP

.PHONY: test-deps
test-deps: $(DEPS_TEST_BIN) | setup-build
	$(DEPS_Q)$(DEPS_TEST_BIN)

$(DEPS_TEST_DTB): tests/deps/test.dts | setup-build
	$(DEPS_MSG) DTC $@
	$(DEPS_Q)mkdir -p $(@D)
	$(DEPS_Q)dtc -q -I dts -O dtb -o $@ $<

$(DEPS_TEST_DIR)/tests/deps/deps_test.o: $(DEPS_TEST_DTB)

$(DEPS_TEST_OBJS): $(DEPS_TEST_DIR)/%.o: %.c $(DEPS_STAMP) | setup-build
	$(DEPS_MSG) CC $@
	$(DEPS_Q)mkdir -p $(@D)
	$(DEPS_Q)$(KCC) $(DEPS_TEST_CFLAGS) -c $< -o $@

$(DEPS_TEST_BIN): $(DEPS_TEST_OBJS) $(DEPS_LIBS) | setup-build
	$(DEPS_MSG) LD $@
	$(DEPS_Q)$(KCC) -static -nostdlib -no-pie -Wl,-z,noexecstack -Wl,--build-id=none \
		-o $@ $(DEPS_TEST_OBJS) $(DEPS_LIBS)

-include $(DEPS_TEST_OBJS:.o=.d)
