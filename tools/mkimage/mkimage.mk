# SPDX-License-Identifier: BSD-2-Clause
# build/bulkhead-mkimage: the host tool: check descriptions, make keys, pack, sign, verify, list.

MKIMAGE      := $(BUILD)/bulkhead-mkimage
MKIMAGE_SRCS  = $(addprefix tools/mkimage/, main.c check.c run.c dts_lines.c cmd_keygen.c \
	cmd_pack.c cmd_sign.c cmd_verify.c cmd_list.c dts_todo.c) $(CFG_PURE_SRCS) $(BUNDLE_HOST_SRCS)
MKIMAGE_CFLAGS = $(HOST_CFLAGS) -O2 -Wshadow -Wstrict-prototypes -Ipartitions -Itools/mkimage \
	-Ikernel/bundle -I$(HOST_LIBFDT_INC)

.SECONDEXPANSION:
$(MKIMAGE): $$(MKIMAGE_SRCS) $(CFG_HEADERS) $$(BUNDLE_HEADERS) $(wildcard tools/mkimage/*.h) \
		$(BUILD)/host/plain/libfdt-sw.a $(BUILD)/host/plain/libfdt.a \
		tools/mkimage/mkimage.mk | setup-build
	@echo "  HOSTLD  $@"
	@$(HOST_CC) $(MKIMAGE_CFLAGS) -o $@ $(MKIMAGE_SRCS) $(BUILD)/host/plain/libfdt-sw.a \
		$(BUILD)/host/plain/libfdt.a $(BUNDLE_HOST_LIBS)

.PHONY: mkimage
mkimage: $(MKIMAGE)
