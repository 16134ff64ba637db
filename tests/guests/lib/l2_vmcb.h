/* SPDX-License-Identifier: BSD-2-Clause */
/* The test L1 hypervisors' L2 state: a VMCB whose guest shares L1's own machine state. */
#ifndef GUEST_L2_VMCB_H
#define GUEST_L2_VMCB_H

#include <stdint.h>

#include "svm/vmcb.h"

/* Clears @vmcb and fills its save area from the calling CPU: CR0/CR3/CR4, EFER, GDT and IDT,
 * flat 64-bit CS 0x08 and data 0x10 (the raw64 boot GDT), DR6/DR7 and RFLAGS as after reset,
 * with L2 starting at @rip on the stack ending at @rsp. The control area is the caller's. */
void l2_vmcb_from_l1(struct vmcb *vmcb, uint64_t rip, uint64_t rsp);

#endif
