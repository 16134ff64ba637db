// SPDX-License-Identifier: BSD-2-Clause
// The checks every ACPI table gets before any of its fields is believed.
#include <stdio.h>
#include <string.h>

#include "acpi_tables.h"

#define SIG_LEN 4

int acpi_check_sdt(const void *tbl, size_t len, const char sig[4], size_t min_len, char *err,
		   size_t errlen)
{
	struct acpi_sdt_header h;
	uint8_t sum;

	if (err && errlen)
		err[0] = '\0';
	if (len < sizeof(h) || len < min_len) {
		if (err)
			snprintf(err, errlen, "%.4s: %u bytes, shorter than its %u-byte header",
				 sig, (unsigned)len,
				 (unsigned)(min_len > sizeof(h) ? min_len : sizeof(h)));
		return -EINVAL;
	}
	memcpy(&h, tbl, sizeof(h));
	if (memcmp(h.signature, sig, SIG_LEN)) {
		if (err)
			snprintf(err, errlen, "%.4s: signature is not %.4s", sig, sig);
		return -EINVAL;
	}
	if (h.length < min_len || h.length < sizeof(h) || h.length > len) {
		if (err)
			snprintf(err, errlen, "%.4s: header length %u outside [%u, %u]", sig,
				 h.length, (unsigned)min_len, (unsigned)len);
		return -EINVAL;
	}
	sum = acpi_checksum(tbl, h.length);
	if (sum) {
		if (err)
			snprintf(err, errlen, "%.4s: checksum off by %#x", sig, sum);
		return -EINVAL;
	}
	return 0;
}
