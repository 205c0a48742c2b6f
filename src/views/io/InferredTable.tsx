import { formatLines, type InferredGroup } from './inferred-summary';

const MAX_NAMES = 6;

/** Which flags each /proc/iomem entry was given, and why: one row per rule. */
export function InferredTable({ groups, total }: { groups: InferredGroup[]; total: number }) {
  return (
    <details className="io-inferred" open>
      <summary>
        What was inferred: the flags of {total} {total === 1 ? 'entry' : 'entries'}, from their names (/proc/iomem does not show flags)
      </summary>
      <table>
        <thead>
          <tr>
            <th scope="col">Flags given</th>
            <th scope="col">Entries</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={`${g.rule}|${g.flags}|${g.desc}`}>
              <td>
                <code>{g.flags}</code>
                {g.desc && (
                  <>
                    <br />
                    <code className="io-desc">desc {g.desc}</code>
                  </>
                )}
              </td>
              <td>
                <span className="io-count">{g.count}</span>{' '}
                {g.names.slice(0, MAX_NAMES).map((n, i) => (
                  <span key={n.name} className="io-name">
                    {i > 0 && ', '}“{n.name}” <span className="muted">({formatLines(n.lines)})</span>
                  </span>
                ))}
                {g.names.length > MAX_NAMES && <span className="muted">, and {g.names.length - MAX_NAMES} more names</span>}
              </td>
              <td className="io-rule">{g.rule}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
