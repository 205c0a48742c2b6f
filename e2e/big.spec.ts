import { type Page, expect, test } from '@playwright/test';
import { BIG_128M, heavyScenario } from '../bench/page-scenarios';
import { DEFAULT_SCENARIO } from '../src/scenario/default-scenario';
import { serializeScenario } from '../src/scenario/schema';
import { encodeLink } from '../src/links/share-link';
import { expected, open } from './support';

/** The biggest x86_64 machine and the 10,000-step scenario, clicked through as a person would. */
const SHOTS = 'test-results/screenshots';
const bigLink = '/' + encodeLink({ scenario: BIG_128M, kernel: 'v5.5', compare: null, step: 0, view: 'explore' });

async function readyWithin(page: Page, timeout: number): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('data-ready', 'true', { timeout });
}

const rowsInDom = (page: Page) => page.locator('table[aria-label="Memory blocks"] tbody tr:not(.spacer)').count();

test('the 64 TiB machine: → redraws the map and the block table, which holds only the rows in view and finds a block', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(bigLink);
  await readyWithin(page, 60_000);
  await page.getByRole('tab', { name: 'Memory blocks' }).click();
  const panel = page.locator('.block-view');
  await expect(panel.locator('.block-view__summary')).toHaveText('524,287 memory blocks of 128 MiB: 524,287 online.');
  const first = await rowsInDom(page);
  expect(first).toBeGreaterThan(5);
  expect(first).toBeLessThan(60);
  const mapText = page.getByTestId('pfn-map-text');
  await expect(mapText).not.toContainText('changed since the previous step');

  // step 1 hot-adds the last 128 MiB: block 524287 appears, offline
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('step-indicator')).toHaveText('Step 1 of 4');
  await readyWithin(page, 20_000);
  await expect(panel.locator('.block-view__summary')).toHaveText('524,288 memory blocks of 128 MiB: 1 offline, 524,287 online.');
  await expect(mapText).toContainText('1 section changed since the previous step');

  // find it by its address: the table scrolls to it and marks it as new
  const search = panel.getByRole('search');
  await search.getByLabel('Find a block').fill('0x3ffff8000000');
  await search.getByRole('button', { name: 'Find' }).click();
  await expect(search.getByRole('status')).toHaveText('memory524287 (the block holding 0x3ffff8000000): row 524,288 of 524,288.');
  const row = panel.locator('tr[data-block="524287"]');
  await expect(row).toBeVisible();
  await expect(row).toHaveAttribute('aria-current', 'true');
  await expect(row).toHaveClass(/added/);
  await expect(row.locator('td').nth(1)).toHaveText('offline');
  expect(await rowsInDom(page)).toBeLessThan(60);

  // and one in the middle by number
  await search.getByLabel('Find a block').fill('memory262144');
  await search.getByRole('button', { name: 'Find' }).click();
  await expect(panel.locator('tr[data-block="262144"]')).toBeVisible();
  await expect(panel.locator('tr[data-block="524287"]')).toHaveCount(0);

  // the sysfs text is virtualised the same way, and searchable
  await page.getByRole('tab', { name: 'sysfs memory' }).click();
  const sysfs = page.locator('.sysfs-memory');
  await sysfs.getByLabel('Find a block').fill('524287');
  await sysfs.getByRole('button', { name: 'Find' }).click();
  // the line the command line prints for that block at that step
  const cliLine = expected('v5.5', 1, BIG_128M).memory.split('\n').find((l) => l.startsWith('memory524287 '))!;
  expect(cliLine).toMatch(/^memory524287 phys_index=0007ffff state=offline valid_zones=/);
  await expect(sysfs.locator('[data-block="524287"]')).toHaveText(cliLine);
  expect(await sysfs.locator('.line').count()).toBeLessThan(80);

  // ← goes back: the block is gone again
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('ArrowLeft');
  await readyWithin(page, 20_000);
  await page.getByRole('tab', { name: 'Memory blocks' }).click();
  await expect(panel.locator('.block-view__summary')).toHaveText('524,287 memory blocks of 128 MiB: 524,287 online.');

  for (const [w, h] of [
    [1440, 900],
    [1280, 720],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.locator('body').click({ position: { x: 2, y: 2 } });
    await page.keyboard.press('ArrowRight');
    await readyWithin(page, 20_000);
    await search.getByLabel('Find a block').fill('memory524287');
    await search.getByRole('button', { name: 'Find' }).click();
    await page.screenshot({ path: `${SHOTS}/big-machine-${w}x${h}.png`, fullPage: true });
    await page.locator('body').click({ position: { x: 2, y: 2 } });
    await page.keyboard.press('ArrowLeft');
    await readyWithin(page, 20_000);
  }
});

test('a long scenario from a file: its progress shows, Cancel keeps the scenario shown; the 10,000-step one opens and steps to its end', async ({ page }) => {
  test.setTimeout(180_000);
  await open(page);
  // 120,000 steps, so that the replay outlasts three screenshots on a fast machine and can still be cancelled
  const long = { name: 'long.json', mimeType: 'application/json', buffer: Buffer.from(serializeScenario(heavyScenario(30_000))) };
  const file = { name: 'heavy.json', mimeType: 'application/json', buffer: Buffer.from(serializeScenario(heavyScenario())) };
  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import' });
  await dialog.getByLabel('Open scenario file').setInputFiles(long);
  const bar = dialog.getByRole('progressbar');
  await expect(bar).toBeVisible({ timeout: 10_000 });
  await expect(bar).toHaveAttribute('aria-valuemax', '120000', { timeout: 10_000 });
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow'))).toBeGreaterThan(0);
  for (const [w, h] of [
    [1440, 900],
    [1280, 720],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: `${SHOTS}/progress-${w}x${h}.png` });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  // by keyboard: the Cancel button is reachable and works with Enter
  await dialog.getByRole('button', { name: 'Cancel' }).focus();
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('status')).toContainText('long.json: Cancelled: the previous scenario is still shown');
  await expect(bar).toHaveCount(0);
  await page.keyboard.press('Escape');
  await readyWithin(page, 15_000);
  await expect(page.locator('.scenario-title')).toHaveText(DEFAULT_SCENARIO.title);
  await expect(page.getByTestId('step-indicator')).toHaveText('Step 0 of 7');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('step-indicator')).toHaveText('Step 1 of 7');
  await readyWithin(page, 15_000);

  // again, to the end
  await page.getByRole('button', { name: 'Import…' }).click();
  await dialog.getByLabel('Open scenario file').setInputFiles(file);
  await expect(dialog.getByRole('status')).toContainText('Opened heavy.json', { timeout: 120_000 });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('step-indicator')).toHaveText('Step 0 of 10000');
  await readyWithin(page, 30_000);
  await page.keyboard.press('End');
  await readyWithin(page, 15_000);
  await expect(page.getByTestId('step-indicator')).toHaveText('Step 10000 of 10000');
  await page.keyboard.press('ArrowLeft');
  await readyWithin(page, 15_000);
  await expect(page.getByTestId('iomem-text')).toContainText(' : System RAM');
});
