/**
 * The engine host run in-process, for tests: the same replies as the worker's, answered after
 * the caller's synchronous code. Kept out of engine-client.ts so the page never bundles the engine.
 */
import { EngineHost } from './engine-host';
import { CancelledError, type EngineClient, type RequestBody, type RequestOptions, TypedCalls } from './engine-client';
import { PROTOCOL_VERSION, type Reply, type Request } from './protocol';

export class InProcessEngineClient extends TypedCalls implements EngineClient {
  private readonly host = new EngineHost();
  private nextId = 1;
  async request(body: RequestBody, opts: RequestOptions = {}): Promise<Reply> {
    const { signal, onProgress } = opts;
    // Answer after the caller's synchronous code, as a worker would.
    await Promise.resolve();
    if (signal?.aborted) throw new CancelledError();
    // The run is synchronous here, so a cancel can only come from the progress callback's
    // listeners; it is honoured at the next step by throwing out of the replay.
    const progress =
      onProgress || signal
        ? (done: number, total: number) => {
            onProgress?.(done, total);
            if (signal?.aborted) throw new CancelledError();
          }
        : undefined;
    const reply = this.host.handle({ ...body, v: PROTOCOL_VERSION, id: this.nextId++ } as Request, progress);
    if (signal?.aborted) throw new CancelledError();
    return reply;
  }
  onCrash(): void {}
  dispose(): void {}
}

