import { memo } from 'react';
import { selPrevState, selState } from '../../state/selectors';
import { useApp } from '../../state/store-context';
import { PfnMap } from '../../views/pfn-map/PfnMap';
import { useHover } from './use-hover';

/** The PFN map of the step shown, with the hovered or pinned range. */
export const MapPanel = memo(function MapPanel() {
  const state = useApp(selState);
  const previous = useApp(selPrevState);
  const range = useApp((s) => s.selection.range);
  const label = useApp((s) => s.selection.label);
  const pinned = useApp((s) => s.selection.pinned);
  const select = useApp((s) => s.select);
  const theme = useApp((s) => s.theme);
  const hover = useHover();
  if (!state) return null;
  return (
    <section className="panel map-panel" aria-label="Physical address space">
      <PfnMap state={state} previous={previous} highlight={range} onHover={(r, l) => hover(r, l)} theme={theme} />
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
