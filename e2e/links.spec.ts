import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { encodeLink } from '../src/links/share-link';
import { DEFAULT_SCENARIO } from '../src/scenario/default-scenario';
import { ready } from './support';

const ROOT = path.resolve(import.meta.dirname, '..');
const cli = (...args: string[]) => {
  // The bundled CLI, as users run it (rebuilt first if a source changed).
  // without HOTPLUG_BASE_URL, `url` prints the link from the path on, for this test's own server
  const env = { ...process.env };
  delete env.HOTPLUG_BASE_URL;
  const r = spawnSync(process.execPath, ['bin/hotplug-explorer.mjs', ...args], { cwd: ROOT, encoding: 'utf8', env });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
};

test('the link `cli url` prints opens exactly what `cli replay` computes at its cursor', async ({ page }) => {
  for (const [file, kernel] of [
    ['test-scenarios/notes/s5-hmm-public-then-other-driver.json', 'rfc-v1'],
    ['test-scenarios/qemu-b-pmem.json', 'v5.5'],
  ] as const) {
    const link = cli('url', file, '--kernel', kernel).trim();
    const json = JSON.parse(cli('replay', file, '--kernel', kernel, '--show', 'json')) as { iomem: string; zoneinfo: string; step: number };
    await page.goto(link);
    await ready(page);
    await expect(page.getByTestId('step-indicator')).toHaveText(new RegExp(`^Step ${json.step} of `));
    expect(await page.getByTestId('iomem-text').textContent()).toBe(json.iomem);
    expect(await page.getByTestId('zoneinfo-text').textContent()).toBe(json.zoneinfo);
  }
});

test('every link of every format version in the corpus still opens', async ({ page }) => {
  const corpus = ['v1.txt', 'v2.txt'].flatMap((f) =>
    readFileSync(path.join(ROOT, 'test-scenarios/links', f), 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => l.split('\t')[1]!),
  );
  expect(corpus.filter((l) => l.startsWith('#v=2&')).length).toBeGreaterThanOrEqual(5);
  for (const link of corpus) {
    await page.goto('/' + link);
    await ready(page);
    await expect(page.getByRole('alert')).toHaveCount(0);
    const p = new URLSearchParams(link.slice(1));
    await expect(page.getByTestId('step-indicator')).toHaveText(new RegExp(`^Step ${p.get('n')} of `));
    // the matrix opens from a v2 link that says m=1, and from no other (v1 links never had it)
    await expect(page.getByRole('region', { name: /^Review matrix/ })).toHaveCount(p.get('m') === '1' ? 1 : 0);
    // a link opened is rewritten in the current format, saying the same
    await expect(page).toHaveURL(/#v=2&/);
  }
});

test('the review matrix travels in the link: opening it writes m=1, a reload keeps it, closing it drops it', async ({ page }) => {
  await page.goto('/' + encodeLink({ scenario: DEFAULT_SCENARIO, kernel: 'rfc-v1', compare: null, step: 2, view: 'explore' }));
  await ready(page);
  await page.getByRole('button', { name: 'Review matrix' }).click();
  await expect(page).toHaveURL(/&m=1&/);
  await page.reload();
  await ready(page);
  await expect(page.getByRole('region', { name: /^Review matrix/ })).toBeVisible();
  await page.getByRole('button', { name: 'Review matrix' }).click();
  await expect(page.getByRole('region', { name: /^Review matrix/ })).toHaveCount(0);
  await expect(page).not.toHaveURL(/m=1/);
});

test('a link of a format this build does not read says which it reads', async ({ page }) => {
  const link = encodeLink({ scenario: DEFAULT_SCENARIO, kernel: 'rfc-v1', compare: null, step: 2, view: 'explore' }).replace('v=2', 'v=3');
  await page.goto('/' + link);
  await ready(page);
  await expect(page.getByRole('alert')).toContainText('format version 3, newer than this Hotplug Explorer can read (it reads format versions 1 and 2)');
});
