import { expect, test } from '@playwright/test';
import { axeViolations } from './axe';
import { open, ready, stepTo } from './support';

const CUSTOM = 'rfc-v1+release=is_device_flag';

/** Composes rfc-v1 + is_device flag with the keyboard-reachable form, and runs it. */
async function composeIsDeviceFlag(page: import('@playwright/test').Page) {
  await page.getByText('Compose a kernel', { exact: true }).click();
  await page.getByLabel('Preset', { exact: true }).selectOption('rfc-v1');
  const release = page.locator('fieldset[data-switch="release"]');
  // RFC v1's __remove_pages() has no zone: is_dev_zone is disabled, with the reason beside it
  await expect(release.getByRole('radio', { name: /is_dev_zone/ })).toBeDisabled();
  await expect(release).toContainText('Not possible here: release=is_dev_zone needs the zone');
  await release.getByRole('radio', { name: /is_device_flag/ }).check();
  await expect(page.getByTestId('compose-name')).toHaveText('rfc-v1 + is_device flag');
  await page.getByRole('button', { name: 'Run this kernel' }).click();
  await ready(page);
}

test('compose rfc-v1 + is_device flag: it runs, the picker names it, the trace marks the switch, the link reopens it', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const errors = await open(page);
  const kernel = page.getByLabel('Kernel', { exact: true });
  await kernel.selectOption('rfc-v1');
  await ready(page);
  // the default scenario's hot-remove (step 6) frees gpu0's resource under RFC v1
  await stepTo(page, 6);
  await expect(page.getByTestId('findings')).toContainText('resource-released-while-owned');
  await composeIsDeviceFlag(page);
  await expect(kernel).toHaveValue(CUSTOM);
  await expect(kernel.locator('option:checked')).toHaveText('rfc-v1 + is_device flag');
  await expect(page.getByTestId('step-indicator')).toHaveText(/^Step 6 of /);
  await expect(page.getByTestId('findings')).not.toContainText('resource-released-while-owned');
  await expect(page.getByTestId('call-trace')).toContainText('switch: release');
  // it can be compared with its preset
  await expect(page.getByLabel('Compare with').locator(`option[value="${CUSTOM}"]`)).toHaveCount(0);
  await page.getByLabel('Compare with').selectOption('rfc-v1');
  await ready(page);
  await page.getByLabel('Compare with').selectOption('');
  await ready(page);
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByRole('button', { name: 'Link copied' })).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain('&k=rfc-v1&');
  expect(link).toContain('&x=release-is_device_flag&');
  const other = await context.newPage();
  const otherErrors = await open(other, link.slice(link.indexOf('/#')));
  await expect(other.getByLabel('Kernel', { exact: true })).toHaveValue(CUSTOM);
  await expect(other.getByTestId('step-indicator')).toHaveText(/^Step 6 of /);
  await expect(other.getByTestId('findings')).not.toContainText('resource-released-while-owned');
  expect([...errors, ...otherErrors]).toEqual([]);
});

test('composing is undone by Undo, and the custom kernel is a column of the review matrix', async ({ page }) => {
  const errors = await open(page);
  const kernel = page.getByLabel('Kernel', { exact: true });
  await kernel.selectOption('rfc-v1');
  await ready(page);
  await composeIsDeviceFlag(page);
  await expect(kernel).toHaveValue(CUSTOM);
  await page.getByRole('button', { name: 'Review matrix' }).click();
  const column = page.locator(`.matrix-table td[data-kernel="${CUSTOM}"]`).first();
  await expect(column).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('.matrix-table thead')).toContainText('rfc-v1 + is_device flag');
  // S5 hmm-private: rfc-v1 frees gpu0 under its driver, the flag does not
  await expect(page.locator(`.matrix-table tr[data-row="s5-hmm-private"] td[data-kernel="rfc-v1"]`)).toContainText('resource-released-while-owned');
  await expect(page.locator(`.matrix-table tr[data-row="s5-hmm-private"] td[data-kernel="${CUSTOM}"]`)).not.toContainText('resource-released-while-owned');
  await page.getByRole('button', { name: 'Undo' }).click();
  await ready(page);
  await expect(kernel).toHaveValue('rfc-v1');
  await page.getByRole('button', { name: 'Redo' }).click();
  await ready(page);
  await expect(kernel).toHaveValue(CUSTOM);
  expect(errors).toEqual([]);
});

test('a link whose custom kernel cannot run is refused with the reason', async ({ page }) => {
  const errors = await open(page);
  await page.getByRole('button', { name: 'Copy link' }).isVisible();
  const good = await page.evaluate(() => location.hash);
  await page.goto('/' + good.replace('&s=', '&x=release-is_dev_zone&s='));
  await expect(page.getByRole('alert')).toContainText('custom kernel ("x=release-is_dev_zone") cannot run on');
  await expect(page.getByRole('alert')).toContainText('needs the zone');
  expect(errors).toEqual([]);
});

test('the composer, keyboard only, axe-clean, at three sizes (pictures for review)', async ({ page }) => {
  await open(page);
  await page.getByText('Compose a kernel', { exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Preset', { exact: true })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  for (const [w, h] of [[1440, 900], [1280, 720], [390, 844]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await ready(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${w}: no sideways scroll`).toBeLessThanOrEqual(w);
    await page.getByText('Compose a kernel', { exact: true }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `test-results/screenshots/compose-${w}x${h}.png` });
    await page.screenshot({ path: `test-results/screenshots/compose-${w}x${h}-full.png`, fullPage: true });
  }
});
