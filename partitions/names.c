// SPDX-License-Identifier: BSD-2-Clause
// The words of the binding for each enumeration, shared by the parser and the partition table.

#include "parse.h"

const char *const cfg_vendor_names[3] = {"none", "vmx", "svm"};
const char *const cfg_protocol_names[4] = {"raw64", "multiboot2", "multiboot", "linux"};
const char *const cfg_console_names[3] = {"virtual", "passthrough", "none"};
const char *const cfg_fault_names[3] = {"halt", "restart", "reset-system"};
/* CFG_RESET_AUTO has no name: it is the property left out. */
const char *const cfg_reset_method_names[3] = {"", "pm", "bus-master-off"};
const char *const cfg_loglevel_names[4] = {"error", "warn", "info", "debug"};

static const char *pick(const char *const *names, size_t n, unsigned int i)
{
	return i < n ? names[i] : "?";
}

const char *cfg_vendor_name(enum cfg_vendor v)
{
	return pick(cfg_vendor_names, CFG_COUNT(cfg_vendor_names), v);
}

const char *cfg_protocol_name(enum cfg_protocol p)
{
	return pick(cfg_protocol_names, CFG_COUNT(cfg_protocol_names), p);
}

const char *cfg_console_name(enum cfg_console c)
{
	return pick(cfg_console_names, CFG_COUNT(cfg_console_names), c);
}

const char *cfg_fault_name(enum cfg_fault f)
{
	return pick(cfg_fault_names, CFG_COUNT(cfg_fault_names), f);
}

const char *cfg_reset_method_name(enum cfg_reset_method m)
{
	return pick(cfg_reset_method_names, CFG_COUNT(cfg_reset_method_names), m);
}

const char *cfg_loglevel_name(enum cfg_loglevel l)
{
	return pick(cfg_loglevel_names, CFG_COUNT(cfg_loglevel_names), l);
}

void cfg_rights_str(unsigned int rights, char out[4])
{
	out[0] = rights & CFG_R ? 'r' : '-';
	out[1] = rights & CFG_W ? 'w' : '-';
	out[2] = rights & CFG_X ? 'x' : '-';
	out[3] = '\0';
}
