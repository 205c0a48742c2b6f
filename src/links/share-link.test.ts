import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../scenario/default-scenario';
import { decodeLink, encodeLink } from './share-link';

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
    expect(decodeLink(good.replace('v=1', 'v=9'))).toEqual({ ok: false, error: expect.stringMatching(/version 9, newer/) });
    expect(decodeLink('#hello')).toEqual({ ok: false, error: expect.stringMatching(/no format version/) });
    expect(decodeLink(good.replace('k=v4.18', 'k=v9.9'))).toEqual({ ok: false, error: expect.stringMatching(/unknown kernel "v9.9"/) });
    expect(decodeLink(good.replace('n=1', 'n=99'))).toEqual({ ok: false, error: expect.stringMatching(/step "99"/) });
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
});
