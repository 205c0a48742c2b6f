import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../scenario/default-scenario';
import { toMachineInput } from '../scenario/machine-input';
import { CancelledError, WorkerEngineClient } from './engine-client';
import { EngineHost } from './engine-host';
import type { Request, WorkerMessage } from './protocol';

/**
 * A Worker stand-in that runs the real EngineHost a macrotask later, as the browser's would;
 * runs can be held (to be cancelled while "running") and progress is posted like the worker entry's.
 */
class LocalWorker {
  static made: LocalWorker[] = [];
  onmessage: ((e: MessageEvent<WorkerMessage>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  terminated = false;
  hold = false;
  held: Request[] = [];
  private readonly host = new EngineHost();
  constructor() {
    LocalWorker.made.push(this);
  }
  postMessage(req: Request): void {
    if (this.hold && req.kind === 'run') this.held.push(req);
    else setTimeout(() => this.answer(req), 0);
  }
  answer(req: Request): void {
    if (this.terminated) return;
    const reply = this.host.handle(req, (done, total) => this.onmessage?.({ data: { v: req.v, id: req.id, gen: req.gen, kind: 'progress', done, total } } as MessageEvent<WorkerMessage>));
    this.onmessage?.({ data: reply } as MessageEvent<WorkerMessage>);
  }
  release(): void {
    for (const r of this.held.splice(0)) this.answer(r);
  }
  terminate(): void {
    this.terminated = true;
  }
}

const run = (gen: number, kernel = DEFAULT_SCENARIO.kernel) => ({ gen, kind: 'run' as const, input: { kernels: [kernel], config: DEFAULT_SCENARIO.config, machine: toMachineInput(DEFAULT_SCENARIO.machine), steps: DEFAULT_SCENARIO.steps } });

describe('the worker client', () => {
  it('runs in a fresh worker, passes progress on, and then asks that worker for states', async () => {
    LocalWorker.made = [];
    const client = new WorkerEngineClient(() => new LocalWorker() as unknown as Worker);
    const progress: number[] = [];
    const r = await client.request(run(1), { onProgress: (d) => progress.push(d) });
    expect(r.kind).toBe('run');
    expect(progress.at(-1)).toBe(DEFAULT_SCENARIO.steps.length);
    const st = await client.request({ gen: 1, kind: 'state', kernel: 'rfc-v1', step: 2 });
    expect(st).toMatchObject({ kind: 'state', step: 2 });
    client.dispose();
  });

  it('cancelling a run terminates its worker; the worker holding the runs shown keeps answering', async () => {
    LocalWorker.made = [];
    const client = new WorkerEngineClient(() => new LocalWorker() as unknown as Worker);
    await client.request(run(1));
    const shown = LocalWorker.made[0]!;
    const spare = LocalWorker.made[1]!;
    spare.hold = true;
    const ctl = new AbortController();
    const second = client.request(run(2, 'v5.5'), { signal: ctl.signal });
    // while the new run goes on, the old runs still answer
    expect(await client.request({ gen: 1, kind: 'state', kernel: 'rfc-v1', step: 6 })).toMatchObject({ kind: 'state', step: 6 });
    ctl.abort();
    await expect(second).rejects.toBeInstanceOf(CancelledError);
    expect(spare.terminated).toBe(true);
    expect(shown.terminated).toBe(false);
    expect(await client.request({ gen: 1, kind: 'state', kernel: 'rfc-v1', step: 7 })).toMatchObject({ kind: 'state', step: 7 });
    client.dispose();
  });

  it('a newer run replaces one going on; when it lands, the old worker goes', async () => {
    LocalWorker.made = [];
    const client = new WorkerEngineClient(() => new LocalWorker() as unknown as Worker);
    await client.request(run(1));
    const first = LocalWorker.made[0]!;
    LocalWorker.made[1]!.hold = true;
    const stale = client.request(run(2, 'v5.5'));
    const fresh = client.request(run(3, 'v4.18'));
    await expect(stale).rejects.toBeInstanceOf(CancelledError);
    expect(LocalWorker.made[1]!.terminated).toBe(true);
    expect(await fresh).toMatchObject({ kind: 'run', gen: 3, runs: [{ kernel: 'v4.18' }] });
    expect(first.terminated).toBe(true);
    expect(await client.request({ gen: 3, kind: 'state', kernel: 'v4.18', step: 1 })).toMatchObject({ kind: 'state' });
    client.dispose();
  });
});
