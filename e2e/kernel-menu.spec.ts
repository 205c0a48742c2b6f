import { expect, test } from '@playwright/test';
import { open, ready, stepTo } from './support';

test('the kernel menu groups released kernels, the RFC series and the proposals', async ({ page }) => {
  const errors = await open(page);
  const kernel = page.getByLabel('Kernel', { exact: true });
  const groups = kernel.locator('optgroup');
  await expect(groups).toHaveCount(3);
  expect(await groups.evaluateAll((gs) => gs.map((g) => [(g as HTMLOptGroupElement).label, [...g.querySelectorAll('option')].map((o) => o.value)]))).toEqual([
    ['Released kernels', ['v4.18', 'v5.5', 'v6.12']],
    ['The RFC series (2018)', ['rfc-v1', 'rfc-v2', 'rfc-v3']],
    ['Proposals from the review (never merged)', ['idea-is-device', 'idea-refcount']],
  ]);
  // the compare menu groups the same way, without the kernel shown
  expect(await page.getByLabel('Compare with').locator('optgroup').evaluateAll((gs) => gs.map((g) => (g as HTMLOptGroupElement).label))).toHaveLength(3);
  await expect(kernel.locator('option[value="idea-refcount"]')).toHaveAttribute('title', /nobody implemented.*rules are this project/);
  expect(errors).toEqual([]);
});

test('under the refcount proposal gpu0\'s resource survives the hot-remove and only its driver frees it', async ({ page }) => {
  const errors = await open(page);
  await page.getByLabel('Kernel', { exact: true }).selectOption('idea-refcount');
  await ready(page);
  await expect(page.getByLabel('Kernel', { exact: true })).toHaveAttribute('title', /A proposal nobody implemented/);
  await stepTo(page, 6);
  const findings = page.getByTestId('findings');
  await expect(findings).toContainText('stale-zone-span');
  await expect(findings).not.toContainText('use-after-free');
  await expect(findings).not.toContainText('resource-released-while-owned');
  await expect(page.getByTestId('call-trace')).toContainText('refs 2 -> 1');
  await expect(page.getByTestId('call-trace')).toContainText('still held: keep the entry');
  await stepTo(page, 7);
  await expect(page.getByTestId('iomem-text')).toContainText('3ffff0000000-3fffffffffff : nic1-bar');
  expect(errors).toEqual([]);
});

test('the header with a proposal chosen, at three sizes (pictures for review)', async ({ page }) => {
  await open(page);
  await page.getByLabel('Kernel', { exact: true }).selectOption('idea-is-device');
  await ready(page);
  for (const [w, h] of [[1440, 900], [1280, 720], [390, 844]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await ready(page);
    const box = await page.getByLabel('Kernel', { exact: true }).boundingBox();
    console.log(`${w}x${h}: kernel menu ${box?.x}+${box?.width}, page ${await page.evaluate(() => document.documentElement.scrollWidth)}`);
    await page.screenshot({ path: test.info().outputPath(`kernel-menu-${w}x${h}.png`) });
  }
});
