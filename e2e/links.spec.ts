import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
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
  const corpus = readFileSync(path.join(ROOT, 'test-scenarios/links/v1.txt'), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split('\t')[1]!);
  for (const link of corpus) {
    await page.goto('/' + link);
    await ready(page);
    await expect(page.getByRole('alert')).toHaveCount(0);
    const n = new URLSearchParams(link.slice(1)).get('n');
    await expect(page.getByTestId('step-indicator')).toHaveText(new RegExp(`^Step ${n} of `));
  }
});
