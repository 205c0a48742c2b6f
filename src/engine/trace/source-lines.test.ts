import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KERNEL_IDS } from '../ops';
import { VARIANTS } from '../variants';
import { RFC_SERIES, patchOf, type RfcId } from './rfc-patches';
import { lineLabel, sourceLink, sourceRef } from './source-links';
import { withFreshTable } from './source-lines-doc';
import { LATER_LINES, LATER_TREE, SOURCE_LINES, type SourceLine } from './source-lines';
import { tracedNames } from '../../test-support/traced-calls';

/**
 * Every name the call trace can show links to a line of the variant's tree, or to the RFC
 * patch that changed or added it (or, for the kmem driver the engine runs under every
 * kernel, to the later tree it comes from), never to Elixir's identifier search.
 */
const SEQUENCES = Number(process.env.SOURCE_LINE_SEQUENCES ?? 200);

const FILE = /^(arch\/x86|mm|kernel|drivers|include\/linux)\/[a-z0-9_/-]+\.[ch]$/;
const TREE = /\((v4\.18\.20|v5\.5-rc5|v6\.1\.192|v6\.12\.118)\)$/;
const ELIXIR_LINE = /^https:\/\/elixir\.bootlin\.com\/linux\/(v4\.18\.20|v5\.5-rc5|v6\.1\.192|v6\.12\.118)\/source\/[a-z0-9_/.-]+\.[ch]#L[1-9]\d*$/;
// a patch mail of a series, or (for the proposals) the thread reply that proposed the change
const LORE_PATCH = /^https:\/\/lore\.kernel\.org\/linux-mm\/(\d{14}\.\d+-[2-9]-osalvador@techadventures\.net|\d{14}\.GA\d+@techadventures\.net|\d{14}\.GC\d+@redhat\.com|[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}@redhat\.com)\/$/;
const PATCH_NAME = '(patch [1-9]\\/[1-9]|RFC v1 patch [1-9]\\/[1-9]|PATCH v1 [1-9]\\/[1-9] \\(its mm\\/hmm\\.c call sites\\)|proposal \\([^)]*\\))';
const VARIANT = '(rfc-v[123]|idea-is-device|idea-refcount)';
const LABELS = {
  tree: /^[a-z0-9_/.-]+\.[ch]:[1-9]\d* \((v4\.18\.20|v5\.5-rc5|v6\.12\.118)\)$/,
  patched: new RegExp(`^${VARIANT} ${PATCH_NAME}; base [a-z0-9_/.-]+\\.[ch]:[1-9]\\d* \\(v4\\.18\\.20\\)$`),
  added: new RegExp(`^${VARIANT} ${PATCH_NAME} adds it \\(not in v4\\.18\\.20\\)$`),
  later: /^[a-z0-9_/.-]+\.[ch]:[1-9]\d* \(v6\.1\.192; not in (v4\.18\.20|v5\.5-rc5)\)$/,
};

