import { type ReactNode, useState } from 'react';
import type { LinkedTraceNode } from '../../engine/views/view-types';
import { rangeInText } from './trace-model';

type Range = { start: number; end: number };
type CallNode = Extract<LinkedTraceNode, { k: 'call' }>;

/** Calls this deep and deeper start collapsed: past it the tree is more noise than story. */
const OPEN_DEPTH = 6;

export interface TraceNodeProps {
  node: LinkedTraceNode;
  depth: number;
  onHoverRange?(range: Range | null): void;
}

/** Hover handlers for a line that names a physical range; none for a line that does not. */
function hoverProps(text: string, onHoverRange: TraceNodeProps['onHoverRange']) {
  const range = onHoverRange && rangeInText(text);
  if (!range) return {};
  return { onMouseEnter: () => onHoverRange(range), onMouseLeave: () => onHoverRange(null), 'data-range': '' };
}

function CallLine({ node, onHoverRange }: { node: CallNode; onHoverRange: TraceNodeProps['onHoverRange'] }) {
  const patched = node.src.treeUrl !== null;
  // Only BUG() leaves a call without a return value; void functions return 'void'.
  const ret = node.ret === null ? <span className="ct-noret"> ↯ did not return</span> : node.ret === 'void' ? null : <span className="ct-ret"> = {node.ret}</span>;
  return (
    <span className="ct-line ct-call" {...hoverProps(node.args, onHoverRange)}>
      <a className="ct-fn" href={node.src.url} target="_blank" rel="noopener" title={node.src.label}>
        {node.fn}
      </a>
      <span className="ct-args">({node.args})</span>
      {ret}
      {node.switches?.map((sw) => (
        <span key={sw} className="ct-badge ct-badge--switch" title={`this custom kernel's ${sw} switch decided this call's code (it differs from the preset)`}>
          switch: {sw}
        </span>
      ))}
      {patched && (
        <>
          <span className="ct-badge ct-badge--patch" title="changed by the RFC patch: the link opens the patch">
            patch
          </span>
          <a className="ct-base" href={node.src.treeUrl!} target="_blank" rel="noopener" title={`base tree: ${node.src.label}`}>
            base
          </a>
        </>
      )}
    </span>
  );
}

/**
 * A call with callees: a toggle button beside the call line rather than <summary>,
 * because the line holds links and links may not sit inside another control.
 */
function CallBranch({ node, depth, line, onHoverRange }: { node: CallNode; depth: number; line: ReactNode; onHoverRange: TraceNodeProps['onHoverRange'] }) {
  const [open, setOpen] = useState(depth < OPEN_DEPTH);
  return (
    <li className="ct-item ct-branch">
      <button type="button" className="ct-toggle" aria-expanded={open} aria-label={`${open ? 'Collapse' : 'Expand'} ${node.fn}`} onClick={() => setOpen(!open)}>
        {open ? '▾' : '▸'}
      </button>
      {line}
      {open && <TraceList nodes={node.children} depth={depth + 1} onHoverRange={onHoverRange} />}
    </li>
  );
}

function TraceNode({ node, depth, onHoverRange }: TraceNodeProps) {
  switch (node.k) {
    case 'call': {
      const line = <CallLine node={node} onHoverRange={onHoverRange} />;
      if (node.children.length === 0) return <li className="ct-item ct-leaf">{line}</li>;
      return <CallBranch node={node} depth={depth} line={line} onHoverRange={onHoverRange} />;
    }
    case 'decision':
      return (
        <li className={`ct-item ct-leaf ct-decision${node.key ? ' ct-decision--key' : ''}`}>
          <span className="ct-line" {...hoverProps(node.cond + node.value, onHoverRange)}>
            <span aria-hidden="true">? </span>
            <code>{node.cond}</code> → <span className="ct-value">{node.value}</span>
            {node.key && (
              <span className="ct-badge ct-badge--key" title={`decision "${node.key}": the kernels compared here take different paths`}>
                differs between kernels
              </span>
            )}
          </span>
        </li>
      );
    case 'change':
      return (
        <li className="ct-item ct-leaf ct-change" data-what={node.what}>
          <span className="ct-line" {...hoverProps(node.text, onHoverRange)}>
            <span aria-hidden="true">~ </span>
            {node.text}
          </span>
        </li>
      );
    case 'log':
      return (
        <li className="ct-item ct-leaf ct-log">
          <samp>printk: {node.text}</samp>
        </li>
      );
    case 'finding':
      return (
        <li className="ct-item ct-leaf ct-finding">
          <strong className="ct-code">{node.code}</strong> {node.text}
        </li>
      );
    case 'note':
      return <li className="ct-item ct-leaf ct-note">{node.text}</li>;
  }
}

export function TraceList({ nodes, depth, onHoverRange }: { nodes: readonly LinkedTraceNode[]; depth: number; onHoverRange: TraceNodeProps['onHoverRange'] }) {
  return (
    <ul className="ct-list">
      {nodes.map((n, i) => (
        <TraceNode key={i} node={n} depth={depth} onHoverRange={onHoverRange} />
      ))}
    </ul>
  );
}
