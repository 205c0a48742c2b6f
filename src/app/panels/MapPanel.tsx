import { memo } from 'react';
import { selCompareState, selPrevState, selState } from '../../state/selectors';
import { useApp } from '../../state/store-context';
import { ComparedMaps } from '../../views/compare/ComparedMaps';
import { PfnMap } from '../../views/pfn-map/PfnMap';
import { useHover } from './use-hover';

const PRESENT_MAP_HEIGHT = 150;

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
  // on a 720-line projector the map gives up some height so the panels under it stay readable
  const height = useApp((s) => (s.present ? PRESENT_MAP_HEIGHT : undefined));
  const hover = useHover();
  if (!state) return null;
  const onHover = (r: { start: number; end: number } | null, l: string | null) => hover(r, l);
  const other = compare === kernel ? state : compareState;
  return (
    <section className="panel map-panel" aria-label="Physical address space">
      {compare && other ? (
        <ComparedMaps
          sides={[
            { kernel, state, previous },
            { kernel: compare, state: other, previous: compare === kernel ? previous : null },
          ]}
          highlight={range}
          onHover={onHover}
          theme={theme}
          height={height}
        />
      ) : (
        <PfnMap state={state} previous={previous} highlight={range} onHover={onHover} theme={theme} height={height} />
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
