// SPDX-License-Identifier: BSD-2-Clause
// AMD-Vi DMA remapping (AMD IOMMU 3.08): one device table shared by every IOMMU of the IVRS,
// I/O page tables per partition, invalidation through each IOMMU's command buffer, event log.
#include <stddef.h>

#include "amd_vi_regs.h"
#include "iommu_drv.h"
#include "layout.h"
#include "printk.h"
#include "tsc.h"
#include "x86.h"

#define WAIT_US	  1000000
#define WAIT_DONE 0x600dULL /* what COMPLETION_WAIT stores once every command before it ran */
#define EVT_LEN	  16

struct amd_unit {
	uint64_t base, efr;
	struct amd_cmd *cmd; /* command ring */
	uint32_t cmd_tail;   /* next free entry */
	uint32_t pending;    /* commands since the last completed wait */
	const uint64_t *evt; /* event log ring */
	volatile uint64_t *done;
};

static struct amd_unit units[ACPI_MAX_IOMMUS];
static size_t nunits;
static struct amd_dte *devtab;
static struct amd_dte *blocked_devtab; /* IOMMUs of other PCI segments: every device blocked */
/* Interrupt remapping: a table per owned device, every entry off until Bulkhead writes it. */
#define IRT_LOG2    10 /* 1024 four-byte entries: one page */
#define MAX_DEVICES 256
static bool ir_on;
static struct {
	uint16_t bdf;
	uint32_t *irt;
} irts[MAX_DEVICES];
static size_t nirts;

static bool sync_unit(struct amd_unit *u);

static void push(struct amd_unit *u, struct amd_cmd c)
{
	u->cmd[u->cmd_tail] = c;
	u->cmd_tail = (u->cmd_tail + 1) % AMD_RING_ENTRIES;
	u->pending++;
}

static void submit(struct amd_unit *u, struct amd_cmd c)
{
	/* Room for this and the wait that drains the ring: the tail never catches the head. */
	if (u->pending + 2 >= AMD_RING_ENTRIES)
		sync_unit(u);
	push(u, c);
}

/* Appends COMPLETION_WAIT, hands the ring to the unit and waits for its store: every command
 * before it has completed and the ring is empty again. Waiting on the store rather than on the
 * head register is what 2.4.1 offers software; it needs no interrupt. */
static bool sync_unit(struct amd_unit *u)
{
	uint64_t end = tsc_deadline_us(WAIT_US);

	*u->done = 0;
	push(u, amd_cmd_completion_wait((uint64_t)u->done, WAIT_DONE));
	asm volatile("sfence" ::: "memory");
	mmio_write64(u->base, AMD_CMD_TAIL, (uint64_t)u->cmd_tail * sizeof(struct amd_cmd));
	u->pending = 0;
	while (*u->done != WAIT_DONE)
		if (rdtsc() > end) {
			pr_err("iommu: AMD-Vi at 0x%lx: commands not completed (status 0x%lx)",
			       u->base, mmio_read64(u->base, AMD_STATUS));
			return false;
		}
	return true;
}

/* The I/O APICs the IVRS names. Under interrupt remapping each has a table indexed by its
 * message's data bits 10:0 (2.2.5): with fixed delivery, the vector; an entry exists for each
 * vector an owned legacy line uses, so the chip reaches what Bulkhead programmed and nothing
 * else answers to its device ID. */
#define IOAPIC_IRT_LOG2 8
#define MAX_IOAPICS	8
static struct {
	uint8_t id;
	uint16_t devid;
	uint32_t *irt;
} ioapics[MAX_IOAPICS];
static size_t nioapics;

/* DMA blocked for every device ID; the I/O APICs' interrupts remapped (or, without remapping,
 * passed), the HPETs' passed: Bulkhead alone programs those chips. */
