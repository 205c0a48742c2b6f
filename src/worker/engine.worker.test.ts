import '@vitest/web-worker';
import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type WorkerMessage } from './protocol';

/** The worker entry as the page starts it (run by @vitest/web-worker in this process). */
function ask(msg: unknown): Promise<WorkerMessage> {
  const w = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });
  return new Promise((resolve) => {
    w.onmessage = (e: MessageEvent<WorkerMessage>) => {
      if (e.data.kind === 'progress') return;
      resolve(e.data);
      w.terminate();
    };
    w.postMessage(msg);
  });
}

describe('the engine worker entry', () => {
  it('refuses a request of another protocol version, naming both versions', async () => {
    const reply = await ask({ v: PROTOCOL_VERSION + 1, id: 7, gen: 1, kind: 'state', kernel: 'v5.5', step: 0 });
    expect(reply).toMatchObject({ v: PROTOCOL_VERSION, id: 7, gen: 1, kind: 'error' });
    expect(reply.kind === 'error' && reply.message).toBe(`protocol version ${PROTOCOL_VERSION + 1} is not ${PROTOCOL_VERSION}`);
  });

  it('answers an unknown request kind with an error, not silence', async () => {
    const reply = await ask({ v: PROTOCOL_VERSION, id: 8, gen: 1, kind: 'nonsense' });
    expect(reply).toMatchObject({ id: 8, kind: 'error' });
  });

  it('answers a warm-up without keeping a run', async () => {
    expect(await ask({ v: PROTOCOL_VERSION, id: 9, gen: 0, kind: 'warm-up' })).toMatchObject({ id: 9, kind: 'warmed' });
  });
});
