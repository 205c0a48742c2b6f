import { type Locator, expect, test } from '@playwright/test';
import { encodeLink } from '../src/links/share-link';
import { DEFAULT_SCENARIO } from '../src/scenario/default-scenario';
import type { KernelId } from '../src/engine/ops';
import { open } from './support';

const link = (kernel: KernelId, compare: KernelId, step: number) => '/' + encodeLink({ scenario: DEFAULT_SCENARIO, kernel, compare, step, view: 'compare' });

/** How many colours a map's canvas shows: more than the background's when it is drawn. */
async function drawnColours(map: Locator): Promise<number> {
  return map.locator('.pfn-map__stage canvas[role=img]').evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < d.length && seen.size < 10; i += 4 * 97) seen.add((d[i]! << 16) | (d[i + 1]! << 8) | d[i + 2]!);
    return seen.size;
  });
}

async function expectTwoMaps(maps: Locator, kernels: [string, string]): Promise<void> {
  const figures = maps.locator('figure.compare-map');
  await expect(figures).toHaveCount(2);
  for (const [i, k] of kernels.entries()) {
    await expect(figures.nth(i).locator('> figcaption')).toContainText(k);
    await expect(figures.nth(i)).toHaveAttribute('data-kernel', k);
    expect(await drawnColours(figures.nth(i)), `the ${k} map is drawn`).toBeGreaterThan(3);
  }
}

test('compare with the same kernel: the panel says so and both maps show', async ({ page }) => {
  const errors = await open(page, link('rfc-v1', 'rfc-v1', 6));
  const compare = page.getByTestId('compare');
  await expect(compare).toBeVisible();
  await expect(compare).toContainText('Both sides run the same kernel (rfc-v1): no differences');
  await expectTwoMaps(page.getByTestId('compare-maps'), ['rfc-v1', 'rfc-v1']);
  expect(page.url()).toContain('c=rfc-v1');
  await page.screenshot({ path: 'test-results/screenshots/compare-same-1440x900.png' });
  expect(errors).toEqual([]);
});

test('compare two kernels: two maps, and each finding difference put down to the code that differs', async ({ page }) => {
  const errors = await open(page, link('rfc-v1', 'v5.5', 6));
  await expectTwoMaps(page.getByTestId('compare-maps'), ['rfc-v1', 'v5.5']);
  const causes = page.getByTestId('diff-causes');
  await expect(causes).toContainText('the kernels part at __remove_pages(), where rfc-v1 decides `altmap` → NULL: release the iomem resource');
  await expect(causes).toContainText('remove_pfn_range_from_zone');
  // each side's function links to its source: the RFC's patch mail, v5.5's Elixir line
  await expect(causes.getByRole('link', { name: /rfc-v1 patch 2\/3/ }).first()).toHaveAttribute('href', /lore\.kernel\.org/);
  await expect(causes.getByRole('link', { name: /mm\/memory_hotplug\.c:\d+ \(v5\.5-rc5\)/ }).first()).toHaveAttribute('href', /elixir\.bootlin\.com\/linux\/v5\.5-rc5\/source\/mm\/memory_hotplug\.c#L\d+/);
  await page.screenshot({ path: 'test-results/screenshots/compare-1440x900.png', fullPage: true });
  expect(errors).toEqual([]);
});

test('a line only one kernel has is plain text with its sign, not red or green: neither side is wrong or well', async ({ page }) => {
  const errors = await open(page, link('rfc-v1', 'v5.5', 6));
  const only = page.locator('.diff-block .only-a, .diff-block .only-b');
  await expect(only.first()).toBeVisible();
  const text = await page.evaluate(() => getComputedStyle(document.body).color);
  for (const colour of await only.evaluateAll((els) => els.map((e) => getComputedStyle(e).color))) expect(colour).toBe(text);
  expect(errors).toEqual([]);
});
