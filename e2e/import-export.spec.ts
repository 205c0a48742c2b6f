import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Download, type Page, expect, test } from '@playwright/test';
import { parseIomemText } from '../src/scenario/iomem-text';
import { parseScenario } from '../src/scenario/schema';
import { DEFAULT_SCENARIO } from '../src/scenario/default-scenario';
import { readPngChunks, readPngText } from '../src/links/png-text';
import { readSvgLink } from '../src/links/svg-link';
import { axeViolations } from './axe';
import { expected, open, ready, stepTo } from './support';

const ROOT = path.resolve(import.meta.dirname, '..');
const FIXTURES = path.resolve(ROOT, 'fixtures');
const SHOTS = path.join(ROOT, 'test-results/screenshots');

/** The "## /proc/iomem (full)" section of a recorded capture, as the machine printed it. */
function iomemSection(file: string): string {
  const text = readFileSync(path.join(FIXTURES, 'qemu-6.1', file), 'utf8');
  const m = /## \/proc\/iomem \(full\)\n([\s\S]*?)\n## /.exec(text);
  if (!m) throw new Error(`${file} has no /proc/iomem section`);
  return `${m[1]}\n`;
}

const REAL: [string, string][] = [
  ['qemu-pc-2g.iomem', readFileSync(path.join(FIXTURES, 'qemu-pc-2g.iomem'), 'utf8')],
  ['B00_boot (legacy pmem at 4 GiB)', iomemSection('B00_boot.txt')],
  ['A01_added (a hot-added DIMM)', iomemSection('A01_added.txt')],
];

async function openImport(page: Page) {
  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import' });
  await expect(dialog).toBeVisible();
  return dialog;
}

async function importIomem(page: Page, text: string, keepSteps = true) {
  const dialog = await openImport(page);
  await dialog.getByLabel('/proc/iomem text').fill(text);
  if (!keepSteps) await dialog.getByLabel('Start with no steps').check();
  await dialog.getByRole('button', { name: 'Use as machine' }).click();
  return dialog;
}

async function exportFile(page: Page, item: RegExp): Promise<{ name: string; bytes: Buffer; download: Download }> {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.io-menu').getByRole('button', { name: item }).click()]);
  const file = await download.path();
  return { name: download.suggestedFilename(), bytes: readFileSync(file), download };
}

