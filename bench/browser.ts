/**
 * npm run bench:browser — the page's speed in Debian's Chromium against the preview build:
 * opening a scenario link to a fully drawn page, a step to fully redrawn, pan/zoom frames
 * over 2^19 present sections, the biggest x86_64 machine (64 TiB, 128 MiB and 2 GiB blocks),
 * the heavy 10,000-step scenario opened from a file, and the initial JavaScript gzipped.
 * Prints medians. BENCH_ONLY=small|big|big128|big2g|heavy runs one part.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Browser, type Page, chromium } from '@playwright/test';
import { encodeLink } from '../src/links/share-link';
import { DEFAULT_SCENARIO } from '../src/scenario/default-scenario';
import { serializeScenario } from '../src/scenario/schema';
import type { Scenario } from '../src/scenario/types';
import { BIG_128M, BIG_2G, heavyScenario } from './page-scenarios';

const PORT = Number(process.env.BENCH_PORT ?? 4174);
const ROOT = path.resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const BIG_RUNS = Number(process.env.BENCH_BIG_RUNS ?? 3);
const ONLY = process.env.BENCH_ONLY ?? '';
const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]!;
const fmt = (xs: number[]) => (xs.length ? `median ${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)}, ${xs.length} runs)` : 'did not finish');

function initialJsGzipped(): { file: string; raw: number; gz: number }[] {
  const html = readFileSync(path.join(ROOT, 'dist/index.html'), 'utf8');
  const scripts = [...html.matchAll(/(?:src|href)="\.?\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
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

const url = (scenario: Scenario, kernel = scenario.kernel, step = 0) => `http://localhost:${PORT}/${encodeLink({ scenario, kernel, compare: null, step, view: 'explore' })}`;

/** Waits for data-ready; false when it did not come within the time. */
async function ready(page: Page, timeout: number): Promise<boolean> {
  try {
    await page.waitForFunction("document.documentElement.dataset.ready === 'true'", null, { timeout, polling: 'raf' });
    return true;
  } catch {
    return false;
  }
}

/** A key press to data-ready after paint, timed in the page; null when it took longer than `timeout`. */
async function keyToReady(page: Page, key: string, timeout = 20_000): Promise<number | null> {
  // Code for the page is a string: tsx would wrap a function in helpers the page does not have.
  return (await page.evaluate(`(async () => {
    const t0 = performance.now();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: '${key}' }));
    return await new Promise((resolve) => {
      const check = () => {
        if (document.documentElement.dataset.ready === 'true') resolve(performance.now() - t0);
        else if (performance.now() - t0 > ${timeout}) resolve(null);
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(() => requestAnimationFrame(check));
    });
  })()`)) as number | null;
}

/**
 * The page's JavaScript heap after a full GC (the main thread's isolate; the worker's is its
 * own), with the typed arrays' backing stores, which JSHeapUsedSize leaves out, where
 * Runtime.getHeapUsage reports them.
 */
async function heapMB(page: Page): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number };
  await cdp.detach();
  const js = (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN) / 2 ** 20;
  const backing = usage.backingStorageSize !== undefined ? `, + ${(usage.backingStorageSize / 2 ** 20).toFixed(0)} MB of typed-array storage` : '';
  return `${js.toFixed(0)} MB${backing}`;
}

const rowCount = (page: Page, label: string) => page.evaluate(`document.querySelectorAll('[aria-label="${label}"] tr, [aria-label="${label}"] [role="row"]').length`) as Promise<number>;

