/**
 * npm run bench:browser — the page's speed in Debian's Chromium against the preview build:
 * opening a scenario link to a fully drawn page, a step to fully redrawn, pan/zoom frames
 * over 2^19 present sections, and the initial JavaScript gzipped. Prints medians.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { encodeLink } from '../src/state/url-state';
import { DEFAULT_SCENARIO } from '../src/scenario/default-scenario';
import type { Scenario } from '../src/scenario/types';

const PORT = Number(process.env.BENCH_PORT ?? 4174);
const ROOT = path.resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function initialJsGzipped(): { file: string; raw: number; gz: number }[] {
  const html = readFileSync(path.join(ROOT, 'dist/index.html'), 'utf8');
  const scripts = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  return scripts.map((f) => {
    const buf = readFileSync(path.join(ROOT, 'dist', f));
    return { file: f, raw: buf.length, gz: gzipSync(buf).length };
  });
}

async function startPreview(): Promise<ChildProcess> {
  const p = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort'], { cwd: ROOT, stdio: 'pipe', detached: true });
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(`http://localhost:${PORT}/`);
      return p;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error('vite preview did not start');
}

/** A 4 TiB machine (32,768 present sections) with HMM memory at the top of the 2^46 space: the map spans all 2^19 sections. */
const FULL: Scenario = { ...DEFAULT_SCENARIO, title: '4 TiB of RAM and a device at 64 TiB', machine: { kind: 'ram', ram: [{ start: 0x100000, size: 2 ** 42 - 0x100000, nid: 0 }] }, steps: [{ op: 'hmm_devmem_add', dev: 'gpu0', nid: 0, size: 2 ** 28, type: 'private' }], cursor: 0 };

async function main(): Promise<void> {
  const js = initialJsGzipped();
  console.log('Hotplug Explorer in the browser (preview build, Debian Chromium)');
  for (const j of js) console.log(`  initial JS ${j.file}: ${(j.raw / 1024).toFixed(1)} KB, ${(j.gz / 1024).toFixed(1)} KB gzipped`);
  console.log(`  initial JS total gzipped: ${(js.reduce((a, j) => a + j.gz, 0) / 1024).toFixed(1)} KB  target < 250 KB`);
  const server = await startPreview();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  try {
    const link = encodeLink({ scenario: DEFAULT_SCENARIO, kernel: 'rfc-v1', compare: null, step: 6, view: 'explore' });
    const opens: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      const t0 = Date.now();
      await page.goto(`http://localhost:${PORT}/${link}`);
      await page.waitForFunction("document.documentElement.dataset.ready === 'true'");
      opens.push(Date.now() - t0);
      await page.close();
    }
    console.log(`  open a scenario link to a fully drawn page: median ${median(opens)} ms (min ${Math.min(...opens)}, max ${Math.max(...opens)})  target < 1500 ms`);

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`http://localhost:${PORT}/${encodeLink({ scenario: DEFAULT_SCENARIO, kernel: 'rfc-v1', compare: null, step: 0, view: 'explore' })}`);
    await page.waitForFunction("document.documentElement.dataset.ready === 'true'");
    const steps: number[] = [];
    for (let i = 0; i < 3 * RUNS; i++) {
      const key = i % 14 < 7 ? 'ArrowRight' : 'ArrowLeft';
      // Code for the page is a string: tsx would wrap a function in helpers the page does not have.
      const ms = (await page.evaluate(`(async () => {
        const t0 = performance.now();
        window.dispatchEvent(new KeyboardEvent('keydown', { key: '${key}' }));
        await new Promise((resolve) => {
          const check = () => (document.documentElement.dataset.ready === 'true' ? resolve() : requestAnimationFrame(check));
          requestAnimationFrame(() => requestAnimationFrame(check));
        });
        return performance.now() - t0;
      })()`)) as number;
      steps.push(ms);
    }
    console.log(`  a step to fully redrawn (key press to data-ready after paint): median ${median(steps).toFixed(1)} ms, max ${Math.max(...steps).toFixed(1)} ms  target < 50 ms`);

    await page.goto(`http://localhost:${PORT}/${encodeLink({ scenario: FULL, kernel: 'v5.5', compare: null, step: 1, view: 'explore' })}`);
    await page.waitForFunction("document.documentElement.dataset.ready === 'true'", null, { timeout: 60_000 });
    const canvas = page.locator('canvas').first();
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.evaluate(`(() => {
      window.__frames = [];
      let last = performance.now();
      const tick = (t) => {
        window.__frames.push(t - last);
        last = t;
        if (window.__frames.length < 400) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    })()`);
    for (let i = 0; i < 60; i++) {
      await page.mouse.wheel(0, i < 30 ? -240 : 240);
      await page.mouse.move(box.x + box.width / 2 + (i % 10) * 8, box.y + box.height / 2);
    }
    const frames = ((await page.evaluate('window.__frames')) as number[]).slice(2);
    console.log(`  pan/zoom over the whole 2^19-section space (32,768 present): frame interval median ${median(frames).toFixed(1)} ms, p95 ${frames.slice().sort((a, b) => a - b)[Math.floor(frames.length * 0.95)]!.toFixed(1)} ms (${frames.length} frames)  target < 16 ms`);
  } finally {
    await browser.close();
    if (server.pid) process.kill(-server.pid);
  }
}

void main();
