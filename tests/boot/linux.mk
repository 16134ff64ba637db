# SPDX-License-Identifier: BSD-2-Clause
# The stock Linux guest of tests/boot/test_linux.py: Debian's kernel and busybox-static, fetched
# once into $(BUILD)/cache/deb (tools/build/fetch-debs.sh, kept by `make clean`), and an
# initramfs built from them and tests/guests/linux/init under $(BUILD)/linux. Nothing a package
# has is committed.

LINUX_DIR  := $(BUILD)/linux
LINUX_DEBS := $(BUILD)/cache/deb
LINUX_KERNEL    := $(LINUX_DIR)/vmlinuz
LINUX_INITRAMFS := $(LINUX_DIR)/initramfs.cpio
LINUX_KVM_INITRAMFS := $(LINUX_DIR)/initramfs-kvm.cpio

# One apt run per package; the script skips what the cache already holds.
$(LINUX_DEBS)/%.deb: | setup-build
	@tools/build/fetch-debs.sh $(BUILD)/cache $*

$(LINUX_KERNEL): $(LINUX_DEBS)/linux-image-amd64.deb
	@mkdir -p $(@D)
	@echo "  EXTRACT $@"
	@dpkg-deb --fsys-tarfile $< | tar -xO --wildcards './boot/vmlinuz-*' > $@.tmp
	@mv $@.tmp $@

$(LINUX_DIR)/busybox: $(LINUX_DEBS)/busybox-static.deb
	@mkdir -p $(@D)
	@echo "  EXTRACT $@"
	@dpkg-deb --fsys-tarfile $< | tar -xO ./bin/busybox > $@.tmp
	@mv $@.tmp $@

# The msr driver is a module in Debian's kernel; hostile.c loads it for /dev/cpu/0/msr.
$(LINUX_DIR)/msr.ko: $(LINUX_DEBS)/linux-image-amd64.deb
	@mkdir -p $(@D)
	@echo "  EXTRACT $@"
	@dpkg-deb --fsys-tarfile $< | \
		tar -xO --wildcards './lib/modules/*/kernel/arch/x86/kernel/msr.ko' > $@.tmp
	@mv $@.tmp $@

# Our programs that run on Linux (hostile.c, kvmtest.c, linuxbench.c): the host's compiler and
# libc, static, as the initramfs has no libc.
LINUX_PROGS := $(addprefix $(LINUX_DIR)/,hostile kvmtest linuxbench)
$(LINUX_PROGS): $(LINUX_DIR)/%: tests/guests/linux/%.c | setup-build
	@mkdir -p $(@D)
	@echo "  HOSTCC  $@"
	@$(HOST_CC) -std=gnu11 -O2 -Wall -Wextra -Werror -static -o $@ $<

# What every initramfs here holds: busybox as /bin/sh, the console and /dev/kmsg.
LINUX_CPIO_BASE := dir:/bin dir:/dev dir:/proc dir:/sys nod:/dev/console=c:5:1 \
	nod:/dev/kmsg=c:1:11 file:/bin/busybox=$(LINUX_DIR)/busybox:0755 link:/bin/sh=busybox

# The bundle of a Linux test: the description's .dtb ($<), the kernel, and the images $(1)
# (mkimage pack -i arguments).
define LINUX_BUNDLE
	@mkdir -p $(@D)
	@echo "  BUNDLE  $@"
	$(BUNDLE_DEV_WARNING)
	@$(MKIMAGE) pack -c $< -i vmlinuz=$(LINUX_KERNEL) $(1) -o $@.unsigned >/dev/null
	@$(MKIMAGE) sign -k $(BUNDLE_KEY).key -V $(BUNDLE_VERSION) -o $@ $@.unsigned >/dev/null
	@rm -f $@.unsigned
endef

# Its kexec payload: a flat image for the address hostile.c loads it at.
$(LINUX_DIR)/kexec-payload.bin: tests/guests/linux/kexec_payload.S | setup-build
	@mkdir -p $(@D)
	@echo "  AS      $@"
	@$(KCC) -c -o $(@D)/kexec-payload.o $<
	@$(KLD) -nostdlib -static -Ttext=0x100000 -e payload_start --build-id=none \
		-o $(@D)/kexec-payload.elf $(@D)/kexec-payload.o
	@objcopy -O binary -j .text $(@D)/kexec-payload.elf $@

$(LINUX_INITRAMFS): $(LINUX_DIR)/busybox $(LINUX_DIR)/msr.ko $(LINUX_DIR)/hostile \
		$(LINUX_DIR)/kexec-payload.bin tests/guests/linux/init tools/build/mkcpio.py
	@echo "  CPIO    $@"
	@$(PYTHON) tools/build/mkcpio.py $@ $(LINUX_CPIO_BASE) nod:/dev/mem=c:1:1 \
		dir:/dev/cpu dir:/dev/cpu/0 nod:/dev/cpu/0/msr=c:202:0 \
		dir:/lib dir:/lib/modules file:/lib/modules/msr.ko=$(LINUX_DIR)/msr.ko:0644 \
		file:/hostile=$(LINUX_DIR)/hostile:0755 \
		file:/kexec-payload.bin=$(LINUX_DIR)/kexec-payload.bin:0644 \
		file:/init=tests/guests/linux/init:0755

