/**
 * The build serves from any folder of a static host (README, Publish): dist/ served under
 * /some/sub/path/ by a plain file server loads its scripts, styles and the engine's worker from
 * there, opens the link `url --base` prints for that address, and "Copy link" copies that same
 * link, made from the page's own location.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { ready } from './support';

const ROOT = path.resolve(import.meta.dirname, '..');
const DIST = path.join(ROOT, 'dist');
const SUB = '/some/sub/path/';
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json' };

let server: Server;
let base = '';
/** every request the server saw, with its status */
const served: { url: string; status: number }[] = [];

test.beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    let status = 404;
    let body: Buffer | string = 'not found';
    let type = 'text/plain';
    if (url.pathname.startsWith(SUB)) {
      const rel = url.pathname.slice(SUB.length) || 'index.html';
      const file = path.join(DIST, rel);
      if (file.startsWith(DIST + path.sep)) {
        try {
          body = readFileSync(file);
          status = 200;
          type = TYPES[path.extname(file)] ?? 'application/octet-stream';
        } catch {
          // stays 404
        }
      }
    }
    served.push({ url: url.pathname, status });
    res.writeHead(status, { 'content-type': type });
    res.end(body);
  });
  // any free port: this server is the test's own, beside Playwright's preview server
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  base = `http://localhost:${(server.address() as AddressInfo).port}${SUB}`;
});

test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function cli(...args: string[]): string {
  const env = { ...process.env };
  delete env.HOTPLUG_BASE_URL;
  const r = spawnSync(process.execPath, ['bin/hotplug-explorer.mjs', ...args], { cwd: ROOT, encoding: 'utf8', env });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.trim();
}

test('the build loads from a sub-path: assets and the worker from there, nothing outside it', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  const worker = page.waitForEvent('worker');
  await page.goto(base);
  await ready(page);
  expect((await worker).url()).toMatch(new RegExp(`^${base}assets/engine\\.worker-[\\w-]+\\.js$`));
  await expect(page.getByTestId('iomem-text')).toContainText('System RAM');
  expect(served.filter((r) => r.status !== 200)).toEqual([]);
  expect(served.every((r) => r.url.startsWith(SUB))).toBe(true);
  expect(served.some((r) => /\/assets\/.*\.css$/.test(r.url))).toBe(true);
  expect(errors).toEqual([]);
  for (const [width, height] of [[1440, 900], [1280, 720], [390, 844]] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `test-results/screenshots/sub-path-${width}x${height}.png` });
  }
});

test('`url --base` opens there, and "Copy link" copies that same link from the page\'s own location', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(base).origin });
  const file = 'test-scenarios/qemu-a-dimm-lifecycle.json';
  const link = cli('url', file, '--kernel', 'v4.18', '--step', '2', '--base', base);
  expect(link.startsWith(`${base}#v=2&`)).toBe(true);
  const json = JSON.parse(cli('replay', file, '--kernel', 'v4.18', '--step', '2', '--show', 'json')) as { iomem: string };
  // a course page may link with a query of its own: the app reads only the fragment, and the
  // copied link is the page's origin and path with it, as `url --base` prints
  await page.goto(link.replace('#', '?ref=slides#'));
  await ready(page);
  await expect(page.getByTestId('step-indicator')).toHaveText(/^Step 2 of /);
  expect(await page.getByTestId('iomem-text').textContent()).toBe(json.iomem);
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByRole('button', { name: 'Link copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
});
