import { useRef, useState } from 'react';
import { blockSizeLine, memoryBlockLine } from '../../engine/format/sys-memory';
import type { StateView } from '../../engine/views/view-types';
import { BlockSearch } from './BlockSearch';
import { blockChange, blockIndex, blockView } from './block-rows';
import { useFixedRows } from './use-fixed-rows';

const LINE_PX = 18;

/**
 * /sys/devices/system/memory as text, one line per block as the command line prints it.
 * Virtualised like the block table: the lines in view are built from the section words as
 * they scroll in; Export writes the whole file.
 */
export function SysfsMemory({ state, previous }: { state: StateView; previous: StateView | null }) {
  const index = blockIndex(state);
  const scroller = useRef<HTMLDivElement>(null);
  const [found, setFound] = useState<number | null>(null);
  const count = index.ids.length + 1;
  const w = useFixedRows(scroller, count, LINE_PX, 10);
  const items = Array.from({ length: w.end - w.start }, (_, k) => ({ index: w.start + k, start: (w.start + k) * LINE_PX }));
  return (
    <figure className="proc-text sysfs-memory">
      <figcaption>/sys/devices/system/memory ({index.ids.length.toLocaleString('en')} blocks: export it for the whole file)</figcaption>
      <BlockSearch
        index={index}
        blockSizeBytes={state.blockSizeBytes}
        label="Find a memory block in sysfs"
        onFound={(i) => {
          setFound(index.ids[i]!);
          w.scrollToRow(i + 1);
        }}
      />
      <div ref={scroller} className="virtual-scroll" data-testid="memory-text-scroll">
        <pre data-testid="memory-text" role="list" aria-label="sysfs memory lines" style={{ height: w.total, position: 'relative' }}>
          {items.map((it) => {
            const style = { position: 'absolute' as const, top: 0, left: 0, transform: `translateY(${it.start}px)`, height: LINE_PX };
            if (it.index === 0)
              return (
                <span key="size" role="listitem" className="line" style={style}>
                  {blockSizeLine(state.blockSizeBytes)}
                </span>
              );
            const b = blockView(state, index, it.index - 1);
            const cls = ['line', blockChange(b, previous) ? 'changed' : '', b.id === found ? 'found' : ''].filter(Boolean).join(' ');
            return (
              <span key={b.id} role="listitem" className={cls} style={style} data-block={b.id}>
                {memoryBlockLine(b)}
              </span>
            );
          })}
        </pre>
      </div>
    </figure>
  );
}
