import type { Finding } from '../../engine/findings/finding-types';
import { useApp } from '../../state/store-context';

export const FINDING_TITLES: Record<string, string> = {
  'uninitialized-memmap-read': 'Uninitialised memmap read',
  'resource-released-while-owned': 'Resource released while a driver owns it',
  'use-after-free': 'Use after free',
  'nonexistent-resource-release': 'Release of a resource that is gone',
  'double-ownership': 'Two owners of one range',
  'stale-zone-span': 'Stale zone or node span',
  'accounting-mismatch': 'Page counts disagree',
  'stale-resource': 'Stale iomem entry',
  'kernel-bug': 'Kernel BUG',
};

/** Every finding of the run; choosing one jumps to its step and highlights its range everywhere. */
export function FindingsList({ findings }: { findings: Finding[] }) {
  const goTo = useApp((s) => s.goTo);
  const select = useApp((s) => s.select);
  const cursor = useApp((s) => s.cursor);
  const pinned = useApp((s) => s.selection);
  if (!findings.length) {
    return (
      <ul data-testid="findings" className="findings empty" aria-label="Findings">
        <li className="muted">No findings: this kernel's state stays consistent in this scenario.</li>
      </ul>
    );
  }
  return (
    <ul data-testid="findings" className="findings" aria-label="Findings">
      {findings.map((f, i) => {
        const active = pinned.pinned && pinned.label === `${f.step}:${f.code}:${i}`;
        return (
          <li key={i} className={`finding ${f.code}${f.step === cursor ? ' at-cursor' : ''}${active ? ' active' : ''}`}>
            <button
              type="button"
              onClick={() => {
                goTo(f.step);
                select({ range: f.range, resourceId: f.resourceId, label: `${f.step}:${f.code}:${i}`, pinned: true });
              }}
              aria-label={`Go to step ${f.step}: ${f.code}`}
            >
              <span className="finding-step">step {f.step}</span> <code className="finding-code">{f.code}</code> <span className="finding-title">{FINDING_TITLES[f.code]}</span>
            </button>
            <p>
              in <code>{f.fn}()</code>: {f.message}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
