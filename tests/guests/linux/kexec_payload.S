// SPDX-License-Identifier: BSD-2-Clause
// The ring-0 program hostile.c kexecs into: with no Linux left around it, it sends IPIs out of the
// partition directly and through the I/O APIC, resets the machine through its ports, then writes
// the victim's host address.
//
// Linux 6.1's relocate_kernel (arch/x86/kernel/relocate_kernel_64.S) enters it at its load
// address in 64-bit mode, interrupts off, on page tables that map RAM only, with CR4 down to PAE
// and, if Linux ran with five levels, LA57; the GDT and IDT are gone, so any exception here is a
// triple fault. It builds its own identity map of the first 4 GiB (the APIC page and the victim's
// address are not RAM to Linux) and never reloads a segment. Lines go to the partition's virtual
// 16550 at 0x3f8; Bulkhead's console prints them after "linux: ".

#define UART_DATA	0x3f8
#define UART_LSR	0x3fd
#define LSR_THRE	0x20
#define UART_SPINS	100000
#define MSR_APIC_BASE	0x1b
#define APIC_BASE_ADDR	0xffffff000
#define XAPIC_ICR_LO	0x300
#define XAPIC_ICR_HI	0x310
#define DEST_SHIFT	24
#define ICR_INIT	0x4500 /* INIT, level assert */
#define ICR_SIPI	0x4600
#define ICR_NMI		0x4400
#define ICR_FIXED	0x4000
#define ICR_ALL_BUT_SELF 0xc0000
#define FIXED_VECTOR	0x40
#define SIPI_PAGE	0x08
#define VICTIM_APIC_ID	3 /* tests/config/linux.dts */
#define HOST_APIC_ID	0 /* Bulkhead's own first CPU, in no partition */
#define IOAPIC_BASE	0xfec00000 /* the partition's virtual I/O APIC (its MADT) */
#define IOAPIC_REGSEL	0x00
#define IOAPIC_WINDOW	0x10
#define RTE_COM1_LO	0x18 /* redirection entry of pin 4, the console UART's */
#define RTE_COM1_HI	0x19
#define RTE_MASKED	0x10000
#define UART_IER	0x3f9
#define UART_LCR	0x3fb
#define UART_MCR	0x3fc
#define LCR_8N1		0x03
#define MCR_OUT2	0x08
#define IER_THRI	0x02
#define KBC_COMMAND	0x64
#define KBC_PULSE_RESET	0xfe
#define RESET_CONTROL	0xcf9
#define RESET_CPU_HARD	0x06
#define VICTIM_GPA	0x30000000 /* the victim's host address, far past this partition's memory */
#define POISON		0x4242424242424242
#define CR4_LA57	(1 << 12)
#define PAGE_SIZE	4096
#define PTE_TABLE	0x03 /* present, writable */
#define PDE_2M		0x83 /* present, writable, 2 MiB page */
#define PDE_UNCACHED	0x18 /* PWT, PCD: the 4th GiB is the MMIO hole */
#define PDE_COUNT	2048 /* 4 GiB of 2 MiB pages */
#define PDE_MMIO_FIRST	1536
#define PD_PAGES	4
#define PD_SHIFT	21

	.code64
	.text
	.globl payload_start
payload_start:
	cli
	lea	stack_top(%rip), %rsp
	call	identity_map
	lea	msg_entered(%rip), %rsi
	call	puts
	call	send_ipis
	lea	msg_ipis(%rip), %rsi
	call	puts
	call	ioapic_to_victim
	lea	msg_ioapic(%rip), %rsi
	call	puts
	call	resets
	lea	msg_survived(%rip), %rsi
	call	puts
	mov	$VICTIM_GPA, %edi
	movabs	$POISON, %rax
	mov	%rax, (%rdi)
	lea	msg_returned(%rip), %rsi
	call	puts
1:	hlt
	jmp	1b

/* PML4 (under a PML5 when LA57 is on: it cannot be turned off in long mode), one PDPT, four PDs. */
identity_map:
	lea	pd(%rip), %rdi
	xor	%ecx, %ecx
1:	mov	%rcx, %rdx
	shl	$PD_SHIFT, %rdx
	or	$PDE_2M, %rdx
	cmp	$PDE_MMIO_FIRST, %ecx
	jb	2f
	or	$PDE_UNCACHED, %rdx
2:	mov	%rdx, (%rdi, %rcx, 8)
	inc	%ecx
	cmp	$PDE_COUNT, %ecx
	jb	1b
	lea	pdpt(%rip), %rdi
	lea	pd + PTE_TABLE(%rip), %rdx
	xor	%ecx, %ecx
3:	mov	%rdx, (%rdi, %rcx, 8)
	add	$PAGE_SIZE, %rdx
	inc	%ecx
	cmp	$PD_PAGES, %ecx
	jb	3b
	lea	pml4(%rip), %rax
	lea	pdpt + PTE_TABLE(%rip), %rdx
	mov	%rdx, (%rax)
	mov	%cr4, %rdx
	test	$CR4_LA57, %edx
	jz	4f
	lea	pml5(%rip), %rdi
	or	$PTE_TABLE, %rax
	mov	%rax, (%rdi)
	mov	%rdi, %rax
4:	mov	%rax, %cr3
	ret

/* Each IPI is written as a driver would: ICR high (destination), then ICR low (sends). */
send_ipis:
	mov	$MSR_APIC_BASE, %ecx
	rdmsr
	shl	$32, %rdx
	or	%rax, %rdx
	movabs	$APIC_BASE_ADDR, %rbx
	and	%rdx, %rbx
	lea	ipis(%rip), %rsi
