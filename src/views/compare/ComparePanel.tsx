import { stepDiffers } from '../../engine/views/step-diff';
import type { ExplainedDiff } from '../../engine/diff-causes';
import type { KernelRef } from '../../engine/variants/switches';
import type { RunView, StateView } from '../../engine/views/view-types';
import { retText } from '../common/describe-op';
import { ZoneTable } from '../tables/ZoneTable';
import { DiffCauses } from './DiffCauses';

function Lines({ title, a, b, nameA, nameB }: { title: string; a: string[]; b: string[]; nameA: string; nameB: string }) {
  if (!a.length && !b.length) return null;
  return (
    <div className="diff-block">
      <h3>{title}</h3>
      <pre>
        {a.map((l, i) => (
          <span key={`a${i}`} className="line only-a">
            − {l} <em>({nameA} only)</em>
            {'\n'}
          </span>
        ))}
        {b.map((l, i) => (
          <span key={`b${i}`} className="line only-b">
            + {l} <em>({nameB} only)</em>
            {'\n'}
          </span>
        ))}
      </pre>
    </div>
  );
}

/** Two kernels in lockstep on one scenario: where they part, and what differs at the step shown. */
export function ComparePanel({ runs, states, diff, firstDiff, cursor, kernels }: { runs: [RunView, RunView]; states: [StateView, StateView]; diff: ExplainedDiff; firstDiff: number; cursor: number; kernels: [KernelRef, KernelRef] }) {
  const [a, b] = runs;
  const [ka, kb] = kernels;
  const first = firstDiff;
  const d = diff;
  const [sa, sb] = states;
  const stA = cursor ? a.steps[cursor - 1] : null;
  const stB = cursor ? b.steps[cursor - 1] : null;
  const same = d && !stepDiffers(d);
  return (
    <section className="compare" aria-label={`Compare ${ka} with ${kb}`} data-testid="compare">
      <p className="compare-summary">
        {first < 0 ? (
          <>
            <strong>{ka}</strong> and <strong>{kb}</strong> agree at every step of this scenario.
          </>
        ) : (
          <>
            <strong>{ka}</strong> and <strong>{kb}</strong> first part at <strong>step {first}</strong>. At step {cursor}: {same ? 'the two states are the same.' : 'they differ as below.'}
          </>
        )}
      </p>
      {stA && stB && (
        <p>
          returns: <code>{retText(stA, ka)}</code> ({ka}) · <code>{retText(stB, kb)}</code> ({kb})
        </p>
      )}
      {d && !same && (
        <div className="diff-details">
          <Lines title="/proc/iomem" a={d.iomem.onlyA} b={d.iomem.onlyB} nameA={ka} nameB={kb} />
          {d.zones.length > 0 && (
            <div className="diff-block">
              <h3>
                Zones and nodes ({ka} | {kb})
              </h3>
              <ul>
                {d.zones.map((z) => (
                  <li key={z}>
                    <code>{z}</code>
                  </li>
                ))}
              </ul>
            </div>
          )}
          <Lines title="Memory blocks" a={d.blocks.onlyA} b={d.blocks.onlyB} nameA={ka} nameB={kb} />
          <Lines title="Findings at this step" a={d.findings.onlyA} b={d.findings.onlyB} nameA={ka} nameB={kb} />
          <DiffCauses causes={d.causes} />
          <Lines title="Kernel log at this step" a={d.log.onlyA} b={d.log.onlyB} nameA={ka} nameB={kb} />
        </div>
      )}
      <div className="compare-columns">
        <div tabIndex={0} aria-label={`Zones under ${ka}`}>
          <h3>{ka}</h3>
          <ZoneTable state={sa} previous={sb} />
        </div>
        <div tabIndex={0} aria-label={`Zones under ${kb}`}>
          <h3>{kb}</h3>
          <ZoneTable state={sb} previous={sa} />
        </div>
      </div>
    </section>
  );
}

/** Compare with the kernel already shown: one kernel, so nothing can differ; said rather than hidden, since the link asks for it. */
export function SameKernelCompare({ kernel }: { kernel: KernelRef }) {
  return (
    <section className="compare" aria-label={`Compare ${kernel} with itself`} data-testid="compare">
      <p className="compare-summary">
        Both sides run the same kernel (<strong>{kernel}</strong>): no differences. Choose another kernel under <em>Compare with</em> to see where two kernels part.
      </p>
    </section>
  );
}
