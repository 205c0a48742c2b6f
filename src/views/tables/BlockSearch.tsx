import { type FormEvent, useId, useState } from 'react';
import { lowerBound } from '../pfn-map/sorted-slice';
import { type BlockIndex, parseBlockQuery } from './block-rows';

/**
 * Finds a block by number or address and hands its row to `onFound`, which scrolls to it;
 * a block the state does not have says so and goes to the nearest one.
 */
export function BlockSearch({ index, blockSizeBytes, onFound, label }: { index: BlockIndex; blockSizeBytes: number; onFound(row: number): void; label: string }) {
  const id = useId();
  const [text, setText] = useState('');
  const [said, setSaid] = useState('');
  const find = (e: FormEvent) => {
    e.preventDefault();
    const q = parseBlockQuery(text, blockSizeBytes);
    if (!q.ok) return setSaid(q.reason);
    const n = index.ids.length;
    if (!n) return setSaid('There are no memory blocks at this step.');
    const at = lowerBound(index.ids, q.id);
    const via = q.by === 'address' ? ` (the block holding ${text.trim()})` : '';
    if (index.ids[at] === q.id) {
      setSaid(`memory${q.id}${via}: row ${(at + 1).toLocaleString('en')} of ${n.toLocaleString('en')}.`);
      onFound(at);
      return;
    }
    const near = at >= n ? n - 1 : at;
    setSaid(`memory${q.id}${via} does not exist at this step; the nearest is memory${index.ids[near]}.`);
    onFound(near);
  };
  return (
    <form className="block-search" role="search" aria-label={label} onSubmit={find}>
      <label htmlFor={`${id}-q`}>Find a block</label>
      <input id={`${id}-q`} type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="memory42, 42 or 0x140000000" spellCheck={false} onKeyDown={(e) => e.stopPropagation()} />
      <button type="submit">Find</button>
      <span className="block-search__said" role="status">
        {said}
      </span>
    </form>
  );
}
