# SPDX-License-Identifier: BSD-2-Clause
# Nested virtualization (nested/): linked into the hypervisor after kernel/kernel.mk set it up.

NESTED_SRCS := nested/nested.c nested/shadow_table.c $(addprefix nested/svm/, nested_svm.c insn.c vmcb02.c exit.c \
	vmcb12_checks.c maps12.c npt12.c npt12_walk.c vmcb02_control.c)
NESTED_SRCS += $(addprefix nested/vmx/, vmcs12_fields.c vmcs12_checks.c vmcs12_checks_ctls.c \
	vmcs12_checks_events.c vmcs12_checks_host.c vmcs12_checks_guest.c vmcs12_checks_segs.c \
	vmcs12_checks_state.c nested_vmx.c caps12.c insn.c operand.c vmcs02.c maps02.c exit.c \
	ept12.c ept12_walk.c shadow.c shadow12.c)
NESTED_OBJS := $(patsubst %,$(KOBJ)/%.o,$(NESTED_SRCS))
KERNEL_OBJS += $(NESTED_OBJS)
KERNEL_INCLUDES += -Inested
$(BUILD)/bulkhead.pass1.elf $(KERNEL_ELF): $(NESTED_OBJS)
-include $(NESTED_OBJS:.o=.d)

include tests/unit/nested.mk