/** What the command line says about a scenario file at a step. */
function cli(scenarioFile: string, step: number): { iomem: string; zoneinfo: string; memory: string } {
  const out = execFileSync('npm', ['run', '--silent', 'cli', '--', 'replay', scenarioFile, '--step', String(step), '--show', 'json'], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return JSON.parse(out);
}

for (const [name, text] of REAL) {
  test(`a real /proc/iomem becomes the machine: ${name}`, async ({ page }) => {
    const errors = await open(page);
    const dialog = await importIomem(page, text);
    await expect(dialog.getByRole('status')).toContainText('This is now the machine');
    await expect(dialog.locator('.io-inferred')).toContainText('MEM SYSRAM BUSY');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await ready(page);
    await expect(page.getByTestId('step-indicator')).toHaveText('Step 0 of 7');
    // the boot state keeps the tree as it was read
    expect(await page.getByTestId('iomem-text').textContent()).toBe(text);
    const parsed = parseIomemText(text);
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const scenario = { ...DEFAULT_SCENARIO, machine: { kind: 'iomem' as const, text, entries: parsed.entries } };
    expect(await page.getByTestId('zoneinfo-text').textContent()).toBe(expected('rfc-v1', 0, scenario).zoneinfo);
    // and it is an edit like any other
    await page.getByRole('button', { name: 'Undo' }).click();
    await ready(page);
    expect(await page.getByTestId('iomem-text').textContent()).toBe(expected('rfc-v1', 0).iomem);
    expect(errors).toEqual([]);
  });
}

test('a /proc/iomem read without root is refused, saying why, and nothing changes', async ({ page }) => {
  await open(page);
  await stepTo(page, 2);
  const url = page.url();
  const zeroed = REAL[0]![1].replace(/[0-9a-f]+-[0-9a-f]+ :/g, '00000000-00000000 :');
  const dialog = await importIomem(page, zeroed);
  const alert = dialog.getByRole('alert');
  await expect(alert).toContainText('could not be read, so nothing was changed');
  await expect(alert).toContainText('every address in this /proc/iomem is 0: it was read without root (CAP_SYS_ADMIN)');
  await dialog.getByRole('button', { name: 'Close the import dialog' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('step-indicator')).toHaveText('Step 2 of 7');
  expect(await page.getByTestId('iomem-text').textContent()).toBe(expected('rfc-v1', 2).iomem);
  await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled();
  expect(page.url()).toBe(url);
});

test('a line that is not /proc/iomem is named, and nothing changes', async ({ page }) => {
  await open(page);
  const dialog = await importIomem(page, `$ sudo cat /proc/iomem\n${REAL[0]![1]}`);
  await expect(dialog.getByRole('alert')).toContainText('line 1: not a /proc/iomem line');
  await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled();
});

const EXPORT_CASES = [
  { what: 'the default scenario under v4.18 at step 6', kernel: 'v4.18', step: 6, machine: null },
  { what: 'a recorded machine (A01) with no steps at boot', kernel: 'v5.5', step: 0, machine: REAL[2]![1] },
  { what: 'a recorded machine (B00) with the default steps at step 3', kernel: 'rfc-v2', step: 3, machine: REAL[1]![1] },
] as const;

for (const c of EXPORT_CASES) {
  test(`exports equal the command line's replay of the exported scenario: ${c.what}`, async ({ page }) => {
    await open(page);
    if (c.machine) {
      await importIomem(page, c.machine, c.step > 0);
      await page.keyboard.press('Escape');
    }
    await page.getByLabel('Kernel', { exact: true }).selectOption(c.kernel);
    await ready(page);
    if (c.step > 0) await stepTo(page, c.step);

    const dir = mkdtempSync(path.join(tmpdir(), 'hx-export-'));
    const files: Record<string, string> = {};
    for (const [key, item] of [
      ['scenario', /^Scenario file/],
      ['iomem', /^\/proc\/iomem/],
      ['zoneinfo', /^\/proc\/zoneinfo/],
      ['memory', /^Memory blocks/],
    ] as const) {
      const f = await exportFile(page, item);
      const ext = key === 'scenario' ? 'json' : 'txt';
      expect(f.name).toBe(`hotplug-explorer-${c.kernel}-step${c.step}-${key}.${ext}`);
      files[key] = f.bytes.toString('utf8');
    }
    const scenarioPath = path.join(dir, 'scenario.json');
    writeFileSync(scenarioPath, files['scenario']!);
    const parsed = parseScenario(files['scenario']!);
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    expect(parsed.scenario.kernel).toBe(c.kernel);
    expect(parsed.scenario.cursor).toBe(c.step);
    if (c.machine) expect(parsed.scenario.machine).toMatchObject({ kind: 'iomem', text: c.machine });

    const replay = cli(scenarioPath, c.step);
    expect(files['iomem']).toBe(replay.iomem);
    expect(files['zoneinfo']).toBe(replay.zoneinfo);
    expect(files['memory']).toBe(replay.memory);
    // and the page shows what it exported
    expect(await page.getByTestId('iomem-text').textContent()).toBe(files['iomem']);
  });
}

test('an exported PNG carries its link and reopens the same step and kernel', async ({ page }) => {
  await open(page);
  await page.getByLabel('Kernel', { exact: true }).selectOption('v4.18');
  await ready(page);
  await stepTo(page, 6);
  const iomemAt6 = await page.getByTestId('iomem-text').textContent();
  const png = await exportFile(page, /^PFN map picture/);
  expect(png.name).toBe('hotplug-explorer-v4.18-step6-pfn-map.png');
  const bytes = new Uint8Array(png.bytes);
  expect(readPngChunks(bytes).every((c) => c.crcOk)).toBe(true);
  const link = readPngText(bytes).get('hotplug-explorer-link');
  expect(link).toMatch(/^http:\/\/localhost:\d+\/#v=2&k=v4\.18&n=6&s=/);
  // a browser decodes it as a picture
  const size = await page.evaluate(async (b64) => {
    const blob = await (await fetch(`data:image/png;base64,${b64}`)).blob();
    const bmp = await createImageBitmap(blob);
    return { w: bmp.width, h: bmp.height };
  }, png.bytes.toString('base64'));
  expect(size.w).toBeGreaterThan(600);
  expect(size.h).toBeGreaterThan(200);

  // somewhere else, then reopen the picture
  await page.getByLabel('Kernel', { exact: true }).selectOption('v5.5');
  await ready(page);
  await stepTo(page, 2);
  const dialog = await openImport(page);
  await dialog.getByLabel('Open an exported image').setInputFiles(await png.download.path());
  await expect(dialog).toBeHidden();
  await ready(page);
  await expect(page.getByTestId('step-indicator')).toHaveText('Step 6 of 7');
  await expect(page.getByLabel('Kernel', { exact: true })).toHaveValue('v4.18');
  expect(await page.getByTestId('iomem-text').textContent()).toBe(iomemAt6);
});

test('an exported SVG holds the map, the /proc/iomem text and its link, and reopens', async ({ page }) => {
  await open(page);
  await stepTo(page, 5);
  const svg = await exportFile(page, /^PFN map and \/proc\/iomem/);
  expect(svg.name).toBe('hotplug-explorer-rfc-v1-step5-pfn-map-iomem.svg');
  const text = svg.bytes.toString('utf8');
  expect(readSvgLink(text)).toMatch(/#v=2&k=rfc-v1&n=5&s=/);
  expect(text).toContain('<image');
  expect(text).toContain('gpu0');
  // the legend travels with the picture: the map's key, what colours and numbers mean
  const legend = /<g id="legend"[^]*?<\/g>/.exec(text)?.[0] ?? '';
  for (const label of ['Movable', 'ZONE_DEVICE', 'memmap poisoned', 'changed this step', 'iomem: System RAM']) expect(legend).toContain(`>${label}</text>`);
  expect(legend).toContain('red is a kernel BUG or a refused step');
  expect(legend).toContain('PFNs in hex (0x…)');
  const rendered = await page.evaluate(async (src) => {
    const img = new Image();
    img.src = URL.createObjectURL(new Blob([src], { type: 'image/svg+xml' }));
    await img.decode();
    return { w: img.naturalWidth, h: img.naturalHeight };
  }, text);
  expect(rendered.w).toBeGreaterThan(600);
  await stepTo(page, 1);
  const dialog = await openImport(page);
  await dialog.getByLabel('Open an exported image').setInputFiles(await svg.download.path());
  await ready(page);
  await expect(page.getByTestId('step-indicator')).toHaveText('Step 5 of 7');
});

test('an image without a link is refused, saying so', async ({ page }) => {
  await open(page);
  const dialog = await openImport(page);
  const plain = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
  await dialog.getByLabel('Open an exported image').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: plain });
  await expect(dialog.getByRole('alert')).toContainText('photo.png holds no Hotplug Explorer link');
  await expect(page.getByTestId('step-indicator')).toHaveText('Step 0 of 7');
});

test('a scenario file opens from the dialog (undoably) or by dropping it on the page; a bad one is named by step and field', async ({ page }) => {
  await open(page);
  const file = JSON.stringify({
    format: 'hotplug-explorer/scenario',
    version: 1,
    title: 'Two DIMMs',
    kernel: 'v5.5',
    steps: [
      { op: 'add_memory', nid: 0, start: '0x100000000', size: '128M' },
      { op: 'add_memory', nid: 0, start: '0x108000000', size: '128M' },
    ],
    cursor: 1,
  });
  const dialog = await openImport(page);
  await dialog.getByLabel('Open scenario file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(file.replace('"128M"}]', '"12Q"}]')) });
  await expect(dialog.getByRole('alert')).toContainText('bad.json is not a valid scenario, so nothing was changed');
  await expect(dialog.getByRole('alert')).toContainText('step 2');
  await expect(dialog.getByRole('alert')).toContainText('"size"');
  await dialog.getByLabel('Open scenario file').setInputFiles({ name: 'two.json', mimeType: 'application/json', buffer: Buffer.from(file) });
  await expect(dialog.getByRole('status')).toContainText('Opened two.json');
  await page.keyboard.press('Escape');
  await ready(page);
  await expect(page.locator('.scenario-title')).toHaveText('Two DIMMs');
  await expect(page.getByTestId('step-indicator')).toHaveText('Step 1 of 2');
  await expect(page.getByLabel('Kernel', { exact: true })).toHaveValue('v5.5');
  await page.getByRole('button', { name: 'Undo' }).click();
  await ready(page);
  await expect(page.locator('.scenario-title')).toHaveText(DEFAULT_SCENARIO.title);

  // dropped anywhere on the page
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
    const target = document.querySelector('main')!;
    for (const type of ['dragenter', 'dragover', 'drop']) target.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, file.replace('Two DIMMs', 'Dropped'));
  await ready(page);
  await expect(page.locator('.scenario-title')).toHaveText('Dropped');
});

