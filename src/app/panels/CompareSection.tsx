import { memo } from 'react';
import { selCompareRun, selCompareState, selDiff, selRun, selState } from '../../state/selectors';
import { useApp } from '../../state/store-context';
import { ComparePanel, SameKernelCompare } from '../../views/compare/ComparePanel';

/** The two kernels side by side, when comparing. */
export const CompareSection = memo(function CompareSection() {
  const run = useApp(selRun);
  const state = useApp(selState);
  const compareRun = useApp(selCompareRun);
  const compareState = useApp(selCompareState);
  const diff = useApp(selDiff);
  const firstDiff = useApp((s) => s.firstDiff);
  const cursor = useApp((s) => s.cursor);
  const kernel = useApp((s) => s.kernel);
  const compare = useApp((s) => s.compare);
  if (compare && compare === kernel && run && state) return <SameKernelCompare kernel={kernel} />;
  if (!compare || !run || !state || !compareRun || !compareState || !diff || firstDiff === null) return null;
  return <ComparePanel runs={[run, compareRun]} states={[state, compareState]} diff={diff} firstDiff={firstDiff} cursor={cursor} kernels={[kernel, compare]} />;
});
