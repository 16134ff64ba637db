// SPDX-License-Identifier: BSD-2-Clause
// Loading multiboot2 and multiboot images: segments into the partition, boot information, entry.

#include <stdio.h>
#include <string.h>

#include "load.h"
#include "mb_header.h"
#include "mb_info.h"
#include "printk.h"

static bool refuse(const struct partition *p, const char *why)
{
	pr_err("partition %s: image %s: %s: not started", p->cfg->name, p->cfg->image.kernel, why);
	return false;
}

/* The RSDP the firmware view wrote: revision 2 and later carry the XSDT (ACPI 6.5 5.2.5.3). */
#define RSDP_REVISION_OFF 15
#define RSDP_REV_XSDT	  2

static const void *rsdp_bytes(const struct partition *p, const struct part_fw *fw, size_t *len)
{
	const uint8_t *r = part_gpa_to_hva(p, fw->rsdp_gpa, RSDP_V1_SIZE, 0);

	if (!r)
		return NULL;
	*len = r[RSDP_REVISION_OFF] >= RSDP_REV_XSDT ? RSDP_V2_SIZE : RSDP_V1_SIZE;
	return part_gpa_to_hva(p, fw->rsdp_gpa, *len, 0);
}

bool part_write_boot_info(struct partition *p, const struct part_fw *fw, bool mb2)
{
	return part_write_boot_info_mods(p, fw, mb2, NULL, 0);
}

bool part_write_boot_info_mods(struct partition *p, const struct part_fw *fw, bool mb2,
			       const struct mb_module *mods, size_t nmods)
{
	char err[IMG_ERR_MAX];
	struct mb_info_src src = {.fw = fw,
				  .cmdline = p->cfg->image.cmdline,
				  .mods = mods,
				  .nmods = nmods,
				  .gpa = fw->info_gpa};
	void *buf = part_gpa_to_hva(p, fw->info_gpa, fw->info_size, 0);
	size_t n;

	src.rsdp = rsdp_bytes(p, fw, &src.rsdp_len);
	if (!buf || !src.rsdp)
		return refuse(p, "firmware area outside the partition's memory");
	n = mb2 ? mb2_info_write(buf, fw->info_size, &src, err, sizeof(err))
		: mb1_info_write(buf, fw->info_size, &src, err, sizeof(err));
	if (!n)
		return refuse(p, err);
	pr_info("partition %s: %s boot information at 0x%lx, %lu bytes", p->cfg->name,
		mb2 ? "multiboot2" : "multiboot", fw->info_gpa, (unsigned long)n);
	return true;
}

/* Segments go only into the partition's own memory, never over its firmware tables. */
static bool load_segment(struct partition *p, const struct part_fw *fw, const uint8_t *data,
			 size_t i, const struct img_segment *s)
{
	uint64_t last = s->paddr + s->memsz - 1;
	uint8_t *dst;

	if (part_in_fw_area(fw, s->paddr, s->memsz)) {
		pr_err("partition %s: image %s: segment %lu at 0x%lx-0x%lx overlaps the firmware "
		       "area 0x%lx-0x%lx: not started",
		       p->cfg->name, p->cfg->image.kernel, (unsigned long)i, s->paddr, last,
		       fw->area_gpa, fw->area_gpa + fw->area_size - 1);
		return false;
	}
	dst = part_gpa_to_hva(p, s->paddr, s->memsz, 0);
	if (!dst) {
		pr_err("partition %s: image %s: segment %lu at 0x%lx-0x%lx is outside the "
		       "partition's memory: not started",
		       p->cfg->name, p->cfg->image.kernel, (unsigned long)i, s->paddr, last);
		return false;
	}
	memcpy(dst, data + s->offset, s->filesz);
	memset(dst + s->filesz, 0, s->memsz - s->filesz);
	return true;
}

static bool image_layout(struct partition *p, const struct bundle_image *img, bool mb2,
			 struct img_layout *l)
{
	char err[IMG_ERR_MAX];
	struct mb_header h;
	bool ok = mb2 ? mb2_header_find(img->data, img->size, &h, err, sizeof(err))
		      : mb1_header_find(img->data, img->size, &h, err, sizeof(err));

	if (!ok || !mb_image_layout(img->data, img->size, &h, l, err, sizeof(err)))
		return refuse(p, err);
	return true;
}

/* The description's modules, each copied from the bundle to its place above the kernel. */
static bool load_modules(struct partition *p, const struct part_fw *fw, const struct img_layout *l,
			 struct mb_module *mods)
{
	const struct cfg_image *im = &p->cfg->image;
	const struct bundle_image *img[CFG_MAX_MODULES];
	char err[IMG_ERR_MAX], why[IMG_ERR_MAX + CFG_FILE_MAX];
	uint64_t above = 0;

	for (size_t i = 0; i < l->nseg; i++)
		if (l->seg[i].paddr + l->seg[i].memsz > above)
			above = l->seg[i].paddr + l->seg[i].memsz;
	for (size_t i = 0; i < im->nmodules; i++) {
		img[i] = bundle_find_image(&p->bundle->view, im->module[i].file);
		if (!img[i]) {
			snprintf(why, sizeof(why), "module %lu (%s): not in the bundle",
				 (unsigned long)i, im->module[i].file);
			return refuse(p, why);
		}
		mods[i].size = img[i]->size;
		mods[i].string =
		    im->module[i].has_cmdline ? im->module[i].cmdline : im->module[i].file;
	}
	if (!mb_modules_place(fw, above, mods, im->nmodules, err, sizeof(err)))
		return refuse(p, err);
	for (size_t i = 0; i < im->nmodules; i++) {
		uint8_t *dst = part_gpa_to_hva(p, mods[i].gpa, mods[i].size, 0);

		if (mods[i].size && !dst)
			return refuse(p, "a module's place is outside the partition's memory");
		memcpy(dst, img[i]->data, mods[i].size);
		pr_info("partition %s: module %lu %s at 0x%lx-0x%lx", p->cfg->name,
			(unsigned long)i, im->module[i].file, (unsigned long)mods[i].gpa,
			(unsigned long)(mods[i].gpa + mods[i].size - 1));
	}
	return true;
}

/* Multiboot2 3.3 / multiboot 3.2: EAX = magic, EBX = info, 32-bit flat protected mode. */
bool part_load_multiboot(struct partition *p, const struct part_fw *fw)
{
	const struct bundle_image *img = bundle_find_image(&p->bundle->view, p->cfg->image.kernel);
	bool mb2 = p->cfg->image.protocol == CFG_PROTO_MB2;
	struct mb_module mods[CFG_MAX_MODULES];
	struct img_layout l;

	if (!img)
		return refuse(p, "not in the bundle");
	if (!image_layout(p, img, mb2, &l))
		return false;
	for (size_t i = 0; i < l.nseg; i++)
		if (!load_segment(p, fw, img->data, i, &l.seg[i]))
			return false;
	if (!load_modules(p, fw, &l, mods) ||
	    !part_write_boot_info_mods(p, fw, mb2, mods, p->cfg->image.nmodules))
		return false;
	p->boot.mode = VCPU_MODE_PROT32;
	p->boot.rip = l.entry;
	p->boot.rax = mb2 ? MB2_LOADER_MAGIC : MB1_LOADER_MAGIC;
	p->boot.rbx = fw->info_gpa;
	pr_info("partition %s: %s loaded, %lu segments, entry 0x%lx", p->cfg->name, img->name,
		(unsigned long)l.nseg, l.entry);
	return true;
}
