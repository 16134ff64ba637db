# SPDX-License-Identifier: BSD-2-Clause
# The L1 VMX test hypervisor (tests/guests/l1vmx/): a multiboot2 guest that runs its own L2
# through VMX. Two images of the same code:
#   $(GUEST_DIR)/l1vmx.elf                 a Bulkhead partition (nested = "vmx"): hypercall console
#   $(GUEST_DIR)/l1vmx/l1vmx-native.elf    GRUB boots it straight on Bochs: COM1, port 0x8900
#   $(GUEST_DIR)/l1vmx-bench.elf           make bench's nested VMX figures (bench.c), a partition
#   $(GUEST_DIR)/l1vmx-escape.elf          an EPT12 leaf outside the partition (escape.c)
# and the native scenario of tests/boot/test_l1vmx_native.py:
#   $(BOOT_ISO_DIR)/l1vmx-native.iso       the native image as GRUB's multiboot2 kernel

L1VMX_OUT  := $(GUEST_DIR)/l1vmx
# The runner, VMX operation and the L2 VMCS (both images), the tests, and make bench's image.
L1VMX_CORE := $(addprefix tests/guests/l1vmx/, main.c caps.c vmcs.c vmenter.S l2.S)
L1VMX_SRCS := $(L1VMX_CORE) $(addprefix tests/guests/l1vmx/, insn.c exits.c intr.c ept.c \
	checks.c shadow.c hostile.c suite.c)
L1VMX_HDRS := $(wildcard tests/guests/l1vmx/*.h) $(GUEST_HDRS)
L1VMX_OBJS := $(patsubst tests/guests/l1vmx/%,$(L1VMX_OUT)/%.o,$(L1VMX_SRCS))
L1VMX_BENCH_OBJS := $(patsubst tests/guests/l1vmx/%,$(L1VMX_OUT)/%.o,$(L1VMX_CORE) \
	tests/guests/l1vmx/bench.c)
L1VMX_ESCAPE_OBJS := $(patsubst tests/guests/l1vmx/%,$(L1VMX_OUT)/%.o,$(L1VMX_CORE) \
	tests/guests/l1vmx/ept.c tests/guests/l1vmx/escape.c)

$(L1VMX_OUT)/%.o: tests/guests/l1vmx/% $(L1VMX_HDRS) tests/guests/l1vmx/l1vmx.mk | setup-build
	@mkdir -p $(@D)
	@echo "  GUEST   $@"
	@$(KCC) $(GUEST_CFLAGS) -Itests/guests/l1vmx -c $< -o $@

# The multiboot2 entry and the library without its raw64 entry come from l1.mk (L1_START, L1_LIB).
# $(1): the image, $(2): its objects and platform objects.
define L1VMX_LINK
	@mkdir -p $(@D)
	@echo "  GUEST   $@"
	@$(KLD) $(GUEST_LDFLAGS) -T tests/guests/lib/guest.ld -o $@ $(L1_START) $(2) $(L1_LIB)
endef

$(GUEST_DIR)/l1vmx.elf: $(L1_START) $(L1VMX_OBJS) $(L1VMX_OUT)/platform_bulkhead.c.o $(L1_LIB) \
		tests/guests/lib/guest.ld
	$(call L1VMX_LINK,$@,$(L1VMX_OBJS) $(L1VMX_OUT)/platform_bulkhead.c.o)

$(L1VMX_OUT)/l1vmx-native.elf: $(L1_START) $(L1VMX_OBJS) $(L1VMX_OUT)/platform_native.c.o \
		$(L1_OUT)/native.o $(L1_LIB) tests/guests/lib/guest.ld
	$(call L1VMX_LINK,$@,$(L1VMX_OBJS) $(L1VMX_OUT)/platform_native.c.o $(L1_OUT)/native.o)

# make bench's nested VMX figures (bench.c; tests/config/bench-nested-vmx.dts, tests/bench/).
$(GUEST_DIR)/l1vmx-bench.elf: $(L1_START) $(L1VMX_BENCH_OBJS) $(L1VMX_OUT)/platform_bulkhead.c.o \
		$(L1_LIB) tests/guests/lib/guest.ld
	$(call L1VMX_LINK,$@,$(L1VMX_BENCH_OBJS) $(L1VMX_OUT)/platform_bulkhead.c.o)

# An EPT12 leaf outside the partition (escape.c; tests/boot/test_nested_vmx_escape.py).
$(GUEST_DIR)/l1vmx-escape.elf: $(L1_START) $(L1VMX_ESCAPE_OBJS) \
		$(L1VMX_OUT)/platform_bulkhead.c.o $(L1_LIB) tests/guests/lib/guest.ld
	$(call L1VMX_LINK,$@,$(L1VMX_ESCAPE_OBJS) $(L1VMX_OUT)/platform_bulkhead.c.o)

# A description naming "l1vmx.elf" (tests/config/nested-vmx-l1.dts) gets this image.
L1VMX_IMAGES := l1vmx.elf l1vmx-bench.elf l1vmx-escape.elf
GUEST_IMAGES += $(L1VMX_IMAGES)
GUEST_BINS   += $(addprefix $(GUEST_DIR)/,$(L1VMX_IMAGES)) $(L1VMX_OUT)/l1vmx-native.elf
guests: $(addprefix $(GUEST_DIR)/,$(L1VMX_IMAGES)) $(L1VMX_OUT)/l1vmx-native.elf

# Native: GRUB loads the guest itself as its multiboot2 kernel.
$(BOOT_ISO_DIR)/l1vmx-native.iso: $(L1VMX_OUT)/l1vmx-native.elf tools/build/mkiso.sh | setup-build
	@mkdir -p $(@D)
	@echo "  ISO     $@ (L1 VMX guest, native)"
	@tools/build/mkiso.sh $< $@ ""
test-boot test-boot-isos: $(BOOT_ISO_DIR)/l1vmx-native.iso

# Under Bulkhead: tests/config/nested-vmx-l1.dts (nested = "vmx") names l1vmx.elf;
# tests/boot/test_nested_vmx.py boots it.
$(BUNDLE_DIR)/tests/nested-vmx-l1.bundle: $(GUEST_DIR)/l1vmx.elf
BOOT_ISOS += nested-vmx-l1
BOOT_ISO_CMDLINE.nested-vmx-l1 := loglevel=info
BOOT_ISO_MODULES.nested-vmx-l1 := $(BUNDLE_DIR)/tests/nested-vmx-l1.bundle

# An EPT12 leaf outside the partition beside a victim (tests/boot/test_nested_vmx_escape.py).
$(BUNDLE_DIR)/tests/nested-vmx-escape.bundle: $(GUEST_DIR)/l1vmx-escape.elf
BOOT_ISOS += nested-vmx-escape
BOOT_ISO_CMDLINE.nested-vmx-escape := loglevel=info
BOOT_ISO_MODULES.nested-vmx-escape := $(BUNDLE_DIR)/tests/nested-vmx-escape.bundle
