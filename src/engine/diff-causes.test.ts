import { describe, expect, it } from 'vitest';
import { diffCauses } from './diff-causes';
import type { KernelId } from './ops';
import { runScenario } from './run';
import { SOURCE_LINES } from './trace/source-lines';
import { VARIANTS } from './variants';
import { DEFAULT_SCENARIO } from '../scenario/default-scenario';
import { toMachineInput } from '../scenario/machine-input';
import { isRfc, patchOf } from './trace/rfc-patches';

const run = (kernel: KernelId) => runScenario({ kernel, config: DEFAULT_SCENARIO.config, machine: toMachineInput(DEFAULT_SCENARIO.machine), steps: DEFAULT_SCENARIO.steps });

describe('diffCauses', () => {
  it('puts rfc-v1 freeing the HMM resource down to __remove_pages() and its altmap test, linked to the patch', () => {
    const causes = diffCauses(run('rfc-v1'), run('v5.5'), 6);
    const released = causes.find((c) => c.findings.some((f) => f.line === 'resource-released-while-owned (__remove_pages)'))!;
    expect(released.kind).toBe('decision');
    expect(released.key).toBe('remove_pages.device-check');
    const [a, b] = released.sites;
    expect(a).toMatchObject({ kernel: 'rfc-v1', fn: '__remove_pages', cond: 'altmap', value: 'NULL: release the iomem resource' });
    expect(a!.src.url).toContain('lore.kernel.org');
    expect(b).toMatchObject({ kernel: 'v5.5', fn: '__remove_pages', cond: '(none)' });
    expect(b!.src.url).toMatch(/elixir\.bootlin\.com\/linux\/v5\.5-rc5\/source\/mm\/memory_hotplug\.c#L\d+/);
    // the use-after-free and the driver's failed release follow from the same decision
    expect(released.findings.map((f) => f.line)).toEqual(expect.arrayContaining(['use-after-free (hmm_devmem_radix_release)', 'nonexistent-resource-release (__release_region)']));
  });

  it('puts the Device span rfc-v1 flags and v5.5 does not down to the kernels\u2019 ZONE_DEVICE rule', () => {
    const causes = diffCauses(run('rfc-v1'), run('v5.5'), 6);
    const span = causes.find((c) => c.findings.some((f) => f.line.startsWith('stale-zone-span')))!;
    expect(span.kind).toBe('rule');
    expect(span.sites[1]).toMatchObject({ kernel: 'v5.5', fn: 'remove_pfn_range_from_zone' });
    expect(span.text).toContain('v5.5 never does');
  });

  it('finds the v4.18 decision that keeps the resource: is_dev_zone(zone)', () => {
    const causes = diffCauses(run('v4.18'), run('rfc-v1'), 6);
    const released = causes.find((c) => c.findings.some((f) => f.line === 'resource-released-while-owned (__remove_pages)'))!;
    expect(released.findings.every((f) => f.kernel === 'rfc-v1')).toBe(true);
    expect(released.sites[0]).toMatchObject({ kernel: 'v4.18', cond: 'is_dev_zone(zone)' });
  });

  it('says nothing where the findings agree', () => {
    expect(diffCauses(run('rfc-v1'), run('v5.5'), 1)).toEqual([]);
    expect(diffCauses(run('rfc-v1'), run('rfc-v1'), 6)).toEqual([]);
  });

  it('names rule functions every kernel has a source line or patch for', () => {
    for (const k of Object.keys(VARIANTS) as KernelId[]) {
      const v = VARIANTS[k];
      const fn = v.deviceZoneRuleFn;
      const known = fn in SOURCE_LINES[v.source.tree] || (isRfc(k) && patchOf(k, fn) !== null);
      expect(known, `${k}: ${fn}`).toBe(true);
    }
  });
});
