// SPDX-License-Identifier: BSD-2-Clause
// `bulkhead-mkimage sign`: sign (or re-sign) a bundle with a private key and a security version.

#include <getopt.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle_tool.h"
#include "mkimage.h"

static int usage(int rc)
{
	fprintf(
	    rc ? stderr : stdout,
	    "usage: bulkhead-mkimage sign -k KEY.key [-n NAME] [-V VERSION] -o OUT IN\n"
	    "  -k  private key (bulkhead-mkimage keygen); its type chooses the algorithm\n"
	    "  -n  key name hint written into the bundle (default: KEY's file name without .key)\n"
	    "  -V  security version, 1..4294967295 (default 1); the hypervisor refuses bundles\n"
	    "      below its built-in minimum\n");
	return rc;
}

static char *default_hint(const char *key_path)
{
	char *copy = strdup(key_path), *base = basename(copy), *dot = strrchr(base, '.');

	if (dot)
		*dot = '\0';
	return base;
}

static int sign_file(const char *in, const char *out, mbedtls_pk_context *key, const char *hint,
		     uint32_t version)
{
	static struct bundle_view v;
	static uint8_t sig[BUNDLE_SIG_MAX];
	char err[256] = "";
	size_t len;
	uint8_t *blob = (uint8_t *)read_file(in, &len), *signed_blob;

	if (!blob || bundle_parse(blob, len, false, &v, err, sizeof(err)) != 0 ||
	    bundle_sign_view(&v, key, hint, version, sig, err, sizeof(err)) != 0 ||
	    bundle_write(&v, &signed_blob, &len) != 0) {
		fprintf(stderr, "bulkhead-mkimage sign: %s: %s\n", in, blob ? err : "cannot read");
		return 1;
	}
	if (write_file(out, signed_blob, len, 0644) != 0) {
		perror(out);
		return 1;
	}
	printf("%s: signed with %s key \"%s\", security version %lu\n", out, bundle_alg_name(v.alg),
	       hint, (unsigned long)version);
	return 0;
}

int cmd_sign(int argc, char **argv)
{
	static const struct option opts[] = {{"key", 1, 0, 'k'},     {"name", 1, 0, 'n'},
					     {"version", 1, 0, 'V'}, {"output", 1, 0, 'o'},
					     {"help", 0, 0, 'h'},    {0}};
	const char *keyfile = NULL, *hint = NULL, *out = NULL;
	unsigned long version = 1;
	mbedtls_pk_context key;
	char *end;
	int c, ret;

	while ((c = getopt_long(argc, argv, "k:n:V:o:h", opts, NULL)) != -1) {
		if (c == 'h')
			return usage(0);
		else if (c == 'k')
			keyfile = optarg;
		else if (c == 'n')
			hint = optarg;
		else if (c == 'o')
			out = optarg;
		else if (c == 'V' && ((version = strtoul(optarg, &end, 0)) == 0 || *end ||
				      version > UINT32_MAX))
			return usage(2);
		else if (c == '?')
			return usage(2);
	}
	if (!keyfile || !out || optind != argc - 1)
		return usage(2);
	mbedtls_pk_init(&key);
	if (mbedtls_pk_parse_keyfile(&key, keyfile, NULL) != 0) {
		fprintf(stderr, "bulkhead-mkimage sign: %s: not a private key\n", keyfile);
		return 1;
	}
	ret = sign_file(argv[optind], out, &key, hint ? hint : default_hint(keyfile),
			(uint32_t)version);
	mbedtls_pk_free(&key);
	return ret;
}
