import { memo } from 'react';
import { selPrevState, selState } from '../../state/selectors';
import { useApp } from '../../state/store-context';
import { iomemRange } from '../../views/common/number-format';
import { ResourceTree } from '../../views/resource-tree/ResourceTree';
import { useHover } from './use-hover';

/** The iomem resource tree of the step shown. */
export const ResourcePanel = memo(function ResourcePanel() {
  const state = useApp(selState);
  const previous = useApp(selPrevState);
  const highlightId = useApp((s) => s.selection.resourceId);
  const highlightRange = useApp((s) => s.selection.range);
  const hover = useHover();
  if (!state) return null;
  return (
    <section className="panel" aria-label="iomem resource tree">
      <ResourceTree
        state={state}
        previous={previous}
        highlightId={highlightId}
        highlightRange={highlightRange}
        onHover={(r) => hover(r ? { start: r.start, end: r.end } : null, r ? `${r.name} [${iomemRange(r.start, r.end)}]` : null, r?.id ?? null)}
      />
    </section>
  );
});
