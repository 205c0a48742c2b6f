import type { TraceCall, TraceNode } from './trace-types';

type Text = string | (() => string);
const text = (t: Text): string => (typeof t === 'function' ? t() : t);

/**
 * Builds the call tree of one step while the engine runs it. A replay runs with it
 * disabled (nothing is built, argument strings are never formatted); the trace of a
 * step is made on demand by running that one step again with it enabled.
 */
export class Tracer {
  /** The one disabled tracer every untraced step shares: it records nothing, so it holds nothing. */
  static readonly OFF = new Tracer(false);
  readonly roots: TraceNode[] = [];
  private readonly stack: TraceCall[] = [];

  constructor(readonly enabled = true) {}

  private push(node: TraceNode): void {
    const top = this.stack[this.stack.length - 1];
    (top ? top.children : this.roots).push(node);
  }

  /** Runs `body` as a call of kernel function `fn`; `fmtRet` renders its return value. */
  call<T>(fn: string, args: Text, body: () => T, fmtRet: (v: T) => string = defaultRet): T {
    if (!this.enabled) return body();
    const node: TraceCall = { k: 'call', fn, args: text(args), ret: null, children: [] };
    this.push(node);
    this.stack.push(node);
    try {
      const v = body();
      node.ret = fmtRet(v);
      return v;
    } finally {
      this.stack.pop();
    }
  }

  decision(cond: Text, value: Text, key?: string): void {
    if (!this.enabled) return;
    this.push(key === undefined ? { k: 'decision', cond: text(cond), value: text(value) } : { k: 'decision', cond: text(cond), value: text(value), key });
  }

  change(what: string, t: Text): void {
    if (this.enabled) this.push({ k: 'change', what, text: text(t) });
  }

  note(t: Text): void {
    if (this.enabled) this.push({ k: 'note', text: text(t) });
  }

  node(n: TraceNode): void {
    if (this.enabled) this.push(n);
  }
}

function defaultRet(v: unknown): string {
  if (v === undefined) return 'void';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v === null) return 'NULL';
  return typeof v === 'string' ? v : 'ok';
}
