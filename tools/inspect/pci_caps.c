// SPDX-License-Identifier: BSD-2-Clause
// Names a PCI function's capabilities from its configuration space: what decides whether it can
// be passed to a partition (MSI/MSI-X for interrupts without shared pins, ACS for isolation,
// FLR for a reset between owners).

#include <stdio.h>
#include <string.h>

#include "inspect.h"

/* PCI Local Bus 3.0, 6.7 and appendix H; PCIe Base 5.0, 7.5 and 7.6. */
#define PCI_STATUS	    0x06
#define PCI_STATUS_CAP_LIST 0x10
#define PCI_CAP_PTR	    0x34
#define PCI_STD_CFG	    0x100
#define PCI_EXT_CFG	    0x1000
#define PCI_MAX_CAPS	    48 /* a loop guard: 192 bytes hold at most 48 capabilities */
#define PCIE_DEVCAP	    0x04
#define PCIE_DEVCAP_FLR	    (1U << 28)

static const struct {
	uint8_t id;
	const char *name;
} std_caps[] = {{0x01, "PM"},	{0x05, "MSI"},	 {0x09, "vendor"}, {0x0d, "SSVID"},
		{0x10, "PCIe"}, {0x11, "MSI-X"}, {0x12, "SATA"},   {0x13, "AF"}};

static const struct {
	uint16_t id;
	const char *name;
} ext_caps[] = {{0x0001, "AER"},    {0x000d, "ACS"}, {0x000f, "ATS"},
		{0x0010, "SR-IOV"}, {0x0013, "PRI"}, {0x001b, "PASID"}};

/* Each name once: a function may carry several vendor-specific capabilities. */
static void append(char *out, size_t outlen, const char *name)
{
	size_t used = strlen(out), n = strlen(name);

	for (const char *s = strstr(out, name); s; s = strstr(s + 1, name))
		if ((s == out || s[-1] == ' ') && (s[n] == ' ' || !s[n]))
			return;
	snprintf(out + used, outlen - used, "%s%s", used ? " " : "", name);
}

static uint16_t rd16(const uint8_t *cfg, size_t off)
{
	return (uint16_t)(cfg[off] | cfg[off + 1] << 8);
}

static uint32_t rd32(const uint8_t *cfg, size_t off)
{
	return rd16(cfg, off) | (uint32_t)rd16(cfg, off + 2) << 16;
}

static void std_list(const uint8_t *cfg, char *out, size_t outlen)
{
	uint8_t at = cfg[PCI_CAP_PTR] & 0xfc;

	for (int i = 0; at >= 0x40 && i < PCI_MAX_CAPS; i++, at = cfg[at + 1] & 0xfc) {
		for (size_t k = 0; k < sizeof(std_caps) / sizeof(std_caps[0]); k++)
			if (std_caps[k].id == cfg[at])
				append(out, outlen, std_caps[k].name);
		if (cfg[at] == 0x10 && (rd32(cfg, at + PCIE_DEVCAP) & PCIE_DEVCAP_FLR))
			append(out, outlen, "FLR");
	}
}

/* Extended capabilities start at 0x100 with a 32-bit header: ID 15:0, next 31:20. */
static void ext_list(const uint8_t *cfg, char *out, size_t outlen)
{
	size_t at = PCI_STD_CFG;

	for (int i = 0; at >= PCI_STD_CFG && at + 4 <= PCI_EXT_CFG && i < PCI_MAX_CAPS * 8; i++) {
		uint32_t h = rd32(cfg, at);

		if (!h || h == 0xffffffff)
			return;
		for (size_t k = 0; k < sizeof(ext_caps) / sizeof(ext_caps[0]); k++)
			if (ext_caps[k].id == (h & 0xffff))
				append(out, outlen, ext_caps[k].name);
		at = (h >> 20) & 0xffc;
	}
}

void pci_caps_describe(const uint8_t *cfg, size_t len, char *out, size_t outlen)
{
	out[0] = '\0';
	if (len < 0x40 || !(rd16(cfg, PCI_STATUS) & PCI_STATUS_CAP_LIST))
		return;
	if (len >= PCI_STD_CFG)
		std_list(cfg, out, outlen);
	if (len >= PCI_EXT_CFG)
		ext_list(cfg, out, outlen);
}
