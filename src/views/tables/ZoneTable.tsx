import type { StateView } from '../../engine/views/view-types';

const hex = (n: number) => '0x' + n.toString(16);

/** Zones and nodes as numbers: start, end, spanned, present, managed; changed cells marked. */
export function ZoneTable({ state, previous }: { state: StateView; previous: StateView | null }) {
  return (
    <table className="data-table" aria-label="Zones and nodes">
      <thead>
        <tr>
          <th scope="col">Node / zone</th>
          <th scope="col">start_pfn</th>
          <th scope="col">end_pfn</th>
          <th scope="col">spanned</th>
          <th scope="col">present</th>
          <th scope="col">managed</th>
        </tr>
      </thead>
      <tbody>
        {state.nodes
          .filter((n) => n.online || n.spannedPages)
          .flatMap((n) => {
            const pn = previous?.nodes[n.nid];
            const cls = (a: number, b: number | undefined) => (previous && b !== undefined && a !== b ? 'changed' : undefined);
            return [
              <tr key={`n${n.nid}`} className="node-row">
                <th scope="row">node {n.nid}</th>
                <td className={cls(n.startPfn, pn?.startPfn)}>{hex(n.startPfn)}</td>
                <td className={cls(n.startPfn + n.spannedPages, pn ? pn.startPfn + pn.spannedPages : undefined)}>{hex(n.startPfn + n.spannedPages)}</td>
                <td className={cls(n.spannedPages, pn?.spannedPages)}>{n.spannedPages}</td>
                <td className={cls(n.presentPages, pn?.presentPages)}>{n.presentPages}</td>
                <td>—</td>
              </tr>,
              ...n.zones.map((z, zi) => {
                const pz = pn?.zones[zi];
                return (
                  <tr key={`n${n.nid}z${zi}`} className={z.spannedPages ? '' : 'empty-zone'}>
                    <th scope="row">&nbsp;&nbsp;{z.name}</th>
                    <td className={cls(z.startPfn, pz?.startPfn)}>{z.spannedPages ? hex(z.startPfn) : '—'}</td>
                    <td className={cls(z.startPfn + z.spannedPages, pz ? pz.startPfn + pz.spannedPages : undefined)}>{z.spannedPages ? hex(z.startPfn + z.spannedPages) : '—'}</td>
                    <td className={cls(z.spannedPages, pz?.spannedPages)}>{z.spannedPages}</td>
                    <td className={cls(z.presentPages, pz?.presentPages)}>{z.presentPages}</td>
                    <td className={cls(z.managedPages, pz?.managedPages)}>{z.managedPages}</td>
                  </tr>
                );
              }),
            ];
          })}
      </tbody>
    </table>
  );
}
