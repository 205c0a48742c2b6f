import { type Page, expect, test } from '@playwright/test';
import { open, stepTo } from './support';

/** The named views a person looks for on the explorer, by their accessible names. */
const VIEWS = ['Physical address space', 'iomem resource tree', 'Call trace', 'Findings'];

/** Each named view is visible, lies inside the viewport's width, and shows something. */
async function expectViewsShown(page: Page): Promise<void> {
  const width = page.viewportSize()!.width;
  for (const name of VIEWS) {
    const region = page.getByRole('region', { name, exact: true });
    await expect(region, name).toBeVisible();
    const box = (await region.boundingBox())!;
    expect(box.x, `${name} starts inside the viewport`).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `${name} ends inside the viewport`).toBeLessThanOrEqual(width + 1);
    expect(box.height, `${name} has room`).toBeGreaterThan(60);
    expect((await region.innerText()).trim().length, `${name} has text`).toBeGreaterThan(10);
  }
  await expect(page.getByRole('tablist', { name: 'Kernel state as tables and text' })).toBeVisible();
  // the map's canvas is drawn: its pixels are not all the background's
  const colours = await page.locator('.pfn-map__stage canvas[role=img]').evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < d.length && seen.size < 10; i += 4 * 97) seen.add((d[i]! << 16) | (d[i + 1]! << 8) | d[i + 2]!);
    return seen.size;
  });
  expect(colours, 'the PFN map is drawn').toBeGreaterThan(3);
}

/** Pictures to look at (and for the README), each checked for what a person would notice missing. */
for (const [w, h] of [
  [1440, 900],
  [1024, 768],
] as const) {
  test(`screenshot ${w}x${h}: every view shows, inside the page, light and dark`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: h });
    await open(page);
    await stepTo(page, 6);
    await expectViewsShown(page);
    await page.screenshot({ path: `test-results/screenshots/explorer-${w}x${h}.png`, fullPage: true });
    const lightBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expectViewsShown(page);
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'the dark theme changes the page').not.toBe(lightBg);
    await page.screenshot({ path: `test-results/screenshots/explorer-${w}x${h}-dark.png`, fullPage: false });
  });
}
