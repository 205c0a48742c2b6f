import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatMemoryBlocks } from '../../engine/format/sys-memory';
import { KERNEL_IDS } from '../../engine/ops';
import { runFile, SCENARIO_DIR } from '../../test-support/load-scenario';
import { stateView, stateViewAt } from '../../engine/views/run-view';
import { DEFAULT_CONFIG, type Op } from '../../engine/ops';
import { runScenario } from '../../engine/run';
import type { StateView } from '../../engine/views/view-types';
import { autoMovableOf } from '../../engine/variants';
import { blockIndex, memoryText, parseBlockQuery, removedAtStep, removedBlocks, rowOfBlock } from './block-rows';

const files = ['qemu-a-dimm-lifecycle.json', 'qemu-b-pmem.json', ...readdirSync(path.join(SCENARIO_DIR, 'notes')).map((f) => `notes/${f}`)];

describe('memory blocks built on the page from the section words', () => {
  it('list exactly what the engine lists in sysfs, at every step of every scenario and kernel', () => {
    let compared = 0;
    for (const file of files) {
      for (const kernel of KERNEL_IDS) {
        const run = runFile(file, kernel);
        run.states.forEach((s, i) => {
          expect(memoryText(stateView(s, i, run.config.movable_node)), `${file} ${kernel} step ${i}`).toBe(formatMemoryBlocks(s, run.config.movable_node));
          compared++;
        });
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('follow online_policy=auto-movable as the engine does (v6.12: Movable first while the ratio allows)', () => {
    const G = 2 ** 30;
    const machine = { kind: 'ram' as const, ram: [{ start: 0x100000, size: G - 0x100000, nid: 0 }] };
    const steps: Op[] = [0, 1, 2, 3].flatMap((i): Op[] => [
      { op: 'add_memory', nid: 0, start: (4 + i) * G, size: G },
      { op: 'online', start: (4 + i) * G, size: G, as: 'online' },
    ]);
    const config = { ...DEFAULT_CONFIG, online_policy: 'auto-movable' as const };
    const run = runScenario({ kernel: 'v6.12', config, machine, steps });
    const texts = run.states.map((s, i) => {
      const page = memoryText(stateViewAt(run, i) as StateView);
      expect(page, `step ${i}`).toBe(formatMemoryBlocks(s, false, autoMovableOf('v6.12', config)));
      return page;
    });
    expect(texts.some((t) => t.includes('valid_zones=Movable Normal'))).toBe(true);
    expect(texts.some((t) => t.includes('offline valid_zones=Normal Movable'))).toBe(true);
  });

  it('finds a block by number, and lists the blocks a step removed', () => {
    const run = runFile('qemu-a-dimm-lifecycle.json', 'v5.5');
    const views = run.states.map((s, i) => stateView(s, i, false));
    const last = views.length - 1;
    const before = blockIndex(views[last - 1]!);
    const after = blockIndex(views[last]!);
    const gone = [...removedBlocks(after, before)];
    expect(gone.length).toBeGreaterThan(0);
    expect([...removedAtStep(views[last]!, views[last - 1]!)]).toEqual(gone);
    expect([...removedAtStep(views[1]!, views[0]!)]).toEqual([]);
    for (const id of gone) {
      expect(rowOfBlock(before, id)).toBeGreaterThanOrEqual(0);
      expect(rowOfBlock(after, id)).toBe(-1);
    }
    expect(rowOfBlock(after, after.ids[3]!)).toBe(3);
  });

  it('reads a search as a block number or as an address in a block', () => {
    const bs = 2 ** 27;
    expect(parseBlockQuery('memory42', bs)).toEqual({ ok: true, id: 42, by: 'number' });
    expect(parseBlockQuery(' 42 ', bs)).toEqual({ ok: true, id: 42, by: 'number' });
    expect(parseBlockQuery('0x140000000', bs)).toEqual({ ok: true, id: 40, by: 'address' });
    expect(parseBlockQuery('5G', 2 ** 31)).toEqual({ ok: true, id: 2, by: 'address' });
    expect(parseBlockQuery('memory', bs)).toMatchObject({ ok: false });
    expect(parseBlockQuery('', bs)).toMatchObject({ ok: false });
  });
});
