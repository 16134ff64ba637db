// SPDX-License-Identifier: BSD-2-Clause
// Description tests: compile .dts text with dtc, load it, and collect the errors as text.

#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "cfg_fixture.h"

const char cfg_base_dts[] =
    "/dts-v1/;\n"
    "/ {\n"
    "	hypervisor { cpu-vendor = \"svm\"; };\n"
    "	partitions {\n"
    "		a {\n"
    "			cpus = <0>;\n"
    "			memory@0 { guest-address = <0x0>; size = <0x200000>; };\n"
    "			image { kernel = \"a.elf\"; protocol = \"raw64\";"
    " entry = <0x1000>; };\n"
    "		};\n"
    "		b {\n"
    "			cpus = <1 2>;\n"
    "			memory@0 { guest-address = <0x0>; size = <0x400000>;"
    " host-address = <0x10000000>; access = \"rwx\"; };\n"
    "			image { kernel = \"b.elf\"; protocol = \"multiboot2\"; };\n"
    "		};\n"
    "	};\n"
    "	channels {\n"
    "		c { size = <0x1000>; guest-address = <0x80000000>;"
    " writer = \"a\"; readers = \"b\"; };\n"
    "	};\n"
    "};\n";

static struct cfg_desc desc;
static struct cfg_diags diags;
static char text[CFG_MAX_DIAGS * 400];

static char *slurp(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0) {
		buf = malloc((size_t)n);
		if (buf && fread(buf, 1, (size_t)n, f) == (size_t)n)
			*size = (size_t)n;
		else
			free(buf), buf = NULL;
	}
	fclose(f);
	return buf;
}

void *cfg_dtc(const char *src, size_t *size)
{
	char dts[] = "/tmp/cfg-test-XXXXXX", cmd[256], dtb[64];
	int fd = mkstemp(dts);
	void *blob = NULL;

	assert_true(fd >= 0);
	assert_true(write(fd, src, strlen(src)) == (ssize_t)strlen(src));
	close(fd);
	snprintf(dtb, sizeof(dtb), "%s.dtb", dts);
	snprintf(cmd, sizeof(cmd), "dtc -q -I dts -O dtb -o %s %s", dtb, dts);
	if (system(cmd) == 0)
		blob = slurp(dtb, size);
	unlink(dts);
	unlink(dtb);
	if (!blob)
		fail_msg("dtc refused:\n%s", src);
	return blob;
}

const char *cfg_errors(const char *extra, const struct machine *m)
{
	char src[8192];
	size_t size = 0, len = 0;
	void *blob;

	snprintf(src, sizeof(src), "%s%s\n", cfg_base_dts, extra);
	blob = cfg_dtc(src, &size);
	cfg_diags_init(&diags);
	cfg_load(blob, size, m, &desc, &diags);
	free(blob);
	text[0] = '\0';
	for (size_t i = 0; i < diags.count; i++) {
		len += (size_t)cfg_diag_format(&diags.d[i], text + len, sizeof(text) - len);
		len += (size_t)snprintf(text + len, sizeof(text) - len, "\n");
	}
	return text;
}

const struct cfg_desc *cfg_last_desc(void)
{
	return &desc;
}
