import { memo, type ReactNode } from 'react';
import type { KernelId } from '../../engine/ops';
import type { StateView } from '../../engine/views/view-types';
import { selCompareState, selPrevState, selState } from '../../state/selectors';
import { useApp } from '../../state/store-context';
import { PfnMap } from '../../views/pfn-map/PfnMap';
import { useHover } from './use-hover';

/** Comparing: each kernel's map under its name, the shown kernel first (the same state twice when both sides run one kernel). */
function ComparedMaps({ sides, render }: { sides: [KernelId, StateView][]; render: (s: StateView) => ReactNode }) {
  return (
    <div className="compare-maps" data-testid="compare-maps">
      {sides.map(([k, s], i) => (
        <figure key={i} className="compare-map" aria-label={`PFN map under ${k}`} data-kernel={k}>
          <figcaption>
            <strong>{k}</strong>
            {i === 1 && sides[0]![0] === k ? ' (the same kernel: the same state)' : ''}
          </figcaption>
          {render(s)}
        </figure>
      ))}
    </div>
  );
}

/** The PFN map of the step shown, with the hovered or pinned range; comparing, one map per kernel. */
export const MapPanel = memo(function MapPanel() {
  const state = useApp(selState);
  const previous = useApp(selPrevState);
  const compareState = useApp(selCompareState);
  const kernel = useApp((s) => s.kernel);
  const compare = useApp((s) => s.compare);
  const range = useApp((s) => s.selection.range);
  const label = useApp((s) => s.selection.label);
  const pinned = useApp((s) => s.selection.pinned);
  const select = useApp((s) => s.select);
  const theme = useApp((s) => s.theme);
  const hover = useHover();
  if (!state) return null;
  const map = (s: StateView) => <PfnMap state={s} previous={s === state ? previous : null} highlight={range} onHover={(r, l) => hover(r, l)} theme={theme} />;
  const other = compare === kernel ? state : compareState;
  return (
    <section className="panel map-panel" aria-label="Physical address space">
      {compare && other ? (
        <ComparedMaps
          sides={[
            [kernel, state],
            [compare, other],
          ]}
          render={map}
        />
      ) : (
        map(state)
      )}
      {label && !pinned && <p className="hover-label">{label}</p>}
      {pinned && (
        <p className="hover-label">
          Highlighted: the range of the finding you chose.{' '}
          <button type="button" onClick={() => select(null)}>
            Clear highlight
          </button>
        </p>
      )}
    </section>
  );
});