/** Records requestAnimationFrame intervals until stopFrames() is called. */
const START_FRAMES = `(() => {
  window.__frames = [];
  window.__framing = true;
  let last = performance.now();
  const tick = (t) => {
    window.__frames.push(t - last);
    last = t;
    if (window.__framing) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;
async function stopFrames(page: Page): Promise<number[]> {
  return ((await page.evaluate('(() => { window.__framing = false; return window.__frames; })()')) as number[]).slice(2);
}

async function small(browser: Browser): Promise<void> {
  const link = encodeLink({ scenario: DEFAULT_SCENARIO, kernel: 'rfc-v1', compare: null, step: 6, view: 'explore' });
  const opens: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const t0 = Date.now();
    await page.goto(`http://localhost:${PORT}/${link}`);
    await ready(page, 30_000);
    opens.push(Date.now() - t0);
    await page.close();
  }
  console.log(`  open a scenario link to a fully drawn page: median ${median(opens)} ms (min ${Math.min(...opens)}, max ${Math.max(...opens)})  target < 1500 ms`);

  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(url(DEFAULT_SCENARIO, 'rfc-v1'));
  await ready(page, 30_000);
  const steps: number[] = [];
  for (let i = 0; i < 3 * RUNS; i++) steps.push((await keyToReady(page, i % 14 < 7 ? 'ArrowRight' : 'ArrowLeft'))!);
  console.log(`  a step to fully redrawn (key press to data-ready after paint): median ${median(steps).toFixed(1)} ms, max ${Math.max(...steps).toFixed(1)} ms  target < 50 ms`);

  /** A 4 TiB machine (32,768 present sections) with HMM memory at the top of the 2^46 space: the map spans all 2^19 sections. */
  const FULL: Scenario = { ...DEFAULT_SCENARIO, title: '4 TiB of RAM and a device at 64 TiB', machine: { kind: 'ram', ram: [{ start: 0x100000, size: 2 ** 42 - 0x100000, nid: 0 }] }, steps: [{ op: 'hmm_devmem_add', dev: 'gpu0', nid: 0, size: 2 ** 28, type: 'private' }], cursor: 0 };
  await page.goto(url(FULL, 'v5.5', 1));
  await ready(page, 60_000);
  const canvas = page.locator('canvas').first();
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.evaluate(START_FRAMES);
  for (let i = 0; i < 60; i++) {
    await page.mouse.wheel(0, i < 30 ? -240 : 240);
    await page.mouse.move(box.x + box.width / 2 + (i % 10) * 8, box.y + box.height / 2);
  }
  const frames = await stopFrames(page);
  console.log(`  pan/zoom over the whole 2^19-section space (32,768 present): frame interval median ${median(frames).toFixed(1)} ms, p95 ${p95(frames).toFixed(1)} ms (${frames.length} frames)  target < 16 ms`);
  await page.close();
}

/** The 64 TiB machine: open its link to drawn, step, heap, and how many block-table rows are in the DOM. */
async function big(browser: Browser, scenario: Scenario, blocks: string): Promise<void> {
  console.log(`\n  [${scenario.title}: ${blocks}]`);
  const opens: number[] = [];
  let page: Page | null = null;
  for (let i = 0; i < BIG_RUNS; i++) {
    await page?.close();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const t0 = Date.now();
    await page.goto(url(scenario));
    if (!(await ready(page, 120_000))) {
      console.log('  open to fully drawn: not drawn within 120 s');
      break;
    }
    opens.push(Date.now() - t0);
  }
  console.log(`  open the link to fully drawn: ${fmt(opens)}  target < 3000 ms`);
  if (!opens.length || !page) return;
  console.log(`  JS heap of the page after open (after GC): ${await heapMB(page)}  target < 300 MB`);
  await page.getByRole('tab', { name: 'Memory blocks' }).click();
  await ready(page, 60_000);
  console.log(`  memory-block table rows in the DOM: ${await rowCount(page, 'Memory blocks')}`);
  const steps: number[] = [];
  for (let i = 0; i < 2 * scenario.steps.length; i++) {
    const ms = await keyToReady(page, i < scenario.steps.length ? 'ArrowRight' : 'ArrowLeft');
    if (ms === null) {
      console.log(`  step ${i + 1}: not redrawn within 20 s`);
      break;
    }
    steps.push(ms);
  }
  console.log(`  a step to fully redrawn: ${steps.length ? `median ${median(steps).toFixed(1)} ms, max ${Math.max(...steps).toFixed(1)} ms (${steps.length} steps)` : 'did not finish'}  target < 100 ms`);
  // As a person steps: a moment between key presses, so what was fetched ahead is in and prepared.
  const paced: number[] = [];
  for (let i = 0; i < 2 * scenario.steps.length && steps.length; i++) {
    await page.waitForTimeout(300);
    const ms = await keyToReady(page, i < scenario.steps.length ? 'ArrowRight' : 'ArrowLeft');
    if (ms !== null) paced.push(ms);
  }
  if (paced.length) console.log(`  a step 300 ms after the last one: median ${median(paced).toFixed(1)} ms, max ${Math.max(...paced).toFixed(1)} ms  target < 100 ms`);
  console.log(`  JS heap of the page after stepping (after GC): ${await heapMB(page)}  target < 300 MB`);
  await page.close();
}

