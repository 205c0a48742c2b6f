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

/** How a finding names the holder: the platform is not a driver. */
export function holderPhrase(holder: string): string {
  return holder === 'platform' ? 'the platform' : `driver "${holder}"`;
}
