import { useEffect, useMemo, useRef, useState } from 'react';
import type { StateView } from '../../engine/views/view-types';
import { BlockSearch } from './BlockSearch';
import { blockChange, blockIndex, blockView, firstChangedBlockRow, removedAtStep } from './block-rows';
import { useFixedRows } from './use-fixed-rows';

const ROW_PX = 24;
/** the sticky header row above the rows */
const HEAD_PX = 24;
const STATE_WORDS = ['', 'offline', 'online', 'going-offline'];

/**
 * /sys/devices/system/memory as a table, one row per block as sysfs lists them: only the
 * rows in view are in the DOM (a 64 TiB machine has half a million blocks), built from the
 * state's section words as they scroll in. Blocks that appeared or changed are marked; the
 * ones removed at this step are listed under the table.
 */
export function BlockTable({ state, previous }: { state: StateView; previous: StateView | null }) {
  const index = blockIndex(state);
  const gone = useMemo(() => removedAtStep(state, previous), [state, previous]);
  const scroller = useRef<HTMLDivElement>(null);
  const [found, setFound] = useState<number | null>(null);
  const count = index.ids.length;
  const w = useFixedRows(scroller, count, ROW_PX, 8, HEAD_PX);
  // A step brings the first block it changed into view (a removed one: where it was).
  const { scrollToRow } = w;
  useEffect(() => {
    const i = firstChangedBlockRow(state, previous);
    if (i >= 0) scrollToRow(i);
  }, [state, previous, scrollToRow]);
  const rows = Array.from({ length: w.end - w.start }, (_, k) => w.start + k);
  const top = w.start * ROW_PX;
  const bottom = w.total - w.end * ROW_PX;
  const summary = index.byState
    .map((n, st) => (st && n ? `${n.toLocaleString('en')} ${STATE_WORDS[st]}` : ''))
    .filter(Boolean)
    .join(', ');
  return (
    <div className="block-view">
      <p className="block-view__summary">
        {count.toLocaleString('en')} memory {count === 1 ? 'block' : 'blocks'} of {state.blockSizeBytes / 2 ** 20} MiB{summary ? `: ${summary}` : ''}.
      </p>
      <BlockSearch
        index={index}
        blockSizeBytes={state.blockSizeBytes}
        label="Find a memory block in the table"
        onFound={(i) => {
          setFound(index.ids[i]!);
          w.scrollToRow(i);
        }}
      />
      <div ref={scroller} className="table-scroll virtual-scroll" data-testid="block-table-scroll">
        <table className="data-table virtual-table" aria-label="Memory blocks" aria-rowcount={count + 1}>
          <thead>
            <tr>
              <th scope="col">block</th>
              <th scope="col">phys_index</th>
              <th scope="col">state</th>
              <th scope="col">node</th>
              <th scope="col">valid_zones</th>
            </tr>
          </thead>
          <tbody>
            {top > 0 && (
              <tr className="spacer" aria-hidden="true" style={{ height: top }}>
                <td colSpan={5} />
              </tr>
            )}
            {rows.map((i) => {
              const b = blockView(state, index, i);
              const cls = [blockChange(b, previous), b.id === found ? 'found' : ''].filter(Boolean).join(' ');
              return (
                <tr key={b.id} className={cls || undefined} aria-rowindex={i + 2} style={{ height: ROW_PX }} data-block={b.id} {...(b.id === found ? { 'aria-current': 'true' as const } : {})}>
                  <th scope="row">memory{b.id}</th>
                  <td>{b.physIndex}</td>
                  <td>{b.state}</td>
                  <td>{b.nid}</td>
                  <td>{b.validZones}</td>
                </tr>
              );
            })}
            {bottom > 0 && (
              <tr className="spacer" aria-hidden="true" style={{ height: bottom }}>
                <td colSpan={5} />
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {gone.length > 0 && (
        <p className="block-view__gone removed">
          Removed at this step: {Array.from(gone.subarray(0, 50), (id) => `memory${id}`).join(', ')}
          {gone.length > 50 ? ` and ${(gone.length - 50).toLocaleString('en')} more` : ''}.
        </p>
      )}
    </div>
  );
}
