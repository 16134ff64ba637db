# SPDX-License-Identifier: BSD-2-Clause
# Unit tests of the signed-bundle verifier: every refusal, every single-byte flip, re-signing.
# The fixture (tests/unit/bundle_fixture.c) makes keys and bundles with the host tool's code.

BUNDLE_UNIT_GROUPS := bundle_accept bundle_refuse bundle_schema bundle_flip
UNIT_TESTS += $(BUNDLE_UNIT_GROUPS)
$(foreach t,$(BUNDLE_UNIT_GROUPS),$(eval UNIT_SRCS_$(t) := $$(BUNDLE_HOST_SRCS) \
	tests/unit/bundle_fixture.c $$(BUILD)/host/san/libfdt-sw.a $$(BUILD)/host/san/libfdt.a))

UNIT_CFLAGS  += -Ikernel/bundle -Itools/mkimage -I$(HOST_LIBFDT_INC)
UNIT_LDLIBS  += $(BUNDLE_HOST_LIBS)
UNIT_HEADERS += $(BUNDLE_HEADERS) tools/mkimage/bundle_tool.h
