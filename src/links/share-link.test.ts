import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../scenario/default-scenario';
import { readFileSync } from 'node:fs';
import { readMachineCapture } from '../scenario/machine-capture';
import { parseIomemText } from '../scenario/iomem-text';
import { SHARE_LINK_LIMIT, decodeLink, encodeLink, isLinkFragment, shareLinkSize } from './share-link';

describe('share links', () => {
  it('round-trip the scenario, kernels, step and view', () => {
    const hash = encodeLink({ scenario: DEFAULT_SCENARIO, kernel: 'v4.18', compare: 'rfc-v1', step: 5, view: 'compare' });
    const read = decodeLink(hash);
    expect(read).toEqual({ ok: true, state: { scenario: DEFAULT_SCENARIO, kernel: 'v4.18', compare: 'rfc-v1', step: 5, view: 'compare' } });
  });

  it('carry the lesson shown, which readers that predate lessons ignore', () => {
    const hash = encodeLink({ scenario: DEFAULT_SCENARIO, kernel: 'rfc-v1', compare: null, step: 2, view: 'explore', lesson: 'zone-device-resource' });
    expect(hash).toContain('lesson=zone-device-resource');
    expect(decodeLink(hash)).toEqual({ ok: true, state: { scenario: DEFAULT_SCENARIO, kernel: 'rfc-v1', compare: null, step: 2, view: 'explore', lesson: 'zone-device-resource' } });
    expect(decodeLink(hash.replace('lesson=zone-device-resource', 'lesson=%3Cscript%3E'))).toEqual({ ok: false, error: expect.stringMatching(/not a lesson name/) });
  });

  it('keep a default-machine scenario well under 2,000 characters', () => {
    expect(encodeLink({ scenario: DEFAULT_SCENARIO, kernel: 'rfc-v1', compare: null, step: 0, view: 'explore' }).length).toBeLessThan(2000);
  });

  it('say what is wrong with a damaged, future or foreign link', () => {
    const good = encodeLink({ scenario: DEFAULT_SCENARIO, kernel: 'v4.18', compare: null, step: 1, view: 'explore' });
    expect(decodeLink(good.replace(/s=[^&]{10}/, 's=XXXXXXXXXX'))).toMatchObject({ ok: false });
    expect(decodeLink(good.replace('v=2', 'v=9'))).toEqual({ ok: false, error: 'This link is format version 9, newer than this Hotplug Explorer can read (it reads format versions 1 and 2). Open it with a newer version.' });
    expect(decodeLink(good.replace('v=2', 'v=0'))).toEqual({ ok: false, error: expect.stringMatching(/version 0 does not exist \(this Hotplug Explorer reads format versions 1 and 2\)/) });
    expect(decodeLink('#hello')).toEqual({ ok: false, error: expect.stringMatching(/no format version/) });
    expect(decodeLink(good.replace('k=v4.18', 'k=v9.9'))).toEqual({ ok: false, error: expect.stringMatching(/unknown kernel "v9.9"/) });
    expect(decodeLink(good.replace('n=1', 'n=-1'))).toEqual({ ok: false, error: expect.stringMatching(/step "-1" is not a step/) });
    expect(decodeLink('')).toEqual({ ok: 'empty' });
  });

  it('call a scenario that lz-string cannot decode damaged, where lz-string itself throws', () => {
    // a first code of 3 leaves lz-string's first word undefined; it then threw "reading 'charAt'"
    expect(decodeLink('#v=1&k=v5.5&n=0&s=yidBsrcui')).toEqual({ ok: false, error: 'The scenario in this link is damaged: it does not decompress (was the link cut or edited?).' });
    expect(decodeLink('#v=1&k=v5.5&n=0&s=N4Ig%21x')).toEqual({ ok: false, error: expect.stringMatching(/damaged: it holds "!", a character a Hotplug Explorer link never has/) });
    expect(decodeLink(`#v=1&s=${'A'.repeat(200_001)}`)).toEqual({ ok: false, error: expect.stringMatching(/damaged: it is 200,001 characters long/) });
    // "+" is lz-string's, and URLSearchParams hands it back as a space
    const good = encodeLink({ scenario: DEFAULT_SCENARIO, kernel: 'v5.5', compare: null, step: 0, view: 'explore' });
    expect(decodeLink(good.replace(/%2B/g, '+'))).toEqual(decodeLink(good));
  });

  it('open a step past the end at the last step, and say so', () => {
    const good = encodeLink({ scenario: DEFAULT_SCENARIO, kernel: 'v4.18', compare: null, step: 1, view: 'explore' });
    const last = DEFAULT_SCENARIO.steps.length;
    expect(decodeLink(good.replace('n=1', 'n=999'))).toEqual({
      ok: true,
      state: { scenario: DEFAULT_SCENARIO, kernel: 'v4.18', compare: null, step: last, view: 'explore' },
      notes: [`This link asks for step 999, past the end of its scenario: the last step, ${last}, is shown.`],
    });
    expect(decodeLink(good.replace('n=1', `n=${last}`))).not.toHaveProperty('notes');
  });

  it('carry the open tab; links without it, or with one this version lacks, open the first tab', () => {
    const base = { scenario: DEFAULT_SCENARIO, kernel: 'v5.5', compare: null, step: 2, view: 'explore' } as const;
    const hash = encodeLink({ ...base, tab: 'blocks' });
    expect(hash).toContain('&t=blocks&');
    expect(decodeLink(hash)).toEqual({ ok: true, state: { ...base, tab: 'blocks' } });
    // the first tab is the default: not written, not read back
    expect(encodeLink({ ...base, tab: 'zones' })).toBe(encodeLink(base));
    expect(decodeLink(encodeLink(base))).toEqual({ ok: true, state: base });
    expect(decodeLink(hash.replace('t=blocks', 't=holograms'))).toEqual({ ok: true, state: base, notes: [expect.stringMatching(/tab "holograms" that this Hotplug Explorer does not have: the first tab is shown/)] });
  });

  it("carry a lesson's answers with the kernel each was asked under and the grade it got", () => {
    const answers = [
      { step: 2, choice: 'driver', kernel: 'rfc-v1' as const, grade: { ran: true, correct: ['core'], observed: 'gpu0 was freed by __remove_pages' } },
      { step: 4, choice: '', kernel: 'v4.18' as const },
    ];
    const state = { scenario: DEFAULT_SCENARIO, kernel: 'v4.18', compare: null, step: 4, view: 'explore', lesson: 'zone-device-resource', answers } as const;
    expect(decodeLink(encodeLink(state))).toEqual({ ok: true, state });
    const hash = encodeLink(state);
    expect(decodeLink(hash.replace(/a=[^&]+/, 'a=garbage'))).toEqual({ ok: false, error: expect.stringMatching(/lesson answers \("a="\) are damaged/) });
  });

  it('tell a link from an anchor such as the skip link\'s #main', () => {
    expect(isLinkFragment(encodeLink({ scenario: DEFAULT_SCENARIO, kernel: 'v5.5', compare: null, step: 0, view: 'explore' }))).toBe(true);
    expect(isLinkFragment('#k=v5.5&s=N4Ig')).toBe(true);
    for (const anchor of ['#main', '#', '', '#lesson-title', '#view=compare']) expect(isLinkFragment(anchor)).toBe(false);
  });
});

