// SPDX-License-Identifier: BSD-2-Clause
// bulkhead-mkimage: shared helpers of the subcommands.
#ifndef BULKHEAD_MKIMAGE_H
#define BULKHEAD_MKIMAGE_H

#include <stddef.h>

/* Runs dtc (or $DTC) with @args (NULL-terminated, without argv[0]); its exit status, or -1. */
int run_dtc(const char *const *args);
/* Whole file into a malloc'd, NUL-terminated buffer; NULL (errno set) on failure. */
char *read_file(const char *path, size_t *size);

int cmd_check(int argc, char **argv);

#endif
