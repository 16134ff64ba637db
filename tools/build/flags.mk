# SPDX-License-Identifier: BSD-2-Clause
# Compiler flags shared by the hypervisor and every library it links.
#
# The hypervisor never touches FPU/SSE/AVX state (the guests own it), so everything that ends up in
# build/bulkhead.elf is compiled with -mgeneral-regs-only; tests/static/check-no-simd.sh proves it.

CC       ?= gcc
KCC      := gcc
KLD      := ld
AR       := ar
OBJDUMP  := objdump

# Flags for any code linked into the hypervisor, ours or third-party.
KERNEL_BASE_CFLAGS := -std=gnu11 -O2 -g -m64 -march=x86-64 \
	-ffreestanding -fno-pic -fno-pie -mcmodel=small \
	-mgeneral-regs-only -mno-red-zone \
	-fno-stack-protector -fcf-protection=none -U_FORTIFY_SOURCE \
	-fno-omit-frame-pointer -mno-omit-leaf-frame-pointer \
	-fno-strict-aliasing -fno-common \
	-fno-asynchronous-unwind-tables -fno-unwind-tables

# Extra strictness for our own sources only.
KERNEL_WARN_CFLAGS := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-Wno-unused-parameter -Wvla -Wpointer-arith

KERNEL_ASFLAGS := -m64 -D__ASSEMBLY__

KERNEL_LDFLAGS := -nostdlib -static -no-pie -z max-page-size=0x1000 -z noexecstack \
	--build-id=none

# Host tools and host unit tests are ordinary userspace programs.
HOST_CC     ?= gcc
HOST_CFLAGS := -std=gnu11 -O1 -g -Wall -Wextra -Werror -Wno-unused-parameter -DHOST_BUILD
