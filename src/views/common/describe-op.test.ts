import { expect, it } from 'vitest';
import type { Op } from '../../engine/ops';
import { KERNEL_IDS } from '../../engine/ops';
import { runScenario, stepTrace } from '../../engine/run';
import { DEFAULT_SCENARIO } from '../../scenario/default-scenario';
import { toMachineInput } from '../../scenario/machine-input';
import { retText } from './describe-op';

const step = (op: Op, ret: number) => ({ op, ret, bug: false, ran: true });
const REMOVE: Op = { op: 'remove_memory', nid: 0, start: 2 ** 32, size: 2 ** 27 };

it('a void kernel function does not "return 0": remove_memory() is void before v5.2 and int after', () => {
  expect(retText(step(REMOVE, 0), 'v4.18')).toBe('nothing (void)');
  expect(retText(step(REMOVE, 0), 'rfc-v1+release=is_device_flag')).toBe('nothing (void)');
  expect(retText(step(REMOVE, -22), 'rfc-v2')).toBe('-22 (-EINVAL), the simulator\u2019s refusal (the function is void)');
  expect(retText(step(REMOVE, 0), 'v5.5')).toBe('0');
  expect(retText(step(REMOVE, -16), 'v6.12')).toBe('-16 (-EBUSY)');
});

it('a pointer is not a number: NULL from devm_request_mem_region(), ERR_PTR() from devm_memremap_pages()', () => {
  const req: Op = { op: 'request_mem_region', dev: 'nic1', start: 2 ** 40, size: 2 ** 28, name: 'bar' };
  expect(retText(step(req, 0), 'rfc-v1')).toBe('the struct resource');
  expect(retText(step(req, -16), 'rfc-v1')).toBe('NULL (shown as -16 (-EBUSY))');
  const remap: Op = { op: 'devm_memremap_pages', dev: 'pmem0', nid: 0, start: 2 ** 40, size: 2 ** 30, altmap: null };
  expect(retText(step(remap, -17), 'v5.5')).toBe('ERR_PTR(-17 (-EEXIST))');
});

it('the words follow the engine: a remove_memory() the engine traces as void is "nothing (void)", one that returns 0 is "0", under every named kernel', () => {
  const range = { start: 2 ** 33, size: 2 ** 27 };
  // onlined and offlined first: v4.18 BUGs removing a block that never was (lesson 3)
  const steps: Op[] = [{ op: 'add_memory', nid: 0, ...range }, { op: 'online', ...range, as: 'online_movable' }, { op: 'offline', ...range }, { op: 'remove_memory', nid: 0, ...range }];
  for (const kernel of KERNEL_IDS) {
    const run = runScenario({ kernel, config: DEFAULT_SCENARIO.config, machine: toMachineInput(DEFAULT_SCENARIO.machine), steps });
    const root = stepTrace(run, 4).find((n) => n.k === 'call' && n.fn === 'remove_memory');
    expect(root && root.k === 'call' ? root.ret : null, kernel).toBe(retText(run.steps[3]!, kernel) === 'nothing (void)' ? 'void' : '0');
  }
});
