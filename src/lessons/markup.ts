/**
 * The narration's inline markup, parsed into tokens the lesson panel renders:
 * `code`, **strong**, [text](https://…), {function} (a source link for the kernel shown)
 * and {function@kernel} (a source link for the kernel named). Anything else is text.
 */
import { KERNEL_IDS, type KernelId } from '../engine/ops';

export type Token =
  | { t: 'text'; v: string }
  | { t: 'code'; v: string }
  | { t: 'strong'; v: string }
  | { t: 'link'; text: string; url: string }
  | { t: 'fn'; fn: string; kernel: KernelId | null };

const PATTERN = /`([^`]+)`|\*\*([^*]+)\*\*|\[([^\]]+)\]\((https:\/\/[^)\s]+)\)|\{([A-Za-z_][A-Za-z0-9_]*)(?:@([a-z0-9.-]+))?\}/g;

export function parseMarkup(text: string): Token[] {
  const out: Token[] = [];
  let at = 0;
  for (const m of text.matchAll(PATTERN)) {
    const i = m.index;
    if (i > at) out.push({ t: 'text', v: text.slice(at, i) });
    if (m[1] !== undefined) out.push({ t: 'code', v: m[1] });
    else if (m[2] !== undefined) out.push({ t: 'strong', v: m[2] });
    else if (m[3] !== undefined) out.push({ t: 'link', text: m[3], url: m[4]! });
    else {
      const k = m[6];
      if (k !== undefined && !(KERNEL_IDS as readonly string[]).includes(k)) throw new Error(`unknown kernel "${k}" in {${m[5]}@${k}}`);
      out.push({ t: 'fn', fn: m[5]!, kernel: (k as KernelId | undefined) ?? null });
    }
    at = i + m[0].length;
  }
  if (at < text.length) out.push({ t: 'text', v: text.slice(at) });
  return out;
}

/** The narration as plain text (for tests and for the screen-reader summary). */
export function plainText(text: string): string {
  return parseMarkup(text)
    .map((tok) => (tok.t === 'link' ? tok.text : tok.t === 'fn' ? `${tok.fn}()` : tok.v))
    .join('');
}
