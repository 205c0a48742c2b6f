/**
 * The page's side of "the worker owns the run": it asks for the views of the step shown
 * (its state, the one before for the change marks, the compared kernel's state and the
 * diff), keeps the last dozen of each in an LRU, fetches the neighbours of the cursor ahead
 * so that → finds them cached, and drops replies from runs that are gone.
 */
import type { ExplainedDiff } from '../engine/diff-causes';
import type { KernelRef } from '../engine/variants/switches';
import { CancelledError, type EngineClient } from '../worker/engine-client';
import type { LinkedTraceNode, RunView, StateView } from '../engine/views/view-types';
import { Lru } from './view-cache';

/** The views drawn at one cursor, complete: the views never draw half of a step. */
export interface ShownViews {
  /** the runs they belong to (identity): views of older runs may stay on screen until the new ones arrive */
  runs: RunView[];
  cursor: number;
  kernel: KernelRef;
  compareKernel: KernelRef | null;
  state: StateView;
  /** the state before the cursor (null at boot), for "what changed" */
  previous: StateView | null;
  compare: StateView | null;
  diff: ExplainedDiff | null;
}

/** What the loader reads from and writes to the store. */
export interface LoaderHost {
  read(): { runs: RunView[] | null; cursor: number; kernel: KernelRef; compare: KernelRef | null; busy: boolean; shown: ShownViews | null; trace: { kernel: KernelRef; step: number } | null };
  show(shown: ShownViews): void;
  showTrace(t: { kernel: KernelRef; step: number; nodes: LinkedTraceNode[] }): void;
  fail(message: string): void;
  /** a state view arrived (the cursor's or one fetched ahead): a chance to prepare what drawing it needs */
  arrived?(state: StateView): void;
}

/** State views kept per kernel; diffs and traces likewise. */
const CACHE_PER_KERNEL = 12;

/** The state index a cursor shows: past a BUG, the state at the BUG. */
const stateIndex = (run: RunView, cursor: number): number => Math.min(cursor, run.stateCount - 1);

export class ViewLoader {
  /** the run generation whose views are cached: replies for any other are stale */
  private gen = 0;
  private states = new Map<KernelRef, Lru<number, StateView>>();
  private traces = new Map<KernelRef, Lru<number, LinkedTraceNode[]>>();
  private diffs = new Lru<number, ExplainedDiff>(CACHE_PER_KERNEL);
  private inflight = new Map<string, Promise<unknown>>();
  private showing = false;
  private again = false;
  /** settles every wait on the runs that reset() replaced */
  private replaced: () => void = () => undefined;
  private replacedP: Promise<null> = new Promise((r) => (this.replaced = () => r(null)));

  constructor(
    private readonly client: EngineClient,
    private readonly host: LoaderHost,
  ) {}

  /** New runs landed (generation `gen`): everything cached belongs to the old ones. */
  reset(gen: number): void {
    this.gen = gen;
    this.replaced();
    this.replacedP = new Promise((r) => (this.replaced = () => r(null)));
    this.states.clear();
    this.traces.clear();
    this.diffs.clear();
    this.inflight.clear();
  }

  private lru<V>(m: Map<KernelRef, Lru<number, V>>, k: KernelRef): Lru<number, V> {
    let l = m.get(k);
    if (!l) m.set(k, (l = new Lru(CACHE_PER_KERNEL)));
    return l;
  }

  /** Asks once for a view (concurrent askers share the request), caches it, and drops it if its runs are gone. */
  private fetch<V>(key: string, cache: Lru<number, V>, at: number, ask: (gen: number) => Promise<V | string | null>): Promise<V | null> {
    const hit = cache.get(at);
    if (hit !== undefined) return Promise.resolve(hit);
    const open = this.inflight.get(key) as Promise<V | null> | undefined;
    if (open) return open;
    const gen = this.gen;
    const p = ask(gen).then(
      (v) => {
        if (gen !== this.gen) return null; // stale: a newer run replaced the one asked
        if (typeof v === 'string') {
          this.host.fail(v);
          return null;
        }
        if (v !== null) cache.set(at, v);
        return v;
      },
      (e: Error) => {
        // Cancelled: the worker holding that run was replaced; anything else is a crash, reported by the client.
        if (!(e instanceof CancelledError) && gen === this.gen) this.host.fail(e.message);
        return null;
      },
    );
    this.inflight.set(key, p);
    void p.finally(() => {
      if (this.inflight.get(key) === p) this.inflight.delete(key);
    });
    // A wait for runs that were replaced ends at once: the loop then asks the new ones.
    return Promise.race([p, this.replacedP]);
  }

  state(kernel: KernelRef, step: number): Promise<StateView | null> {
    return this.fetch(`s:${kernel}:${step}`, this.lru(this.states, kernel), step, async (gen) => {
      const r = await this.client.state(gen, kernel, step);
      if (r.kind === 'error') return `The engine could not show step ${step}: ${r.message}`;
      if (gen === this.gen) this.host.arrived?.(r.state);
      return r.state;
    });
  }

