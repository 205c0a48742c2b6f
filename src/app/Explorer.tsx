import { selAllFindings, selCompareRun, selCompareState, selDiff, selPrevState, selRun, selState } from '../state/selectors';
import { useApp } from '../state/store-context';
import { ProcText } from '../views/tables/ProcText';
import { ZoneTable } from '../views/tables/ZoneTable';
import { BlockTable } from '../views/tables/BlockTable';
import { SysfsMemory } from '../views/tables/SysfsMemory';
import { KernelLog } from '../views/tables/KernelLog';
import { FindingsList } from '../views/findings/FindingsList';
import { ComparePanel } from '../views/compare/ComparePanel';
import { ScenarioEditor } from '../views/editor/ScenarioEditor';
import { OpBuilder } from '../views/editor/OpBuilder';
import { PfnMap } from '../views/pfn-map/PfnMap';
import { ResourceTree } from '../views/resource-tree/ResourceTree';
import { CallTrace } from '../views/call-trace/CallTrace';
import { Tabs } from './Tabs';
import { describeOp } from '../views/common/describe-op';

/** The views of the step shown, all reading one selection so highlighting is linked. */
export function Explorer() {
  const run = useApp(selRun);
  const state = useApp(selState);
  const previous = useApp(selPrevState);
  const compareRun = useApp(selCompareRun);
  const findings = useApp(selAllFindings);
  const cursor = useApp((s) => s.cursor);
  const kernel = useApp((s) => s.kernel);
  const compare = useApp((s) => s.compare);
  const compareState = useApp(selCompareState);
  const diff = useApp(selDiff);
  const firstDiff = useApp((s) => s.firstDiff);
  const trace = useApp((s) => s.trace);
  const selection = useApp((s) => s.selection);
  const select = useApp((s) => s.select);
  const theme = useApp((s) => s.theme);
  if (!run || !state) return <p className="loading">Running the scenario…</p>;
  const step = cursor ? run.steps[cursor - 1] : null;
  const hover = (range: { start: number; end: number } | null, label: string | null, resourceId: number | null = null) => {
    if (selection.pinned) return;
    select(range ? { range, label, resourceId, pinned: false } : null);
  };
  return (
    <div className="explorer">
      <section className="panel map-panel" aria-label="Physical address space">
        <PfnMap state={state} previous={previous} highlight={selection.range} onHover={(r, l) => hover(r, l)} theme={theme} />
        {selection.label && !selection.pinned && <p className="hover-label">{selection.label}</p>}
        {selection.pinned && (
          <p className="hover-label">
            Highlighted: the range of the finding you chose.{' '}
            <button type="button" onClick={() => select(null)}>
              Clear highlight
            </button>
          </p>
        )}
      </section>
      {compare && compareRun && compareState && diff && firstDiff !== null && <ComparePanel runs={[run, compareRun]} states={[state, compareState]} diff={diff} firstDiff={firstDiff} cursor={cursor} kernels={[kernel, compare]} />}
      <div className="grid3">
        <section className="panel" aria-label="iomem resource tree">
          <ResourceTree state={state} previous={previous} highlightId={selection.resourceId} highlightRange={selection.range} onHover={(r) => hover(r ? { start: r.start, end: r.end } : null, r ? `${r.name} [${r.start.toString(16)}-${r.end.toString(16)}]` : null, r?.id ?? null)} />
        </section>
        <section className="panel" aria-label="Call trace">
          <CallTrace trace={trace && trace.step === cursor ? trace.nodes : null} stepLabel={step ? `step ${cursor}: ${describeOp(step.op)} under ${kernel}` : `boot under ${kernel}`} onHoverRange={(r) => hover(r, null)} />
        </section>
        <section className="panel" aria-label="Findings">
          <h3>Findings ({findings.length})</h3>
          <FindingsList findings={findings} />
        </section>
      </div>
      <Tabs
        label="Kernel state as tables and text"
        tabs={[
          { id: 'zones', title: 'Zones & nodes', content: <ZoneTable state={state} previous={previous} /> },
          { id: 'blocks', title: 'Memory blocks', content: <BlockTable state={state} previous={previous} /> },
          { id: 'log', title: 'Kernel log', content: <KernelLog steps={run.steps} cursor={cursor} /> },
          { id: 'iomem', title: '/proc/iomem', content: <ProcText title="/proc/iomem" text={state.iomemText} testId="iomem-text" previous={previous?.iomemText ?? null} /> },
          { id: 'zoneinfo', title: '/proc/zoneinfo', content: <ProcText title="/proc/zoneinfo (modelled lines)" text={state.zoneinfoText} testId="zoneinfo-text" previous={previous?.zoneinfoText ?? null} /> },
          { id: 'memory', title: 'sysfs memory', content: <SysfsMemory state={state} previous={previous} /> },
          { id: 'edit', title: 'Add or edit a step', content: <OpBuilder /> },
          { id: 'scenario', title: 'Scenario (JSON)', content: <ScenarioEditor /> },
        ]}
      />
    </div>
  );
}