static void build_devtab(const struct acpi_iommu_info *info)
{
	struct amd_dte blocked = amd_dte_blocked();

	devtab = page_alloc(AMD_DEVTAB_SIZE, PAGE_SIZE);
	for (uint32_t id = 0; id < AMD_DEVIDS; id++)
		devtab[id] = blocked;
	for (size_t i = 0; i < info->nscopes; i++) {
		const struct acpi_iommu_scope *sc = &info->scope[i];

		if (sc->type == ACPI_SCOPE_HPET || (sc->type == ACPI_SCOPE_IOAPIC && !ir_on))
			devtab[sc->bdf].q[2] &= ~AMD_DTE_IV;
		if (sc->type != ACPI_SCOPE_IOAPIC || !ir_on || nioapics == MAX_IOAPICS)
			continue;
		ioapics[nioapics].id = sc->enum_id;
		ioapics[nioapics].devid = sc->bdf;
		ioapics[nioapics].irt = page_alloc(PAGE_SIZE, PAGE_SIZE);
		devtab[sc->bdf] =
		    amd_dte_remapped(blocked, (uint64_t)ioapics[nioapics++].irt, IOAPIC_IRT_LOG2);
	}
}

/* Every cached entry may predate Bulkhead (firmware, a previous kernel): all of them go. */
static bool invalidate_all(struct amd_unit *u)
{
	if (u->efr & AMD_EFR_IA) {
		submit(u, amd_cmd_inv_all());
		return sync_unit(u);
	}
	for (uint32_t id = 0; id < AMD_DEVIDS; id++)
		submit(u, amd_cmd_inv_devtab((uint16_t)id));
	return sync_unit(u);
}

static bool start_unit(struct amd_unit *u, uint16_t segment)
{
	const struct amd_dte *table = devtab;

	/* Device IDs carry no segment: functions are given out on segment 0 only. */
	if (segment) {
		if (!blocked_devtab) {
			blocked_devtab = page_alloc(AMD_DEVTAB_SIZE, PAGE_SIZE);
			for (uint32_t id = 0; id < AMD_DEVIDS; id++)
				blocked_devtab[id] = amd_dte_blocked();
		}
		table = blocked_devtab;
	}
	u->efr = mmio_read64(u->base, AMD_EXT_FEATURES);
	u->cmd = page_alloc(AMD_RING_BYTES, PAGE_SIZE);
	u->evt = page_alloc(AMD_RING_BYTES, PAGE_SIZE);
	u->done = page_alloc(PAGE_SIZE, PAGE_SIZE);
	mmio_write64(u->base, AMD_CONTROL, 0);
	mmio_write64(u->base, AMD_DEVTAB_BASE, (uint64_t)table | AMD_DEVTAB_SIZE_FLD);
	mmio_write64(u->base, AMD_CMDBUF_BASE, (uint64_t)u->cmd | AMD_RING_LEN_FLD);
	mmio_write64(u->base, AMD_EVTLOG_BASE, (uint64_t)u->evt | AMD_RING_LEN_FLD);
	mmio_write64(u->base, AMD_CMD_HEAD, 0);
	mmio_write64(u->base, AMD_CMD_TAIL, 0);
	mmio_write64(u->base, AMD_EVT_HEAD, 0);
	mmio_write64(u->base, AMD_EVT_TAIL, 0);
	mmio_write64(u->base, AMD_STATUS, AMD_STS_EVT_OVERFLOW);
	mmio_write64(u->base, AMD_CONTROL,
		     AMD_CTL_IOMMU_EN | AMD_CTL_EVTLOG_EN | AMD_CTL_CMDBUF_EN);
	return invalidate_all(u);
}

/* The IVRS must name the I/O APIC for an OS to remap interrupts (its own requests go through
 * the same tables): without it, MSIs stay unremapped and that is said at boot. */
static bool ir_possible(const struct acpi_iommu_info *info)
{
	for (size_t i = 0; i < info->nscopes; i++)
		if (info->scope[i].type == ACPI_SCOPE_IOAPIC)
			return true;
	return false;
}

