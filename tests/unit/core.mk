# SPDX-License-Identifier: BSD-2-Clause
# Unit tests of the kernel core's pure pieces (console formatting, command line, symbol lookup).

UNIT_TESTS += console cmdline ksyms tsc_source
UNIT_SRCS_console := kernel/console/format.c
UNIT_SRCS_cmdline := kernel/boot/cmdline.c
UNIT_SRCS_ksyms   := kernel/cpu/ksyms.c
UNIT_SRCS_tsc_source := kernel/smp/tsc_source.c
