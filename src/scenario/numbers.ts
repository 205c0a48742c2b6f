/**
 * Numbers in scenario files: addresses and sizes are easier to read and to copy from
 * /proc/iomem or a kernel log as hex or "128M" than as decimal, so all three forms are
 * accepted. Strings go through BigInt so that a value beyond 2^53 is reported as too large
 * instead of being silently rounded by Number().
 */

export type NumberResult = { ok: true; value: number } | { ok: false; reason: string };

const TWO_POW_53 = 2n ** 53n;
const TWO_POW_64 = 2n ** 64n;

const SUFFIX_SHIFT: Readonly<Record<string, bigint>> = { K: 10n, M: 20n, G: 30n, T: 40n, P: 50n };

// Largest unit first, so that serialisation picks "1G" rather than "1024M".
const SIZE_UNITS: readonly [string, number][] = [
  ['P', 2 ** 50],
  ['T', 2 ** 40],
  ['G', 2 ** 30],
  ['M', 2 ** 20],
  ['K', 2 ** 10],
];

const BEYOND_64 = 'is beyond 64 bits (above 0xffffffffffffffff)';
const ABOVE_53 = 'is too large to simulate exactly (above 2^53)';

/** Renders the offending value for a message; long strings are cut so one typo cannot flood the screen. */
export function quoteValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function checkRange(big: bigint, shown: string): NumberResult {
  if (big >= TWO_POW_64) return { ok: false, reason: `${shown} ${BEYOND_64}` };
  if (big >= TWO_POW_53) return { ok: false, reason: `${shown} ${ABOVE_53}` };
  return { ok: true, value: Number(big) };
}

function parseNumberString(raw: string): NumberResult {
  const shown = quoteValue(raw);
  const text = raw.trim();
  if (text.startsWith('-') && !text.startsWith('--')) {
    // Only call it negative when the rest would have been a number; "-abc" is simply not one.
    const rest = parseNumberString(text.slice(1));
    if (rest.ok || !/is not a number/.test(rest.reason)) return { ok: false, reason: `${shown} is negative` };
    return { ok: false, reason: `${shown} is not a number` };
  }
  const hex = /^0x([0-9a-f]+)$/i.exec(text);
  if (hex) return checkRange(BigInt(`0x${hex[1]}`), shown);
  if (/^[0-9]+$/.test(text)) return checkRange(BigInt(text), shown);
  const sized = /^([0-9]+)([KMGTP])(?:i?B)?$/i.exec(text);
  if (sized) {
    const shift = SUFFIX_SHIFT[(sized[2] ?? '').toUpperCase()] ?? 0n;
    return checkRange(BigInt(sized[1] ?? '0') << shift, shown);
  }
  if (/^(?:[0-9]*\.[0-9]+|[0-9]+\.[0-9]*)(?:[KMGTP](?:i?B)?)?$/i.test(text)) {
    return { ok: false, reason: `${shown} is fractional: addresses, sizes and counts are whole numbers` };
  }
  return {
    ok: false,
    reason: `${shown} is not a number (expected an integer, a hex string like "0x140000000", or a size like "128M")`,
  };
}

export function parseNumber(value: unknown): NumberResult {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { ok: false, reason: `${quoteValue(value)} is not a number` };
    if (value < 0) return { ok: false, reason: `${quoteValue(value)} is negative` };
    if (!Number.isInteger(value)) {
      return { ok: false, reason: `${quoteValue(value)} is fractional: addresses, sizes and counts are whole numbers` };
    }
    // JSON.parse has already rounded such a number, so its exact value is lost either way.
    if (value >= 2 ** 64) return { ok: false, reason: `${quoteValue(value)} ${BEYOND_64}` };
    if (!Number.isSafeInteger(value)) return { ok: false, reason: `${quoteValue(value)} ${ABOVE_53}` };
    return { ok: true, value: value === 0 ? 0 : value }; // folds -0 into 0
  }
  if (typeof value === 'string') return parseNumberString(value);
  return { ok: false, reason: `${quoteValue(value)} is not a number` };
}

export function formatHex(n: number): string {
  return `0x${n.toString(16)}`;
}

/** A size as the file format writes it: "128M" when it is an exact binary multiple, hex otherwise. */
export function formatSize(n: number): string {
  if (n > 0) {
    for (const [suffix, unit] of SIZE_UNITS) {
      if (n % unit === 0) return `${n / unit}${suffix}`;
    }
  }
  return formatHex(n);
}
