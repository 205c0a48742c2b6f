import { memo, type ReactNode } from 'react';
import type { AppState } from '../../state/store';
import { selPrevState, selRun, selState } from '../../state/selectors';
import { useApp } from '../../state/store-context';
import { OpBuilder } from '../../views/editor/OpBuilder';
import { ScenarioEditor } from '../../views/editor/ScenarioEditor';
import { BlockTable } from '../../views/tables/BlockTable';
import { KernelLog } from '../../views/tables/KernelLog';
import { ManagedNote } from '../../views/tables/ManagedNote';
import { ProcText } from '../../views/tables/ProcText';
import { SysfsMemory } from '../../views/tables/SysfsMemory';
import { ZoneTable } from '../../views/tables/ZoneTable';
import { Tabs } from '../Tabs';

/** Each tab reads what it shows and nothing else, so a hover or a step re-renders only the tabs whose data changed. */
const ZonesTab = memo(function ZonesTab() {
  const state = useApp(selState);
  const previous = useApp(selPrevState);
  return state ? (
    <>
      <ZoneTable state={state} previous={previous} />
      <ManagedNote />
    </>
  ) : null;
});
const BlocksTab = memo(function BlocksTab() {
  const state = useApp(selState);
  const previous = useApp(selPrevState);
  return state ? <BlockTable state={state} previous={previous} /> : null;
});
const LogTab = memo(function LogTab() {
  const run = useApp(selRun);
  const cursor = useApp((s) => s.cursor);
  return run ? <KernelLog steps={run.steps} cursor={cursor} /> : null;
});
const IomemTab = memo(function IomemTab() {
  const text = useApp((s) => selState(s)?.iomemText ?? '');
  const previous = useApp((s) => selPrevState(s)?.iomemText ?? null);
  return <ProcText title="/proc/iomem" text={text} testId="iomem-text" previous={previous} />;
});
const ZoneinfoTab = memo(function ZoneinfoTab() {
  const text = useApp((s) => selState(s)?.zoneinfoText ?? '');
  const previous = useApp((s) => selPrevState(s)?.zoneinfoText ?? null);
  return (
    <>
      <ProcText title="/proc/zoneinfo (modelled lines)" text={text} testId="zoneinfo-text" previous={previous} />
      <ManagedNote />
    </>
  );
});
const SysfsTab = memo(function SysfsTab() {
  const state = useApp(selState);
  const previous = useApp(selPrevState);
  return state ? <SysfsMemory state={state} previous={previous} /> : null;
});

const TABS: { id: AppState['tab']; title: string; content: ReactNode }[] = [
  { id: 'zones', title: 'Zones & nodes', content: <ZonesTab /> },
  { id: 'blocks', title: 'Memory blocks', content: <BlocksTab /> },
  { id: 'log', title: 'Kernel log', content: <LogTab /> },
  { id: 'iomem', title: '/proc/iomem', content: <IomemTab /> },
  { id: 'zoneinfo', title: '/proc/zoneinfo', content: <ZoneinfoTab /> },
  { id: 'memory', title: 'sysfs memory', content: <SysfsTab /> },
  { id: 'edit', title: 'Add or edit a step', content: <OpBuilder /> },
  { id: 'scenario', title: 'Scenario (JSON)', content: <ScenarioEditor /> },
];

export const StateTabs = memo(function StateTabs() {
  const tab = useApp((s) => s.tab);
  const setTab = useApp((s) => s.setTab);
  return <Tabs label="Kernel state as tables and text" tabs={TABS} active={tab} onSelect={setTab} />;
});
