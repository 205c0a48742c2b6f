const MAX_LINES = 2000;

/** A /proc or sysfs file as the kernel prints it: the text twin of a picture. */
export function ProcText({ title, text, testId, previous }: { title: string; text: string; testId: string; previous?: string | null }) {
  const before = new Set((previous ?? '').split('\n'));
  const all = text.replace(/\n$/, '').split('\n');
  // Thousands of marked lines would stall the page; the exact text stays in full above.
  const lines = all.slice(0, MAX_LINES);
  return (
    <figure className="proc-text">
      <figcaption>{title}</figcaption>
      {/* the exact text, for tests and copy; the marked copy below is for eyes */}
      <pre data-testid={testId} className="visually-hidden">
        {text}
      </pre>
      <pre aria-hidden="true">
        {lines.map((l, i) => (
          <span key={i} className={previous && !before.has(l) ? 'line changed' : 'line'}>
            {l + '\n'}
          </span>
        ))}
        {all.length > MAX_LINES && <span className="line muted">… {all.length - MAX_LINES} more lines (export the file to see them all)</span>}
      </pre>
    </figure>
  );
}
