/// <reference lib="webworker" />
import { EngineHost } from './engine-host';
import { PROTOCOL_VERSION, type ProgressMessage, type Request, transferablesOf } from './protocol';

const host = new EngineHost();
/** Progress is posted at most this often: the page redraws a bar, not a counter per step. */
const PROGRESS_MS = 50;

self.onmessage = (e: MessageEvent<Request>) => {
  const req = e.data;
  if (req.v !== PROTOCOL_VERSION) {
    // Nothing to transfer: an error reply is plain data.
    self.postMessage({ v: PROTOCOL_VERSION, id: req.id, gen: req.gen, kind: 'error', message: `protocol version ${req.v} is not ${PROTOCOL_VERSION}` });
    return;
  }
  let last = performance.now();
  const progress = (done: number, total: number) => {
    const now = performance.now();
    if (now - last < PROGRESS_MS && done < total) return;
    last = now;
    const msg: ProgressMessage = { v: PROTOCOL_VERSION, id: req.id, gen: req.gen, kind: 'progress', done, total };
    // Plain numbers: copied, nothing transferred.
    self.postMessage(msg);
  };
  const reply = host.handle(req, progress);
  // A state reply's section arrays were made for it: their ownership moves to the page and
  // the worker never reads them again. Other replies transfer nothing.
  self.postMessage(reply, { transfer: transferablesOf(reply) });
};