  trace(kernel: KernelRef, step: number): Promise<LinkedTraceNode[] | null> {
    if (step === 0) return Promise.resolve([]);
    return this.fetch(`t:${kernel}:${step}`, this.lru(this.traces, kernel), step, async (gen) => {
      const r = await this.client.trace(gen, kernel, step);
      return r.kind === 'error' ? `The engine could not trace step ${step}: ${r.message}` : r.trace;
    });
  }

  diff(step: number): Promise<ExplainedDiff | null> {
    return this.fetch(`d:${step}`, this.diffs, step, async (gen) => {
      const r = await this.client.diff(gen, step);
      return r.kind === 'error' ? `The engine could not compare step ${step}: ${r.message}` : r.diff;
    });
  }

  /** What the cursor needs, by state index. */
  private wants(s: ReturnType<LoaderHost['read']>) {
    const [a, b] = s.runs!;
    const c = s.cursor;
    return { at: stateIndex(a!, c), prev: c > 0 ? stateIndex(a!, c - 1) : null, cmp: b && s.compare ? stateIndex(b, c) : null, diff: b && s.compare ? c : null };
  }

  /** The views for the cursor if all are cached, else null. */
  cached(s = this.host.read()): ShownViews | null {
    if (!s.runs) return null;
    const w = this.wants(s);
    const state = this.lru(this.states, s.kernel).get(w.at);
    const previous = w.prev === null ? null : this.lru(this.states, s.kernel).get(w.prev);
    const compare = w.cmp === null ? null : this.lru(this.states, s.compare!).get(w.cmp);
    const diff = w.diff === null ? null : this.diffs.get(w.diff);
    if (!state || previous === undefined || compare === undefined || diff === undefined) return null;
    return { runs: s.runs, cursor: s.cursor, kernel: s.kernel, compareKernel: w.cmp === null ? null : s.compare, state, previous, compare, diff };
  }

  cachedTrace(kernel: KernelRef, step: number): LinkedTraceNode[] | null {
    return step === 0 ? [] : (this.lru(this.traces, kernel).get(step) ?? null);
  }

  /**
   * Brings the views of the cursor on screen. One load at a time: while it waits, the cursor
   * may move on many steps (a drag of the timeline); the loop then shows what came and asks
   * for the latest cursor, skipping the steps in between.
   */
  async show(): Promise<void> {
    if (this.showing) {
      this.again = true;
      return;
    }
    this.showing = true;
    try {
      for (;;) {
        this.again = false;
        const s = this.host.read();
        if (!s.runs || s.busy) return;
        const gen = this.gen;
        let views = this.cached(s);
        if (!views) {
          const w = this.wants(s);
          const [state, previous, compare, diff] = await Promise.all([
            this.state(s.kernel, w.at),
            w.prev === null ? null : this.state(s.kernel, w.prev),
            w.cmp === null ? null : this.state(s.compare!, w.cmp),
            w.diff === null ? null : this.diff(w.diff),
          ]);
          if (gen !== this.gen) continue; // new runs landed meanwhile: load theirs
          if (!state || (w.prev !== null && !previous) || (w.cmp !== null && !compare) || (w.diff !== null && !diff)) return;
          views = { runs: s.runs, cursor: s.cursor, kernel: s.kernel, compareKernel: w.cmp === null ? null : s.compare, state, previous, compare, diff };
        }
        if (!sameViews(this.host.read().shown, views)) this.host.show(views);
        const now = this.host.read();
        if (this.again || now.cursor !== s.cursor || now.kernel !== s.kernel || now.compare !== s.compare || now.runs !== s.runs) continue;
        break;
      }
    } finally {
      this.showing = false;
    }
    await this.showTraceAndPrefetch();
  }

  private async showTraceAndPrefetch(): Promise<void> {
    const s = this.host.read();
    if (!s.runs) return;
    const { kernel, cursor } = s;
    if (!(s.trace && s.trace.kernel === kernel && s.trace.step === cursor)) {
      const nodes = await this.trace(kernel, cursor);
      const now = this.host.read();
      if (nodes && now.cursor === cursor && now.kernel === kernel) this.host.showTrace({ kernel, step: cursor, nodes });
    }
    this.prefetch();
  }

  /** The neighbours of the cursor, so a step either way is a lookup. */
  private prefetch(): void {
    const s = this.host.read();
    if (!s.runs || s.busy) return;
    const [a, b] = s.runs;
    const last = a!.steps.length;
    const c = s.cursor;
    // → needs c+1 (c is cached); ← needs c-1 (cached as the previous) and c-2.
    if (c + 1 <= last) void this.state(s.kernel, stateIndex(a!, c + 1)).then(() => this.trace(s.kernel, c + 1));
    if (c - 2 >= 0) void this.state(s.kernel, stateIndex(a!, c - 2));
    if (c - 1 >= 0) void this.trace(s.kernel, c - 1);
    if (b && s.compare) {
      for (const n of [c + 1, c - 1]) {
        if (n < 0 || n > last) continue;
        void this.state(s.compare, stateIndex(b, n));
        void this.diff(n);
      }
    }
  }
}

function sameViews(a: ShownViews | null, b: ShownViews): boolean {
  return !!a && a.runs === b.runs && a.cursor === b.cursor && a.kernel === b.kernel && a.state === b.state && a.previous === b.previous && a.compare === b.compare && a.diff === b.diff;
}
