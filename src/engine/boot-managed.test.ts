import { describe, expect, it } from 'vitest';
import { formatZoneinfo } from './format/proc-zoneinfo';
import { DEFAULT_CONFIG } from './ops';
import { runScenario, stateAt } from './run';
import { ZONE_NAMES } from './state/kernel-state';
import { parseScenario } from '../scenario/schema';
import { toMachineInput } from '../scenario/machine-input';
import { readCapture } from '../test-support/fixture-capture';

/**
 * The boot rule for managed pages (docs/engine-notes.md): from a /proc/iomem alone, managed =
 * present; with the machine's /proc/zoneinfo, its managed pages. Checked on the step 0 of both
 * 6.1 fixtures and both 6.12 ones.
 */
const BOOTS = [
  ['qemu-6.1', 'A00_boot.txt', 'v5.5'],
  ['qemu-6.1', 'B00_boot.txt', 'v5.5'],
  ['qemu-6.12', 'A612_00_boot.txt', 'v6.12'],
  ['qemu-6.12', 'M00_boot.txt', 'v6.12'],
] as const;

interface ZoneCounts {
  zone: string;
  spanned: number;
  present: number;
  managed: number;
}
function zones(zoneinfo: string): ZoneCounts[] {
  const out: ZoneCounts[] = [];
  for (const l of zoneinfo.split('\n')) {
    const h = /^Node 0, zone\s+(\S+)/.exec(l);
    if (h) out.push({ zone: h[1]!, spanned: 0, present: 0, managed: 0 });
    const c = /^\s+(spanned|present|managed)\s+(\d+)/.exec(l);
    if (c) out[out.length - 1]![c[1] as 'spanned'] = Number(c[2]);
  }
  return out;
}

function boot(dir: 'qemu-6.1' | 'qemu-6.12', capture: string, kernel: 'v5.5' | 'v6.12', withZoneinfo: boolean) {
  const real = readCapture(capture, dir);
  const machine = withZoneinfo ? { iomem: real.iomem, zoneinfo: real.zoneinfo } : { iomem: real.iomem };
  const parsed = parseScenario(JSON.stringify({ format: 'hotplug-explorer/scenario', version: 1, kernel, machine }));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const run = runScenario({ kernel, config: DEFAULT_CONFIG, machine: toMachineInput(parsed.scenario.machine), steps: [] });
  return { real, state: stateAt(run, 0) };
}

describe.each(BOOTS)('%s %s at step 0', (dir, capture, kernel) => {
  it('from /proc/iomem alone: spanned and present as the real kernel, managed = present (over the real managed)', () => {
    const { real, state } = boot(dir, capture, kernel, false);
    const mine = zones(formatZoneinfo(state));
    const theirs = zones(real.zoneinfo);
    expect(mine.map((z) => [z.zone, z.spanned, z.present])).toEqual(theirs.map((z) => [z.zone, z.spanned, z.present]));
    for (const z of mine) expect(z.managed, `${z.zone}: managed = present`).toBe(z.present);
    // boot reservations: the real kernel manages less than is present in every populated boot zone
    for (const z of theirs.filter((t) => t.present > 0)) expect(z.managed, `${capture} ${z.zone}`).toBeLessThan(z.present);
  });

  it('with the machine\'s /proc/zoneinfo: every zone line the engine prints is the real one, managed included', () => {
    const { real, state } = boot(dir, capture, kernel, true);
    expect(formatZoneinfo(state)).toBe(real.zoneinfo);
  });
});

describe('the zoneinfo cannot raise managed over present', () => {
  it('a zoneinfo from another machine: managed capped at the iomem\'s present pages', () => {
    const a = readCapture('A612_00_boot.txt', 'qemu-6.12');
    const zi = a.zoneinfo.replace('managed  484942', 'managed  550000').replace('present  520160', 'present  600000');
    const parsed = parseScenario(JSON.stringify({ format: 'hotplug-explorer/scenario', version: 1, kernel: 'v6.12', machine: { iomem: a.iomem, zoneinfo: zi } }));
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const run = runScenario({ kernel: 'v6.12', config: DEFAULT_CONFIG, machine: toMachineInput(parsed.scenario.machine), steps: [] });
    const dma32 = stateAt(run, 0).nodes[0]!.zones[ZONE_NAMES.indexOf('DMA32')]!;
    expect([dma32.presentPages, dma32.managedPages]).toEqual([520160, 520160]);
  });
});