static bool start(const struct acpi_iommu_info *info)
{
	ir_on = ir_possible(info);
	build_devtab(info);
	for (size_t i = 0; i < info->nunits; i++) {
		struct amd_unit *u = &units[nunits++];

		u->base = info->unit[i].base;
		if (!start_unit(u, info->unit[i].segment))
			return false;
		pr_info("iommu: AMD-Vi %lu at 0x%lx (device %02x:%02x.%x): up to %u-level tables; "
			"DMA remapping on, every device blocked",
			i, u->base, info->unit[i].bdf >> 8, (info->unit[i].bdf >> 3) & 0x1f,
			info->unit[i].bdf & 7,
			AMD_EFR_HATS(u->efr) == 3 ? 4 : 4 + AMD_EFR_HATS(u->efr));
	}
	if (ir_on)
		pr_info("iommu: AMD-Vi interrupt remapping on (%lu I/O APICs), every interrupt "
			"blocked",
			nioapics);
	else
		pr_warn("iommu: AMD-Vi: the IVRS names no I/O APIC: no interrupt remapping, a "
			"device's MSI is not confined to its owner's cores");
	return true;
}

static bool geometry(uint64_t top, struct iopt *pt)
{
	struct amd_geometry g = {0};

	for (size_t i = 0; i < nunits; i++) {
		struct amd_geometry ug;

		if (!amd_geometry(units[i].efr, top, &ug))
			return false;
		if (!g.levels || ug.levels > g.levels)
			g = ug;
	}
	pt->fmt = IOPT_AMD;
	pt->levels = g.levels;
	pt->largest = g.largest;
	pt->addr_bits = g.addr_bits;
	return true;
}

static bool attach(struct iommu_domain *d, uint16_t bdf)
{
	struct amd_dte e = amd_dte_domain(d->pt.root, d->pt.levels, (uint16_t)d->id);
	struct amd_dte *slot = &devtab[bdf];

	if (ir_on) {
		if (nirts == MAX_DEVICES)
			return false;
		irts[nirts].bdf = bdf;
		irts[nirts].irt = page_alloc(PAGE_SIZE, PAGE_SIZE);
		e = amd_dte_remapped(e, (uint64_t)irts[nirts++].irt, IRT_LOG2);
	}

	/* 2.2.2: the first quadword holds V and the root: it goes last. */
	slot->q[1] = e.q[1];
	slot->q[2] = e.q[2];
	slot->q[3] = e.q[3];
	__atomic_store_n(&slot->q[0], e.q[0], __ATOMIC_RELEASE);
	for (size_t i = 0; i < nunits; i++) {
		submit(&units[i], amd_cmd_inv_devtab(bdf));
		submit(&units[i], amd_cmd_inv_pages_all((uint16_t)d->id));
		if (!sync_unit(&units[i]))
			return false;
	}
	return true;
}

static void report(const struct amd_event *e)
{
	if (e->code == AMD_EVT_IO_PAGE_FAULT && e->interrupt) {
		iommu_report_irq_fault(e->devid, "no interrupt entry for its message");
		return;
	}
	if (e->code == AMD_EVT_IO_PAGE_FAULT) {
		iommu_report_fault(e->devid, e->addr, e->write, amd_event_name(e->code));
		return;
	}
	pr_warn("iommu: AMD-Vi event: %s, device %02x:%02x.%x, address 0x%lx",
		amd_event_name(e->code), e->devid >> 8, (e->devid >> 3) & 0x1f, e->devid & 7,
		e->addr);
}

