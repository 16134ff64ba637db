// SPDX-License-Identifier: BSD-2-Clause
// Writing multiboot2 and multiboot boot information for a partition: its own memory only.

#include <stdio.h>
#include <string.h>

#include "mb_info.h"

/* Multiboot2 specification 3.6: boot information tags. */
enum mb2_itag {
	ITAG_END = 0,
	ITAG_CMDLINE = 1,
	ITAG_LOADER = 2,
	ITAG_MODULE = 3,
	ITAG_MEMINFO = 4,
	ITAG_MMAP = 6,
	ITAG_ACPI_OLD = 14,
	ITAG_ACPI_NEW = 15,
};

#define MB2_INFO_ALIGN	8
#define MMAP_ENTRY_VER	0
#define LOWER_MEM_END	0xa0000ULL  /* 640 KiB: where mem_lower stops */
#define UPPER_MEM_START 0x100000ULL /* 1 MiB: where mem_upper counts from */
#define KIB		1024
#define LIMIT_32BIT	(1ULL << 32)
/* Multiboot 0.6.96 3.3: flags of the information structure. */
#define MB1_INFO_MEM	 (1U << 0)
#define MB1_INFO_CMDLINE (1U << 2)
#define MB1_INFO_MMAP	 (1U << 6)
#define MB1_INFO_LOADER	 (1U << 9)

struct mb2_tag {
	uint32_t type, size;
};

struct mb2_mmap_entry {
	uint64_t base, len;
	uint32_t type, zero;
};

/* 0.6.96 3.3, up to the framebuffer fields (offset 88..115). */
struct mb1_info {
	uint32_t flags, mem_lower, mem_upper, boot_device, cmdline, mods_count, mods_addr;
	uint32_t syms[4];
	uint32_t mmap_length, mmap_addr, drives_length, drives_addr, config_table;
	uint32_t boot_loader_name, apm_table;
	uint8_t vbe_and_framebuffer[44]; /* offsets 72-115: no video mode is set */
};

/* 0.6.96 3.3: "size" does not count itself; base_addr follows it at offset 4 (packed). */
struct __attribute__((packed)) mb1_mmap_entry {
	uint32_t size;
	uint64_t base, len;
	uint32_t type;
};

_Static_assert(sizeof(struct mb2_tag) == 8, "multiboot2 tag header");
_Static_assert(sizeof(struct mb2_mmap_entry) == 24, "multiboot2 memory map entry");
_Static_assert(__builtin_offsetof(struct mb1_info, mmap_length) == 44, "multiboot mmap_length");
_Static_assert(__builtin_offsetof(struct mb1_info, boot_loader_name) == 64,
	       "multiboot boot_loader_name");
_Static_assert(sizeof(struct mb1_info) == 116, "multiboot information structure");
_Static_assert(sizeof(struct mb1_mmap_entry) == 24, "multiboot memory map entry");

/* A bounded writer: the first write that does not fit marks the whole result unusable. */
struct wbuf {
	uint8_t *buf;
	size_t cap, len;
	bool full;
};

static size_t put(struct wbuf *w, const void *data, size_t n)
{
	size_t at = w->len;

	if (w->full || n > w->cap - w->len) {
		w->full = true;
		return at;
	}
	memcpy(w->buf + at, data, n);
	w->len += n;
	return at;
}

static void align8(struct wbuf *w)
{
	static const uint8_t zero[MB2_INFO_ALIGN];

	put(w, zero, (MB2_INFO_ALIGN - w->len % MB2_INFO_ALIGN) % MB2_INFO_ALIGN);
}

#define FAIL(err, errlen, ...) ((err) ? (void)snprintf((err), (errlen), __VA_ARGS__) : (void)0, 0)

/* End of the RAM that runs without a hole from @start (entries may come in any order). */
static uint64_t ram_run_end(const struct part_fw *fw, uint64_t start)
{
	uint64_t end = start;
	bool grew = true;

	while (grew) {
		grew = false;
		for (size_t i = 0; i < fw->nmap; i++) {
			const struct fw_map_entry *e = &fw->map[i];

			if (e->type == FW_MEM_RAM && e->base <= end && e->base + e->size > end) {
				end = e->base + e->size;
				grew = true;
			}
		}
	}
	return end;
}

uint32_t mb_mem_lower(const struct part_fw *fw)
{
	uint64_t end = ram_run_end(fw, 0);

	return (uint32_t)((end < LOWER_MEM_END ? end : LOWER_MEM_END) / KIB);
}

uint32_t mb_mem_upper(const struct part_fw *fw)
{
	uint64_t kib = (ram_run_end(fw, UPPER_MEM_START) - UPPER_MEM_START) / KIB;

	return kib > UINT32_MAX ? UINT32_MAX : (uint32_t)kib;
}

static void mb2_string(struct wbuf *w, uint32_t type, const char *s)
{
	struct mb2_tag t = {type, (uint32_t)(sizeof(t) + strlen(s) + 1)};

	put(w, &t, sizeof(t));
	put(w, s, strlen(s) + 1);
	align8(w);
}

/* 3.6.6: mod_start, mod_end (exclusive, as GRUB writes it), then the module's string. */
static void mb2_modules(struct wbuf *w, const struct mb_info_src *s)
{
	for (size_t i = 0; i < s->nmods; i++) {
		const struct mb_module *m = &s->mods[i];
		struct mb2_tag t = {ITAG_MODULE, (uint32_t)(sizeof(t) + 8 + strlen(m->string) + 1)};
		uint32_t range[2] = {(uint32_t)m->gpa, (uint32_t)(m->gpa + m->size)};

		put(w, &t, sizeof(t));
		put(w, range, sizeof(range));
		put(w, m->string, strlen(m->string) + 1);
		align8(w);
	}
}

