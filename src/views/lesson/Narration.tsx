import type { ReactNode } from 'react';
import type { KernelId } from '../../engine/ops';
import { parseMarkup } from '../../lessons/markup';
import { fnLink } from '../../lessons/refs';

/** One paragraph of lesson narration: code, emphasis, links to the thread, and each kernel function linked to its source. */
export function Narration({ text, kernel }: { text: string; kernel: KernelId }): ReactNode {
  return parseMarkup(text).map((tok, i) => {
    switch (tok.t) {
      case 'text':
        return tok.v;
      case 'code':
        return <code key={i}>{tok.v}</code>;
      case 'strong':
        return <strong key={i}>{tok.v}</strong>;
      case 'link':
        return (
          <a key={i} href={tok.url} target="_blank" rel="noreferrer">
            {tok.text}
          </a>
        );
      case 'fn': {
        const k = tok.kernel ?? kernel;
        const link = fnLink(k, tok.fn);
        return (
          <a key={i} className="fn-link" href={link.url} target="_blank" rel="noreferrer" title={`${tok.fn}() in ${k}: ${link.label}`}>
            <code>{tok.fn}()</code>
          </a>
        );
      }
    }
  });
}
