// SPDX-License-Identifier: BSD-2-Clause
// Multiboot test guest: checks the boot information Bulkhead handed over (magic, a memory map of
// this partition only, the RSDP, the command line), prints what it found, and reports pass/fail.

#include "guest.h"

#define MB2_LOADER_MAGIC 0x36d76289U
#define MB1_LOADER_MAGIC 0x2badb002U
#define EXPECT_CMDLINE	 "mbtest" /* the test descriptions start the cmdline with it */
#define LOADER_NAME	 "Bulkhead"

/* Failure codes: the test-exit status says which check failed. */
enum {
	FAIL_INFO = 1,
	FAIL_MAGIC,
	FAIL_TAG_MISSING,
	FAIL_MAP_SIZE,
	FAIL_MAP_OVERLAP,
	FAIL_RSDP,
	FAIL_CMDLINE,
	FAIL_LOADER,
	FAIL_MB1_FLAGS,
};

/* Multiboot2 3.6 tags; multiboot 0.6.96 3.3 information flags and offsets. */
#define TAG_END		 0
#define TAG_CMDLINE	 1
#define TAG_LOADER	 2
#define TAG_MMAP	 6
#define TAG_ACPI_OLD	 14
#define TAG_ACPI_NEW	 15
#define MB1_NEEDED_FLAGS ((1U << 0) | (1U << 2) | (1U << 6) | (1U << 9))
#define RSDP_V1_LEN	 20
#define RSDP_LEN_OFF	 20
#define RSDP_REV_OFF	 15
#define BIOS_AREA	 0xe0000UL /* ACPI 6.5 5.2.5.1: where a BIOS RSDP is searched */
#define BIOS_AREA_END	 0x100000UL
#define RSDP_ALIGN	 16

struct mb2_tag {
	uint32_t type, size;
};

struct mb1_info {
	uint32_t flags, mem_lower, mem_upper, boot_device, cmdline, mods_count, mods_addr;
	uint32_t syms[4];
	uint32_t mmap_length, mmap_addr, drives_length, drives_addr, config_table;
	uint32_t boot_loader_name, apm_table;
};

struct __attribute__((packed)) mb1_mmap {
	uint32_t size;
	uint64_t base, len;
	uint32_t type;
};

/* One memory map, either protocol's, as the checks see it. */
#define MAX_MAP 32
static struct {
	uint64_t base[MAX_MAP], len[MAX_MAP];
	uint32_t type[MAX_MAP];
	unsigned int n;
} map;

static struct hc_partition_info pinfo;
static const char *cmdline, *loader;
static const uint8_t *rsdp;

static void put_hex(uint64_t v)
{
	char buf[19] = "0x";
	int n = 2;

	for (int shift = 60; shift >= 0; shift -= 4)
		if ((v >> shift) || shift == 0 || n > 2)
			buf[n++] = "0123456789abcdef"[(v >> shift) & 0xf];
	buf[n] = 0;
	guest_puts(buf);
}

static _Noreturn void fail(uint64_t code, const char *why)
{
	guest_puts("mbguest: FAIL: ");
	guest_puts(why);
	guest_puts("\n");
	guest_test_exit(code);
}

