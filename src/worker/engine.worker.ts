/// <reference lib="webworker" />
import { EngineHost } from './engine-host';
import { PROTOCOL_VERSION, type Request, transferablesOf } from './protocol';

const host = new EngineHost();

self.onmessage = (e: MessageEvent<Request>) => {
  const req = e.data;
  if (req.v !== PROTOCOL_VERSION) {
    self.postMessage({ v: PROTOCOL_VERSION, id: req.id, gen: req.gen, kind: 'error', message: `protocol version ${req.v} is not ${PROTOCOL_VERSION}` });
    return;
  }
  const reply = host.handle(req);
  // Ownership of the section arrays moves to the page: the worker never reads them again.
  self.postMessage(reply, { transfer: transferablesOf(reply) });
};
