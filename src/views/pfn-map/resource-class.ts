/**
 * Classes of top-level /proc/iomem entries. The flag values are the kernel's
 * (include/linux/ioport.h), repeated here because views may not import the engine's resource code.
 */
import type { ResourceView } from '../../engine/views/view-types';

const IORESOURCE_MEM = 0x00000200;
const IORESOURCE_SYSRAM = 0x01000000;
const IORESOURCE_BUSY = 0x80000000;

export type ResourceClass = 'sysram' | 'device' | 'window';

/** System RAM; a busy MEM range without SYSRAM belongs to a device or driver; the rest are windows. */
export function resourceClass(r: Pick<ResourceView, 'flags'>): ResourceClass {
  const f = r.flags >>> 0;
  if (f & IORESOURCE_SYSRAM) return 'sysram';
  if ((f & IORESOURCE_BUSY) !== 0 && (f & IORESOURCE_MEM) !== 0) return 'device';
  return 'window';
}
