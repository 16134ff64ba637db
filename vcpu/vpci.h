/* SPDX-License-Identifier: BSD-2-Clause */
/* A partition's virtual PCI bus: its own functions at their real addresses behind trapped
 * configuration ports 0xcf8/0xcfc, nothing else (docs/devices.md). */
#ifndef BULKHEAD_VPCI_H
#define BULKHEAD_VPCI_H

#include <stdbool.h>
#include <stdint.h>

#include "vcpu.h"

#define VPCI_PORT_ADDR 0xcf8
#define VPCI_PORT_DATA 0xcfc

/* Builds the bus of @p from its pci-devices (at start) or brings it back to power-on (at
 * restart, after the functions were reset). */
void vpci_reset(struct partition *p);

/* Empties the bus of @p (a stopped partition): every function reads absent, writes drop. */
void vpci_freeze(struct partition *p);

/* Whether @port is the configuration mechanism of @p's bus (only a partition that owns
 * functions has one; for the others these ports stay unowned). */
bool vpci_port(const struct partition *p, uint16_t port);
/* A port access of @size bytes; a read fills *@val. */
void vpci_io(struct vcpu *v, uint16_t port, uint8_t size, bool in, uint32_t *val);

#endif