static void mb2_meminfo(struct wbuf *w, const struct part_fw *fw)
{
	struct mb2_tag t = {ITAG_MEMINFO, sizeof(t) + 2 * sizeof(uint32_t)};
	uint32_t mem[2] = {mb_mem_lower(fw), mb_mem_upper(fw)};

	put(w, &t, sizeof(t));
	put(w, mem, sizeof(mem));
}

static void mb2_mmap(struct wbuf *w, const struct part_fw *fw)
{
	struct mb2_tag t = {ITAG_MMAP,
			    (uint32_t)(sizeof(t) + 8 + fw->nmap * sizeof(struct mb2_mmap_entry))};
	uint32_t ver[2] = {sizeof(struct mb2_mmap_entry), MMAP_ENTRY_VER};

	put(w, &t, sizeof(t));
	put(w, ver, sizeof(ver));
	for (size_t i = 0; i < fw->nmap; i++) {
		struct mb2_mmap_entry e = {fw->map[i].base, fw->map[i].size, fw->map[i].type, 0};

		put(w, &e, sizeof(e));
	}
}

static void mb2_acpi(struct wbuf *w, const struct mb_info_src *s)
{
	struct mb2_tag t = {s->rsdp_len == RSDP_V2_SIZE ? ITAG_ACPI_NEW : ITAG_ACPI_OLD,
			    (uint32_t)(sizeof(t) + s->rsdp_len)};

	put(w, &t, sizeof(t));
	put(w, s->rsdp, s->rsdp_len);
	align8(w);
}

static size_t check_src(const struct mb_info_src *s, size_t align, char *err, size_t errlen)
{
	if (s->gpa % align)
		return FAIL(err, errlen, "boot information at 0x%lx is not %lu-byte aligned",
			    (unsigned long)s->gpa, (unsigned long)align);
	if (s->rsdp_len != RSDP_V1_SIZE && s->rsdp_len != RSDP_V2_SIZE)
		return FAIL(err, errlen, "RSDP length %lu is neither %u nor %u",
			    (unsigned long)s->rsdp_len, RSDP_V1_SIZE, RSDP_V2_SIZE);
	for (size_t i = 0; i < s->nmods; i++)
		if (s->mods[i].gpa >= LIMIT_32BIT || s->mods[i].size > LIMIT_32BIT - s->mods[i].gpa)
			return FAIL(err, errlen, "module %lu at 0x%lx+0x%lx is not below 4 GiB",
				    (unsigned long)i, (unsigned long)s->mods[i].gpa,
				    (unsigned long)s->mods[i].size);
	return 1;
}

static size_t finish(const struct wbuf *w, const struct mb_info_src *s, char *err, size_t errlen)
{
	if (w->full)
		return FAIL(err, errlen, "boot information does not fit in the %lu bytes at 0x%lx",
			    (unsigned long)w->cap, (unsigned long)s->gpa);
	if (s->gpa + w->len > LIMIT_32BIT)
		return FAIL(err, errlen, "boot information at 0x%lx-0x%lx is not below 4 GiB",
			    (unsigned long)s->gpa, (unsigned long)(s->gpa + w->len - 1));
	return w->len;
}

size_t mb2_info_write(void *buf, size_t cap, const struct mb_info_src *s, char *err, size_t errlen)
{
	struct wbuf w = {buf, cap, 0, false};
	uint32_t head[2] = {0, 0}; /* total_size, reserved */
	struct mb2_tag end = {ITAG_END, sizeof(end)};

	if (!check_src(s, MB2_INFO_ALIGN, err, errlen))
		return 0;
	put(&w, head, sizeof(head));
	mb2_string(&w, ITAG_CMDLINE, s->cmdline);
	mb2_string(&w, ITAG_LOADER, MB_LOADER_NAME);
	mb2_modules(&w, s);
	mb2_meminfo(&w, s->fw);
	mb2_mmap(&w, s->fw);
	align8(&w);
	mb2_acpi(&w, s);
	put(&w, &end, sizeof(end));
	if (!w.full) {
		head[0] = (uint32_t)w.len;
		memcpy(w.buf, head, sizeof(uint32_t));
	}
	return finish(&w, s, err, errlen);
}

size_t mb1_info_write(void *buf, size_t cap, const struct mb_info_src *s, char *err, size_t errlen)
{
	struct wbuf w = {buf, cap, 0, false};
	struct mb1_info info = {.flags = MB1_INFO_MEM | MB1_INFO_CMDLINE | MB1_INFO_MMAP |
					 MB1_INFO_LOADER,
				.mem_lower = mb_mem_lower(s->fw),
				.mem_upper = mb_mem_upper(s->fw)};

	if (!check_src(s, sizeof(uint32_t), err, errlen))
		return 0;
	put(&w, &info, sizeof(info));
	info.mmap_addr = (uint32_t)(s->gpa + w.len);
	for (size_t i = 0; i < s->fw->nmap; i++) {
		const struct fw_map_entry *m = &s->fw->map[i];
		struct mb1_mmap_entry e = {sizeof(e) - sizeof(e.size), m->base, m->size, m->type};

		put(&w, &e, sizeof(e));
	}
	info.mmap_length = (uint32_t)(s->fw->nmap * sizeof(struct mb1_mmap_entry));
	info.cmdline = (uint32_t)(s->gpa + put(&w, s->cmdline, strlen(s->cmdline) + 1));
	info.boot_loader_name =
	    (uint32_t)(s->gpa + put(&w, MB_LOADER_NAME, sizeof(MB_LOADER_NAME)));
	if (!w.full)
		memcpy(w.buf, &info, sizeof(info));
	return finish(&w, s, err, errlen);
}
