/**
 * The page's side of the protocol. WorkerEngineClient runs the engine in Web Workers;
 * InProcessEngineClient (in-process-client.ts) runs the same host in-process, for tests. Both
 * answer with the worker's reply shapes, report a run's progress and can cancel it. This file
 * imports no engine code, so the page's bundle leaves the engine to the worker's.
 */
import type { MatrixRowInput } from '../engine/matrix';
import type { KernelRef } from '../engine/variants/switches';
import { PROTOCOL_VERSION, type Reply, type Request, type RunInputMessage, type WorkerMessage, assertNever } from './protocol';

export type RequestBody = Request extends infer R ? (R extends Request ? Omit<R, 'v' | 'id'> : never) : never;

export interface RequestOptions {
  /** a run's progress: `done` of `total` units of work */
  onProgress?(done: number, total: number): void;
  /** aborting rejects the request with a CancelledError; a run's work stops and the runs kept before it stay */
  signal?: AbortSignal;
}

export class CancelledError extends Error {
  constructor(message = 'cancelled') {
    super(message);
    this.name = 'CancelledError';
  }
}

type ErrorReply = Extract<Reply, { kind: 'error' }>;
/** What a request of kind K is answered with: its own reply, or the engine's error. */
export type Answer<K extends Reply['kind']> = Extract<Reply, { kind: K }> | ErrorReply;

export interface EngineClient {
  request(body: RequestBody, opts?: RequestOptions): Promise<Reply>;
  /** Typed calls over request(): each resolves to its own reply kind or an error; any other reply is a protocol fault and rejects. */
  run(gen: number, input: RunInputMessage, opts?: RequestOptions): Promise<Answer<'run'>>;
  state(gen: number, kernel: KernelRef, step: number): Promise<Answer<'state'>>;
  trace(gen: number, kernel: KernelRef, step: number): Promise<Answer<'trace'>>;
  diff(gen: number, step: number): Promise<Answer<'diff'>>;
  /** the review matrix of `rows` under `kernels` (null: every kernel); it never blocks the states of the runs shown */
  matrix(gen: number, rows: MatrixRowInput[], kernels: KernelRef[] | null, opts?: RequestOptions): Promise<Answer<'matrix'>>;
  /** called when the engine died and was restarted without its runs; pending requests were rejected */
  onCrash(cb: (message: string) => void): void;
  dispose(): void;
}

/** The typed calls, written once over each client's request(). */
export abstract class TypedCalls {
  abstract request(body: RequestBody, opts?: RequestOptions): Promise<Reply>;
  run(gen: number, input: RunInputMessage, opts?: RequestOptions): Promise<Answer<'run'>> {
    return expect('run', this.request({ gen, kind: 'run', input }, opts));
  }
  state(gen: number, kernel: KernelRef, step: number): Promise<Answer<'state'>> {
    return expect('state', this.request({ gen, kind: 'state', kernel, step }));
  }
  trace(gen: number, kernel: KernelRef, step: number): Promise<Answer<'trace'>> {
    return expect('trace', this.request({ gen, kind: 'trace', kernel, step }));
  }
  diff(gen: number, step: number): Promise<Answer<'diff'>> {
    return expect('diff', this.request({ gen, kind: 'diff', step }));
  }
  matrix(gen: number, rows: MatrixRowInput[], kernels: KernelRef[] | null, opts?: RequestOptions): Promise<Answer<'matrix'>> {
    return expect('matrix', this.request({ gen, kind: 'matrix', rows, kernels }, opts));
  }
}

async function expect<K extends Reply['kind']>(kind: K, reply: Promise<Reply>): Promise<Answer<K>> {
  const r = await reply;
  if (r.kind === kind || r.kind === 'error') return r as Answer<K>;
  throw new Error(`the engine answered a ${kind} request with a ${r.kind} reply`);
}

interface Pending {
  kind: RequestBody['kind'];
  resolve(r: Reply): void;
  reject(e: Error): void;
  onProgress?: (done: number, total: number) => void;
}

/** One worker and the requests waiting on it; `gen` is the run generation it holds or runs. */
interface Slot {
  worker: Worker;
  gen: number | null;
  pending: Map<number, Pending>;
}

/**
 * A run goes to a fresh worker while the one holding the runs shown keeps answering: when
 * the run is done the new worker takes over; cancelling it (or a newer run) terminates it,
 * so nothing shown is lost and a long replay stops at once. A spare worker is kept warm.
 * The review matrix has a worker of its own, so scrubbing never waits behind it; a newer
 * matrix or a cancel terminates it mid-way, as for a run.
 */
export class WorkerEngineClient extends TypedCalls implements EngineClient {
  /** null until the first run is done (or after a crash): nothing to keep */
  private current: Slot | null = null;
  private next: Slot | null = null;
  private matrixSlot: Slot | null = null;
  private spare: Worker | null = null;
  private nextId = 1;
  private crashHandlers: ((m: string) => void)[] = [];

