import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHex, formatSize, parseNumber } from './numbers';

function value(input: unknown): number {
  const r = parseNumber(input);
  if (!r.ok) throw new Error(`expected ${String(input)} to parse, got: ${r.reason}`);
  return r.value;
}

function reason(input: unknown): string {
  const r = parseNumber(input);
  if (r.ok) throw new Error(`expected ${String(input)} to be refused, got ${r.value}`);
  return r.reason;
}

describe('parseNumber accepts', () => {
  it('JSON integers, including 0 and the largest exact one', () => {
    expect(value(0)).toBe(0);
    expect(value(4096)).toBe(4096);
    expect(value(Number.MAX_SAFE_INTEGER)).toBe(Number.MAX_SAFE_INTEGER);
    expect(Object.is(value(-0), 0)).toBe(true);
  });

  it('hex strings in either case', () => {
    expect(value('0x140000000')).toBe(0x140000000);
    expect(value('0X1F')).toBe(31);
    expect(value('0xABCdef')).toBe(0xabcdef);
    expect(value('0x1fffffffffffff')).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('decimal strings, with surrounding spaces', () => {
    expect(value('4096')).toBe(4096);
    expect(value(' 4096 ')).toBe(4096);
    expect(value('007')).toBe(7);
  });

  it.each([
    ['256K', 256 * 2 ** 10],
    ['128M', 128 * 2 ** 20],
    ['1G', 2 ** 30],
    ['2T', 2 * 2 ** 40],
    ['3P', 3 * 2 ** 50],
    ['128MiB', 128 * 2 ** 20],
    ['128MB', 128 * 2 ** 20],
    ['1g', 2 ** 30],
    ['4KiB', 4096],
    ['0M', 0],
  ])('the binary size %s', (text, expected) => {
    expect(value(text)).toBe(expected);
  });
});

describe('parseNumber refuses', () => {
  it.each(['0x14000000g', '', 'abc', '0x', '12Q', '1 G', '+5', '--5', '1e3', 'G'])('%j as not a number', (text) => {
    expect(reason(text)).toContain(`${JSON.stringify(text)} is not a number`);
  });

  it.each([true, null, {}, [], Number.NaN, Infinity])('non-numeric JSON value %j', (input) => {
    expect(reason(input)).toMatch(/is not a number/);
  });

  it.each([-1, '-5', '-0x10', '-128M'])('negative %j', (input) => {
    expect(reason(input)).toMatch(/is negative/);
  });

  it.each([1.5, '1.5', '1.5G', '.5'])('fractional %j', (input) => {
    expect(reason(input)).toMatch(/is fractional/);
  });

  it('values from 2^53 up to 2^64-1 as too large to simulate exactly', () => {
    for (const input of [2 ** 53, '0x20000000000000', '9007199254740992', '0xffffffffffffffff', '16P', 2 ** 63]) {
      expect(reason(input)).toMatch(/too large to simulate exactly \(above 2\^53\)/);
    }
  });

  it('values from 2^64 as beyond 64 bits', () => {
    for (const input of ['0x10000000000000000', '18446744073709551616', '16384P', 2 ** 64, 1e300]) {
      expect(reason(input)).toMatch(/beyond 64 bits/);
    }
  });

  it('quotes the value so the message can be read without the file', () => {
    expect(reason('0x14000000g')).toMatch(/^"0x14000000g" /);
    expect(reason(-1)).toMatch(/^-1 /);
    expect(reason('x'.repeat(200)).length).toBeLessThan(200);
  });
});

describe('formatHex and formatSize', () => {
  it('write lowercase hex with 0x', () => {
    expect(formatHex(0)).toBe('0x0');
    expect(formatHex(0x3ffff0000000)).toBe('0x3ffff0000000');
    expect(formatHex(0xabcdef)).toBe('0xabcdef');
  });

  it('pick the largest exact binary unit, else hex', () => {
    expect(formatSize(128 * 2 ** 20)).toBe('128M');
    expect(formatSize(2 ** 30)).toBe('1G');
    expect(formatSize(3 * 2 ** 30)).toBe('3G');
    expect(formatSize(4096)).toBe('4K');
    expect(formatSize(2 ** 50)).toBe('1P');
    expect(formatSize(4097)).toBe('0x1001');
    expect(formatSize(0)).toBe('0x0');
  });

  it('are read back exactly by parseNumber', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (n) => {
        expect(value(formatHex(n))).toBe(n);
        expect(value(formatSize(n))).toBe(n);
      }),
    );
  });
});
