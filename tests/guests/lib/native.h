/* SPDX-License-Identifier: BSD-2-Clause */
/* A test guest booted without Bulkhead (GRUB straight on QEMU): console on COM1, end of the run
 * through isa-debug-exit. Only guests that link lib/native.c use it. */
#ifndef GUEST_NATIVE_H
#define GUEST_NATIVE_H

#define NATIVE_COM1	  0x3f8
#define NATIVE_DEBUG_EXIT 0xf4 /* QEMU -device isa-debug-exit,iobase=0xf4: status (v << 1) | 1 */

/* Sets the UART to 115200 8N1 and sends every hypercall of the library (guest_hcall_hook) to
 * native_hcall: HC_CONSOLE_WRITE to COM1, HC_TEST_EXIT to the exit port, the rest HC_E_NOSYS. */
void native_console_init(void);

#endif