static int str_eq(const char *a, const char *b, unsigned long n)
{
	for (unsigned long i = 0; i < n; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

static void map_add(uint64_t base, uint64_t len, uint32_t type)
{
	if (map.n == MAX_MAP)
		fail(FAIL_MAP_SIZE, "more memory map entries than expected");
	map.base[map.n] = base;
	map.len[map.n] = len;
	map.type[map.n++] = type;
}

static void mb2_walk(uint64_t info)
{
	uint32_t total = *(const uint32_t *)info;

	for (uint64_t off = 8; off + sizeof(struct mb2_tag) <= total;) {
		const struct mb2_tag *t = (const void *)(info + off);
		const uint8_t *body = (const uint8_t *)(t + 1);

		if (t->type == TAG_END)
			return;
		if (t->type == TAG_CMDLINE)
			cmdline = (const char *)body;
		if (t->type == TAG_LOADER)
			loader = (const char *)body;
		if (t->type == TAG_ACPI_NEW || t->type == TAG_ACPI_OLD)
			rsdp = body;
		if (t->type == TAG_MMAP) {
			uint32_t esize = *(const uint32_t *)body;

			for (uint32_t o = 8; o + esize <= t->size - sizeof(*t); o += esize)
				map_add(*(const uint64_t *)(body + o),
					*(const uint64_t *)(body + o + 8),
					*(const uint32_t *)(body + o + 16));
		}
		off += (t->size + 7) & ~7U;
	}
}

/* 0.6.96 has no RSDP field: the guest scans the BIOS area as ACPI tells it to, where its map
 * says tables are (not RAM), so it never touches memory that is not its own. */
static const uint8_t *bios_rsdp(void)
{
	for (unsigned int i = 0; i < map.n; i++) {
		uint64_t end = map.base[i] + map.len[i];

		if (map.type[i] == 1 || end <= BIOS_AREA || map.base[i] >= BIOS_AREA_END)
			continue;
		for (uint64_t a = map.base[i] > BIOS_AREA ? map.base[i] : BIOS_AREA;
		     a + RSDP_V1_LEN <= end && a < BIOS_AREA_END; a += RSDP_ALIGN)
			if (str_eq((const char *)a, "RSD PTR ", 8))
				return (const uint8_t *)a;
	}
	return 0;
}

static void mb1_read(uint64_t info)
{
	const struct mb1_info *m = (const void *)info;

	if ((m->flags & MB1_NEEDED_FLAGS) != MB1_NEEDED_FLAGS)
		fail(FAIL_MB1_FLAGS, "multiboot flags lack MEM, CMDLINE, MMAP or BOOT_LOADER_NAME");
	for (uint64_t a = m->mmap_addr; a < (uint64_t)m->mmap_addr + m->mmap_length;) {
		const struct mb1_mmap *e = (const void *)a;

		map_add(e->base, e->len, e->type);
		a += e->size + sizeof(e->size);
	}
	cmdline = (const char *)(uint64_t)m->cmdline;
	loader = (const char *)(uint64_t)m->boot_loader_name;
	rsdp = bios_rsdp();
}

static uint8_t sum(const uint8_t *p, uint32_t n)
{
	uint8_t s = 0;

	for (uint32_t i = 0; i < n; i++)
		s += p[i];
	return s;
}

/* The map covers exactly the partition's memory: its entries add up to memory_bytes and do not
 * overlap (then nothing else fits in that total). */
static void check_map(void)
{
	uint64_t total = 0;

	for (unsigned int i = 0; i < map.n; i++) {
		guest_puts("map ");
		put_hex(map.base[i]);
		guest_puts(" +");
		put_hex(map.len[i]);
		guest_puts(" type ");
		guest_put_uint(map.type[i]);
		guest_puts("\n");
		total += map.len[i];
		for (unsigned int j = 0; j < i; j++)
			if (map.base[i] < map.base[j] + map.len[j] &&
			    map.base[j] < map.base[i] + map.len[i])
				fail(FAIL_MAP_OVERLAP, "memory map entries overlap");
	}
	if (map.n == 0 || total != pinfo.memory_bytes)
		fail(FAIL_MAP_SIZE, "memory map does not add up to the partition's memory_bytes");
}

static void check_rsdp(void)
{
	if (!rsdp || !str_eq((const char *)rsdp, "RSD PTR ", 8))
		fail(FAIL_RSDP, "no RSDP");
	if (sum(rsdp, RSDP_V1_LEN) != 0)
		fail(FAIL_RSDP, "RSDP checksum is wrong");
	if (rsdp[RSDP_REV_OFF] >= 2 && sum(rsdp, *(const uint32_t *)(rsdp + RSDP_LEN_OFF)) != 0)
		fail(FAIL_RSDP, "RSDP extended checksum is wrong");
	guest_puts("RSDP revision ");
	guest_put_uint(rsdp[RSDP_REV_OFF]);
	guest_puts(", checksums right\n");
}

static void check_strings(void)
{
	if (!loader || !str_eq(loader, LOADER_NAME, sizeof(LOADER_NAME)))
		fail(FAIL_LOADER, "boot loader name is not Bulkhead");
	if (!cmdline || !str_eq(cmdline, EXPECT_CMDLINE, sizeof(EXPECT_CMDLINE) - 1))
		fail(FAIL_CMDLINE, "command line does not start with " EXPECT_CMDLINE);
	guest_puts("cmdline: ");
	guest_puts(cmdline);
	guest_puts("\n");
}

void guest_main(uint64_t magic, uint64_t info);
void guest_main(uint64_t magic, uint64_t info)
{
	if (hcall(HC_PARTITION_INFO, (uint64_t)&pinfo, 0, 0) != HC_OK ||
	    pinfo.magic != HC_INFO_MAGIC)
		fail(FAIL_INFO, "no partition information");
	guest_puts(magic == MB2_LOADER_MAGIC ? "multiboot2" : "multiboot");
	guest_puts(" guest: magic ");
	put_hex(magic);
	guest_puts(", boot information at ");
	put_hex(info);
	guest_puts("\n");
	if (magic == MB2_LOADER_MAGIC)
		mb2_walk(info);
	else if (magic == MB1_LOADER_MAGIC)
		mb1_read(info);
	else
		fail(FAIL_MAGIC, "unexpected magic in EAX");
	check_map();
	check_rsdp();
	check_strings();
	guest_puts("mbguest: PASS\n");
	guest_test_exit(0);
}
