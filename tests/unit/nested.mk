# SPDX-License-Identifier: BSD-2-Clause
# Unit tests of nested SVM's pure pieces: the VMRUN consistency checks and L1's permission maps.

UNIT_TESTS += vmcb12_checks svm_event
UNIT_SRCS_svm_event := nested/svm/vmcb12_checks.c
UNIT_SRCS_vmcb12_checks := nested/svm/vmcb12_checks.c nested/svm/maps12.c nested/svm/npt12_walk.c \
	nested/svm/vmcb02_control.c
UNIT_CFLAGS  += -Inested -Inested/svm
UNIT_HEADERS += $(wildcard nested/svm/*.h)

# Nested VMX: the VMCS12 field table, the VM-entry checks, the EPT12 walk.
UNIT_TESTS += vmcs12_fields vmcs12_checks vmcs12_guest ept12_walk
UNIT_SRCS_vmcs12_fields := nested/vmx/vmcs12_fields.c
VMCS12_CHECK_SRCS := $(addprefix nested/vmx/, vmcs12_checks.c vmcs12_checks_ctls.c \
	vmcs12_checks_events.c vmcs12_checks_host.c vmcs12_checks_guest.c vmcs12_checks_segs.c \
	vmcs12_checks_state.c) tests/unit/vmcs12_fixture.c
UNIT_SRCS_vmcs12_checks := $(VMCS12_CHECK_SRCS)
UNIT_SRCS_vmcs12_guest := $(VMCS12_CHECK_SRCS)
UNIT_SRCS_ept12_walk := nested/vmx/ept12_walk.c
UNIT_CFLAGS  += -Inested/vmx
UNIT_HEADERS += $(wildcard nested/vmx/*.h)
