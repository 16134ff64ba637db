// SPDX-License-Identifier: BSD-2-Clause
// `bulkhead-mkimage verify`: the hypervisor's own check (kernel/bundle/), run on the host.

#include <getopt.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle_tool.h"
#include "mkimage.h"

#define MAX_KEYS 8

static int usage(int rc)
{
	fprintf(rc ? stderr : stdout,
		"usage: bulkhead-mkimage verify -p KEY.pub [-p ...] [-m MIN-VERSION] BUNDLE\n"
		"  -p  trusted public key (DER); its name is the file name without .pub\n"
		"  -m  minimum security version (default 1)\n"
		"  exit 0: the hypervisor would accept BUNDLE; 1: refused, with the reason\n");
	return rc;
}

static int add_key(struct bundle_key *k, const char *path)
{
	char *copy = strdup(path), *base = basename(copy), *dot = strrchr(base, '.');
	mbedtls_pk_context pk;

	if (dot)
		*dot = '\0';
	k->name = base;
	k->der = (const uint8_t *)read_file(path, &k->der_len);
	mbedtls_pk_init(&pk);
	if (!k->der || mbedtls_pk_parse_public_key(&pk, k->der, k->der_len) != 0) {
		fprintf(stderr, "bulkhead-mkimage verify: %s: not a DER public key\n", path);
		return -1;
	}
	k->alg = bundle_key_alg(&pk);
	mbedtls_pk_free(&pk);
	return 0;
}

static int check(const char *path, const struct bundle_keys *keys, uint32_t min)
{
	static struct bundle_view v;
	char err[256];
	size_t len;
	char *blob = read_file(path, &len);

	if (!blob) {
		perror(path);
		return 1;
	}
	if (bundle_verify(blob, len, keys, min, &v, err, sizeof(err)) != 0) {
		printf("%s: REFUSED: %s\n", path, err);
		return 1;
	}
	printf("%s: OK: %s key \"%s\", security version %lu, %lu images\n", path,
	       bundle_alg_name(v.alg), v.key_hint, (unsigned long)v.version,
	       (unsigned long)v.nimages);
	return 0;
}

int cmd_verify(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"pubkey", 1, 0, 'p'}, {"min-version", 1, 0, 'm'}, {"help", 0, 0, 'h'}, {0}};
	static struct bundle_key key[MAX_KEYS];
	struct bundle_keys keys = {key, 0};
	unsigned long min = 1;
	int c;

	while ((c = getopt_long(argc, argv, "p:m:h", opts, NULL)) != -1) {
		if (c == 'h')
			return usage(0);
		else if (c == 'p' &&
			 (keys.count >= MAX_KEYS || add_key(&key[keys.count++], optarg)))
			return 1;
		else if (c == 'm')
			min = strtoul(optarg, NULL, 0);
		else if (c == '?')
			return usage(2);
	}
	if (!keys.count || optind != argc - 1)
		return usage(2);
	return check(argv[optind], &keys, (uint32_t)min);
}
