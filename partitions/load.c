// SPDX-License-Identifier: BSD-2-Clause
// part_load(): scrub a partition, build its firmware view, load its image by boot protocol.

#include <string.h>

#include "firmware.h"
#include "load.h"
#include "partition.h"
#include "printk.h"

/* A (re)load must not leak what the previous run left in memory. */
static void scrub(struct partition *p)
{
	for (size_t i = 0; i < p->nmem; i++)
		memset((void *)p->mem[i].hpa, 0, p->mem[i].size);
}

bool part_in_fw_area(const struct part_fw *fw, uint64_t gpa, uint64_t len)
{
	return len && gpa < fw->area_gpa + fw->area_size && fw->area_gpa < gpa + len;
}

bool part_load(struct partition *p)
{
	struct part_fw fw;

	scrub(p);
	memset(&p->boot, 0, sizeof(p->boot));
	if (!part_firmware_build(p, &fw))
		return false;
	/* A restart's new run gets a whole period, and no check in between sees the old one. */
	part_watchdog_arm(p);
	switch (p->cfg->image.protocol) {
	case CFG_PROTO_RAW64:
		return part_load_raw64_fw(p, &fw);
	case CFG_PROTO_MB2:
	case CFG_PROTO_MB1:
		return part_load_multiboot(p, &fw);
	case CFG_PROTO_LINUX:
		return part_load_linux(p, &fw);
	}
	pr_err("partition %s: protocol %s: not supported: not started", p->cfg->name,
	       cfg_protocol_name(p->cfg->image.protocol));
	return false;
}
