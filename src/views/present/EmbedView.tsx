import { selAllFindings, selPrevState, selRun, selState } from '../../state/selectors';
import { useApp } from '../../state/store-context';
import type { EmbedView as EmbedName } from '../../links/share-link';
import { CallTrace } from '../call-trace/CallTrace';
import { describeOp } from '../common/describe-op';
import { FindingsList } from '../findings/FindingsList';
import { PfnMap } from '../pfn-map/PfnMap';
import { ResourceTree } from '../resource-tree/ResourceTree';
import { ProcText } from '../tables/ProcText';
import { ZoneTable } from '../tables/ZoneTable';

/** One view at one step, read-only, for slides and course pages; it links back to the full explorer. */
export function EmbedView({ view }: { view: EmbedName }) {
  const run = useApp(selRun);
  const state = useApp(selState);
  const previous = useApp(selPrevState);
  const findings = useApp(selAllFindings);
  const cursor = useApp((s) => s.cursor);
  const kernel = useApp((s) => s.kernel);
  const trace = useApp((s) => s.trace);
  const theme = useApp((s) => s.theme);
  const title = useApp((s) => s.scenario.title);
  if (!run || !state) return <p className="loading">Running the scenario…</p>;
  const step = cursor ? run.steps[cursor - 1] : null;
  const label = step ? `step ${cursor}: ${describeOp(step.op)} under ${kernel}` : `boot under ${kernel}`;
  const full = window.location.href.replace(/[?&]?embed=[a-z]+/, '').replace(/#&/, '#');
  return (
    <div className="embed">
      <h1 className="embed-caption">
        <strong>{title}</strong> · {label} · <span data-testid="step-indicator">Step {cursor} of {run.steps.length}</span>
      </h1>
      <div className="embed-view">
        {view === 'map' && <PfnMap state={state} previous={previous} highlight={null} onHover={() => undefined} theme={theme} />}
        {view === 'tree' && <ResourceTree state={state} previous={previous} highlightId={null} highlightRange={null} onHover={() => undefined} />}
        {view === 'trace' && <CallTrace trace={trace && trace.step === cursor ? trace.nodes : null} stepLabel={label} />}
        {view === 'zones' && <ZoneTable state={state} previous={previous} />}
        {view === 'findings' && <FindingsList findings={findings.filter((f) => f.step <= cursor)} />}
        {view === 'iomem' && <ProcText title="/proc/iomem" text={state.iomemText} testId="iomem-text" previous={previous?.iomemText ?? null} />}
      </div>
      <p className="embed-footer">
        <a href={full} target="_blank" rel="noopener">
          Open in Hotplug Explorer
        </a>
      </p>
    </div>
  );
}
