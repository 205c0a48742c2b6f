import { test } from '@playwright/test';
import { open, stepTo } from './support';

/** Pictures to look at (and for the README): desktop and a 1024x768 projector, light and dark. */
for (const [w, h] of [
  [1440, 900],
  [1024, 768],
] as const) {
  test(`screenshot ${w}x${h}`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: h });
    await open(page);
    await stepTo(page, 6);
    await page.screenshot({ path: `test-results/screenshots/explorer-${w}x${h}.png`, fullPage: true });
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await page.screenshot({ path: `test-results/screenshots/explorer-${w}x${h}-dark.png`, fullPage: false });
  });
}
