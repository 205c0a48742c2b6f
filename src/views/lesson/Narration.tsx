import type { ReactNode } from 'react';
import type { KernelId } from '../../engine/ops';
import { glossaryEntry } from '../../lessons/glossary';
import { parseMarkup } from '../../lessons/markup';
import { fnLink } from '../../lessons/refs';
import { fillSlot, type SlotContext } from '../../lessons/slots';

/**
 * One paragraph of lesson narration: code, emphasis, links to the thread, each kernel
 * function linked to its source, glossary terms, and the values the engine's state at this
 * step supplies (`slots` is null while that state is still on its way).
 */
export function Narration({ text, kernel, slots }: { text: string; kernel: KernelId; slots: SlotContext | null }): ReactNode {
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
      case 'term': {
        const g = glossaryEntry(tok.term);
        return (
          <a key={i} className="term-link" href={`#glossary-${g?.id ?? ''}`} title={g?.definition} onClick={(e) => openGlossaryEntry(e, g?.id)}>
            {tok.text}
          </a>
        );
      }
      case 'slot': {
        const v = slots ? fillSlot(tok.kind, tok.arg, slots) : null;
        const shown = v?.text ?? '\u2026';
        return v?.code ? (
          <code key={i} data-slot={tok.kind}>
            {shown}
          </code>
        ) : (
          <span key={i} data-slot={tok.kind}>
            {shown}
          </span>
        );
      }
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

/**
 * A term's link opens its entry in the lesson's glossary (a closed <details>) and moves focus
 * there, instead of only setting the fragment, which would show nothing.
 */
function openGlossaryEntry(e: { preventDefault(): void }, id: string | undefined): void {
  const entry = id ? document.getElementById(`glossary-${id}`) : null;
  if (!entry) return;
  e.preventDefault();
  const box = entry.closest('details');
  if (box) box.open = true;
  entry.scrollIntoView({ block: 'nearest' });
  entry.focus();
}