  constructor(private readonly make: () => Worker = () => new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' })) {
    super();
  }

  /** `own`: a worker of its own, leaving the warm spare for the next run */
  private slot(gen: number | null, own = false): Slot {
    const worker = (!own && this.spare) || this.make();
    if (!own) this.spare = null;
    const s: Slot = { worker, gen, pending: new Map() };
    worker.onmessage = (e: MessageEvent<WorkerMessage>) => this.receive(s, e.data);
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      this.crash(s, e.message || 'the engine worker stopped');
    };
    return s;
  }

  private receive(s: Slot, msg: WorkerMessage): void {
    const p = s.pending.get(msg.id);
    if (!p) return;
    switch (msg.kind) {
      case 'progress':
        p.onProgress?.(msg.done, msg.total);
        return;
      case 'run':
        s.pending.delete(msg.id);
        if (s === this.next) this.promote(s);
        p.resolve(msg);
        return;
      case 'error':
        s.pending.delete(msg.id);
        p.resolve(msg);
        // A run that failed leaves its worker with nothing worth keeping.
        if (p.kind === 'run' && s === this.next) this.drop(s, new CancelledError('the run failed'));
        return;
      case 'state':
      case 'trace':
      case 'diff':
      case 'matrix':
      case 'warmed':
        s.pending.delete(msg.id);
        p.resolve(msg);
        return;
      default:
        assertNever(msg);
    }
  }

  /** The worker that finished a run now holds the runs shown; the old one goes. */
  private promote(s: Slot): void {
    const old = this.current;
    this.current = s;
    this.next = null;
    if (old) this.drop(old, new CancelledError('a newer run replaced it'));
    this.spare ??= this.warmSpare();
  }

  /** A new spare worker, told to compile the engine while the page is idle (warm-up.ts). */
  private warmSpare(): Worker {
    const w = this.make();
    // Plain data, nothing transferred. The 'warmed' reply has no pending request: dropped.
    w.postMessage({ v: PROTOCOL_VERSION, id: 0, gen: 0, kind: 'warm-up' } satisfies Request);
    return w;
  }

  /** Terminates a slot's worker; its open requests are rejected with `why`. */
  private drop(s: Slot, why: Error): void {
    if (s === this.next) this.next = null;
    if (s === this.matrixSlot) this.matrixSlot = null;
    s.worker.terminate();
    for (const p of s.pending.values()) p.reject(why);
    s.pending.clear();
  }

  private crash(s: Slot, message: string): void {
    const wasCurrent = s === this.current;
    this.drop(s, new Error(message));
    if (!wasCurrent) return; // a run's worker: the run's promise says it failed
    this.current = null;
    for (const cb of this.crashHandlers) cb(message);
  }

  request(body: RequestBody, opts: RequestOptions = {}): Promise<Reply> {
    const id = this.nextId++;
    let s: Slot;
    if (body.kind === 'run') {
      if (this.next) this.drop(this.next, new CancelledError('a newer run replaced it'));
      s = this.next = this.slot(body.gen);
    } else if (body.kind === 'matrix') {
      // One matrix at a time: a newer one (the scenario changed) replaces one still going.
      if (this.matrixSlot?.pending.size) this.drop(this.matrixSlot, new CancelledError('a newer matrix replaced it'));
      s = this.matrixSlot ??= this.slot(null, true);
    } else s = this.next && this.next.gen === body.gen ? this.next : (this.current ??= this.slot(null));
    return new Promise((resolve, reject) => {
      if (opts.signal?.aborted) return reject(new CancelledError());
      s.pending.set(id, { kind: body.kind, resolve, reject, onProgress: opts.onProgress });
      opts.signal?.addEventListener('abort', () => this.abort(s, id), { once: true });
      // Nothing is transferred: requests are small and copied.
      s.worker.postMessage({ ...body, v: PROTOCOL_VERSION, id });
    });
  }

  private abort(s: Slot, id: number): void {
    const p = s.pending.get(id);
    if (!p) return;
    // A run cannot be interrupted inside the worker: the worker goes, with everything queued behind the run.
    if ((p.kind === 'run' && s === this.next) || (p.kind === 'matrix' && s === this.matrixSlot)) this.drop(s, new CancelledError());
    else {
      s.pending.delete(id);
      p.reject(new CancelledError());
    }
  }

  onCrash(cb: (message: string) => void): void {
    this.crashHandlers.push(cb);
  }

  /** For tests of the recovery path: kill the worker holding the runs, as a crash would. */
  simulateCrash(): void {
    if (this.current) this.crash(this.current, 'the engine worker was terminated');
  }

  dispose(): void {
    if (this.current) this.drop(this.current, new CancelledError('disposed'));
    if (this.next) this.drop(this.next, new CancelledError('disposed'));
    if (this.matrixSlot) this.drop(this.matrixSlot, new CancelledError('disposed'));
    this.spare?.terminate();
  }
}