/* 3.4.8: entries from head to tail; moving the head frees them. */
static void poll_unit(struct amd_unit *u)
{
	uint64_t head = mmio_read64(u->base, AMD_EVT_HEAD) & AMD_RING_PTR_MASK;
	uint64_t tail = mmio_read64(u->base, AMD_EVT_TAIL) & AMD_RING_PTR_MASK;

	while (head != tail) {
		struct amd_event e;

		amd_decode_event(u->evt + head / sizeof(uint64_t), &e);
		report(&e);
		head = (head + EVT_LEN) % AMD_RING_BYTES;
		mmio_write64(u->base, AMD_EVT_HEAD, head);
	}
	if (mmio_read64(u->base, AMD_STATUS) & AMD_STS_EVT_OVERFLOW) {
		pr_warn("iommu: AMD-Vi at 0x%lx: event log overflowed, events lost", u->base);
		/* 3.4.12: the log stops on overflow; it restarts once re-enabled. */
		mmio_write64(u->base, AMD_STATUS, AMD_STS_EVT_OVERFLOW);
		mmio_write64(u->base, AMD_CONTROL,
			     mmio_read64(u->base, AMD_CONTROL) & ~AMD_CTL_EVTLOG_EN);
		mmio_write64(u->base, AMD_CONTROL,
			     mmio_read64(u->base, AMD_CONTROL) | AMD_CTL_EVTLOG_EN);
	}
}

static void poll(void)
{
	for (size_t i = 0; i < nunits; i++)
		poll_unit(&units[i]);
}

static bool invalidate_irt(uint16_t devid)
{
	for (size_t k = 0; k < nunits; k++) {
		submit(&units[k], amd_cmd_inv_irt(devid));
		if (!sync_unit(&units[k]))
			return false;
	}
	return true;
}

/* Entry 0 of the device's table; the MSI data's low 11 bits select it (2.2.5). */
static bool remapping(void)
{
	return ir_on;
}

static bool msi(uint16_t bdf, uint32_t apic_id, uint8_t vector, uint64_t *addr, uint32_t *data)
{
	uint32_t irte;

	if (!ir_on || vector < 32 || !amd_irte(apic_id, vector, &irte))
		return false;
	for (size_t i = 0; i < nirts; i++) {
		if (irts[i].bdf != bdf)
			continue;
		__atomic_store_n(&irts[i].irt[0], irte, __ATOMIC_RELEASE);
		if (!invalidate_irt(bdf))
			return false;
		*addr = 0xfee00000ULL | (uint64_t)apic_id << 12;
		*data = 0;
		return true;
	}
	return false;
}

#define RTE_DEST_SHIFT 56
#define RTE_MASKED     (1ULL << 16)
#define RTE_VECTOR     0xffULL

/* The entry the line's vector selects routes it to the core Bulkhead chose; the redirection
 * entry itself stays as built. Two lines with one vector for different cores cannot share it. */
static bool ioapic(uint8_t id, uint32_t gsi, uint64_t rte, uint64_t *out)
{
	uint32_t irte, *e;

	*out = rte;
	if (!ir_on || (rte & RTE_MASKED))
		return true;
	for (size_t i = 0; i < nioapics; i++) {
		if (ioapics[i].id != id)
			continue;
		if (!amd_irte((uint32_t)(rte >> RTE_DEST_SHIFT), (uint8_t)(rte & RTE_VECTOR),
			      &irte))
			return false;
		e = &ioapics[i].irt[rte & RTE_VECTOR];
		if (*e && *e != irte) {
			pr_warn("iommu: I/O APIC %u input %u: vector 0x%lx already goes to another "
				"core: masked",
				id, gsi, (unsigned long)(rte & RTE_VECTOR));
			return false;
		}
		__atomic_store_n(e, irte, __ATOMIC_RELEASE);
		return invalidate_irt(ioapics[i].devid);
	}
	pr_warn("iommu: I/O APIC %u is not in the IVRS: its input %u stays masked", id, gsi);
	return false;
}

const struct iommu_drv amd_vi_drv = {.name = "AMD-Vi",
				     .start = start,
				     .geometry = geometry,
				     .attach = attach,
				     .poll = poll,
				     .remapping = remapping,
				     .msi = msi,
				     .ioapic = ioapic};
