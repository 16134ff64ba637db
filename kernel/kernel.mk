# SPDX-License-Identifier: BSD-2-Clause
# The hypervisor image: build/bulkhead.elf, linked twice so that stack traces can name functions.

KERNEL_ELF := $(BUILD)/bulkhead.elf
KOBJ       := $(BUILD)/obj

# The platform tables' pure parsers, shared with bulkhead-inspect and the unit tests.
ACPI_TABLE_SRCS := $(addprefix kernel/acpi/, sdt.c mcfg.c hpet.c srat.c dmar.c ivrs.c)

KERNEL_SRCS := \
	kernel/arch/boot.S kernel/arch/ap_boot.S kernel/arch/entry.S \
	kernel/main.c kernel/boot/mb2.c kernel/boot/cmdline.c \
	kernel/console/format.c kernel/console/uart.c kernel/console/console.c \
	kernel/cpu/percpu.c kernel/cpu/idt.c kernel/cpu/traps.c kernel/cpu/ksyms.c \
	kernel/cpu/cpuinfo.c kernel/cpu/reset.c \
	kernel/mm/pmm.c kernel/mm/mm.c kernel/mm/paging.c \
	kernel/acpi/acpi.c kernel/acpi/madt.c kernel/acpi/platform.c $(ACPI_TABLE_SRCS) \
	kernel/smp/lapic.c kernel/smp/lapic_reset.c kernel/smp/tsc.c kernel/smp/tsc_source.c kernel/smp/smp.c \
	kernel/smp/irq_quiesce.c \
	kernel/iommu/iommu.c kernel/iommu/io_pgtable.c kernel/iommu/vtd.c kernel/iommu/vtd_qi.c kernel/iommu/vtd_ir.c kernel/iommu/vtd_entries.c \
	kernel/iommu/amd_vi.c kernel/iommu/amd_vi_entries.c \
	kernel/lib/newlib_glue.c kernel/crypto/selftest.c \
	vcpu/virt_probe.c vcpu/svm/svm_caps.c vcpu/vmx/vmx_caps.c \
	vcpu/vcpu.c vcpu/io.c vcpu/hypercall.c vcpu/hypercall_health.c vcpu/cpuid.c vcpu/msr.c vcpu/vcpu_state.c \
	vcpu/xsetbv.c vcpu/xcr0.c vcpu/core_msrs.c \
	vcpu/svm/svm_ops.c vcpu/svm/svm_vmcb.c vcpu/svm/svm_exit.c vcpu/svm/svm_maps.c \
	vcpu/svm/npt.c vcpu/svm/svm_run.S \
	vcpu/msr_allow.c \
	vcpu/vmx/vmx_ops.c vcpu/vmx/vmx_vmcs.c vcpu/vmx/vmx_exit.c vcpu/vmx/vmx_cr.c \
	vcpu/vmx/vmx_events.c vcpu/vmx/vmx_error.c vcpu/vmx/vmx_ctls.c vcpu/vmx/vmx_guest.c \
	vcpu/vmx/vmx_check.c vcpu/vmx/vmx_maps.c vcpu/vmx/ept.c vcpu/vmx/vmx_run.S

# Local APIC isolation: the trapped xAPIC page, its decoder, the IPI filter, x2APIC mode.
KERNEL_SRCS += vcpu/gpt_walk.c vcpu/insn_decode.c vcpu/mmio.c vcpu/icr_route.c vcpu/vlapic.c \
	vcpu/vlapic_ipi.c vcpu/x2apic.c vcpu/vlapic_x2apic.c vcpu/vuart.c vcpu/vioapic_regs.c \
	vcpu/vioapic.c

KERNEL_OBJS := $(patsubst %,$(KOBJ)/%.o,$(KERNEL_SRCS))
KERNEL_LDS  := kernel/arch/linker.ld
KERNEL_INCLUDES := -Ikernel/include -Ikernel/iommu -Ivcpu -I$(BUILD)/include
# Asked once, when first needed: on a fresh machine gcc may only exist after setup-build ran.
LIBGCC = $(eval LIBGCC := $(shell $(KCC) -print-libgcc-file-name))$(LIBGCC)

KERNEL_CFLAGS = $(KERNEL_BASE_CFLAGS) $(KERNEL_WARN_CFLAGS) $(DEPS_CPPFLAGS) $(KERNEL_INCLUDES) \
	-MMD -MP

$(KOBJ)/%.c.o: %.c $(BUILD)/include/version.h | $(DEPS_STAMP)
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(KCC) $(KERNEL_CFLAGS) -c $< -o $@

$(KOBJ)/%.S.o: %.S | $(DEPS_STAMP)
	@mkdir -p $(@D)
	@echo "  AS      $<"
	@$(KCC) $(KERNEL_ASFLAGS) $(KERNEL_INCLUDES) -MMD -MP -c $< -o $@

# Rewritten only when the text changes, so a new commit relinks but does not rebuild everything.
$(BUILD)/include/version.h: FORCE
	@mkdir -p $(@D)
	@printf '#define BULKHEAD_VERSION "%s"\n#define BULKHEAD_GITREV "%s"\n' \
		'$(VERSION)' '$(GITREV)' > $@.tmp
	@cmp -s $@.tmp $@ && rm $@.tmp || mv $@.tmp $@

KERNEL_LINK = $(KLD) $(KERNEL_LDFLAGS) -T $(KERNEL_LDS) -o $@ $(1) \
	--start-group $(DEPS_LIBS) $(LIBGCC) --end-group

# Pass 1 has no symbol table; pass 2 adds it after all text, so no function moves.
$(BUILD)/bulkhead.pass1.elf: $(KERNEL_OBJS) $(KERNEL_LDS) $(DEPS_LIBS)
	@echo "  LD      $@"
	@$(call KERNEL_LINK,$(KERNEL_OBJS))

$(BUILD)/ksyms.c: $(BUILD)/bulkhead.pass1.elf tools/build/ksyms.sh
	@tools/build/ksyms.sh $< > $@

$(KOBJ)/ksyms.o: $(BUILD)/ksyms.c
	@$(KCC) $(KERNEL_BASE_CFLAGS) -Ikernel/include -c $< -o $@

$(KERNEL_ELF): $(KERNEL_OBJS) $(KOBJ)/ksyms.o $(KERNEL_LDS) $(DEPS_LIBS)
	@echo "  LD      $@"
	@$(call KERNEL_LINK,$(KERNEL_OBJS) $(KOBJ)/ksyms.o)
	@tools/build/ksyms.sh --compare $(BUILD)/bulkhead.pass1.elf $@

.PHONY: FORCE kernel
FORCE:
kernel: $(KERNEL_ELF)

-include $(KERNEL_OBJS:.o=.d)