/** The heavy scenario opened as a file through the import dialog: import to drawn, step, scrub frames, heap. */
async function heavy(browser: Browser): Promise<void> {
  const file = Buffer.from(serializeScenario(heavyScenario()));
  console.log(`\n  [the heavy scenario: ${heavyScenario().steps.length.toLocaleString('en')} steps from a ${(file.length / 2 ** 20).toFixed(1)} MB file, v5.5]`);
  let page: Page | null = null;
  /** Import to fully drawn, `idleMs` after the page is ready: a person takes seconds to pick a file, and meanwhile the spare worker warms up. */
  const importOnce = async (idleMs: number): Promise<{ ms: number; engine: string } | null> => {
    await page?.close();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(url(DEFAULT_SCENARIO));
    await ready(page, 30_000);
    if (idleMs) await page.waitForTimeout(idleMs);
    await page.getByRole('button', { name: 'Import…' }).click();
    const t0 = Date.now();
    await page.getByRole('dialog', { name: 'Import' }).getByLabel('Open scenario file').setInputFiles({ name: 'heavy.json', mimeType: 'application/json', buffer: file });
    try {
      await page.waitForFunction("document.documentElement.dataset.ready === 'true' && /of 10000$/.test(document.querySelector('[data-testid=step-indicator]')?.textContent ?? '')", null, { timeout: 120_000, polling: 'raf' });
    } catch {
      return null;
    }
    const ms = Date.now() - t0;
    return { ms, engine: String(await page.evaluate("document.querySelector('[data-testid=engine-ms]')?.textContent ?? ''")) };
  };
  for (const idle of [0, 2000]) {
    const imports: number[] = [];
    const engine: string[] = [];
    for (let i = 0; i < BIG_RUNS; i++) {
      const r = await importOnce(idle);
      if (!r) break;
      imports.push(r.ms);
      engine.push(r.engine);
    }
    const when = idle ? `${idle / 1000} s after the page is ready (the spare worker warmed up)` : 'as soon as the page is ready';
    console.log(`  import the file to fully drawn, ${when}: ${imports.length ? fmt(imports) : 'not drawn within 120 s'}  target < 3000 ms`);
    if (engine.length) console.log(`    of which the replay in the worker: ${engine.join(', ')}`);
    if (!imports.length) return;
  }
  if (!page) return;
  const p: Page = page;
  await p.keyboard.press('Escape');
  await ready(p, 30_000);
  const steps: number[] = [];
  for (let i = 0; i < 3 * RUNS; i++) {
    const ms = await keyToReady(p, i % 14 < 7 ? 'ArrowRight' : 'ArrowLeft');
    if (ms === null) break;
    steps.push(ms);
  }
  console.log(`  a step to fully redrawn: ${steps.length ? `median ${median(steps).toFixed(1)} ms, max ${Math.max(...steps).toFixed(1)} ms` : 'not redrawn within 20 s'}  target < 50 ms`);
  const paced: number[] = [];
  for (let i = 0; i < 2 * RUNS && steps.length; i++) {
    await p.waitForTimeout(300);
    const ms = await keyToReady(p, i % 14 < 7 ? 'ArrowRight' : 'ArrowLeft');
    if (ms !== null) paced.push(ms);
  }
  if (paced.length) console.log(`  a step 300 ms after the last one: median ${median(paced).toFixed(1)} ms, max ${Math.max(...paced).toFixed(1)} ms  target < 50 ms`);

  const slider = p.getByRole('slider', { name: 'Timeline' });
  const box = (await slider.boundingBox())!;
  const y = box.y + box.height / 2;
  await p.mouse.move(box.x + 4, y);
  await p.mouse.down();
  await p.evaluate(START_FRAMES);
  for (let i = 1; i <= 120; i++) await p.mouse.move(box.x + 4 + ((box.width - 8) * i) / 120, y);
  await p.mouse.up();
  const frames = await stopFrames(p);
  const settled = await ready(p, 20_000);
  console.log(`  scrub the timeline by dragging (120 moves over 10,000 steps): frame interval median ${median(frames).toFixed(1)} ms, p95 ${p95(frames).toFixed(1)} ms, max ${Math.max(...frames).toFixed(0)} ms (${frames.length} frames)${settled ? '' : '; not drawn 20 s after'}  target < 16 ms median, no stall > 100 ms`);
  console.log(`  JS heap of the page (after GC): ${await heapMB(p)}  target < 500 MB`);
  await p.close();
}

async function main(): Promise<void> {
  const js = initialJsGzipped();
  console.log('Hotplug Explorer in the browser (preview build, Debian Chromium)');
  for (const j of js) console.log(`  initial JS ${j.file}: ${(j.raw / 1024).toFixed(1)} KB, ${(j.gz / 1024).toFixed(1)} KB gzipped`);
  console.log(`  initial JS total gzipped: ${(js.reduce((a, j) => a + j.gz, 0) / 1024).toFixed(1)} KB  target < 250 KB`);
  const server = await startPreview();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  try {
    // A case whose page crashes (out of memory) says so and the others still run.
    const guard = async (f: () => Promise<void>) => {
      try {
        await f();
      } catch (e) {
        console.log(`  stopped: ${(e as Error).message.split('\n')[0]}`);
      }
    };
    if (!ONLY || ONLY === 'small') await guard(() => small(browser));
    if (!ONLY || ONLY === 'big' || ONLY === 'big128') await guard(() => big(browser, BIG_128M, '524,287 blocks of 128 MiB'));
    if (!ONLY || ONLY === 'big' || ONLY === 'big2g') await guard(() => big(browser, BIG_2G, '32,768 blocks of 2 GiB'));
    if (!ONLY || ONLY === 'heavy') await guard(() => heavy(browser));
  } finally {
    await browser.close();
    if (server.pid) process.kill(-server.pid);
  }
}

void main();
