// SPDX-License-Identifier: BSD-2-Clause
// libFuzzer target: any blob through the description parser, validator, machine rules and
// partition table, under ASan and UBSan. Nothing it is fed may crash or read out of bounds.

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cfg_fixture.h"
#include "config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct cfg_desc desc;
static struct cfg_diags diags;

static void sink(void *ctx, const char *line)
{
	*(size_t *)ctx += strlen(line);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* A private, exactly sized copy: ASan then sees any read past the blob's end. */
	uint8_t *blob = malloc(size ? size : 1);
	char line[CFG_PATH_MAX + CFG_PROP_MAX + CFG_MSG_MAX + 8];
	size_t n = 0;

	memcpy(blob, data, size);
	cfg_diags_init(&diags);
	if (cfg_load(blob, size, &cfg_test_machine, &desc, &diags) == 0)
		cfg_print_table(&desc, sink, &n);
	for (size_t i = 0; i < diags.count; i++)
		cfg_diag_format(&diags.d[i], line, sizeof(line));
	free(blob);
	return 0;
}
