import type { StateView } from '../../engine/views/view-types';
import { useManagedMeasured } from './ManagedNote';
import { pageCount, pageCountTitle, pfnText, pfnTitle } from '../common/number-format';
import './zone-table.css';

/** The node's colour in the map's node lane (four, repeating), so a row and its band match. */
const Swatch = ({ nid }: { nid: number }) => <span className={`node-swatch node-swatch-${nid % 4}`} aria-hidden="true" />;

/** A PFN cell: hex as the kernel prints PFNs, decimal on hover. */
const Pfn = ({ pfn }: { pfn: number }) => <span title={pfnTitle(pfn)}>{pfnText(pfn)}</span>;
/** A page-count cell: decimal as /proc/zoneinfo prints it, the size on hover. */
const Pages = ({ n }: { n: number }) => <span title={pageCountTitle(n)}>{pageCount(n)}</span>;

/** Zones and nodes as numbers: start, end, spanned, present, managed; changed cells marked. */
export function ZoneTable({ state, previous }: { state: StateView; previous: StateView | null }) {
  const measured = useManagedMeasured();
  const withoutMemory = state.nodes.filter((n) => !n.online && !n.spannedPages);
  return (
    <table className="data-table" aria-label="Zones and nodes">
      <thead>
        <tr>
          <th scope="col">Node / zone</th>
          <th scope="col">start_pfn</th>
          <th scope="col">end_pfn</th>
          <th scope="col">spanned</th>
          <th scope="col">present</th>
          <th scope="col" title={measured ? 'managed pages (boot zones read from the machine\u2019s /proc/zoneinfo)' : 'managed pages: at boot assumed equal to present (no /proc/zoneinfo imported), see the note'}>
            {measured ? 'managed' : 'managed*'}
          </th>
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
                <th scope="row">
                  <Swatch nid={n.nid} />
                  node {n.nid}
                </th>
                <td className={cls(n.startPfn, pn?.startPfn)}><Pfn pfn={n.startPfn} /></td>
                <td className={cls(n.startPfn + n.spannedPages, pn ? pn.startPfn + pn.spannedPages : undefined)}><Pfn pfn={n.startPfn + n.spannedPages} /></td>
                <td className={cls(n.spannedPages, pn?.spannedPages)}><Pages n={n.spannedPages} /></td>
                <td className={cls(n.presentPages, pn?.presentPages)}><Pages n={n.presentPages} /></td>
                <td>—</td>
              </tr>,
              ...n.zones.map((z, zi) => {
                const pz = pn?.zones[zi];
                return (
                  <tr key={`n${n.nid}z${zi}`} className={z.spannedPages ? '' : 'empty-zone'}>
                    <th scope="row">&nbsp;&nbsp;{z.name}</th>
                    <td className={cls(z.startPfn, pz?.startPfn)}>{z.spannedPages ? <Pfn pfn={z.startPfn} /> : '—'}</td>
                    <td className={cls(z.startPfn + z.spannedPages, pz ? pz.startPfn + pz.spannedPages : undefined)}>{z.spannedPages ? <Pfn pfn={z.startPfn + z.spannedPages} /> : '—'}</td>
                    <td className={cls(z.spannedPages, pz?.spannedPages)}><Pages n={z.spannedPages} /></td>
                    <td className={cls(z.presentPages, pz?.presentPages)}><Pages n={z.presentPages} /></td>
                    <td className={cls(z.managedPages, pz?.managedPages)}><Pages n={z.managedPages} /></td>
                  </tr>
                );
              }),
            ];
          })}
        {withoutMemory.length > 0 && (
          <tr className="node-offline">
            <th scope="row" colSpan={6}>
              {withoutMemory.length === 1 ? 'node' : 'nodes'} {withoutMemory.map((n) => n.nid).join(', ')}: offline, no memory (zoneinfo leaves {withoutMemory.length === 1 ? 'it' : 'them'} out; a hot-add to one brings it online)
            </th>
          </tr>
        )}
      </tbody>
    </table>
  );
}
