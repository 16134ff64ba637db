/* SPDX-License-Identifier: BSD-2-Clause */
/* raw64 entry: Bulkhead starts here in 64-bit mode with a stack (docs/hypercalls.md). */

	.section .text.start, "ax"
	.globl _start
_start:
	mov %rdi, guest_boot_info(%rip) /* the boot information, when Bulkhead gives one */
	and $-16, %rsp /* the ABI's call alignment */
	call guest_main
	/* guest_main ends with test-exit; should it return, halting stops the partition. */
1:	cli
	hlt
	jmp 1b

	.section .note.GNU-stack, "", @progbits
