// SPDX-License-Identifier: BSD-2-Clause
// Serial ports the kernel found (/proc/tty/driver/serial, else /sys/class/tty/ttyS*) and the
// board's name from DMI.

#include <stdlib.h>
#include <string.h>

#include "inspect.h"

#define SERIAL_PROC  "proc/tty/driver/serial"
#define TTY_CLASS    "sys/class/tty"
#define PORT_UNKNOWN 0 /* include/uapi/linux/serial.h: the "type" attribute of an absent UART */
#define PORT_16550A  4

static bool attr(const struct rootfs *fs, const char *tty, const char *name, unsigned long *v)
{
	char rel[96], *t, *end;

	snprintf(rel, sizeof(rel), "%s/%s/%s", TTY_CLASS, tty, name);
	t = rootfs_read(fs, rel, NULL);
	if (!t)
		return false;
	*v = strtoul(t, &end, 0);
	free(t);
	return end != t;
}

static void from_sysfs(const struct rootfs *fs, struct board *b)
{
	char **names;
	int n = rootfs_list(fs, TTY_CLASS, &names);

	for (int i = 0; i < n && b->nuarts < INSPECT_MAX_UARTS; i++) {
		unsigned long port, irq, type;
		struct uart *u = &b->uart[b->nuarts];

		if (strncmp(names[i], "ttyS", 4) || !attr(fs, names[i], "type", &type) ||
		    type == PORT_UNKNOWN || !attr(fs, names[i], "port", &port) ||
		    !attr(fs, names[i], "irq", &irq))
			continue;
		*u = (struct uart){.line = (unsigned)atoi(names[i] + 4),
				   .port = (uint32_t)port,
				   .irq = (unsigned)irq};
		snprintf(u->type, sizeof(u->type), type == PORT_16550A ? "16550A" : "type%lu",
			 type);
		b->nuarts++;
	}
	if (n >= 0)
		rootfs_free_list(names, n);
}

void read_serial(const struct rootfs *fs, struct board *b)
{
	char *text = rootfs_read(fs, SERIAL_PROC, NULL);
	int n;

	if (text) {
		n = parse_tty_serial(text, b->uart, INSPECT_MAX_UARTS);
		free(text);
		if (n >= 0) {
			b->nuarts = (size_t)n;
			return;
		}
		board_note(b, "%s/%s: more than %d UARTs", fs->root, SERIAL_PROC,
			   INSPECT_MAX_UARTS);
	}
	from_sysfs(fs, b);
}

static void dmi(const struct rootfs *fs, const char *name, char *out, size_t len)
{
	char rel[64], *t;
	size_t used = strlen(out);

	snprintf(rel, sizeof(rel), "sys/class/dmi/id/%s", name);
	t = rootfs_read(fs, rel, NULL);
	if (!t)
		return;
	snprintf(out + used, len - used, "%s%.*s", used ? " " : "", (int)strcspn(t, "\n"), t);
	free(t);
}

void read_dmi(const struct rootfs *fs, struct board *b)
{
	dmi(fs, "sys_vendor", b->model, sizeof(b->model));
	dmi(fs, "product_name", b->model, sizeof(b->model));
	dmi(fs, "product_version", b->model, sizeof(b->model));
}
