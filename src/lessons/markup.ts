/**
 * The narration's inline markup, parsed into tokens the lesson panel renders:
 * `code`, **strong**, [text](https://…), {function} (a function that runs at this step:
 * a source link for the kernel shown), {function@kernel} (the same, linked for the kernel
 * named), {~function} and {~function@kernel} (a function named but not run at this step),
 * [[term]] or [[text|term]] (a glossary term), and {{slot:arg}} (a value read from the
 * engine's state at this step, filled by slots.ts). Anything else is text.
 */
import { KERNEL_IDS, type KernelId } from '../engine/ops';

export type Token =
  | { t: 'text'; v: string }
  | { t: 'code'; v: string }
  | { t: 'strong'; v: string }
  | { t: 'link'; text: string; url: string }
  | { t: 'fn'; fn: string; kernel: KernelId | null; ran: boolean }
  | { t: 'slot'; kind: string; arg: string }
  | { t: 'term'; text: string; term: string };

const PATTERN =
  /\{\{([a-z_-]+)(?::([^}]*))?\}\}|\[\[([^\]|]+)(?:\|([^\]]+))?\]\]|`([^`]+)`|\*\*([^*]+)\*\*|\[([^\]]+)\]\((https:\/\/[^)\s]+)\)|\{(~?)([A-Za-z_][A-Za-z0-9_]*)(?:@([a-z0-9.-]+))?\}/g;

export function parseMarkup(text: string): Token[] {
  const out: Token[] = [];
  let at = 0;
  for (const m of text.matchAll(PATTERN)) {
    const i = m.index;
    if (i > at) out.push({ t: 'text', v: text.slice(at, i) });
    if (m[1] !== undefined) out.push({ t: 'slot', kind: m[1], arg: m[2] ?? '' });
    else if (m[3] !== undefined) out.push(m[4] !== undefined ? { t: 'term', text: m[3], term: m[4] } : { t: 'term', text: m[3], term: m[3] });
    else if (m[5] !== undefined) out.push({ t: 'code', v: m[5] });
    else if (m[6] !== undefined) out.push({ t: 'strong', v: m[6] });
    else if (m[7] !== undefined) out.push({ t: 'link', text: m[7], url: m[8]! });
    else {
      const k = m[11];
      if (k !== undefined && !(KERNEL_IDS as readonly string[]).includes(k)) throw new Error(`unknown kernel "${k}" in {${m[10]}@${k}}`);
      out.push({ t: 'fn', fn: m[10]!, kernel: (k as KernelId | undefined) ?? null, ran: m[9] !== '~' });
    }
    at = i + m[0].length;
  }
  if (at < text.length) out.push({ t: 'text', v: text.slice(at) });
  return out;
}

/** The narration as plain text (for tests and for the screen-reader summary); slots read through `fill`, else "…". */
export function plainText(text: string, fill: (kind: string, arg: string) => string | null = () => null): string {
  return parseMarkup(text)
    .map((tok) => {
      switch (tok.t) {
        case 'link':
        case 'term':
          return tok.text;
        case 'fn':
          return `${tok.fn}()`;
        case 'slot':
          return fill(tok.kind, tok.arg) ?? '\u2026';
        default:
          return tok.v;
      }
    })
    .join('');
}
