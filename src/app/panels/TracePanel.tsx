import { memo } from 'react';
import { selRun } from '../../state/selectors';
import { useApp } from '../../state/store-context';
import { CallTrace } from '../../views/call-trace/CallTrace';
import { describeOp } from '../../views/common/describe-op';
import { useHover } from './use-hover';

/** The call trace of the step shown, under the kernel shown. */
export const TracePanel = memo(function TracePanel() {
  const run = useApp(selRun);
  const cursor = useApp((s) => s.cursor);
  const kernel = useApp((s) => s.kernel);
  const trace = useApp((s) => s.trace);
  const hover = useHover();
  const step = run && cursor ? run.steps[cursor - 1] : null;
  return (
    <section className="panel" aria-label="Call trace">
      <CallTrace trace={trace && trace.step === cursor ? trace.nodes : null} stepLabel={step ? `step ${cursor}: ${describeOp(step.op)} under ${kernel}` : `boot under ${kernel}`} onHoverRange={(r) => hover(r, null)} />
    </section>
  );
});
