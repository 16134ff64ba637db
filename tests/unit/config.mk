# SPDX-License-Identifier: BSD-2-Clause
# Unit tests of the partition description: one file per rule group, each error's exact text.
# The fixture compiles .dts text with dtc at run time (tests/unit/cfg_fixture.c).

CFG_UNIT_GROUPS := cfg_parse cfg_cpus cfg_memory cfg_devices cfg_channels cfg_reserved cfg_policy \
	cfg_machine cfg_table cfg_images cfg_modules
UNIT_TESTS += $(CFG_UNIT_GROUPS) dts_lines
$(foreach t,$(CFG_UNIT_GROUPS),$(eval UNIT_SRCS_$(t) := \
	$$(CFG_PURE_SRCS) tests/unit/cfg_fixture.c tests/unit/cfg_test_machine.c $$(BUILD)/host/san/libfdt.a))
UNIT_SRCS_dts_lines := tools/mkimage/dts_lines.c

UNIT_CFLAGS += -Ipartitions -Itools/mkimage -I$(HOST_LIBFDT_INC)
UNIT_HEADERS += $(CFG_HEADERS) tools/mkimage/dts_lines.h