test('a /proc/iomem dropped on the page lands in the dialog to be checked first', async ({ page }) => {
  await open(page);
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'iomem.txt', { type: 'text/plain' }));
    for (const type of ['dragenter', 'dragover', 'drop']) document.body.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, REAL[1]![1]);
  const dialog = page.getByRole('dialog', { name: 'Import' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('/proc/iomem text')).toHaveValue(REAL[1]![1]);
  await expect(dialog).toContainText('read from iomem.txt');
  await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled();
  // and a file dropped on the open dialog opens as what it is
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'again.json', { type: 'application/json' }));
    const target = document.querySelector('dialog h3')!;
    for (const type of ['dragover', 'drop']) target.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, JSON.stringify({ format: 'hotplug-explorer/scenario', version: 1, title: 'Dropped on the dialog', kernel: 'v4.18' }));
  await expect(dialog.getByRole('status')).toContainText('Opened again.json');
  await expect(page.locator('.scenario-title')).toHaveText('Dropped on the dialog');
});

test('the dialog and the menu have no accessibility violations of any impact', async ({ page }) => {
  await open(page);
  const dialog = await importIomem(page, REAL[1]![1]);
  await dialog.getByLabel('Open scenario file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "hotplug-explorer/scenario", "version": 2}') });
  await expect(dialog.getByRole('alert')).toContainText('newer than this Hotplug Explorer understands');
  const violations = () => axeViolations(page);
  expect(await violations()).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  // focus returns to the button that opened the dialog
  await expect(page.getByRole('button', { name: 'Import…' })).toBeFocused();
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(page.locator('.io-menu').getByRole('button').first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('.io-menu').getByRole('button').nth(1)).toBeFocused();
  await expect(page.getByTestId('step-indicator')).toHaveText('Step 0 of 7');
  expect(await violations()).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(page.locator('.io-menu')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Export', exact: true })).toBeFocused();
});

