// SPDX-License-Identifier: BSD-2-Clause
// `bulkhead-mkimage list`: what a bundle holds (structure checked, signature not: see verify).

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "bundle_tool.h"
#include "mkimage.h"

static void print_hex(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		printf("%02x", p[i]);
}

static void print_view(const struct bundle_view *v)
{
	printf("format %d, description %lu bytes\n", BUNDLE_FORMAT_VERSION,
	       (unsigned long)v->config_size);
	if (v->signed_)
		printf("signature: %s, key \"%s\", security version %lu\n", bundle_alg_name(v->alg),
		       v->key_hint, (unsigned long)v->version);
	else
		printf("signature: none (unsigned: the hypervisor refuses it)\n");
	for (size_t i = 0; i < v->nimages; i++) {
		const struct bundle_image *img = &v->image[i];

		printf("image %-20s %-8s %10lu bytes  %s:", img->name, img->type,
		       (unsigned long)img->size, bundle_hash_name(img->hash));
		print_hex(img->digest, bundle_hash_size(img->hash));
		printf("\n");
	}
}

int cmd_list(int argc, char **argv)
{
	static struct bundle_view v;
	char err[256];
	size_t len;
	char *blob;

	if (argc == 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		printf("usage: bulkhead-mkimage list BUNDLE\n");
		return 0;
	}
	if (argc != 2) {
		fprintf(stderr, "usage: bulkhead-mkimage list BUNDLE\n");
		return 2;
	}
	blob = read_file(argv[1], &len);
	if (!blob || bundle_parse(blob, len, false, &v, err, sizeof(err)) != 0) {
		fprintf(stderr, "%s: %s\n", argv[1], blob ? err : "cannot read");
		return 1;
	}
	print_view(&v);
	return 0;
}
