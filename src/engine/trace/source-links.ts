import type { Variant } from '../kernel/kernel';

/** What a link needs of a kernel: its id, where its functions are read, and a custom kernel's switched functions. */
export type SourceOwner = Pick<Variant, 'id' | 'source' | 'switchedFrom'>;
import { isRfc, patchOf, type RfcPatch } from './rfc-patches';
import { LATER_LINES, LATER_TREE, SOURCE_LINES, type SourceLine, type SourceTree } from './source-lines';

export interface SourceLink {
  /** where to read it: an Elixir line, or the RFC patch mail that changed or added it */
  url: string;
  /** "mm/memory_hotplug.c:551 (v4.18.20)" or "rfc-v1 patch 2/3; base mm/memory_hotplug.c:551 (v4.18.20)" */
  label: string;
  /** the base tree's line of a function the RFC patch changed; null otherwise */
  treeUrl: string | null;
}

/** Where a name of the trace is defined for one variant, before it is turned into a link. */
export type SourceRef =
  /** the variant's tree has it */
  | { kind: 'tree'; tree: SourceTree; line: SourceLine }
  /** the variant's patch changed it; the tree has the version before */
  | { kind: 'patched'; tree: SourceTree; line: SourceLine; patch: PatchRef }
  /** only the variant's patch has it */
  | { kind: 'added'; tree: SourceTree; patch: PatchRef }
  /** the engine runs a later kernel's code for it (the kmem driver), and the tree lacks it */
  | { kind: 'later'; tree: SourceTree; laterTree: typeof LATER_TREE; line: SourceLine }
  /** no table knows it */
  | { kind: 'unknown'; tree: SourceTree };

export interface PatchRef {
  url: string;
  /** "patch 2/3", or "patch" when the series table does not list the function */
  name: string;
}

const ELIXIR = 'https://elixir.bootlin.com/linux';

export const elixirLine = (tree: string, l: SourceLine) => `${ELIXIR}/${tree}/source/${l.file}#L${l.line}`;
export const lineLabel = (tree: string, l: SourceLine) => `${l.file}:${l.line} (${tree})`;

function patchRef(v: SourceOwner, fn: string): PatchRef | null {
  if (!v.source.patchUrl || !v.source.patched.includes(fn)) return null;
  const p: RfcPatch | null = isRfc(v.id) ? patchOf(v.id, fn) : null;
  return p ? { url: p.url, name: p.label ?? `patch ${p.n}` } : { url: v.source.patchUrl, name: 'patch' };
}

/** Whether `v`'s tree or patch has `fn` (a link that is not an identifier search or a later tree). */
export function hasSource(v: SourceOwner, fn: string): boolean {
  const kind = sourceRef(v, fn).kind;
  return kind === 'tree' || kind === 'patched' || kind === 'added';
}

export function sourceRef(v: SourceOwner, fn: string): SourceRef {
  const tree = v.source.tree;
  const line = SOURCE_LINES[tree][fn];
  const patch = patchRef(v, fn);
  if (patch) return line ? { kind: 'patched', tree, line, patch } : { kind: 'added', tree, patch };
  if (line) return { kind: 'tree', tree, line };
  const later = LATER_LINES[fn];
  if (later) return { kind: 'later', tree, laterTree: LATER_TREE, line: later };
  return { kind: 'unknown', tree };
}

/**
 * Links a kernel function of the trace to its source for one variant: the tree's line on
 * Elixir; for a function an RFC changed, the patch mail with the base tree's line beside it;
 * for one only the RFC has, the patch mail alone.
 *
 * Elixir's identifier search is left only for a name no table knows. No traced name reaches
 * it: source-lines.test.ts runs every scenario and seeded random sequences under every kernel
 * and fails on any traced name without a line or a patch. Names from elsewhere (a lesson's
 * text) are checked by lessons.test.ts against the same tables.
 */
export function sourceLink(v: SourceOwner, fn: string): SourceLink {
  const from = v.switchedFrom?.get(fn);
  if (from) {
    const l = sourceLink(from, fn);
    return { ...l, label: `${l.label} (the code ${from.id} runs, taken by a switch)` };
  }
  const r = sourceRef(v, fn);
  switch (r.kind) {
    case 'tree':
      return { url: elixirLine(r.tree, r.line), label: lineLabel(r.tree, r.line), treeUrl: null };
    case 'patched':
      return { url: r.patch.url, label: `${v.id} ${r.patch.name}; base ${lineLabel(r.tree, r.line)}`, treeUrl: elixirLine(r.tree, r.line) };
    case 'added':
      return { url: r.patch.url, label: `${v.id} ${r.patch.name} adds it (not in ${r.tree})`, treeUrl: null };
    case 'later':
      return { url: elixirLine(r.laterTree, r.line), label: `${r.line.file}:${r.line.line} (${r.laterTree}; not in ${r.tree})`, treeUrl: null };
    case 'unknown':
      return { url: `${ELIXIR}/${r.tree}/A/ident/${fn}`, label: `${fn} (${r.tree}, identifier search)`, treeUrl: null };
  }
}
