// SPDX-License-Identifier: BSD-2-Clause
// The L1 VMX test hypervisor as a Bulkhead partition: the library's hypercalls as they are.

#include "guest.h"
#include "platform.h"

const char l1_platform_name[] = "Bulkhead partition";
uint64_t l1_partition_end;

void l1_platform_init(void)
{
	struct hc_partition_info info;

	guest_info(&info);
	guest_printf("l1vmx: partition %s, %u CPUs, %lu MiB\n", info.name, info.ncpus,
		     (unsigned long)(info.memory_bytes >> 20));
	l1_partition_end = info.memory_bytes; /* one region at guest-physical 0 */
}
