import type { BlockView, StateView } from '../../worker/protocol';

interface Row {
  first: BlockView;
  last: BlockView;
  count: number;
  cls: string;
}

/**
 * Consecutive blocks that read alike fold into one row ("memory1..memory15"), as the
 * fixtures' run-length summary does: a 64 TiB machine has 262,144 blocks.
 */
function foldRows(blocks: BlockView[], classOf: (b: BlockView) => string): Row[] {
  const rows: Row[] = [];
  for (const b of blocks) {
    const cls = classOf(b);
    const r = rows[rows.length - 1];
    if (r && r.last.id === b.id - 1 && r.last.state === b.state && r.last.nid === b.nid && r.last.validZones === b.validZones && r.cls === cls) {
      r.last = b;
      r.count++;
    } else rows.push({ first: b, last: b, count: 1, cls });
  }
  return rows;
}

/** /sys/devices/system/memory as a table; blocks that appeared or changed are marked. */
export function BlockTable({ state, previous }: { state: StateView; previous: StateView | null }) {
  const before = new Map(previous?.blocks.map((b) => [b.id, b]) ?? []);
  const gone = previous ? previous.blocks.filter((b) => !state.blocks.some((x) => x.id === b.id)) : [];
  const classOf = (b: BlockView): string => {
    const p = before.get(b.id);
    return !previous ? '' : !p ? 'added' : p.state !== b.state || p.validZones !== b.validZones ? 'changed' : '';
  };
  return (
    <div className="table-scroll">
      <table className="data-table" aria-label="Memory blocks">
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
          {foldRows(state.blocks, classOf).map((r) => (
            <tr key={r.first.id} className={r.cls}>
              <th scope="row">{r.count === 1 ? `memory${r.first.id}` : `memory${r.first.id}..memory${r.last.id} (${r.count})`}</th>
              <td>{r.count === 1 ? r.first.physIndex : `${r.first.physIndex}..${r.last.physIndex}`}</td>
              <td>{r.first.state}</td>
              <td>{r.first.nid}</td>
              <td>{r.first.validZones}</td>
            </tr>
          ))}
          {gone.slice(0, 200).map((b) => (
            <tr key={`gone${b.id}`} className="removed">
              <th scope="row">memory{b.id}</th>
              <td colSpan={4}>removed at this step</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
