/**
 * A machine captured whole by scripts/capture-machine.sh, chosen in the import dialog or pasted
 * into its /proc/iomem box: it opens as the scenario that reaches the captured state, under its
 * nearest kernel, and the page then shows the captured /proc/iomem and zoneinfo.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type Page, expect, test } from '@playwright/test';
import { axeViolations } from './axe';
import { open, ready } from './support';

const ROOT = path.resolve(import.meta.dirname, '..');
const SHOTS = path.join(ROOT, 'test-results/screenshots');
const NAME = 'qemu-6.12-a612-added.capture';
const CAPTURE = readFileSync(path.join(ROOT, 'test-scenarios/captures', NAME), 'utf8');
const section = (name: string): string => {
  const lines = CAPTURE.split('\n');
  const from = lines.indexOf(`### ${name}`) + 1;
  return lines.slice(from, lines.findIndex((l, i) => i >= from && l.startsWith('### '))).join('\n') + '\n';
};

async function openImport(page: Page) {
  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import' });
  await expect(dialog).toBeVisible();
  return dialog;
}

async function expectCapturedState(page: Page) {
  await ready(page);
  await expect(page.getByTestId('step-indicator')).toHaveText(/^Step 1 of 1/);
  await expect(page.getByLabel('Kernel', { exact: true })).toHaveValue('v6.12');
  expect(await page.getByTestId('iomem-text').textContent()).toBe(section('/proc/iomem'));
  const zoneinfo = section('/proc/zoneinfo').split('\n').filter((l) => !l.includes('pages free')).join('\n');
  expect((await page.getByTestId('zoneinfo-text').textContent())?.trimEnd()).toBe(zoneinfo.trimEnd());
}

test('a capture file opens at the captured state under v6.12, saying how it was read', async ({ page }) => {
  const errors = await open(page);
  const dialog = await openImport(page);
  await dialog.getByLabel('Open scenario file').setInputFiles({ name: NAME, mimeType: 'text/plain', buffer: Buffer.from(CAPTURE) });
  await expect(dialog.getByRole('status')).toContainText(`Opened ${NAME}`);
  await expect(dialog.getByRole('status')).toContainText('under v6.12, shown at step 1');
  const notes = dialog.getByRole('list', { name: 'How the capture was read' });
  await expect(notes).toContainText('v6.12 is the same release');
  await expect(notes).toContainText('hot-added and left offline');
  expect(await axeViolations(page)).toEqual([]);
  mkdirSync(SHOTS, { recursive: true });
  for (const [w, h] of [[1440, 900], [1280, 720], [390, 844]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await notes.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, `capture-import-${w}x${h}.png`) });
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expectCapturedState(page);
  expect(errors).toEqual([]);
});

test('a capture pasted where a /proc/iomem goes is read as a capture; a broken one changes nothing', async ({ page }) => {
  await open(page);
  const before = await page.getByTestId('iomem-text').textContent();
  let dialog = await openImport(page);
  await dialog.getByLabel('/proc/iomem text').fill(CAPTURE.slice(0, CAPTURE.indexOf('### nodes')));
  await dialog.getByRole('button', { name: 'Use as machine' }).click();
  await expect(dialog.getByRole('alert')).toContainText('The pasted capture is not a valid machine capture, so nothing was changed');
  await expect(dialog.getByRole('alert')).toContainText('no "### nodes" section');
  await page.keyboard.press('Escape');
  expect(await page.getByTestId('iomem-text').textContent()).toBe(before);
  dialog = await openImport(page);
  await dialog.getByLabel('/proc/iomem text').fill(CAPTURE);
  await dialog.getByRole('button', { name: 'Use as machine' }).click();
  await expect(dialog.getByRole('status')).toContainText('Opened The pasted capture');
  await page.keyboard.press('Escape');
  await expectCapturedState(page);
});
