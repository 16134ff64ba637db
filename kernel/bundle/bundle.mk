# SPDX-License-Identifier: BSD-2-Clause
# The signed-bundle verifier (kernel/bundle/): pure checks compiled into the hypervisor, the
# host tool, the unit tests and the fuzzer; the trusted keys the build embeds; boot integration.
#
#   BUNDLE_MIN_VERSION=N   minimum security version the hypervisor accepts (default 1)
#   BUNDLE_KEY=BASE        sign with BASE.key and trust BASE.pub (default: the development key,
#                          generated once as $(BUILD)/keys/dev-p384.{key,pub})

BUNDLE_PURE_SRCS := $(addprefix kernel/bundle/, err.c algs.c layout.c schema.c message.c \
	sigcheck.c verify.c)
BUNDLE_HEADERS    = $(wildcard kernel/bundle/*.h)
BUNDLE_MIN_VERSION ?= 1
BUNDLE_DEV_KEY    := $(BUILD)/keys/dev-p384
BUNDLE_KEY        ?= $(BUNDLE_DEV_KEY)

# ---------------------------------------------------------------------------------------------
# Host: the verifier with the C library's allocator, libfdt's writer, Debian's libmbedtls-dev.

BUNDLE_HOST_SRCS := $(BUNDLE_PURE_SRCS) kernel/bundle/arena_host.c \
	$(addprefix tools/mkimage/, bundle_write.c bundle_sign.c bundle_keys.c)
BUNDLE_HOST_LIBS := -lmbedcrypto

# libfdt's sequential writer for the host, beside partitions.mk's read-only host libfdt.
$(BUILD)/host/%/libfdt-sw.a: $(LIBFDT_DIR)/extract.stamp $(DEPS_MAKEFILES) kernel/bundle/bundle.mk
	@echo "  HOSTCC  libfdt-sw ($*)"
	@mkdir -p $(@D)/libfdt-sw
	@$(HOST_CC) -std=gnu11 -g -Wall $(HOST_LIBFDT_CFLAGS.$*) -I$(HOST_LIBFDT_INC) \
		-c $(LIBFDT_DIR)/lib/libfdt/fdt_sw.c -o $(@D)/libfdt-sw/fdt_sw.o
	@rm -f $@ && $(AR) rcs $@ $(@D)/libfdt-sw/fdt_sw.o

.PRECIOUS: $(BUILD)/host/%/libfdt-sw.a

# ---------------------------------------------------------------------------------------------
# Hypervisor: the verifier with its own static mbedtls arena, the boot path, the trusted keys.

BUNDLE_KEY_ALG  ?= ecdsa-p384-sha384
BUNDLE_KEYS_C   := $(BUILD)/gen/bundle_keys.c
BUNDLE_KERNEL_SRCS := $(BUNDLE_PURE_SRCS) $(addprefix kernel/bundle/, arena_kernel.c \
	boot_bundle.c bench.c)
BUNDLE_KERNEL_OBJS := $(patsubst %,$(KOBJ)/%.o,$(BUNDLE_KERNEL_SRCS)) $(KOBJ)/gen/bundle_keys.c.o
KERNEL_OBJS     += $(BUNDLE_KERNEL_OBJS)
KERNEL_INCLUDES += -Ikernel/bundle
$(BUILD)/bulkhead.pass1.elf $(KERNEL_ELF): $(BUNDLE_KERNEL_OBJS)
-include $(BUNDLE_KERNEL_OBJS:.o=.d)

# Generated once and then kept: re-running the build never changes which key signs.
$(BUNDLE_DEV_KEY).key $(BUNDLE_DEV_KEY).pub &: | $(MKIMAGE)
	@mkdir -p $(@D)
	@echo "  KEYGEN  $(BUNDLE_DEV_KEY).{key,pub} (DEVELOPMENT key)"
	@$(MKIMAGE) keygen -a ecdsa-p384-sha384 $(BUNDLE_DEV_KEY) >/dev/null
.PRECIOUS: $(BUNDLE_DEV_KEY).key $(BUNDLE_DEV_KEY).pub

# The minimum version is recorded, so changing it rebuilds the key table.
$(BUILD)/gen/bundle-keys.args: FORCE
	@mkdir -p $(@D)
	@echo '$(BUNDLE_KEY_ALG):$(BUNDLE_KEY).pub $(BUNDLE_MIN_VERSION)' > $@.tmp
	@cmp -s $@.tmp $@ && rm $@.tmp || mv $@.tmp $@

$(BUNDLE_KEYS_C): $(BUNDLE_KEY).pub $(BUILD)/gen/bundle-keys.args tools/build/gen-bundle-keys.sh
	@echo "  GEN     $@ (trusts $(notdir $(BUNDLE_KEY)), minimum version $(BUNDLE_MIN_VERSION))"
	@tools/build/gen-bundle-keys.sh $@ $(BUNDLE_MIN_VERSION) $(BUNDLE_KEY_ALG):$(BUNDLE_KEY).pub

$(KOBJ)/gen/bundle_keys.c.o: $(BUNDLE_KEYS_C) | $(DEPS_STAMP)
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(KCC) $(KERNEL_CFLAGS) -c $< -o $@

# ---------------------------------------------------------------------------------------------
# Signed bundles: $(BUILD)/bundles/<name>.bundle from $(BUILD)/configs/<name>.dtb.
#
# Images: the test guests of tests/guests/guests.mk under the names in GUEST_IMAGES (the demo's
# raw64 `sensor.bin`); every other image name the description gives (`kernel = "..."`) is still
# a 3-byte `hlt; jmp` placeholder stub until its boot protocol is supported (issue #4).

BUNDLE_DIR  := $(BUILD)/bundles
BUNDLE_STUB := $(BUNDLE_DIR)/stub.bin
BUNDLE_VERSION ?= $(BUNDLE_MIN_VERSION)
bundle_of    = $(BUNDLE_DIR)/$(basename $(notdir $(1))).bundle
bundle_dts   = $(firstword $(wildcard configs/$(1).dts configs/examples/$(1).dts tests/config/$(1).dts))
bundle_names = $(shell tools/build/dts-images.sh $(call bundle_dts,$(1)))

$(BUNDLE_STUB):
	@mkdir -p $(@D)
	@printf '\364\353\375' > $@

define BUNDLE_DEV_WARNING
	@if [ "$(BUNDLE_KEY)" = "$(BUNDLE_DEV_KEY)" ]; then \
		echo "WARNING: signing with the DEVELOPMENT key $(BUNDLE_KEY).key:" \
			"anyone with this build tree can sign what this hypervisor boots" >&2; fi
endef

# pack + sign: $(1) the description (.dtb), $(2) its name (for the image names it gives).
define BUNDLE_PACK_SIGN
	@mkdir -p $(@D)
	@echo "  BUNDLE  $@"
	$(BUNDLE_DEV_WARNING)
	@$(MKIMAGE) pack -c $(1) $(foreach n,$(call bundle_names,$(2)),-i $(n)=$(call guest_image,$(n))) \
		-o $@.unsigned >/dev/null
	@$(MKIMAGE) sign -k $(BUNDLE_KEY).key -V $(BUNDLE_VERSION) -o $@ $@.unsigned >/dev/null
	@rm -f $@.unsigned
endef

.SECONDEXPANSION:
$(BUNDLE_DIR)/%.bundle: $(BUILD)/configs/%.dtb $(BUNDLE_STUB) $(GUEST_BINS) $(BUNDLE_KEY).key $(MKIMAGE) \
		$$(call bundle_dts,$$*)
	$(call BUNDLE_PACK_SIGN,$<,$*)

# Descriptions only the tests use (tests/config/*.dts), signed like any other.
$(BUNDLE_DIR)/tests/%.bundle: $(BUILD)/tests/config/%.dtb $(BUNDLE_STUB) $(GUEST_BINS) $(BUNDLE_KEY).key \
		$(MKIMAGE) tests/config/%.dts
	$(call BUNDLE_PACK_SIGN,$<,$*)
