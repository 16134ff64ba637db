# SPDX-License-Identifier: BSD-2-Clause
# The partition description: pure parser and validator (partitions/*.c, compiled into the
# hypervisor and into host tools and tests), the boot-time loader, and the host copy of libfdt.
#
# Host code uses the same libfdt as the hypervisor: lib/libfdt of the arm-trusted-firmware
# source package that tools/build/deps.mk already unpacks, compiled with host flags into
# $(BUILD)/host/<flavour>/libfdt.a. No libfdt-dev package is needed, and host tools, unit tests
# and the fuzzer parse with exactly the library the hypervisor runs.

CFG_PURE_SRCS := $(addprefix partitions/, diag.c names.c suggest.c walk.c fdt_read.c \
	parse_root.c parse_partition.c parse_memory.c parse_module.c parse_channel.c parse_reserved.c \
	check_cpus.c check_memory.c check_ports.c check_devices.c check_channels.c check_reserved.c \
	check_policy.c check_images.c check_pci.c machine.c validate.c table.c)
# The boot protocols' pure parsers and builders (guest images, multiboot information): into
# the hypervisor, the unit tests and the image fuzzer.
BOOT_PROTO_PURE_SRCS := $(addprefix partitions/, elf_image.c mb_header.c mb1_header.c mb_layout.c \
	mb_info.c mb_modules.c bzimage.c boot_params.c linux_layout.c)
CFG_KERNEL_SRCS := $(CFG_PURE_SRCS) partitions/boot_config.c partitions/partition.c \
	partitions/place.c partitions/start.c \
	$(BOOT_PROTO_PURE_SRCS) partitions/load.c partitions/load_raw64.c partitions/load_multiboot.c partitions/lifecycle.c \
	partitions/load_linux.c partitions/channel.c partitions/health.c partitions/token_bucket.c \
	partitions/watchdog.c partitions/dma.c
CFG_HEADERS      = $(wildcard partitions/*.h)
# A partition's firmware view: pure ACPI/memory-map builders (not in host tools: they need
# kernel/acpi), and the kernel side that writes them into the partition.
FW_PURE_SRCS := $(addprefix partitions/, acpi_build.c acpi_aml.c memmap.c)
CFG_KERNEL_SRCS += $(FW_PURE_SRCS) partitions/firmware.c

# Into the hypervisor: kernel.mk's link rules take these objects too.
CFG_KERNEL_OBJS := $(patsubst %,$(KOBJ)/%.o,$(CFG_KERNEL_SRCS))
KERNEL_OBJS     += $(CFG_KERNEL_OBJS)
KERNEL_INCLUDES += -Ipartitions
$(BUILD)/bulkhead.pass1.elf $(KERNEL_ELF): $(CFG_KERNEL_OBJS)
-include $(CFG_KERNEL_OBJS:.o=.d)

# ---------------------------------------------------------------------------------------------
# libfdt for the host: only what the parser uses (read-only access and error strings).

HOST_LIBFDT_INC  := $(LIBFDT_DIR)/include/lib/libfdt
HOST_LIBFDT_SRCS := fdt fdt_ro fdt_strerror
HOST_LIBFDT_SAN  := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

# $(BUILD)/host/<flavour>/libfdt.a, flavour: plain (tools) or san (unit tests, ASan+UBSan).
HOST_LIBFDT_CFLAGS.plain := -O2
HOST_LIBFDT_CFLAGS.san   := -O1 $(HOST_LIBFDT_SAN)

$(BUILD)/host/%/libfdt.a: $(LIBFDT_DIR)/extract.stamp $(DEPS_MAKEFILES) partitions/partitions.mk
	@echo "  HOSTCC  libfdt ($*)"
	@rm -rf $(@D)/libfdt && mkdir -p $(@D)/libfdt
	@for f in $(HOST_LIBFDT_SRCS); do \
		$(HOST_CC) -std=gnu11 -g -Wall $(HOST_LIBFDT_CFLAGS.$*) -I$(HOST_LIBFDT_INC) \
			-c $(LIBFDT_DIR)/lib/libfdt/$$f.c -o $(@D)/libfdt/$$f.o || exit 1; \
	done
	@rm -f $@ && $(AR) rcs $@ $(@D)/libfdt/*.o

.PRECIOUS: $(BUILD)/host/%/libfdt.a
