/**
 * The review matrix's cells in marks and words: the page's text twin, the CLI's table and its
 * detail lines say the same. Plain text over the cells' data, so the page reads it without the
 * engine that computed them (that runs in the matrix worker).
 */
import { errStr } from '../errno';
import type { CellFinding, MatrixCell, ReviewMatrix } from '../matrix';

/** The cell in a few characters, for a grid: "BUG@2", "finds@2", "clean", "refused@3", "error". */
export function cellMark(c: MatrixCell): string {
  switch (c.outcome) {
    case 'bug':
      return `BUG@${c.bug!.step}`;
    case 'findings':
      return `finds@${c.firstWrong}`;
    case 'error':
      return 'error';
    case 'clean':
      return c.refused.length ? `refused@${c.refused[0]!.step}` : 'clean';
  }
}

const findingText = (f: CellFinding): string => `${f.code} at step ${f.step} in ${f.fn}()${f.count > 1 ? ` (${f.count} times)` : ''}`;

/** The cell in words: the page's text twin and the CLI's detail line say the same. */
export function cellText(c: MatrixCell): string {
  const parts: string[] = [];
  if (c.outcome === 'error') return `the engine could not run it: ${c.error}`;
  if (c.bug) parts.push(`BUG at step ${c.bug.step} in ${c.bug.fn}()`);
  if (c.findings.length) parts.push(`findings: ${c.findings.map(findingText).join(', ')}`);
  if (!c.bug && !c.findings.length) parts.push('clean: no BUG, no findings');
  if (c.refused.length) parts.push(`refused: ${c.refused.map((r) => `step ${r.step} returned ${errStr(r.ret)}`).join(', ')}`);
  return parts.join('; ');
}

/**
 * The matrix as text for a terminal or a CI log: a grid of marks with one line per row, then
 * every cell in words, row by row.
 */
export function formatMatrix(m: ReviewMatrix): string {
  const head = ['scenario', ...m.kernels];
  const grid = [head, ...m.rows.map((r) => [r.id, ...r.cells.map(cellMark)])];
  const widths = head.map((_, i) => Math.max(...grid.map((line) => line[i]!.length)));
  const pad = (line: string[]) => line.map((x, i) => (i === line.length - 1 ? x : x.padEnd(widths[i]!))).join('  ');
  const kw = Math.max(...m.kernels.map((k) => k.length));
  const out = [
    `review matrix: ${m.rows.length} scenario${m.rows.length === 1 ? '' : 's'} under ${m.kernels.length} kernel${m.kernels.length === 1 ? '' : 's'}`,
    'BUG@N: the kernel BUG()ed at step N and the run halted; finds@N: findings, the first at step N; refused@N: no findings, but step N returned an error',
    '',
    ...grid.map(pad),
  ];
  for (const r of m.rows) {
    out.push('', `${r.id}: ${r.title} (${r.steps} step${r.steps === 1 ? '' : 's'})`);
    for (const c of r.cells) out.push(`  ${c.kernel.padEnd(kw)}  ${cellText(c)}`);
  }
  return out.join('\n') + '\n';
}
