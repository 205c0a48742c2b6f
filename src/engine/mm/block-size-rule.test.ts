import { describe, expect, it } from 'vitest';
import { bootState } from '../boot';
import { DEFAULT_CONFIG, type MachineInput } from '../ops';
import { memoryBlockSizeRule } from './block-size-rule';
import { toMachineInput } from '../../scenario/machine-input';

const G = 2 ** 30;
const M = 2 ** 20;
const ram = (end: number): MachineInput => ({ kind: 'ram', ram: [{ start: M, size: end - M, nid: 0 }] });

describe('memoryBlockSizeRule', () => {
  it.each([
    ['the 2 GiB QEMU machine', toMachineInput({ kind: 'default' }), 128 * M],
    ['just under 64 GiB', ram(64 * G - 128 * M), 128 * M],
    ['64 GiB', ram(64 * G), 2 * G],
    ['64 TiB', ram(2 ** 46), 2 * G],
    ['64 TiB less 128 MiB', ram(2 ** 46 - 128 * M), 128 * M],
    ['65 GiB (aligned to 1 GiB only)', ram(65 * G), G],
    ['64.5 GiB (aligned to 512 MiB)', ram(64 * G + 512 * M), 512 * M],
  ])('%s: the size the boot uses, with the numbers', (_name, machine, want) => {
    const rule = memoryBlockSizeRule(machine, DEFAULT_CONFIG);
    expect(rule.sizeBytes).toBe(want);
    // the same size the engine boots with
    expect(bootState(machine, DEFAULT_CONFIG).state.blockSizeBytes).toBe(want);
    expect(rule.why).toContain(`0x${rule.bootMemEndBytes.toString(16)}`);
    expect(rule.why).toMatch(rule.bootMemEndBytes < 64 * G ? /below 64 GiB/ : /at least 64 GiB/);
  });

  it('says when the scenario sets the size itself', () => {
    const rule = memoryBlockSizeRule(ram(2 ** 46), { block_size: 256 * M });
    expect(rule.sizeBytes).toBe(256 * M);
    expect(rule.why).toContain('config.block_size');
  });
});
