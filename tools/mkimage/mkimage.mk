# SPDX-License-Identifier: BSD-2-Clause
# build/bulkhead-mkimage: the host tool. Today `check FILE.dts`; issue #6 adds the bundle commands.

MKIMAGE      := $(BUILD)/bulkhead-mkimage
MKIMAGE_SRCS := $(addprefix tools/mkimage/, main.c check.c run.c dts_lines.c) $(CFG_PURE_SRCS)
MKIMAGE_CFLAGS = $(HOST_CFLAGS) -O2 -Wshadow -Wstrict-prototypes -Ipartitions -Itools/mkimage \
	-I$(HOST_LIBFDT_INC)

$(MKIMAGE): $(MKIMAGE_SRCS) $(CFG_HEADERS) $(wildcard tools/mkimage/*.h) \
		$(BUILD)/host/plain/libfdt.a tools/mkimage/mkimage.mk | setup-build
	@echo "  HOSTLD  $@"
	@$(HOST_CC) $(MKIMAGE_CFLAGS) -o $@ $(MKIMAGE_SRCS) $(BUILD)/host/plain/libfdt.a

.PHONY: mkimage
mkimage: $(MKIMAGE)
