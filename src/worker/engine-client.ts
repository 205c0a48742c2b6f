/**
 * The page's side of the protocol. WorkerEngineClient runs the engine in a Web Worker
 * and restarts it if it dies; InProcessEngineClient runs the same host in-process, for
 * tests. Both answer with the worker's reply shapes.
 */
import { EngineHost } from './engine-host';
import { PROTOCOL_VERSION, type Reply, type Request } from './protocol';

export type RequestBody = Request extends infer R ? (R extends Request ? Omit<R, 'v' | 'id'> : never) : never;

export interface EngineClient {
  request(body: RequestBody): Promise<Reply>;
  /** called when the engine died and was restarted; pending requests were rejected */
  onCrash(cb: (message: string) => void): void;
  dispose(): void;
}

export class InProcessEngineClient implements EngineClient {
  private readonly host = new EngineHost();
  private nextId = 1;
  async request(body: RequestBody): Promise<Reply> {
    return this.host.handle({ ...body, v: PROTOCOL_VERSION, id: this.nextId++ } as Request);
  }
  onCrash(): void {}
  dispose(): void {}
}

export class WorkerEngineClient implements EngineClient {
  private worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(r: Reply): void; reject(e: Error): void }>();
  private crashHandlers: ((m: string) => void)[] = [];

  constructor(private readonly make: () => Worker = () => new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' })) {
    this.worker = this.start();
  }

  private start(): Worker {
    const w = this.make();
    w.onmessage = (e: MessageEvent<Reply>) => {
      const p = this.pending.get(e.data.id);
      if (!p) return;
      this.pending.delete(e.data.id);
      p.resolve(e.data);
    };
    w.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      this.crash(e.message || 'the engine worker stopped');
    };
    return w;
  }

  private crash(message: string): void {
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new Error(message));
    this.pending.clear();
    this.worker = this.start();
    for (const cb of this.crashHandlers) cb(message);
  }

  request(body: RequestBody): Promise<Reply> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // Nothing is transferred this way: scenario inputs are small and copied.
      this.worker.postMessage({ ...body, v: PROTOCOL_VERSION, id });
    });
  }

  onCrash(cb: (message: string) => void): void {
    this.crashHandlers.push(cb);
  }

  /** For tests of the recovery path: kill the worker as a crash would. */
  simulateCrash(): void {
    this.crash('the engine worker was terminated');
  }

  dispose(): void {
    this.worker.terminate();
  }
}
