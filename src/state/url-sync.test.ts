// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { encodeLink } from '../links/share-link';
import { DEFAULT_SCENARIO } from '../scenario/default-scenario';
import { InProcessEngineClient } from '../worker/in-process-client';
import { createAppStore } from './store';
import { openFromLocation, syncUrl } from './url-sync';

const M = 2 ** 20;
let stop: () => void = () => undefined;
afterEach(() => {
  stop();
  window.history.replaceState(null, '', '/');
});

async function opened(hash: string) {
  const store = createAppStore(new InProcessEngineClient(), DEFAULT_SCENARIO);
  await openFromLocation(store, hash);
  stop = syncUrl(store);
  return store;
}

const hashChange = async (hash: string) => {
  window.location.hash = hash;
  window.dispatchEvent(new HashChangeEvent('hashchange'));
  await new Promise((r) => setTimeout(r, 0));
};

describe('the address bar', () => {
  it('an anchor such as the skip link\'s #main leaves the scenario alone and the link in place', async () => {
    const store = await opened('');
    await store.getState().appendStep({ op: 'add_memory', nid: 0, start: 2 ** 33, size: 128 * M });
    const mine = store.getState().scenario;
    const link = window.location.hash;
    expect(link).toMatch(/^#v=2&/);
    await hashChange('#main');
    expect(store.getState().scenario).toBe(mine);
    expect(store.getState().alert).toBeNull();
    expect(window.location.hash).toBe(link);
  });

  it('a page opened at an anchor opens the default scenario without calling it a damaged link', async () => {
    const store = await opened('#main');
    expect(store.getState().alert).toBeNull();
    expect(store.getState().landing).toBe(true);
    expect(window.location.hash).toMatch(/^#v=2&/);
  });

  it('a step past the end opens the scenario at its last step, with a notice', async () => {
    const link = encodeLink({ scenario: { ...DEFAULT_SCENARIO, title: 'mine' }, kernel: 'v5.5', compare: null, step: 2, view: 'explore' }).replace('n=2', 'n=999');
    const store = await opened(link);
    const last = DEFAULT_SCENARIO.steps.length;
    expect(store.getState().scenario.title).toBe('mine');
    expect(store.getState().cursor).toBe(last);
    expect(store.getState().alert).toMatch(new RegExp(`step 999, past the end of its scenario: the last step, ${last}, is shown`));
    expect(window.location.hash).toContain(`n=${last}`);
  });

  it('holds the open tab, and a link opened again opens it', async () => {
    const store = await opened('');
    store.getState().setTab('iomem');
    expect(window.location.hash).toContain('&t=iomem&');
    const link = window.location.hash;
    stop();
    const again = await opened(link);
    expect(again.getState().tab).toBe('iomem');
    // a link that predates the tab opens the first one
    stop();
    expect((await opened(link.replace('&t=iomem', ''))).getState().tab).toBe('zones');
  });

  it('holds the review matrix open (m=1), and a link opened again opens it; one without m= closes it', async () => {
    const store = await opened('');
    expect(window.location.hash).not.toContain('m=');
    store.getState().setDisplay({ matrix: true });
    expect(window.location.hash).toContain('&m=1&');
    const link = window.location.hash;
    stop();
    const again = await opened(link);
    expect(again.getState().matrix).toBe(true);
    await hashChange(link.replace('&m=1', ''));
    expect(again.getState().matrix).toBe(false);
    expect(window.location.hash).not.toContain('m=');
  });

  it('opens a version-1 link with the matrix closed, rewriting it as version 2', async () => {
    const v1 = encodeLink({ scenario: DEFAULT_SCENARIO, kernel: 'v5.5', compare: null, step: 2, view: 'explore' }).replace('v=2', 'v=1');
    const store = await opened(v1.replace('&s=', '&m=1&s='));
    expect(store.getState().alert).toBeNull();
    expect(store.getState().matrix).toBe(false);
    expect(store.getState().cursor).toBe(2);
    expect(window.location.hash).toMatch(/^#v=2&k=v5\.5&n=2&s=/);
  });

  it('opening a link over unsaved work keeps it', async () => {
    const store = await opened('');
    await store.getState().appendStep({ op: 'add_memory', nid: 0, start: 2 ** 33, size: 128 * M });
    const mine = store.getState().scenario;
    await hashChange(encodeLink({ scenario: { ...DEFAULT_SCENARIO, title: 'a link' }, kernel: 'v5.5', compare: null, step: 1, view: 'explore' }));
    await new Promise((r) => setTimeout(r, 10));
    expect(store.getState().scenario.title).toBe('a link');
    expect(store.getState().yours?.scenario).toBe(mine);
  });
});
