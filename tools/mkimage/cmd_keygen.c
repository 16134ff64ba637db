// SPDX-License-Identifier: BSD-2-Clause
// `bulkhead-mkimage keygen`: a new signing key pair, BASE.key (private) and BASE.pub.

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "bundle_tool.h"

static int usage(int rc)
{
	fprintf(rc ? stderr : stdout,
		"usage: bulkhead-mkimage keygen [-a ALG] BASE\n"
		"  writes BASE.key (PEM private key, mode 0600) and BASE.pub (DER public key)\n"
		"  -a ALG  ecdsa-p384-sha384 (default), ecdsa-p256-sha256, rsa3072-pss-sha384\n");
	return rc;
}

int cmd_keygen(int argc, char **argv)
{
	static const struct option opts[] = {{"alg", 1, 0, 'a'}, {"help", 0, 0, 'h'}, {0}};
	enum bundle_alg alg = BUNDLE_ALG_ECDSA_P384_SHA384;
	mbedtls_pk_context key;
	int c, ret;

	while ((c = getopt_long(argc, argv, "a:h", opts, NULL)) != -1) {
		if (c == 'h')
			return usage(0);
		if (c != 'a' || (alg = bundle_alg_by_name(optarg)) == BUNDLE_ALG_NONE)
			return usage(2);
	}
	if (optind != argc - 1)
		return usage(2);
	mbedtls_pk_init(&key);
	ret = bundle_keygen(alg, &key) == 0 && bundle_key_save(&key, argv[optind]) == 0 ? 0 : 1;
	mbedtls_pk_free(&key);
	if (ret)
		fprintf(stderr, "bulkhead-mkimage keygen: cannot create %s.key/.pub\n",
			argv[optind]);
	else
		printf("%s.key, %s.pub: new %s key\n", argv[optind], argv[optind],
		       bundle_alg_name(alg));
	return ret;
}
