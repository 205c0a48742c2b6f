import { describe, expect, it } from 'vitest';
import { parseScenario, serializeScenario } from './schema';
import { parseZoneinfoText } from './zoneinfo-text';

/** The start of a real 6.12 /proc/zoneinfo, with the lines the parser must skip. */
const REAL = `Node 0, zone      DMA
  per-node stats
      nr_inactive_anon 1
      nr_active_anon 2
  pages free     3840
        boost    0
        min      23
        spanned  4095
        present  3998
        managed  3840
        cma      0
        protection: (0, 1895, 1895, 1895, 1895)
  start_pfn:           1
Node 0, zone    DMA32
  pages free     470000
        spanned  520160
        present  520160
        managed  484942
  start_pfn:           4096
Node 0, zone   Normal
  pages free     0
        spanned  0
        present  0
        managed  0
`;

describe('parseZoneinfoText', () => {
  it('reads present and managed of each zone, skipping every other line', () => {
    expect(parseZoneinfoText(REAL)).toEqual({
      ok: true,
      zones: [
        { nid: 0, zone: 0, present: 3998, managed: 3840 },
        { nid: 0, zone: 1, present: 520160, managed: 484942 },
        { nid: 0, zone: 2, present: 0, managed: 0 },
      ],
    });
  });
  it('says what is wrong: not a zoneinfo, an unknown zone, managed over present, a zone twice, a missing line', () => {
    expect(parseZoneinfoText('00000000-00000fff : Reserved\n')).toEqual({ ok: false, errors: ['no "Node N, zone NAME" line with present and managed pages: is this /proc/zoneinfo?'] });
    expect(parseZoneinfoText('Node 0, zone HighMem\n  present 1\n  managed 1\n')).toMatchObject({ ok: false, errors: [expect.stringContaining('"HighMem" is not a zone of x86_64')] });
    expect(parseZoneinfoText('Node 0, zone DMA\n        present  10\n        managed  11\n')).toMatchObject({ ok: false, errors: ['node 0 zone DMA (line 1): managed 11 is more than present 10'] });
    expect(parseZoneinfoText('Node 0, zone DMA\n present 1\n managed 1\nNode 0, zone DMA\n')).toMatchObject({ ok: false, errors: [expect.stringContaining('appears twice')] });
    expect(parseZoneinfoText('Node 0, zone DMA\n        present  10\n')).toMatchObject({ ok: false, errors: ['node 0 zone DMA (line 1) has no managed line'] });
  });
});

describe('machine.zoneinfo in a scenario', () => {
  const iomem = '00001000-0009fbff : System RAM\n00100000-7ffdffff : System RAM\n';
  const file = (machine: unknown): string => JSON.stringify({ format: 'hotplug-explorer/scenario', version: 1, machine });
  it('goes with an iomem and is written back as given; without it the machine is written as before', () => {
    const r = parseScenario(file({ iomem, zoneinfo: REAL }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.machine).toMatchObject({ kind: 'iomem', zoneinfo: { text: REAL } });
    const again = parseScenario(serializeScenario(r.scenario));
    expect(again.ok && again.scenario).toStrictEqual(r.scenario);
    const plain = parseScenario(file({ iomem }));
    expect(plain.ok && serializeScenario(plain.scenario)).toContain(`"machine": { "iomem": ${JSON.stringify(iomem)} }`);
  });
  it('is refused without an iomem, and when it does not read', () => {
    const noIomem = parseScenario(file({ ram: [{ start: 0, size: '1G' }], zoneinfo: REAL }));
    expect(noIomem.ok ? [] : noIomem.errors.join('\n')).toMatch(/a zoneinfo belongs to a real machine/);
    const bad = parseScenario(file({ iomem, zoneinfo: 'hello' }));
    expect(bad.ok ? [] : bad.errors.join('\n')).toMatch(/is this \/proc\/zoneinfo/);
  });
});
