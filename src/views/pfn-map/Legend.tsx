/** What the colours and rows mean; swatches use the same palette as the canvas. */
import type { CSSProperties } from 'react';
import { basePalette, stripesCss, type Theme } from './palette';
import { legendKey, type Swatch } from './legend-key';

interface Item {
  label: string;
  style: CSSProperties;
}

/** A swatch of the key as CSS, with the same colours the canvas and the exports use. */
function swatchCss(sw: Swatch, bg: string): CSSProperties {
  if (sw.pale) return { background: `${sw.pale}4d`, borderTop: `2px solid ${sw.pale}`, borderBottom: `2px solid ${sw.pale}` };
  if (sw.stripes) return { background: stripesCss(sw.stripes, bg) };
  if (sw.bar) return { background: 'var(--accent, ' + sw.bar + ')', height: 4, alignSelf: 'flex-start' };
  if (sw.half) return { background: `linear-gradient(90deg, ${sw.half} 50%, transparent 50%)`, outline: `1px solid ${sw.outline}` };
  if (sw.fill) return { background: sw.fill };
  return { border: `1px solid ${sw.outline}` };
}

function items(theme: Theme): Item[] {
  const p = basePalette(theme);
  return legendKey(p).map((k) => ({ label: k.label, style: swatchCss(k.swatch, p.bg) }));
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
