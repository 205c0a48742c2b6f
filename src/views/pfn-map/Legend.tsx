/** What the colours and rows mean; swatches use the same palette as the canvas. */
import type { CSSProperties } from 'react';
import { basePalette, stripesCss, type Theme } from './palette';
import { ZONES } from './section-kinds';

interface Item {
  label: string;
  style: CSSProperties;
}

function items(theme: Theme): Item[] {
  const p = basePalette(theme);
  const zone = (i: number): Item => ({ label: ZONES[i]!, style: { background: p.zones[i] } });
  return [
    zone(0),
    zone(1),
    zone(2),
    zone(3),
    { label: 'ZONE_DEVICE', style: { background: p.zones[4] } },
    { label: 'offline (pale, zone rim)', style: { background: `${p.zones[2]}4d`, borderTop: `2px solid ${p.zones[2]}`, borderBottom: `2px solid ${p.zones[2]}` } },
    { label: 'memmap poisoned', style: { background: stripesCss(p.poisoned, p.bg) } },
    { label: 'memmap uninitialised', style: { background: stripesCss(p.uninit, p.bg) } },
    { label: 'changed this step', style: { background: 'var(--accent, ' + p.accent + ')', height: 4, alignSelf: 'flex-start' } },
    { label: 'span over absent memory', style: { background: stripesCss(p.muted, p.bg) } },
    { label: 'block online / offline', style: { background: `linear-gradient(90deg, ${p.fg} 50%, transparent 50%)`, outline: `1px solid ${p.muted}` } },
    { label: 'iomem: System RAM', style: { background: p.sysram } },
    { label: 'persistent memory', style: { background: p.iomem.pmem } },
    { label: 'reserved', style: { background: p.iomem.reserved } },
    { label: 'ACPI', style: { background: p.iomem.acpi } },
    { label: 'PCI bus window', style: { border: `1px solid ${p.iomem.pci}` } },
    { label: 'device / driver', style: { background: p.device } },
    { label: 'window / free', style: { border: `1px solid ${p.window}` } },
  ];
}

export function Legend({ theme }: { theme: Theme }) {
  return (
    <ul className="pfn-map__legend" aria-label="Legend of the physical address map">
      {items(theme).map((it) => (
        <li key={it.label}>
          <span className="pfn-map__swatch" style={it.style} aria-hidden="true" />
          {it.label}
        </li>
      ))}
    </ul>
  );
}