1:	mov	(%rsi), %eax
	test	%eax, %eax
	jz	2f
	mov	4(%rsi), %edx
	mov	%edx, XAPIC_ICR_HI(%rbx)
	mov	%eax, XAPIC_ICR_LO(%rbx)
	add	$8, %rsi
	jmp	1b
2:	ret

/* The console UART's interrupt, routed by the I/O APIC to the victim's CPU, then raised: enabling
 * the transmitter interrupt with the holding register empty asserts it at once. Masked again
 * before the next line is printed, which would raise it anew. */
ioapic_to_victim:
	mov	$IOAPIC_BASE, %ebx
	movl	$RTE_COM1_HI, IOAPIC_REGSEL(%rbx)
	movl	$VICTIM_APIC_ID << DEST_SHIFT, IOAPIC_WINDOW(%rbx)
	movl	$RTE_COM1_LO, IOAPIC_REGSEL(%rbx)
	movl	$FIXED_VECTOR + 1, IOAPIC_WINDOW(%rbx)
	mov	$LCR_8N1, %al
	mov	$UART_LCR, %dx
	out	%al, %dx
	mov	$MCR_OUT2, %al
	mov	$UART_MCR, %dx
	out	%al, %dx
	mov	$IER_THRI, %al
	mov	$UART_IER, %dx
	out	%al, %dx
	xor	%eax, %eax
	out	%al, %dx
	movl	$RTE_COM1_LO, IOAPIC_REGSEL(%rbx)
	movl	$RTE_MASKED, IOAPIC_WINDOW(%rbx)
	ret

/* Either reset would end the machine if it reached the hardware: the next line proves not. */
resets:
	lea	msg_cf9(%rip), %rsi
	call	puts
	mov	$RESET_CONTROL, %dx
	in	%dx, %al
	call	put_hex8
	mov	$RESET_CPU_HARD, %al
	mov	$RESET_CONTROL, %dx
	out	%al, %dx
	lea	msg_kbc(%rip), %rsi
	call	puts
	mov	$KBC_COMMAND, %dx
	in	%dx, %al
	call	put_hex8
	mov	$KBC_PULSE_RESET, %al
	mov	$KBC_COMMAND, %dx
	out	%al, %dx
	lea	msg_resets_done(%rip), %rsi
	jmp	puts

/* %rsi: a NUL-terminated string. */
puts:
	movzbl	(%rsi), %eax
	test	%al, %al
	jz	1f
	call	putc
	inc	%rsi
	jmp	puts
1:	ret

/* %al as "0x" and two hex digits. */
put_hex8:
	movzbl	%al, %r10d
	mov	$'0', %al
	call	putc
	mov	$'x', %al
	call	putc
	mov	%r10d, %eax
	shr	$4, %eax
	call	put_nibble
	mov	%r10d, %eax
put_nibble:
	and	$0xf, %eax
	lea	hex_digits(%rip), %r9
	movzbl	(%r9, %rax), %eax
	/* fall through to putc */

/* %al; waits for THRE a bounded time, as the UART may be anything. */
putc:
	mov	%eax, %r8d
	mov	$UART_LSR, %dx
	mov	$UART_SPINS, %ecx
1:	in	%dx, %al
	test	$LSR_THRE, %al
	jnz	2f
	loop	1b
2:	mov	%r8d, %eax
	mov	$UART_DATA, %dx
	out	%al, %dx
	ret

/* ICR low, ICR high; ends at a zero low word. */
	.balign 8
ipis:
	.long	ICR_INIT, VICTIM_APIC_ID << DEST_SHIFT
	.long	ICR_SIPI | SIPI_PAGE, VICTIM_APIC_ID << DEST_SHIFT
	.long	ICR_NMI, VICTIM_APIC_ID << DEST_SHIFT
	.long	ICR_FIXED | FIXED_VECTOR, VICTIM_APIC_ID << DEST_SHIFT
	.long	ICR_INIT, HOST_APIC_ID << DEST_SHIFT
	.long	ICR_INIT | ICR_ALL_BUT_SELF, 0
	.long	ICR_NMI | ICR_ALL_BUT_SELF, 0
	.long	ICR_FIXED | FIXED_VECTOR | ICR_ALL_BUT_SELF, 0
	.long	0, 0

hex_digits:
	.ascii	"0123456789abcdef"
msg_entered:
	.asciz	"bulkhead-payload: ring 0 after kexec, Linux gone\n"
msg_ipis:
	.ascii	"bulkhead-payload: xAPIC ICR written: INIT, SIPI, NMI, fixed to APIC ID 3; "
	.asciz	"INIT to APIC ID 0; INIT, NMI, fixed to all excluding self\n"
msg_ioapic:
	.asciz	"bulkhead-payload: I/O APIC pin 4 routed to APIC ID 3, the UART's interrupt raised\n"
msg_cf9:
	.asciz	"bulkhead-payload: 0xcf9 read "
msg_kbc:
	.asciz	", wrote 0x06; 0x64 read "
msg_resets_done:
	.asciz	", wrote 0xfe\n"
msg_survived:
	.asciz	"bulkhead-payload: survived both resets; writing 0x30000000\n"
msg_returned:
	.asciz	"bulkhead-payload: the write returned\n"

/* Zeroed by being part of the image: kexec copies it whole. */
	.balign PAGE_SIZE
pml5:	.fill	PAGE_SIZE, 1, 0
pml4:	.fill	PAGE_SIZE, 1, 0
pdpt:	.fill	PAGE_SIZE, 1, 0
pd:	.fill	PD_PAGES * PAGE_SIZE, 1, 0
	.fill	PAGE_SIZE, 1, 0
stack_top:
