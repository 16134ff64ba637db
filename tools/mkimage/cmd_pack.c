// SPDX-License-Identifier: BSD-2-Clause
// `bulkhead-mkimage pack`: a description and images into an unsigned bundle (sign it next).

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "bundle_tool.h"
#include "config.h"
#include "mkimage.h"

static uint8_t digests[BUNDLE_MAX_IMAGES][BUNDLE_DIGEST_MAX];

static int usage(int rc)
{
	fprintf(
	    rc ? stderr : stdout,
	    "usage: bulkhead-mkimage pack -c DESC.dtb [-i NAME=FILE[,TYPE]]... [-H HASH] -o OUT\n"
	    "  -c  the checked partition description (bulkhead-mkimage check -o)\n"
	    "  -i  an image: NAME as the description names it, TYPE kernel (default), ramdisk,\n"
	    "      firmware or data\n"
	    "  -H  image hash: sha384 (default) or sha256\n"
	    "  the bundle is unsigned: `bulkhead-mkimage sign` it before it can boot\n");
	return rc;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct bundle_image *)a)->name,
		      ((const struct bundle_image *)b)->name);
}

/* NAME=FILE[,TYPE] */
static int add_image(struct bundle_view *v, char *arg)
{
	struct bundle_image *img = &v->image[v->nimages];
	char *file = strchr(arg, '='), *type;

	if (!file || v->nimages >= BUNDLE_MAX_IMAGES) {
		fprintf(stderr, "bulkhead-mkimage pack: bad or too many -i \"%s\"\n", arg);
		return -1;
	}
	*file++ = '\0';
	type = strchr(file, ',');
	if (type)
		*type++ = '\0';
	img->name = arg;
	img->type = type ? type : "kernel";
	img->data = (const uint8_t *)read_file(file, &img->size);
	if (!img->data) {
		perror(file);
		return -1;
	}
	v->nimages++;
	return 0;
}

static int load_config(struct bundle_view *v, const char *path)
{
	v->config = (const uint8_t *)read_file(path, &v->config_size);
	if (!v->config || v->config_size < sizeof(struct fdt_header) ||
	    fdt_check_header(v->config) || fdt_totalsize(v->config) != v->config_size) {
		fprintf(stderr, "bulkhead-mkimage pack: %s: not a device tree blob\n", path);
		return -1;
	}
	return 0;
}

static bool packed(void *view, const char *name)
{
	return bundle_find_image(view, name) != NULL;
}

/* The hypervisor refuses a description naming an image its bundle lacks; say so here first. */
static int check_names(struct bundle_view *v, const char *path)
{
	static struct cfg_desc desc;
	static struct cfg_diags d;
	char line[CFG_PATH_MAX + CFG_PROP_MAX + CFG_MSG_MAX];

	cfg_diags_init(&d);
	if (cfg_load(v->config, v->config_size, NULL, &desc, &d) == 0 &&
	    cfg_check_images(&desc, packed, v, &d) == 0)
		return 0;
	for (size_t i = 0; i < d.count; i++) {
		cfg_diag_format(&d.d[i], line, sizeof(line));
		fprintf(stderr, "bulkhead-mkimage pack: %s: %s\n", path, line);
	}
	return -1;
}

static int finish(struct bundle_view *v, enum bundle_hash h, const char *out)
{
	char err[256];
	uint8_t *blob;
	size_t len;

	qsort(v->image, v->nimages, sizeof(v->image[0]), by_name);
	for (size_t i = 0; i < v->nimages; i++) {
		v->image[i].hash = h;
		v->image[i].digest = digests[i];
		bundle_hash_data(h, v->image[i].data, v->image[i].size, digests[i]);
	}
	if (bundle_write(v, &blob, &len) != 0 ||
	    bundle_parse(blob, len, false, v, err, sizeof(err))) {
		fprintf(stderr, "bulkhead-mkimage pack: cannot build the bundle: %s\n", err);
		return 1;
	}
	if (write_file(out, blob, len, 0644) != 0) {
		perror(out);
		return 1;
	}
	printf("%s: unsigned bundle, %lu bytes, %lu images\n", out, (unsigned long)len,
	       (unsigned long)v->nimages);
	return 0;
}

int cmd_pack(int argc, char **argv)
{
	static const struct option opts[] = {{"config", 1, 0, 'c'}, {"image", 1, 0, 'i'},
					     {"hash", 1, 0, 'H'},   {"output", 1, 0, 'o'},
					     {"help", 0, 0, 'h'},   {0}};
	static struct bundle_view v;
	enum bundle_hash h = BUNDLE_HASH_SHA384;
	const char *config = NULL, *out = NULL;
	int c;

	while ((c = getopt_long(argc, argv, "c:i:H:o:h", opts, NULL)) != -1) {
		if (c == 'h')
			return usage(0);
		else if (c == 'c')
			config = optarg;
		else if (c == 'o')
			out = optarg;
		else if (c == 'i' && add_image(&v, optarg) != 0)
			return 1;
		else if (c == 'H' && (h = bundle_hash_by_name(optarg)) == BUNDLE_HASH_NONE)
			return usage(2);
		else if (c == '?')
			return usage(2);
	}
	if (!config || !out || optind != argc)
		return usage(2);
	if (load_config(&v, config) != 0 || check_names(&v, config) != 0)
		return 1;
	return finish(&v, h, out);
}
