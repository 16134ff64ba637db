// SPDX-License-Identifier: BSD-2-Clause
// Entry points: parse, then the description's own rules, then the machine's; errors accumulate.

#include "check.h"

/* Rule groups in the order people fix things: CPUs, memory, devices, reserved ranges,
 * channels, settings. */
static void (*const rules[])(const struct cfg_desc *, struct cfg_diags *) = {
    cfg_check_cpus,	cfg_check_memory,   cfg_check_ports,  cfg_check_devices,
    cfg_check_reserved, cfg_check_channels, cfg_check_policy,
};

int cfg_validate(const struct cfg_desc *desc, struct cfg_diags *d)
{
	size_t before = cfg_diags_total(d);

	for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
		rules[i](desc, d);
	return cfg_diags_total(d) == before ? 0 : -1;
}

int cfg_load(const void *fdt, size_t size, const struct machine *m, struct cfg_desc *desc,
	     struct cfg_diags *d)
{
	int rc = cfg_parse(fdt, size, desc, d);

	/* A description that did not parse is not checked further: later rules would only
	 * repeat the parser's complaints in other words. */
	if (rc < 0)
		return rc;
	rc = cfg_validate(desc, d);
	if (m && cfg_check_machine(desc, m, d) < 0)
		rc = -1;
	return rc;
}
