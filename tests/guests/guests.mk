# SPDX-License-Identifier: BSD-2-Clause
# Test guests (tests/guests/): freestanding raw64 flat binaries the demo bundles carry.
#
# GUEST_IMAGES names the bundle images that are real guests; every other image name a
# description gives still gets the placeholder stub (kernel/bundle/bundle.mk).

GUEST_DIR    := $(BUILD)/guests
GUEST_LIB    := tests/guests/lib/start.S tests/guests/lib/guest.c
GUEST_CFLAGS := -std=gnu11 -O2 -g -m64 -ffreestanding -fno-pic -fno-pie -mcmodel=small \
	-mgeneral-regs-only -mno-red-zone -fno-stack-protector -fcf-protection=none \
	-fno-asynchronous-unwind-tables -Wall -Wextra -Werror -Itests/guests/lib -Ivcpu
GUEST_LDFLAGS := -nostdlib -static -no-pie -z max-page-size=0x1000 -z noexecstack --build-id=none \
	--no-warn-rwx-segments

# Image name in the bundle -> the guest program that is built under it.
GUEST_IMAGES         := sensor.bin fault.bin
GUEST_SRC.sensor.bin := tests/guests/hello.c
GUEST_SRC.fault.bin  := tests/guests/fault.c
GUEST_BINS         := $(addprefix $(GUEST_DIR)/,$(GUEST_IMAGES))

.SECONDEXPANSION:

$(GUEST_DIR)/%.elf: $$(GUEST_SRC.$$*.bin) $(GUEST_LIB) tests/guests/lib/guest.h \
		tests/guests/lib/guest.ld vcpu/hypercall.h | setup-build
	@mkdir -p $(@D)
	@echo "  GUEST   $@"
	@$(KCC) $(GUEST_CFLAGS) -c $(GUEST_SRC.$*.bin) -o $(@D)/$*.main.o
	@$(KCC) $(GUEST_CFLAGS) -c tests/guests/lib/guest.c -o $(@D)/$*.lib.o
	@$(KCC) $(GUEST_CFLAGS) -c tests/guests/lib/start.S -o $(@D)/$*.start.o
	@$(KLD) $(GUEST_LDFLAGS) -T tests/guests/lib/guest.ld -o $@ \
		$(@D)/$*.start.o $(@D)/$*.main.o $(@D)/$*.lib.o

$(GUEST_DIR)/%.bin: $(GUEST_DIR)/%.elf
	@objcopy -O binary $< $@

.PRECIOUS: $(GUEST_DIR)/%.elf

guest_image = $(if $(filter $(1),$(GUEST_IMAGES)),$(GUEST_DIR)/$(1),$(BUNDLE_STUB))

.PHONY: guests
guests: $(GUEST_BINS)
all: guests
