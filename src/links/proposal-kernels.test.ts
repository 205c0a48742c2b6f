import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../scenario/default-scenario';
import { decodeLink, encodeLink } from './share-link';

/** The proposals' kernel ids travel in share links as the released kernels' do, as kernel and as compare. */
describe('share links name the proposals as kernels', () => {
  it.each([
    ['rfc-v3', 'rfc-v2'],
    ['idea-is-device', 'rfc-v1'],
    ['idea-refcount', 'idea-is-device'],
  ] as const)('%s compared with %s', (kernel, compare) => {
    const state = { scenario: DEFAULT_SCENARIO, kernel, compare, step: 6, view: 'compare' } as const;
    const hash = encodeLink(state);
    expect(hash).toContain(`&k=${kernel}&`);
    expect(decodeLink(hash)).toEqual({ ok: true, state });
  });
  it('refuses an id no kernel has, naming it', () => {
    const hash = encodeLink({ scenario: DEFAULT_SCENARIO, kernel: 'idea-refcount', compare: null, step: 0, view: 'explore' });
    expect(decodeLink(hash.replace('k=idea-refcount', 'k=idea-nothing'))).toEqual({ ok: false, error: 'This link names an unknown kernel "idea-nothing".' });
  });
});
