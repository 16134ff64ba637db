// SPDX-License-Identifier: BSD-2-Clause
// Loading a Linux bzImage with its initrd and command line: the x86 64-bit boot protocol.

#include <string.h>

#include "bzimage.h"
#include "linux_layout.h"
#include "load.h"
#include "printk.h"
#include "tsc.h"

static bool refuse(const struct partition *p, const char *file, const char *why)
{
	pr_err("partition %s: image %s: %s: not started", p->cfg->name, file, why);
	return false;
}

static bool copy_in(struct partition *p, const char *file, uint64_t gpa, const void *src,
		    uint64_t len)
{
	void *dst = part_gpa_to_hva(p, gpa, len, 0);

	if (!dst)
		return refuse(p, file, "placed outside the partition's memory");
	memcpy(dst, src, len);
	return true;
}

/* The zero page and command line, written into the boot area at l->area. */
static bool write_params(struct partition *p, const struct part_fw *fw, const void *kernel,
			 const struct bz_header *h, const struct lx_layout *l, uint64_t initrd_size)
{
	char err[IMG_ERR_MAX];
	uint8_t *area = part_gpa_to_hva(p, l->area, LX_AREA_SIZE, 0);
	long n;
	struct bp_src s = {.fw = fw,
			   .kernel_gpa = l->kernel,
			   .cmdline_gpa = l->area + LX_CMDLINE,
			   .initrd_gpa = l->initrd,
			   .initrd_size = initrd_size};

	if (!area)
		return refuse(p, p->cfg->image.kernel, "boot area outside the partition's memory");
	n = bp_cmdline((char *)area + LX_CMDLINE, LX_CMDLINE_MAX, p->cfg->image.cmdline,
		       (unsigned long)tsc_khz);
	if (n < 0)
		return refuse(p, p->cfg->image.kernel, "command line longer than a page");
	s.cmdline_len = (size_t)n;
	if (!bp_build(area + LX_BP, kernel, h, &s, err, sizeof(err)))
		return refuse(p, p->cfg->image.kernel, err);
	p->boot.cr3 = lx_boot_tables(area, l->area);
	pr_info("partition %s: command line \"%s\"", p->cfg->name, (char *)area + LX_CMDLINE);
	return true;
}

/* boot.rst "64-bit boot protocol": long mode, identity map, RSI = zero page, IF clear. */
static void entry_state(struct partition *p, const struct lx_layout *l)
{
	p->boot.mode = VCPU_MODE_LONG64;
	p->boot.rip = l->kernel + BZ_ENTRY64_OFFSET;
	p->boot.rsi = l->area + LX_BP;
	p->boot.rsp = l->area + LX_STACK_TOP;
	p->boot.gdt_base = l->area + LX_GDT;
	p->boot.gdt_limit = LX_GDT_ENTRIES * sizeof(uint64_t) - 1;
}

static const struct bundle_image *initrd_of(const struct partition *p, bool *ok)
{
	const struct bundle_image *rd = NULL;

	*ok = true;
	if (p->cfg->image.initrd[0]) {
		rd = bundle_find_image(&p->bundle->view, p->cfg->image.initrd);
		if (!rd)
			*ok = refuse(p, p->cfg->image.initrd, "initrd not in the bundle");
	}
	return rd;
}

bool part_load_linux(struct partition *p, const struct part_fw *fw)
{
	const struct bundle_image *img = bundle_find_image(&p->bundle->view, p->cfg->image.kernel);
	const struct bundle_image *rd;
	char err[IMG_ERR_MAX];
	struct bz_header h;
	struct lx_layout l;
	bool ok;

	if (!img)
		return refuse(p, p->cfg->image.kernel, "not in the bundle");
	rd = initrd_of(p, &ok);
	if (!ok)
		return false;
	if (!bz_header_parse(img->data, img->size, &h, err, sizeof(err)) ||
	    !lx_layout(&h, fw, rd ? rd->size : 0, &l, err, sizeof(err)))
		return refuse(p, img->name, err);
	if (!copy_in(p, img->name, l.kernel, img->data + h.setup_size, h.kernel_size) ||
	    (rd && !copy_in(p, rd->name, l.initrd, rd->data, rd->size)) ||
	    !write_params(p, fw, img->data, &h, &l, rd ? rd->size : 0))
		return false;
	entry_state(p, &l);
	pr_info("partition %s: %s (boot protocol %u.%02u) at 0x%lx, entry 0x%lx, zero page 0x%lx",
		p->cfg->name, img->name, (unsigned int)(h.version >> 8),
		(unsigned int)(h.version & 0xff), (unsigned long)l.kernel,
		(unsigned long)p->boot.rip, (unsigned long)p->boot.rsi);
	if (rd)
		pr_info("partition %s: initrd %s at 0x%lx, %lu bytes", p->cfg->name, rd->name,
			(unsigned long)l.initrd, (unsigned long)rd->size);
	return true;
}
