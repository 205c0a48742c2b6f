import { EBUSY, errStr } from '../errno';
import { hashx, pR } from '../mm/fmt';
import { __release_region } from '../resource/release';
import { __request_region, describe } from '../resource/request';
import { holderPhrase } from '../resource/ownership';
import { findById } from '../resource/tree';
import type { Kernel } from '../kernel/kernel';

/**
 * devm_request_mem_region(dev, start, n, name): __request_region() under iomem_resource
 * plus a devres record, so the region is released when the driver goes. A NULL return
 * is reported as -EBUSY, as drivers pass it on.
 */
export function devm_request_mem_region(k: Kernel, dev: string, start: number, size: number, name: string): number {
  return k.tr.call('__devm_request_region', () => `${dev}, &iomem_resource, ${hashx(start)}, ${hashx(size)}, "${name}"`, () => {
    const res = __request_region(k, start, size, name, 0, dev);
    if (!res) return -EBUSY;
    k.devres.push({ dev, start, size, resId: res.id });
    if (k.tr.enabled) k.tr.change('devres', `${dev} owns ${describe(res)}`);
    checkDoubleOwnership(k, dev, start, start + size - 1);
    return 0;
  }, errStr);
}

/**
 * A driver that still believes it owns part of this range, though the tree no longer
 * says so: the new request succeeded only because the first driver's resource was
 * freed behind its back.
 */
function checkDoubleOwnership(k: Kernel, dev: string, start: number, end: number): void {
  const stale = [
    ...k.devres.filter((d) => d.dev !== dev).map((d) => ({ dev: d.dev, start: d.start, end: d.start + d.size - 1, resId: d.resId })),
    ...k.hmm.filter((h) => h.resOwner !== dev).map((h) => ({ dev: h.resOwner, start: h.start, end: h.start + h.size - 1, resId: h.resId })),
  ].filter((c) => c.start <= end && c.end >= start && !findById(k.iomem, c.resId));
  const seen = new Set<string>();
  for (const c of stale) {
    if (seen.has(c.dev)) continue;
    seen.add(c.dev);
    const holder = holderPhrase(c.dev);
    k.finding(
      'double-ownership',
      '__devm_request_region',
      `Driver "${dev}" was granted ${pR(start, end)}, but ${holder} still believes it owns ${pR(c.start, c.end)}: ` +
        `the core freed that resource behind ${holder}\u2019s back, so nothing stopped the second claim. ${holder[0]!.toUpperCase()}${holder.slice(1)} and driver "${dev}" now both claim the same addresses.`,
      { start: Math.max(start, c.start), end: Math.min(end, c.end) },
    );
  }
}

/**
 * devm_release_mem_region(dev, start, n): __release_region() then devres_destroy();
 * WARN_ON when the devres record is missing.
 */
export function devm_release_mem_region(k: Kernel, dev: string, start: number, size: number): number {
  return k.tr.call('__devm_release_region', () => `${dev}, &iomem_resource, ${hashx(start)}, ${hashx(size)}`, () => {
    const rec = k.devres.findIndex((d) => d.dev === dev && d.start === start && d.size === size);
    const found = __release_region(k, start, size, '__devm_release_region');
    if (!found && rec >= 0) {
      const d = k.devres[rec]!;
      k.finding(
        'nonexistent-resource-release',
        '__release_region',
        `Driver "${dev}" released ${pR(start, start + size - 1)}, the region it requested, but it is no longer in the iomem tree` +
          `${k.freedById(d.resId) ? ` (freed at step ${k.freedById(d.resId)!.step} by ${k.freedById(d.resId)!.by}())` : ''}: ` +
          `someone else released the driver's resource before the driver was done with it.`,
        { start, end: start + size - 1 },
        d.resId,
      );
    }
    if (rec < 0) {
      k.printk(`WARNING: CPU: 0 PID: 1 at kernel/resource.c __devm_release_region`);
      if (k.tr.enabled) k.tr.note('devres_destroy(): no matching devres record: WARN_ON');
    } else {
      k.devres.splice(rec, 1);
      if (k.tr.enabled) k.tr.change('devres', `${dev} gave up ${pR(start, start + size - 1)}`);
    }
    return 0;
  }, errStr);
}
