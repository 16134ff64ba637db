// SPDX-License-Identifier: BSD-2-Clause
// raw64 test guest: writes to guest-physical memory outside its partition, which must fault.

#include "guest.h"

#define OUTSIDE 0x40000000ULL /* 1 GiB: mapped by the boot page tables, owned by nobody here */

void guest_main(void);
void guest_main(void)
{
	guest_puts("writing outside my memory\n");
	*(volatile uint64_t *)OUTSIDE = 1;
	guest_puts("still running: the write was not stopped\n");
	guest_test_exit(1);
}