test('screenshots: import dialog and export menu, light and dark', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await open(page);
  await stepTo(page, 6);
  for (const theme of ['light', 'dark'] as const) {
    if (theme === 'dark') await page.getByRole('button', { name: 'Dark theme' }).click();
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await expect(page.locator('.io-menu')).toBeVisible();
    await page.screenshot({ path: path.join(SHOTS, `export-menu-1440x900-${theme}.png`) });
    await page.keyboard.press('Escape');
    await expect(page.locator('.io-menu')).toBeHidden();
    // the exported pictures themselves, to look at
    const png = await exportFile(page, /^PFN map picture/);
    await png.download.saveAs(path.join(SHOTS, `exported-pfn-map-${theme}.png`));
    const svg = await exportFile(page, /^PFN map and \/proc\/iomem/);
    const viewer = await page.context().newPage();
    await viewer.setViewportSize({ width: 1440, height: 900 });
    await viewer.setContent(`<body style="margin:0">${svg.bytes.toString('utf8').replace(/^<\?xml[^>]*>/, '')}</body>`);
    await viewer.screenshot({ path: path.join(SHOTS, `exported-svg-${theme}.png`), fullPage: true });
    await viewer.close();

    const dialog = await importIomem(page, REAL[1]![1], false);
    await expect(dialog.getByRole('status')).toBeVisible();
    await dialog.getByLabel('Open scenario file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "hotplug-explorer/scenario", "version": 1, "steps": [{"op": "online", "start": "4G", "size": "128M", "as": "sideways"}]}') });
    await expect(dialog.getByRole('alert')).toBeVisible();
    await page.screenshot({ path: path.join(SHOTS, `import-dialog-1440x900-${theme}.png`) });
    await dialog.getByLabel('/proc/iomem text').fill(REAL[0]![1].replace(/[0-9a-f]+-[0-9a-f]+ :/g, '00000000-00000000 :'));
    await dialog.getByRole('button', { name: 'Use as machine' }).click();
    await expect(dialog.getByRole('alert').filter({ hasText: 'without root' })).toBeVisible();
    await page.screenshot({ path: path.join(SHOTS, `import-dialog-refused-1440x900-${theme}.png`) });
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Undo' }).click();
    await ready(page);
  }
});

