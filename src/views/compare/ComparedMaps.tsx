import type { KernelRef } from '../../engine/variants/switches';
import type { StateView } from '../../engine/views/view-types';
import { Legend } from '../pfn-map/Legend';
import { PfnMap, type PfnMapProps } from '../pfn-map/PfnMap';

/** Comparing: each kernel's PFN map under its name, the shown kernel first (the same state twice when both sides run one kernel). */
export function ComparedMaps({ sides, ...map }: { sides: { kernel: KernelRef; state: StateView; previous: StateView | null }[] } & Omit<PfnMapProps, 'state' | 'previous'>) {
  return (
    <div className="compare-maps" data-testid="compare-maps">
      {sides.map((s, i) => (
        <figure key={i} className="compare-map" aria-label={`PFN map under ${s.kernel}`} data-kernel={s.kernel}>
          <figcaption>
            <strong>{s.kernel}</strong>
            {i === 1 && sides[0]!.kernel === s.kernel ? ' (the same kernel: the same state)' : ''}
          </figcaption>
          <PfnMap state={s.state} previous={s.previous} {...map} legend={false} />
        </figure>
      ))}
      {/* one key for both maps: they draw with the same colours */}
      <div className="compare-maps__legend">
        <Legend theme={map.theme} />
      </div>
    </div>
  );
}