describe('share-link size of a machine capture', () => {
  const read = (name: string) => {
    const r = readMachineCapture(readFileSync(new URL(`../../test-scenarios/captures/${name}`, import.meta.url), 'utf8'));
    if (!r.ok) throw new Error(r.errors.join('\n'));
    return r.scenario;
  };
  it('a two-node capture fits, and its link carries machine.nodes', () => {
    const s = read('two-node-constructed.capture');
    const size = shareLinkSize(s, s.cursor ?? 0);
    expect(size.fits).toBe(true);
    expect(size.length).toBeLessThan(SHARE_LINK_LIMIT);
    const back = decodeLink(encodeLink({ scenario: s, kernel: s.kernel, compare: null, step: 0, view: 'explore' }));
    expect(back.ok === true && back.state.scenario.machine).toEqual(s.machine);
  });
  it('a capture whose /proc/iomem does not compress is too big', () => {
    const s = read('two-node-constructed.capture');
    // 3,000 reserved ranges at scattered addresses: lz-string cannot pack them below the limit
    let x = 0x1234567;
    const lines = Array.from({ length: 3000 }, (_, i) => {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      const start = 0x10000000000 + i * 0x100000 + (x % 0x80000) * 2;
      return `${start.toString(16)}-${(start + 1).toString(16)} : Reserved ${x.toString(36)}`;
    });
    const text = s.machine.kind === 'iomem' ? s.machine.text + lines.join('\n') + '\n' : '';
    const parsed = parseIomemText(text);
    if (!parsed.ok || s.machine.kind !== 'iomem') throw new Error('the big iomem does not parse');
    const big = { ...s, machine: { ...s.machine, text, entries: parsed.entries } };
    const size = shareLinkSize(big, 0);
    expect(size.fits).toBe(false);
    expect(size.length).toBeGreaterThan(SHARE_LINK_LIMIT);
  });
});
