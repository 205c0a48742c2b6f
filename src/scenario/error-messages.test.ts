import { describe, expect, it } from 'vitest';
import { capErrors, didYouMean } from './error-messages';

describe('didYouMean', () => {
  const ops = ['add_memory', 'online', 'offline', 'remove_memory', 'hmm_devmem_add'];

  it('finds the op a typo was meant to be', () => {
    expect(didYouMean('add_memroy', ops)).toBe('add_memory');
    expect(didYouMean('Online', ops)).toBe('online');
    expect(didYouMean('sise', ['start', 'size'])).toBe('size');
  });

  it('suggests nothing for an unrelated word', () => {
    expect(didYouMean('frobnicate', ops)).toBeNull();
    expect(didYouMean('x', ['start', 'size'])).toBeNull();
  });
});

describe('capErrors', () => {
  it('drops repeats and says how many more there were', () => {
    const many = Array.from({ length: 25 }, (_, i) => `problem ${i}`);
    expect(capErrors(['a', 'a', 'b'])).toEqual(['a', 'b']);
    const capped = capErrors(many);
    expect(capped).toHaveLength(21);
    expect(capped[20]).toBe('... and 5 more problems');
  });
});