test('a /proc/zoneinfo beside the /proc/iomem: the boot zones show the real managed pages', async ({ page }) => {
  const capture = readFileSync(path.join(FIXTURES, 'qemu-6.12', 'A612_00_boot.txt'), 'utf8');
  // the lines after a "## header" line up to the next section ("## (" lines are notes inside one)
  const section = (header: string): string => {
    const lines = capture.split('\n');
    const from = lines.findIndex((l) => l.startsWith(`## ${header}`)) + 1;
    const to = lines.findIndex((l, i) => i >= from && l.startsWith('## ') && !l.startsWith('## ('));
    return lines.slice(from, to).filter((l) => !l.startsWith('## (')).join('\n');
  };
  const iomem = `${section('/proc/iomem').trim()}\n`;
  const zoneinfo = section('/proc/zoneinfo');
  const errors = await open(page);
  const dialog = await openImport(page);
  await dialog.getByLabel('/proc/iomem text').fill(iomem);
  await dialog.getByLabel(/\/proc\/zoneinfo text/).fill(zoneinfo);
  for (const [width, height] of [[1440, 900], [1280, 720], [390, 844]] as const) {
    await page.setViewportSize({ width, height });
    await dialog.getByLabel(/\/proc\/zoneinfo text/).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, `import-zoneinfo-${width}x${height}.png`) });
  }
  await dialog.getByRole('button', { name: 'Use as machine' }).click();
  await expect(dialog.getByRole('status')).toContainText('This is now the machine');
  await page.keyboard.press('Escape');
  await ready(page);
  const shown = (await page.getByTestId('zoneinfo-text').textContent())!;
  // DMA32 as Debian's 6.12 booted it: present 520160, managed 484942 (managed = present without the zoneinfo)
  expect(shown).toMatch(/zone\s+DMA32\n\s+spanned\s+520160\n\s+present\s+520160\n\s+managed\s+484942\n/);
  expect(shown).toMatch(/zone\s+DMA\n\s+spanned\s+4095\n\s+present\s+3998\n\s+managed\s+3840\n/);
  // and the page says the figure is read, not assumed
  await page.getByRole('tab', { name: 'Zones & nodes' }).click();
  await expect(page.getByRole('columnheader', { name: 'managed', exact: true })).toBeVisible();
  await expect(page.locator('[data-testid="managed-note"]:visible')).toContainText('read from the machine\u2019s /proc/zoneinfo');
  // a zoneinfo that does not read changes nothing and says why
  const again = await openImport(page);
  await again.getByLabel('/proc/iomem text').fill(iomem);
  await again.getByLabel(/\/proc\/zoneinfo text/).fill('Node 0, zone DMA\n        present  10\n');
  await again.getByRole('button', { name: 'Use as machine' }).click();
  await expect(again.getByRole('alert')).toContainText('/proc/zoneinfo: node 0 zone DMA (line 1) has no managed line');
  await page.keyboard.press('Escape');
  expect(await page.getByTestId('zoneinfo-text').textContent()).toBe(shown);
  expect(errors).toEqual([]);
});
