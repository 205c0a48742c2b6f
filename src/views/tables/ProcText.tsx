import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef } from 'react';
import { zoneinfoLineTitle } from '../common/number-format';

/** Past this many lines only the ones in view are drawn (a 2,500-block machine has thousands). */
const VIRTUAL_LINES = 300;
const LINE_PX = 18;

/** A /proc or sysfs file as the kernel prints it: the text twin of a picture. */
export function ProcText({ title, text, testId, previous }: { title: string; text: string; testId: string; previous?: string | null }) {
  const lines = useMemo(() => text.replace(/\n$/, '').split('\n'), [text]);
  const before = useMemo(() => new Set((previous ?? '').split('\n')), [previous]);
  const changed = (l: string) => (previous != null && !before.has(l) ? 'line changed' : 'line');
  return (
    <figure className="proc-text">
      <figcaption>{title}</figcaption>
      {/* the exact text, for tests and copy; the marked copy below is for eyes */}
      <pre data-testid={testId} className="visually-hidden">
        {text}
      </pre>
      {lines.length > VIRTUAL_LINES ? (
        <VirtualLines lines={lines} classOf={changed} />
      ) : (
        <pre aria-hidden="true">
          {lines.map((l, i) => (
            <span key={i} className={changed(l)} title={zoneinfoLineTitle(l) ?? undefined}>
              {l + '\n'}
            </span>
          ))}
        </pre>
      )}
    </figure>
  );
}

function VirtualLines({ lines, classOf }: { lines: string[]; classOf(l: string): string }) {
  const scroller = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({ count: lines.length, getScrollElement: () => scroller.current, estimateSize: () => LINE_PX, overscan: 12, initialRect: { width: 600, height: 320 } });
  return (
    <div ref={scroller} className="virtual-scroll" aria-hidden="true">
      <pre className="virtual-lines" style={{ height: v.getTotalSize() }}>
        {v.getVirtualItems().map((it) => (
          <span key={it.index} className={classOf(lines[it.index]!)} title={zoneinfoLineTitle(lines[it.index]!) ?? undefined} style={{ transform: `translateY(${it.start}px)` }}>
            {lines[it.index]}
          </span>
        ))}
      </pre>
    </div>
  );
}
