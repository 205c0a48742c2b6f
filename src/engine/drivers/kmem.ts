import { EBUSY, EINVAL, errStr } from '../errno';
import { hashx } from '../mm/fmt';
import { IORESOURCE_SYSTEM_RAM } from '../resource/flags';
import { __request_region, describe, remove_resource } from '../resource/request';
import { findById, withNodeAt } from '../resource/tree';
import type { Kernel } from '../kernel/kernel';

/**
 * dev_dax_kmem_probe() as in the kernels the fixtures were recorded on (v5.8+): claim
 * the dax range, turn the claim into a non-busy System RAM container so hot-added RAM
 * can nest under it, then add_memory_driver_managed(..., "System RAM (kmem)").
 */
export function dax_kmem_probe(k: Kernel, dev: string, nid: number, start: number, size: number): number {
  return k.tr.call('dev_dax_kmem_probe', () => `${dev}, ${hashx(start)}-${hashx(start + size - 1)}`, () => {
    if (k.kmem.some((m) => m.dev === dev)) return -EBUSY;
    const res = __request_region(k, start, size, dev, 0, dev);
    if (!res) {
      k.printk(`kmem ${dev}: mapping0: ${hashx(start)}-${hashx(start + size - 1)} could not reserve region`);
      return -EBUSY;
    }
    const container = { ...res, flags: IORESOURCE_SYSTEM_RAM };
    k.iomem = withNodeAt(k.iomem, findById(k.iomem, res.id)!.path, container);
    if (k.tr.enabled) k.tr.change('iomem', `${describe(res)}: flags = IORESOURCE_SYSTEM_RAM (BUSY cleared so add_memory() can nest under it)`);
    k.kmem.push({ dev, nid, start, size, containerId: res.id });
    const ret = k.tr.call('add_memory_driver_managed', () => `nid ${nid}, ${hashx(start)}, ${hashx(size)}, "System RAM (kmem)"`, () =>
      k.v.add_memory(k, nid, start, size, 'System RAM (kmem)'),
    errStr);
    return ret;
  }, errStr);
}

/**
 * dev_dax_kmem_remove() (v5.8+): remove_memory(), and only if that worked, drop the
 * container with remove_resource(); otherwise the range stays reserved until reboot.
 */
export function dax_kmem_remove(k: Kernel, dev: string): number {
  const idx = k.kmem.findIndex((m) => m.dev === dev);
  if (idx < 0) {
    if (k.tr.enabled) k.tr.note(`kmem is not bound to ${dev}`);
    return -EINVAL;
  }
  const m = k.kmem[idx]!;
  return k.tr.call('dev_dax_kmem_remove', () => dev, () => {
    const rc = k.v.remove_memory(k, m.nid, m.start, m.size);
    if (rc) {
      k.printk(`kmem ${dev}: mapping0: ${hashx(m.start)}-${hashx(m.start + m.size - 1)} cannot be hotremoved until the next reboot`);
      return 0;
    }
    const hit = findById(k.iomem, m.containerId);
    k.kmem.splice(k.kmem.indexOf(m), 1);
    if (hit) remove_resource(k, hit.path, 'dev_dax_kmem_remove');
    return 0;
  }, errStr);
}
