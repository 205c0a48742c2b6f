import type { TraceCall, TraceNode } from './trace-types';

/** Builds the call tree of one step while the engine runs it. */
export class Tracer {
  readonly roots: TraceNode[] = [];
  private readonly stack: TraceCall[] = [];

  private push(node: TraceNode): void {
    const top = this.stack[this.stack.length - 1];
    (top ? top.children : this.roots).push(node);
  }

  /** Runs `body` as a call of kernel function `fn`; `fmtRet` renders its return value. */
  call<T>(fn: string, args: string, body: () => T, fmtRet: (v: T) => string = defaultRet): T {
    const node: TraceCall = { k: 'call', fn, args, ret: null, children: [] };
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

  decision(cond: string, value: string, key?: string): void {
    this.push(key === undefined ? { k: 'decision', cond, value } : { k: 'decision', cond, value, key });
  }

  change(what: string, text: string): void {
    this.push({ k: 'change', what, text });
  }

  note(text: string): void {
    this.push({ k: 'note', text });
  }

  node(n: TraceNode): void {
    this.push(n);
  }
}

function defaultRet(v: unknown): string {
  if (v === undefined) return 'void';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v === null) return 'NULL';
  return typeof v === 'string' ? v : 'ok';
}