describe.each(KERNEL_IDS.map((k) => [k]))('%s: every traced call', (kernel) => {
  const v = VARIANTS[kernel];
  const selfCalls = new Map<string, string>();
  const traced = tracedNames(kernel, SEQUENCES, selfCalls);

  it('never shows a function calling itself: no modelled path recurses (RFC v2 has one shrink_pages(), not a wrapper of another)', () => {
    expect([...selfCalls].map(([fn, where]) => `${fn} (${where})`)).toEqual([]);
  });

  it('is gathered from a trace that reaches the add, online, offline, remove and device paths', () => {
    for (const fn of [kernel === 'v6.12' ? '__add_memory' : 'add_memory', 'online_pages', kernel === 'v6.12' ? 'offline_pages' : '__offline_pages', '__remove_pages', 'arch_remove_memory', 'release_mem_region_adjustable', 'dev_dax_kmem_probe'])
      expect(traced.has(fn), fn).toBe(true);
    expect(traced.has(v.source.tree === 'v4.18.20' ? 'hmm_devmem_add' : 'memremap_pages')).toBe(true);
    expect(traced.size).toBeGreaterThan(60);
  });

  it('resolves to a line of its tree, the RFC patch, or the kmem driver of the later tree: none to a search', () => {
    const unresolved = [...traced].filter(([fn]) => sourceRef(v, fn).kind === 'unknown').map(([fn, where]) => `${fn} (first traced by ${where})`);
    expect(unresolved).toEqual([]);
    const searches = [...traced.keys()].filter((fn) => sourceLink(v, fn).url.includes('/A/ident/'));
    expect(searches).toEqual([]);
  });

  it('links with a well-formed label and URL of its kind', () => {
    for (const fn of traced.keys()) {
      const r = sourceRef(v, fn);
      const l = sourceLink(v, fn);
      if (r.kind === 'unknown') continue; // reported above
      expect(l.label, fn).toMatch(LABELS[r.kind]);
      expect(l.url, fn).toMatch(r.kind === 'patched' || r.kind === 'added' ? LORE_PATCH : ELIXIR_LINE);
      if (r.kind === 'patched') expect(l.treeUrl, fn).toMatch(ELIXIR_LINE);
      else expect(l.treeUrl, fn).toBeNull();
    }
  });
});

describe('the line tables', () => {
  const entries: [string, string, SourceLine][] = [
    ...(['v4.18.20', 'v5.5-rc5', 'v6.12.118'] as const).flatMap((t) => Object.entries(SOURCE_LINES[t]).map(([fn, l]): [string, string, SourceLine] => [t, fn, l])),
    ...Object.entries(LATER_LINES).map(([fn, l]): [string, string, SourceLine] => [LATER_TREE, fn, l]),
  ];

  it.each(entries)('%s %s: a source file, a positive line, a file:line (tree) label', (tree, fn, l) => {
    expect(fn).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
    expect(l.file).toMatch(FILE);
    expect(Number.isInteger(l.line) && l.line > 0).toBe(true);
    expect(lineLabel(tree, l)).toMatch(new RegExp(`^${l.file.replace(/[.]/g, '\\.')}:${l.line} ${TREE.source}`));
  });

  it('gives the later tree only names the variants trees lack somewhere', () => {
    for (const fn of Object.keys(LATER_LINES)) expect(SOURCE_LINES['v4.18.20'][fn] && SOURCE_LINES['v5.5-rc5'][fn], fn).toBeFalsy();
  });
});

describe.each((Object.keys(RFC_SERIES) as RfcId[]).map((id) => [id]))('%s patch series', (id: RfcId) => {
  const v = VARIANTS[id];
  const series = RFC_SERIES[id];

  it('links every patch to its mail in the linux-mm archive, and the variant to one of them', () => {
    for (const p of [series.cover, ...series.patches]) expect(p.url).toBe(`https://lore.kernel.org/linux-mm/${p.messageId}/`);
    expect(series.patches.map((p) => p.url)).toContain(v.source.patchUrl);
  });

  it('names a modelled patch for every function the variant marks as patched', () => {
    expect(v.source.patched.filter((fn) => patchOf(id, fn) === null)).toEqual([]);
  });

  it('adds only names the base tree lacks, and changes only names it has', () => {
    for (const p of series.patches) {
      for (const fn of p.adds) expect(SOURCE_LINES[v.source.tree][fn], `${p.n} adds ${fn}`).toBeUndefined();
      for (const fn of p.changes) expect(SOURCE_LINES[v.source.tree][fn], `${p.n} changes ${fn}`).toBeDefined();
    }
  });
});

describe('docs/source-lines.md', () => {
  it('holds the table generated from these tables (npm run docs:source-lines)', () => {
    const doc = readFileSync(path.resolve(import.meta.dirname, '../../../docs/source-lines.md'), 'utf8');
    const fresh = withFreshTable(doc);
    expect(fresh, 'the generated-part markers are missing').not.toBeNull();
    expect(fresh === doc, 'docs/source-lines.md is stale: run npm run docs:source-lines').toBe(true);
  });
});
