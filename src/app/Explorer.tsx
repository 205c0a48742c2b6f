import { selRun, selState } from '../state/selectors';
import { useApp } from '../state/store-context';
import { CompareSection } from './panels/CompareSection';
import { FindingsPanel } from './panels/FindingsPanel';
import { MapPanel } from './panels/MapPanel';
import { ResourcePanel } from './panels/ResourcePanel';
import { StateTabs } from './panels/StateTabs';
import { TracePanel } from './panels/TracePanel';

/**
 * The views of the step shown, laid out. Each panel subscribes to what it shows (they all
 * read one selection, so highlighting is linked); this layout subscribes only to whether
 * there is anything to show yet.
 */
export function Explorer() {
  const ready = useApp((s) => !!selRun(s) && !!selState(s));
  if (!ready) return <p className="loading">Running the scenario…</p>;
  return (
    <div className="explorer">
      <MapPanel />
      <CompareSection />
      <div className="grid3">
        <ResourcePanel />
        <TracePanel />
        <FindingsPanel />
      </div>
      <StateTabs />
    </div>
  );
}
