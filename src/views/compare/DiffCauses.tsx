import type { CodeSite, DiffCause } from '../../engine/diff-causes';

function Site({ site }: { site: CodeSite }) {
  return (
    <li>
      <strong>{site.kernel}</strong>: <code>{site.fn}()</code>
      {site.cond !== null && (
        <>
          {' '}
          decides <code>{site.cond}</code> → {site.value}
        </>
      )}
      {site.cond === null && site.value !== null && <> {site.value}</>} ·{' '}
      <a href={site.src.url} target="_blank" rel="noreferrer">
        {site.src.label}
      </a>
      {site.src.treeUrl && (
        <>
          {' '}
          (
          <a href={site.src.treeUrl} target="_blank" rel="noreferrer">
            base line
          </a>
          )
        </>
      )}
    </li>
  );
}

/** Why the two kernels' findings differ at the step shown: the code each side runs where they part. */
export function DiffCauses({ causes }: { causes: DiffCause[] }) {
  if (!causes.length) return null;
  return (
    <div className="diff-block diff-causes" data-testid="diff-causes">
      <h4>Why the findings differ</h4>
      <ul>
        {causes.map((c) => (
          <li key={`${c.kind}:${c.key}:${c.findings[0]?.line}`} className="diff-cause">
            <p>{c.text}</p>
            {c.findings.length > 1 && (
              <p className="diff-cause-text">
                The same difference accounts for{' '}
                {c.findings.slice(1).map((f, i) => (
                  <span key={f.line}>
                    {i > 0 && ', '}
                    <code>{f.line}</code> ({f.kernel} only)
                  </span>
                ))}
                .
              </p>
            )}
            <ul className="diff-cause-sites">{c.sites.map((s) => s && <Site key={s.kernel} site={s} />)}</ul>
          </li>
        ))}
      </ul>
    </div>
  );
}
