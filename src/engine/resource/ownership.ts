import type { Kernel } from '../kernel/kernel';

/**
 * The driver that still believes it owns resource `id`: it requested it (devres),
 * registered it with HMM, or bound it for kmem, and has not let go.
 */
export function driverHolding(k: Kernel, id: number): string | null {
  for (const d of k.devres) if (d.resId === id) return d.dev;
  for (const h of k.hmm) if (h.resId === id) return h.resOwner;
  for (const m of k.kmem) if (m.containerId === id) return m.dev;
  return null;
}

/** Drivers that believe they own some part of [start, end], whatever the tree says now. */
export function driversClaiming(k: Kernel, start: number, end: number): { dev: string; start: number; end: number }[] {
  const out: { dev: string; start: number; end: number }[] = [];
  for (const d of k.devres) if (d.start <= end && d.start + d.size - 1 >= start) out.push({ dev: d.dev, start: d.start, end: d.start + d.size - 1 });
  for (const h of k.hmm) if (h.start <= end && h.start + h.size - 1 >= start) out.push({ dev: h.resOwner, start: h.start, end: h.start + h.size - 1 });
  return out;
}
