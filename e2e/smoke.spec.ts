import { expect, test } from '@playwright/test';

test('placeholder page loads without errors', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));

  await page.goto('/');

  await expect(page.getByRole('heading', { level: 1, name: 'Hotplug Explorer' })).toBeVisible();
  await expect
    .poll(() => page.evaluate(() => document.documentElement.dataset.ready))
    .toBe('true');
  expect(errors).toEqual([]);
});