# The bundle carries the kernel and initramfs under the names tests/config/linux.dts gives.
$(BUNDLE_DIR)/tests/linux.bundle: $(BUILD)/tests/config/linux.dtb $(LINUX_KERNEL) \
		$(LINUX_INITRAMFS) $(GUEST_DIR)/victim-long.bin $(BUNDLE_KEY).key $(MKIMAGE) \
		tests/config/linux.dts
	$(call LINUX_BUNDLE,-i initramfs.cpio=$(LINUX_INITRAMFS) \
		-i victim-long.bin=$(GUEST_DIR)/victim-long.bin)

BOOT_ISOS += linux
BOOT_ISO_CMDLINE.linux := loglevel=info
BOOT_ISO_MODULES.linux := $(BUNDLE_DIR)/tests/linux.bundle

.PHONY: linux-guest
linux-guest: $(LINUX_KERNEL) $(LINUX_INITRAMFS) $(LINUX_KVM_INITRAMFS)

# Linux KVM as L1 (tests/boot/test_linux_kvm.py): the same kernel with kvm_amd and what it needs
# from the kernel package's modules (their modules.dep order), and kvmtest, our /dev/kvm user,
# built by the host's gcc as a static binary (the initramfs has no libc).
LINUX_KVM_MODULES := irqbypass ccp kvm kvm-amd
LINUX_KVM_MODDIR  := $(LINUX_DIR)/modules

$(LINUX_KVM_MODDIR)/.stamp: $(LINUX_DEBS)/linux-image-amd64.deb
	@mkdir -p $(@D)
	@echo "  EXTRACT $(@D)"
	@dpkg-deb --fsys-tarfile $< | tar -x -C $(@D) --wildcards --no-anchored --transform='s,.*/,,' \
		$(patsubst %,'*/%.ko',$(LINUX_KVM_MODULES))
	@touch $@

# Linux KVM's modules, /dev/kvm and kvmtest, in the KVM and bench initramfs.
LINUX_CPIO_KVM := dir:/lib dir:/lib/modules nod:/dev/kvm=c:10:232 \
	file:/bin/kvmtest=$(LINUX_DIR)/kvmtest:0755 \
	$(foreach m,$(LINUX_KVM_MODULES),file:/lib/modules/$(m).ko=$(LINUX_KVM_MODDIR)/$(m).ko:0644)

$(LINUX_KVM_INITRAMFS): $(LINUX_DIR)/busybox $(LINUX_DIR)/kvmtest $(LINUX_KVM_MODDIR)/.stamp \
		tests/guests/linux/kvm-init tools/build/mkcpio.py
	@echo "  CPIO    $@"
	@$(PYTHON) tools/build/mkcpio.py $@ $(LINUX_CPIO_BASE) $(LINUX_CPIO_KVM) \
		file:/init=tests/guests/linux/kvm-init:0755

$(BUNDLE_DIR)/tests/linux-kvm.bundle: $(BUILD)/tests/config/linux-kvm.dtb $(LINUX_KERNEL) \
		$(LINUX_KVM_INITRAMFS) $(GUEST_DIR)/victim-long.bin $(BUNDLE_KEY).key $(MKIMAGE) \
		tests/config/linux-kvm.dts
	$(call LINUX_BUNDLE,-i initramfs-kvm.cpio=$(LINUX_KVM_INITRAMFS) \
		-i victim-long.bin=$(GUEST_DIR)/victim-long.bin)

BOOT_ISOS += linux-kvm
BOOT_ISO_CMDLINE.linux-kvm := loglevel=info
BOOT_ISO_MODULES.linux-kvm := $(BUNDLE_DIR)/tests/linux-kvm.bundle

# make bench (tests/bench/bench.mk): one initramfs for both Linux figures, the boot and an L2
# CPUID through kvm_amd (tests/guests/linux/bench-init picks by the command line).
LINUX_BENCH_INITRAMFS := $(LINUX_DIR)/initramfs-bench.cpio

$(LINUX_BENCH_INITRAMFS): $(LINUX_DIR)/busybox $(LINUX_DIR)/kvmtest $(LINUX_DIR)/linuxbench \
		$(LINUX_KVM_MODDIR)/.stamp tests/guests/linux/bench-init tools/build/mkcpio.py
	@echo "  CPIO    $@"
	@$(PYTHON) tools/build/mkcpio.py $@ $(LINUX_CPIO_BASE) $(LINUX_CPIO_KVM) \
		file:/bin/linuxbench=$(LINUX_DIR)/linuxbench:0755 \
		file:/init=tests/guests/linux/bench-init:0755

$(BUNDLE_DIR)/tests/bench-linux%bundle: $(BUILD)/tests/config/bench-linux%dtb $(LINUX_KERNEL) \
		$(LINUX_BENCH_INITRAMFS) $(BUNDLE_KEY).key $(MKIMAGE) tests/config/bench-linux%dts
	$(call LINUX_BUNDLE,-i initramfs-bench.cpio=$(LINUX_BENCH_INITRAMFS))

BOOT_ISOS += bench-linux bench-linux-kvm
BOOT_ISO_CMDLINE.bench-linux := loglevel=info
BOOT_ISO_MODULES.bench-linux := $(BUNDLE_DIR)/tests/bench-linux.bundle
BOOT_ISO_CMDLINE.bench-linux-kvm := loglevel=info
BOOT_ISO_MODULES.bench-linux-kvm := $(BUNDLE_DIR)/tests/bench-linux-kvm.bundle
