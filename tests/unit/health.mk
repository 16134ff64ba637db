# SPDX-License-Identifier: BSD-2-Clause
# Unit tests of the pure health pieces: the doorbell rate limiter and the watchdog deadline.

UNIT_TESTS += token_bucket watchdog
UNIT_SRCS_token_bucket := partitions/token_bucket.c
UNIT_SRCS_watchdog := partitions/watchdog.c
UNIT_CFLAGS += -Ipartitions
