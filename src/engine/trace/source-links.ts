import type { Variant } from '../kernel/kernel';
import { SOURCE_LINES } from './source-lines';

export interface SourceLink {
  /** where to read it: an Elixir line, an Elixir identifier search, or the RFC patch */
  url: string;
  /** "mm/memory_hotplug.c:553 (v4.18.20)" or "RFC v1 patch" */
  label: string;
  /** the base tree's line, also given for functions the RFC patch changed */
  treeUrl: string | null;
}

const ELIXIR = 'https://elixir.bootlin.com/linux';

/**
 * Links a kernel function of the trace to its source for one variant: the tree's line
 * on Elixir, and for functions an RFC changed, the patch in the linux-mm archive with
 * the base tree's line beside it.
 */
export function sourceLink(v: Variant, fn: string): SourceLink {
  const tree = v.source.tree;
  const line = SOURCE_LINES[tree][fn];
  const treeUrl = line ? `${ELIXIR}/${tree}/source/${line.file}#L${line.line}` : `${ELIXIR}/${tree}/A/ident/${fn}`;
  const treeLabel = line ? `${line.file}:${line.line} (${tree})` : `${fn} (${tree}, identifier search)`;
  if (v.source.patchUrl && v.source.patched.includes(fn)) {
    return { url: v.source.patchUrl, label: `${v.id} patch; base ${treeLabel}`, treeUrl };
  }
  return { url: treeUrl, label: treeLabel, treeUrl: null };
}
