import type { StateView } from '../../worker/protocol';

/** /sys/devices/system/memory as a table; blocks that appeared or changed are marked. */
export function BlockTable({ state, previous }: { state: StateView; previous: StateView | null }) {
  const before = new Map(previous?.blocks.map((b) => [b.id, b]) ?? []);
  const gone = previous ? previous.blocks.filter((b) => !state.blocks.some((x) => x.id === b.id)) : [];
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
          {state.blocks.map((b) => {
            const p = before.get(b.id);
            const cls = !previous ? '' : !p ? 'added' : p.state !== b.state || p.validZones !== b.validZones ? 'changed' : '';
            return (
              <tr key={b.id} className={cls}>
                <th scope="row">memory{b.id}</th>
                <td>{b.physIndex}</td>
                <td>{b.state}</td>
                <td>{b.nid}</td>
                <td>{b.validZones}</td>
              </tr>
            );
          })}
          {gone.map((b) => (
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
