import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../scenario/default-scenario';
import { toMachineInput } from '../scenario/machine-input';
import { CancelledError, WorkerEngineClient } from './engine-client';
import { EngineHost } from './engine-host';
import { PROTOCOL_VERSION, type Reply, type Request, type WorkerMessage } from './protocol';

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
    if (this.hold && (req.kind === 'run' || req.kind === 'matrix')) this.held.push(req);
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

  it('a matrix goes to a worker of its own: the runs shown answer meanwhile, the spare stays warm, a cancel ends only it', async () => {
    LocalWorker.made = [];
    let holdNext = false;
    const client = new WorkerEngineClient(() => {
      const w = new LocalWorker();
      w.hold = holdNext;
      return w as unknown as Worker;
    });
    await client.run(1, run(1).input);
    const [shown, spare] = LocalWorker.made;
    holdNext = true;
    const rows = [{ id: 'd', title: 'd', config: DEFAULT_SCENARIO.config, machine: toMachineInput(DEFAULT_SCENARIO.machine), steps: DEFAULT_SCENARIO.steps }];
    const ctl = new AbortController();
    const first = client.matrix(1, rows, ['v4.18'], { signal: ctl.signal });
    const own = LocalWorker.made[2]!;
    expect(own).not.toBe(spare);
    expect(await client.state(1, 'rfc-v1', 3)).toMatchObject({ kind: 'state', step: 3 });
    ctl.abort();
    await expect(first).rejects.toBeInstanceOf(CancelledError);
    expect([own.terminated, shown!.terminated, spare!.terminated]).toEqual([true, false, false]);
    // a newer matrix replaces one still going; the newest is answered
    const stale = client.matrix(1, rows, ['v4.18']);
    const heldWorker = LocalWorker.made[3]!;
    holdNext = false;
    const progress: number[] = [];
    const fresh = client.matrix(1, rows, ['v4.18', 'v5.5'], { onProgress: (d) => progress.push(d) });
    await expect(stale).rejects.toBeInstanceOf(CancelledError);
    expect(heldWorker.terminated).toBe(true);
    expect(await fresh).toMatchObject({ kind: 'matrix', matrix: { kernels: ['v4.18', 'v5.5'] } });
    expect(progress.at(-1)).toBe(2);
    expect(await client.state(1, 'rfc-v1', 4)).toMatchObject({ kind: 'state', step: 4 });
    client.dispose();
  });

  it('a worker that dies in the middle of a run rejects that run; the runs shown still answer', async () => {
    LocalWorker.made = [];
    const client = new WorkerEngineClient(() => new LocalWorker() as unknown as Worker);
    const crashes: string[] = [];
    client.onCrash((m) => crashes.push(m));
    await client.run(1, run(1).input);
    const running = LocalWorker.made[1]!;
    running.hold = true;
    const second = client.run(2, run(2, 'v5.5').input);
    running.onerror?.({ message: 'out of memory', preventDefault() {} } as ErrorEvent);
    await expect(second).rejects.toThrow('out of memory');
    expect(running.terminated).toBe(true);
    // not the worker holding what is shown: nothing to report, and the old runs answer
    expect(crashes).toEqual([]);
    expect(await client.state(1, 'rfc-v1', 3)).toMatchObject({ kind: 'state', step: 3 });
    client.dispose();
  });

  it('the worker holding the runs shown dies: the page is told, its requests rejected, and a new one answers next', async () => {
    LocalWorker.made = [];
    const client = new WorkerEngineClient(() => new LocalWorker() as unknown as Worker);
    const crashes: string[] = [];
    client.onCrash((m) => crashes.push(m));
    await client.run(1, run(1).input);
    const shown = LocalWorker.made[0]!;
    const pending = client.state(1, 'rfc-v1', 2);
    shown.onerror?.({ message: 'the engine worker stopped', preventDefault() {} } as ErrorEvent);
    await expect(pending).rejects.toThrow('the engine worker stopped');
    expect(crashes).toEqual(['the engine worker stopped']);
    // the runs went with it: the next request goes to a fresh worker, which has none
    expect(await client.state(1, 'rfc-v1', 2)).toMatchObject({ kind: 'error' });
    expect(await client.run(2, run(2).input)).toMatchObject({ kind: 'run', gen: 2 });
    client.dispose();
  });

  it('ignores a message that answers no pending request (a stale or unknown id)', async () => {
    LocalWorker.made = [];
    const client = new WorkerEngineClient(() => new LocalWorker() as unknown as Worker);
    await client.run(1, run(1).input);
    const shown = LocalWorker.made[0]!;
    const pending = client.state(1, 'rfc-v1', 4);
    // a reply for an id nobody waits on, e.g. from a request already cancelled
    shown.onmessage?.({ data: { v: PROTOCOL_VERSION, id: 9999, gen: 1, kind: 'state', kernel: 'rfc-v1', step: 1, state: {} } } as MessageEvent<WorkerMessage>);
    expect(await pending).toMatchObject({ kind: 'state', step: 4 });
    client.dispose();
  });

  it('a typed call answered with another reply kind is a protocol fault and rejects', async () => {
    const client = new (class extends WorkerEngineClient {
      override request(): Promise<Reply> {
        return Promise.resolve({ v: PROTOCOL_VERSION, id: 1, gen: 1, kind: 'diff', step: 0, diff: {} } as unknown as Reply);
      }
    })(() => new LocalWorker() as unknown as Worker);
    await expect(client.state(1, 'rfc-v1', 1)).rejects.toThrow('the engine answered a state request with a diff reply');
    client.dispose();
  });
});

describe('the worker entry and host refuse what they do not understand', () => {
  it('an unknown request kind gets an error reply naming it, and nothing else changes', () => {
    const host = new EngineHost();
    const reply = host.handle({ v: 3, id: 1, gen: 1, kind: 'explode' } as unknown as Request);
    expect(reply).toMatchObject({ kind: 'error', id: 1 });
    expect(reply.kind === 'error' && reply.message).toContain('explode');
  });
});
