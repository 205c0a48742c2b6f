import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../scenario/default-scenario';
import { decodeLink, encodeLink, migrateV1, type LinkStateV1 } from './share-link';

/**
 * Link format 2 and the way version-1 links reach it. The v1 expectations were written by the
 * version-1 decoder before format 2 existed (test-scenarios/links/v1-decoded.txt): a v1 link
 * read through the migration must give exactly what it gave then.
 */
const dir = path.resolve(import.meta.dirname, '../../test-scenarios/links');
const rows = (f: string) =>
  readFileSync(path.join(dir, f), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split('\t') as [string, string, string?]);
// a text file, not .json: the scenario tests take every .json under test-scenarios/ for a scenario
const v1Decoded = Object.fromEntries(rows('v1-decoded.txt').map(([what, read]) => [what, JSON.parse(read) as unknown]));

describe('migrateV1', () => {
  const full: LinkStateV1 = {
    scenario: DEFAULT_SCENARIO,
    kernel: 'v4.18',
    compare: 'rfc-v1',
    step: 3,
    view: 'compare',
    lesson: 'zone-device-resource',
    present: true,
    embed: 'trace',
    tab: 'log',
    answers: [{ step: 2, kernel: 'rfc-v1', choice: 'driver', grade: { ran: true, correct: ['core'], observed: 'freed' } }],
  };
  it('keeps every field a version-1 link can hold and opens the matrix closed', () => {
    const v2 = migrateV1(full);
    expect(v2).toEqual(full);
    expect(v2.matrix).toBeUndefined();
    expect('matrix' in v2).toBe(false);
  });
  it('adds no field a v1 state did not have, and leaves its input as it was', () => {
    const bare: LinkStateV1 = { scenario: DEFAULT_SCENARIO, kernel: 'rfc-v1', compare: null, step: 0, view: 'explore' };
    const before = structuredClone(bare);
    expect(Object.keys(migrateV1(bare)).sort()).toEqual(Object.keys(bare).sort());
    expect(bare).toEqual(before);
    expect(migrateV1(bare)).not.toBe(bare);
  });
});

describe('version-1 links', () => {
  const v1 = rows('v1.txt');
  it('every one in the corpus has its frozen reading', () => expect(Object.keys(v1Decoded).sort()).toEqual(v1.map(([what]) => what).sort()));
  for (const [what, link] of v1) {
    it(`open as the version-1 decoder read them: ${what}`, () => expect(decodeLink(link)).toEqual(v1Decoded[what]));
  }
  it('never open the matrix: `m=` is not a version-1 field', () => {
    const [, link] = v1[0]!;
    const read = decodeLink(link.replace('&s=', '&m=1&s='));
    expect(read).toEqual(v1Decoded[v1[0]![0]]);
  });
});

describe('version-2 links', () => {
  const v2 = rows('v2.txt');
  it('the corpus has the default, a lesson with answers, present, embed and the matrix open', () => {
    const all = v2.map(([, link]) => link).join('\n');
    for (const field of ['lesson=', 'a=', 'mode=present', 'embed=', 'm=1', '&x=release-', '&x=*', '*release-']) expect(all).toContain(field);
  });
  for (const [what, link, expected] of v2) {
    it(`open as frozen and re-encode byte for byte: ${what}`, () => {
      expect(link.startsWith('#v=2&')).toBe(true);
      const read = decodeLink(link);
      if (read.ok !== true) throw new Error(`does not open: ${JSON.stringify(read)}`);
      expect(read.notes).toBeUndefined();
      const { scenario, ...rest } = read.state;
      expect({ ...rest, title: scenario.title, steps: scenario.steps.length }).toEqual(JSON.parse(expected!));
      expect(encodeLink(read.state)).toBe(link);
    });
  }
  it('refuse a matrix field that is not "1", saying so', () => {
    const link = v2.find(([, l]) => l.includes('&m=1'))![1];
    expect(decodeLink(link.replace('&m=1', '&m=yes'))).toEqual({ ok: false, error: 'This link\'s review matrix field "m=yes" is not "1" (open).' });
  });
  it('carry a custom kernel in x=: its preset in k (or c), its changed switches in x', () => {
    const base = { scenario: DEFAULT_SCENARIO, compare: null, step: 1, view: 'explore' as const };
    const link = encodeLink({ ...base, kernel: 'rfc-v1+release=is_device_flag' });
    expect(link).toContain('&k=rfc-v1&');
    expect(link).toContain('&x=release-is_device_flag&');
    expect(decodeLink(link)).toEqual({ ok: true, state: { ...base, kernel: 'rfc-v1+release=is_device_flag' } });
    // a named kernel writes no x=
    expect(encodeLink({ ...base, kernel: 'idea-is-device' })).not.toContain('x=');
  });
  describe('refuse a custom kernel that cannot be read or run, saying why', () => {
    const [, link] = v2[0]!; // k=rfc-v1, no c=
    const withX = (x: string) => decodeLink(link.replace('&s=', `&x=${x}&s=`));
    const cases: [string, RegExp][] = [
      ['release-sometimes', /"x=release-sometimes"\) cannot be read: the switch release has no value "sometimes"|cannot run on rfc-v1: the switch release has no value "sometimes"/],
      ['colour-red', /cannot be read: there is no switch "colour"/],
      ['release', /cannot be read: "release" is not a switch setting/],
      ['release-is_dev_zone', /cannot run on rfc-v1: release=is_dev_zone needs the zone/],
      ['release-altmap.release-always', /the switch release is set twice/],
      ['*release-altmap', /sets switches of a compared kernel, but the link compares with none/],
      ['a*b*c', /more than two parts/],
      ['release-%3Cb%3E', /holds characters a custom kernel's switches never have/],
    ];
    for (const [x, why] of cases) it(`x=${x}`, () => {
      const read = withX(x);
      expect(read.ok).toBe(false);
      expect(read.ok === false && read.error).toMatch(/^This link's custom kernel \("x=/);
      expect(read.ok === false && read.error).toMatch(why);
    });
  });
  it('are what encodeLink writes, matrix closed or open', () => {
    const base = { scenario: DEFAULT_SCENARIO, kernel: 'rfc-v1' as const, compare: null, step: 1, view: 'explore' as const };
    expect(encodeLink(base)).toMatch(/^#v=2&/);
    expect(encodeLink(base)).not.toContain('m=');
    expect(decodeLink(encodeLink({ ...base, matrix: true }))).toEqual({ ok: true, state: { ...base, matrix: true } });
  });
});
