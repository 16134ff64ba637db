// SPDX-License-Identifier: BSD-2-Clause
// make bench's end of a Linux boot (tests/bench/run_bench.py, tests/guests/linux/bench-init):
//   linuxbench boot    prints the TSC as /init runs: the boot's length from Bulkhead's
//                      "starts on CPU ..., TSC <n>" line, in the partition's own TSC
//   linuxbench reset   writes the partition's reset register (docs/partition-view.md), so
//                      that Bulkhead prints its exit counters by reason and the run ends

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/io.h>
#include <unistd.h>

#define RESET_PORT  0x600 /* CFG_RESET_PORT */
#define RESET_VALUE 0x01

/* A /dev/kmsg record needs its newline: without one the kernel holds it open for a
 * continuation and prints it only with the next record, which the reset would never bring. */
static void say(const char *line)
{
	char rec[128];
	int fd = open("/dev/kmsg", O_WRONLY);
	int n = snprintf(rec, sizeof(rec), "%s\n", line);

	if (fd < 0 || write(fd, rec, (size_t)n) != n)
		puts(line);
	if (fd >= 0)
		close(fd);
}

int main(int argc, char **argv)
{
	char line[96];

	if (argc == 2 && !strcmp(argv[1], "boot")) {
		uint32_t lo, hi;

		__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
		snprintf(line, sizeof(line), "bench: linux-boot init_tsc=%llu",
			 (unsigned long long)hi << 32 | lo);
		say(line);
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "reset")) {
		if (iopl(3)) {
			say("linuxbench: iopl failed");
			return 1;
		}
		outb(RESET_VALUE, RESET_PORT);
		say("linuxbench: the reset returned");
		return 1;
	}
	say("linuxbench: usage: linuxbench boot|reset");
	return 2;
}
