# SPDX-License-Identifier: BSD-2-Clause
# Test guests (tests/guests/): freestanding raw64 flat binaries the demo and test bundles carry.
#
# GUEST_IMAGES names the bundle images that are real guests; every other image name a
# description gives still gets the placeholder stub (kernel/bundle/bundle.mk). Add a guest:
#   GUEST_IMAGES       += name.bin
#   GUEST_SRC.name.bin := tests/guests/name.c
# Each links tests/guests/lib/ (README.md there).

GUEST_DIR    := $(BUILD)/guests
GUEST_LIB    := $(addprefix tests/guests/lib/, start.S trap.S trampoline.S guest.c fmt.c idt.c \
	apic.c acpi.c smp.c l2_vmcb.c pci.c edu.c)
GUEST_HDRS   := $(wildcard tests/guests/lib/*.h tests/guests/*.h) tests/guests/lib/guest.ld \
	vcpu/hypercall.h vcpu/channel_abi.h
GUEST_CFLAGS := -std=gnu11 -O2 -g -m64 -ffreestanding -fno-pic -fno-pie -mcmodel=small \
	-mgeneral-regs-only -mno-red-zone -fno-stack-protector -fcf-protection=none \
	-fno-asynchronous-unwind-tables -Wall -Wextra -Werror -Itests/guests/lib -Ivcpu
GUEST_LDFLAGS := -nostdlib -static -no-pie -z max-page-size=0x1000 -z noexecstack --build-id=none \
	--no-warn-rwx-segments

# Image name in the bundle -> the guest program that is built under it.
GUEST_IMAGES := sensor.bin fault.bin smp.bin timer.bin victim.bin hostile-mem.bin \
	hostile-ipi.bin hostile-io-msr.bin triple.bin bench.bin serial-irq.bin xcr0.bin victim-long.bin
GUEST_SRC.sensor.bin         := tests/guests/hello.c
GUEST_SRC.fault.bin          := tests/guests/fault.c
GUEST_SRC.smp.bin            := tests/guests/smp.c
GUEST_SRC.timer.bin          := tests/guests/timer.c
GUEST_SRC.serial-irq.bin     := tests/guests/serial_irq.c
GUEST_SRC.victim.bin         := tests/guests/victim.c
# The same victim without an end, beside a Linux partition (test_linux.py, test_linux_kvm.py):
# however long Linux takes on a loaded host, the test judges it by its tick lines after the
# attack and ends the run.
GUEST_SRC.victim-long.bin    := tests/guests/victim.c
GUEST_CFLAGS.victim-long.bin := -DVICTIM_TICKS=0
GUEST_SRC.hostile-mem.bin    := tests/guests/hostile_mem.c
GUEST_SRC.hostile-ipi.bin    := tests/guests/hostile_ipi.c
GUEST_SRC.hostile-io-msr.bin := tests/guests/hostile_io_msr.c
GUEST_SRC.triple.bin         := tests/guests/triple.c
GUEST_SRC.bench.bin          := tests/guests/bench.c
GUEST_SRC.xcr0.bin           := tests/guests/xcr0.c
# Channels and health (tests/boot/test_health.py).
GUEST_IMAGES += chan-writer.bin chan-reader.bin monitor.bin watchdog.bin
GUEST_SRC.watchdog.bin       := tests/guests/watchdog.c
GUEST_SRC.chan-writer.bin    := tests/guests/chan_writer.c
GUEST_SRC.chan-reader.bin    := tests/guests/chan_reader.c
GUEST_SRC.monitor.bin        := tests/guests/monitor.c
# PCI passthrough with QEMU's edu (tests/boot/test_pci.py).
GUEST_IMAGES += edu-owner.bin pci-probe.bin legacy-irq.bin
GUEST_SRC.legacy-irq.bin     := tests/guests/legacy_irq.c
GUEST_IMAGES += uhci.bin
GUEST_SRC.uhci.bin           := tests/guests/uhci.c
GUEST_SRC.edu-owner.bin      := tests/guests/edu_owner.c
GUEST_SRC.pci-probe.bin      := tests/guests/pci_probe.c
# DMA isolation with the IOMMU (tests/boot/test_iommu.py).
GUEST_IMAGES += dma-victim.bin dma-hostile.bin dma-forger.bin
GUEST_SRC.dma-victim.bin     := tests/guests/dma_victim.c
GUEST_SRC.dma-hostile.bin    := tests/guests/dma_hostile.c
GUEST_SRC.dma-forger.bin     := tests/guests/dma_hostile.c
GUEST_CFLAGS.dma-forger.bin  := -DDMA_FORGE_MSI=1
GUEST_BINS := $(addprefix $(GUEST_DIR)/,$(GUEST_IMAGES))

# The library, compiled once for all guests.
GUEST_LIB_OBJS := $(patsubst tests/guests/lib/%,$(GUEST_DIR)/lib/%.o,$(GUEST_LIB))

$(GUEST_DIR)/lib/%.o: tests/guests/lib/% $(GUEST_HDRS) | setup-build
	@mkdir -p $(@D)
	@echo "  GUEST   $@"
	@$(KCC) $(GUEST_CFLAGS) -c $< -o $@

.SECONDEXPANSION:

$(GUEST_DIR)/%.elf: $$(GUEST_SRC.$$*.bin) $(GUEST_LIB_OBJS) $(GUEST_HDRS) \
		tests/guests/guests.mk | setup-build
	@mkdir -p $(@D)
	@echo "  GUEST   $@"
	@$(KCC) $(GUEST_CFLAGS) $(GUEST_CFLAGS.$*.bin) -c $(GUEST_SRC.$*.bin) -o $(@D)/$*.main.o
	@$(KLD) $(GUEST_LDFLAGS) -T tests/guests/lib/guest.ld -o $@ \
		$(GUEST_DIR)/lib/start.S.o $(@D)/$*.main.o $(filter-out %/start.S.o,$(GUEST_LIB_OBJS))

$(GUEST_DIR)/%.bin: $(GUEST_DIR)/%.elf
	@objcopy -O binary $< $@

.PRECIOUS: $(GUEST_DIR)/%.elf

guest_image = $(if $(filter $(1),$(GUEST_IMAGES)),$(GUEST_DIR)/$(1),$(BUNDLE_STUB))

.PHONY: guests
guests: $(GUEST_BINS)
all: guests

# ---------------------------------------------------------------------------------------------
# Multiboot test guests (tests/guests/mb/): ELF images entered in 32-bit protected mode.
# mb2guest.elf carries a multiboot2 header (ELF64); mb1guest.elf a multiboot one, converted to
# ELF32 so both ELF classes are loaded. Same checks in both (tests/guests/mb/mb.c).

GUEST_MB_IMAGES := mb2guest.elf mb1guest.elf
GUEST_IMAGES    += $(GUEST_MB_IMAGES)
GUEST_BINS      += $(addprefix $(GUEST_DIR)/,$(GUEST_MB_IMAGES))
GUEST_MB_SRCS   := tests/guests/mb/start32.S tests/guests/mb/mb.c
# ELF class of each: objcopy's output target.
GUEST_MB_BFD.2  := elf64-x86-64
GUEST_MB_BFD.1  := elf32-i386

# The shortest stem wins over $(GUEST_DIR)/%.elf above. The library's raw64 start.S is left out.
$(GUEST_DIR)/mb%guest.elf: $(GUEST_MB_SRCS) $(GUEST_LIB_OBJS) $(GUEST_HDRS) \
		tests/guests/guests.mk | setup-build
	@mkdir -p $(@D)
	@echo "  GUEST   $@"
	@$(KCC) $(GUEST_CFLAGS) -DMB_PROTO=$* -c tests/guests/mb/start32.S -o $(@D)/mb$*.start32.o
	@$(KCC) $(GUEST_CFLAGS) -c tests/guests/mb/mb.c -o $(@D)/mb$*.main.o
	@$(KLD) $(GUEST_LDFLAGS) -T tests/guests/lib/guest.ld -o $@.tmp $(@D)/mb$*.start32.o \
		$(@D)/mb$*.main.o $(filter-out %/start.S.o,$(GUEST_LIB_OBJS))
	@objcopy -O $(GUEST_MB_BFD.$*) $@.tmp $@ && rm -f $@.tmp
