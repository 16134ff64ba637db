// SPDX-License-Identifier: BSD-2-Clause
// Typed property readers: each checks the value's shape and says what was expected.

#include <string.h>

#include <libfdt.h>

#include "parse.h"

static uint32_t cell(const struct cfg_val *v, int i)
{
	fdt32_t raw;

	memcpy(&raw, (const char *)v->data + 4 * i, sizeof(raw));
	return fdt32_to_cpu(raw);
}

static uint64_t cells(const struct cfg_val *v, int i, int n)
{
	return n == 1 ? cell(v, i) : ((uint64_t)cell(v, i) << 32) | cell(v, i + 1);
}

bool val_u32(struct cfg_ctx *c, const struct cfg_val *v, uint32_t *out)
{
	if (!CC(c->d, v->len == 4, c->path, v->name, "expected one 32-bit cell, e.g. <0x3f8>"))
		return false;
	*out = cell(v, 0);
	return true;
}

bool val_u64(struct cfg_ctx *c, const struct cfg_val *v, uint64_t *out)
{
	if (!CC(c->d, v->len == 4 || v->len == 8, c->path, v->name,
		"expected a 32- or 64-bit number, e.g. <0x100000> or <0x1 0x0>"))
		return false;
	*out = cells(v, 0, v->len / 4);
	return true;
}

bool val_flag(struct cfg_ctx *c, const struct cfg_val *v)
{
	return CC(c->d, v->len == 0, c->path, v->name,
		  "a flag takes no value: write \"%s;\" or leave it out", v->name);
}

static bool is_string(const struct cfg_val *v)
{
	return v->len > 0 &&
	       memchr(v->data, '\0', (size_t)v->len) == (const char *)v->data + v->len - 1;
}

bool val_string(struct cfg_ctx *c, const struct cfg_val *v, char *out, size_t size)
{
	if (!CC(c->d, is_string(v), c->path, v->name, "expected one string, e.g. \"text\""))
		return false;
	if (!CC(c->d, (size_t)v->len <= size, c->path, v->name,
		"longer than %lu characters (the limit)", (unsigned long)size - 1))
		return false;
	memcpy(out, v->data, (size_t)v->len);
	return true;
}

static void list_names(char *buf, size_t size, const char *const *names, size_t n)
{
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		strncat(buf, names[i], size - strlen(buf) - 1);
		if (i + 1 < n)
			strncat(buf, ", ", size - strlen(buf) - 1);
	}
}

bool val_enum(struct cfg_ctx *c, const struct cfg_val *v, const char *const *names, size_t n,
	      int *out)
{
	char s[CFG_NAME_MAX], all[96];

	if (!val_string(c, v, s, sizeof(s)))
		return false;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(s, names[i]) == 0) {
			*out = (int)i;
			return true;
		}
	}
	list_names(all, sizeof(all), names, n);
	cfg_error(c->d, c->path, v->name, "\"%s\" is not one of: %s", s, all);
	return false;
}

static bool fits(struct cfg_ctx *c, const struct cfg_val *v, size_t count, size_t max)
{
	return CC(c->d, count <= max, c->path, v->name, "more than %lu entries (the limit)",
		  (unsigned long)max);
}

bool val_u32_list(struct cfg_ctx *c, const struct cfg_val *v, uint32_t *out, size_t max,
		  size_t *count)
{
	if (!CC(c->d, v->len > 0 && v->len % 4 == 0, c->path, v->name,
		"expected a list of 32-bit cells, e.g. <0 1>"))
		return false;
	if (!fits(c, v, (size_t)v->len / 4, max))
		return false;
	*count = (size_t)v->len / 4;
	for (size_t i = 0; i < *count; i++)
		out[i] = cell(v, (int)i);
	return true;
}

bool val_ranges(struct cfg_ctx *c, const struct cfg_val *v, int n, struct cfg_range *out,
		size_t max, size_t *count)
{
	int entry = 8 * n;

	if (!CC(c->d, v->len > 0 && v->len % entry == 0, c->path, v->name,
		"expected (base size) pairs of %s",
		n == 1 ? "one cell each, e.g. <0x2f8 8>"
		       : "two cells each, e.g. <0x0 0xfe000000 0x0 0x1000>"))
		return false;
	if (!fits(c, v, (size_t)(v->len / entry), max))
		return false;
	*count = (size_t)(v->len / entry);
	for (size_t i = 0; i < *count; i++) {
		out[i].base = cells(v, (int)i * 2 * n, n);
		out[i].size = cells(v, (int)i * 2 * n + n, n);
	}
	return true;
}

bool val_strings(struct cfg_ctx *c, const struct cfg_val *v, const char **out, size_t max,
		 size_t *count)
{
	const char *p = v->data, *end = p + v->len;
	size_t n = 0;

	if (!CC(c->d, v->len > 0 && end[-1] == '\0', c->path, v->name,
		"expected a list of strings, e.g. \"a\", \"b\""))
		return false;
	for (; p < end; p += strlen(p) + 1, n++)
		if (n < max)
			out[n] = p;
	if (!fits(c, v, n, max))
		return false;
	*count = n;
	return true;
}
