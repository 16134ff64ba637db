// SPDX-License-Identifier: BSD-2-Clause
// The IOMMU core: picks the driver from the ACPI tables, keeps domains and owners, polls faults.
#include <stddef.h>

#include "iommu.h"
#include "iommu_drv.h"
#include "layout.h"
#include "platform.h"
#include "printk.h"
#include "spinlock.h"

#define MAX_DOMAINS 16	/* one per partition (CFG_MAX_PARTITIONS) */
#define MAX_DEVICES 256 /* every function of every partition (CFG_MAX_PCI each) */
#define POLL_US	    1000

static const struct iommu_drv *drv;
static struct iommu_domain domains[MAX_DOMAINS];
static size_t ndomains;
static struct {
	uint16_t bdf;
	const struct iommu_domain *d;
} owners[MAX_DEVICES];
static size_t nowners;
static int polling; /* one CPU at a time reads the records */
uint64_t iommu_next_poll;

static uint64_t alloc_table(void *ctx)
{
	(void)ctx;
	return (uint64_t)page_alloc(PAGE_SIZE, PAGE_SIZE);
}

static void *table_virt(void *ctx, uint64_t pa)
{
	(void)ctx;
	return phys_to_virt(pa);
}

const struct iopt_mem iommu_table_mem = {.alloc = alloc_table, .virt = table_virt};

/* DMAR first: a board has one kind; a table that does not parse is no IOMMU. */
bool iommu_init(void)
{
	static struct acpi_iommu_info info;
	const struct acpi_sdt_header *t = platform_table("DMAR");
	char err[160];

	drv = &vtd_drv;
	if (!t) {
		t = platform_table("IVRS");
		drv = &amd_vi_drv;
	}
	if (!t) {
		drv = NULL;
		pr_info("iommu: none (no DMAR or IVRS table): devices are not DMA-isolated");
		return false;
	}
	if ((drv == &vtd_drv ? acpi_parse_dmar : acpi_parse_ivrs)(t, t->length, &info, err,
								  sizeof(err)) < 0 ||
	    !info.nunits) {
		pr_err("iommu: %s: %s", drv->name, info.nunits ? err : "no remapping unit");
		drv = NULL;
		return false;
	}
	if (info.nresv)
		pr_warn("iommu: %lu firmware DMA ranges (RMRR/IVMD) are not mapped: devices that "
			"need them must be given to a partition that does not rely on them",
			info.nresv);
	if (!drv->start(&info)) {
		drv = NULL;
		return false;
	}
	iommu_next_poll = rdtsc();
	return true;
}

bool iommu_active(void)
{
	return drv != NULL;
}

struct iommu_domain *iommu_domain_create(unsigned int id, const char *owner, uint64_t top)
{
	struct iommu_domain *d;

	if (!drv || ndomains == MAX_DOMAINS)
		return NULL;
	d = &domains[ndomains];
	*d = (struct iommu_domain){.id = id, .owner = owner};
	d->pt.mem = iommu_table_mem;
	if (!drv->geometry(top, &d->pt)) {
		pr_err("iommu: partition %s: its memory up to 0x%lx is beyond what %s translates",
		       owner, top, drv->name);
		return NULL;
	}
	if (iopt_init(&d->pt) < 0) {
		pr_err("iommu: partition %s: no I/O page table (%u levels, largest leaf level %u)",
		       owner, d->pt.levels, d->pt.largest);
		return NULL;
	}
	ndomains++;
	return d;
}

bool iommu_domain_map(struct iommu_domain *d, uint64_t gpa, uint64_t hpa, uint64_t size,
		      unsigned int rights)
{
	int rc = iopt_map(&d->pt, gpa, hpa, size, rights);

	if (rc < 0)
		pr_err("iommu: partition %s: cannot map 0x%lx+0x%lx to 0x%lx (error %d)", d->owner,
		       gpa, size, hpa, rc);
	return rc == 0;
}

bool iommu_attach(struct iommu_domain *d, uint16_t bdf)
{
	if (nowners == MAX_DEVICES || !drv->attach(d, bdf))
		return false;
	owners[nowners].bdf = bdf;
	owners[nowners++].d = d;
	return true;
}

bool iommu_irq_remapping(void)
{
	return drv && drv->remapping();
}

/* Partitions program their devices' MSIs on their own CPUs, at any time: one command ring each
 * unit, so one writer at a time. */
bool iommu_msi(uint16_t bdf, uint32_t apic_id, uint8_t vector, uint64_t *addr, uint32_t *data)
{
	static struct spinlock lock;
	bool ok;

	if (!drv || !iommu_owner_of(bdf))
		return false;
	spin_lock(&lock);
	ok = drv->msi(bdf, apic_id, vector, addr, data);
	spin_unlock(&lock);
	return ok;
}

bool iommu_ioapic_rte(uint8_t id, uint32_t gsi, uint64_t rte, uint64_t *out)
{
	static struct spinlock lock;
	bool ok;

	if (!iommu_irq_remapping()) {
		*out = rte;
		return true;
	}
	spin_lock(&lock);
	ok = drv->ioapic(id, gsi, rte, out);
	spin_unlock(&lock);
	return ok;
}

const char *iommu_owner_of(uint16_t bdf)
{
	for (size_t i = 0; i < nowners; i++)
		if (owners[i].bdf == bdf)
			return owners[i].d->owner;
	return NULL;
}

void iommu_report_fault(uint16_t bdf, uint64_t addr, bool write, const char *what)
{
	const char *owner = iommu_owner_of(bdf);

	pr_warn("iommu: DMA fault: device %02x:%02x.%x (%s%s) %s at 0x%lx: %s", bdf >> 8,
		(bdf >> 3) & 0x1f, bdf & 7, owner ? "partition " : "given to no partition",
		owner ? owner : "", write ? "write" : "read", addr, what);
}

void iommu_report_irq_fault(uint16_t bdf, const char *what)
{
	const char *owner = iommu_owner_of(bdf);

	pr_warn("iommu: interrupt blocked: device %02x:%02x.%x (%s%s): %s", bdf >> 8,
		(bdf >> 3) & 0x1f, bdf & 7, owner ? "partition " : "given to no partition",
		owner ? owner : "", what);
}

void iommu_poll(void)
{
	if (__atomic_exchange_n(&polling, 1, __ATOMIC_ACQUIRE))
		return;
	iommu_next_poll = rdtsc() + tsc_khz * POLL_US / 1000;
	drv->poll();
	__atomic_store_n(&polling, 0, __ATOMIC_RELEASE);
}
