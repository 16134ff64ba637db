# SPDX-License-Identifier: BSD-2-Clause
# The L1 test hypervisor (tests/guests/l1/): a multiboot2 guest that runs its own L2 through SVM.
# Two images of the same code:
#   $(GUEST_DIR)/l1.elf               a Bulkhead partition (nested = "svm"): hypercall console
#   $(GUEST_DIR)/l1/l1-native.elf     GRUB boots it straight on QEMU: COM1 and isa-debug-exit
# and the scenarios of tests/boot/test_l1_native.py and tests/boot/test_nested_l1.py:
#   $(BOOT_ISO_DIR)/l1-native.iso     the native image as GRUB's multiboot2 kernel, no Bulkhead
#   $(BOOT_ISO_DIR)/nested-l1.iso     Bulkhead with tests/config/nested-l1.dts

L1_OUT   := $(GUEST_DIR)/l1
L1_SRCS  := $(addprefix tests/guests/l1/, main.c svm.c exits.c events.c intr.c vmload.c npt.c cc.c \
	vmrun.S l2.S)
L1_HDRS  := $(wildcard tests/guests/l1/*.h) $(GUEST_HDRS)
L1_OBJS  := $(patsubst tests/guests/l1/%,$(L1_OUT)/%.o,$(L1_SRCS))
L1_START := $(L1_OUT)/start32.o
# The guest library without its raw64 entry (the multiboot2 entry of tests/guests/mb/ instead).
L1_LIB   := $(filter-out %/start.S.o,$(GUEST_LIB_OBJS))

$(L1_OUT)/%.o: tests/guests/l1/% $(L1_HDRS) tests/guests/l1/l1.mk | setup-build
	@mkdir -p $(@D)
	@echo "  GUEST   $@"
	@$(KCC) $(GUEST_CFLAGS) -Itests/guests/l1 -c $< -o $@

$(L1_START): tests/guests/mb/start32.S $(GUEST_HDRS) | setup-build
	@mkdir -p $(@D)
	@$(KCC) $(GUEST_CFLAGS) -DMB_PROTO=2 -c $< -o $@

$(L1_OUT)/native.o: tests/guests/lib/native.c $(GUEST_HDRS) | setup-build
	@mkdir -p $(@D)
	@$(KCC) $(GUEST_CFLAGS) -c $< -o $@

# $(1): the image, $(2): its platform objects.
define L1_LINK
	@mkdir -p $(@D)
	@echo "  GUEST   $@"
	@$(KLD) $(GUEST_LDFLAGS) -T tests/guests/lib/guest.ld -o $@ $(L1_START) $(L1_OBJS) $(2) \
		$(L1_LIB)
endef

$(GUEST_DIR)/l1.elf: $(L1_START) $(L1_OBJS) $(L1_OUT)/platform_bulkhead.c.o $(L1_LIB) \
		tests/guests/lib/guest.ld
	$(call L1_LINK,$@,$(L1_OUT)/platform_bulkhead.c.o)

$(L1_OUT)/l1-native.elf: $(L1_START) $(L1_OBJS) $(L1_OUT)/platform_native.c.o \
		$(L1_OUT)/native.o $(L1_LIB) tests/guests/lib/guest.ld
	$(call L1_LINK,$@,$(L1_OUT)/platform_native.c.o $(L1_OUT)/native.o)

# Included after the bundle rules (it needs BOOT_ISO_DIR): so the bundle that carries l1.elf
# names it itself, and `make guests` too. A description naming "l1.elf" gets this image.
GUEST_IMAGES += l1.elf
GUEST_BINS   += $(GUEST_DIR)/l1.elf $(L1_OUT)/l1-native.elf
guests: $(GUEST_DIR)/l1.elf $(L1_OUT)/l1-native.elf
$(BUNDLE_DIR)/tests/nested-l1.bundle: $(GUEST_DIR)/l1.elf

# Native: GRUB loads the guest itself as its multiboot2 kernel.
$(BOOT_ISO_DIR)/l1-native.iso: $(L1_OUT)/l1-native.elf tools/build/mkiso.sh | setup-build
	@mkdir -p $(@D)
	@echo "  ISO     $@ (L1 guest, native)"
	@tools/build/mkiso.sh $< $@ ""
test-boot test-boot-isos: $(BOOT_ISO_DIR)/l1-native.iso

# Nested: Bulkhead runs it as a partition with nested = "svm".
BOOT_ISOS += nested-l1
BOOT_ISO_CMDLINE.nested-l1 := loglevel=info
BOOT_ISO_MODULES.nested-l1 := $(BUNDLE_DIR)/tests/nested-l1.bundle
