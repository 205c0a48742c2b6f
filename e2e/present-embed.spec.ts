import { expect, test } from '@playwright/test';
import { encodeLink } from '../src/links/share-link';
import { DEFAULT_SCENARIO } from '../src/scenario/default-scenario';
import { expected, open, ready } from './support';

test('presentation mode: large type, chrome hidden, arrow keys step, Escape leaves; the link keeps it', async ({ page }) => {
  await open(page, '/' + encodeLink({ scenario: DEFAULT_SCENARIO, kernel: 'rfc-v1', compare: null, step: 0, view: 'explore' }));
  await page.getByRole('button', { name: 'Present' }).click();
  await expect(page.locator('.app')).toHaveClass(/presenting/);
  await expect(page.getByRole('tablist')).toBeHidden();
  expect(page.url()).toContain('mode=present');
  const size = await page.locator('.step-summary h2').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(size).toBeGreaterThanOrEqual(24);
  await page.keyboard.press('ArrowRight');
  await ready(page);
  await expect(page.getByTestId('step-indicator')).toHaveText('Step 1 of 7');
  await page.reload();
  await ready(page);
  await expect(page.locator('.app')).toHaveClass(/presenting/);
  await page.keyboard.press('Escape');
  await expect(page.locator('.app')).not.toHaveClass(/presenting/);
  expect(page.url()).not.toContain('mode=present');
});

test('embed mode shows one view at one step, read-only, with a way back to the explorer', async ({ page }) => {
  const errors = await open(page, '/' + encodeLink({ scenario: DEFAULT_SCENARIO, kernel: 'rfc-v1', compare: null, step: 6, view: 'explore', embed: 'iomem' }));
  await expect(page.getByTestId('step-indicator')).toHaveText('Step 6 of 7');
  expect(await page.getByTestId('iomem-text').textContent()).toBe(expected('rfc-v1', 6).iomem);
  await expect(page.getByRole('button', { name: 'Next step' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Open in Hotplug Explorer' })).toHaveAttribute('href', /#v=2&k=rfc-v1&n=6/);
  await page.goto('/' + encodeLink({ scenario: DEFAULT_SCENARIO, kernel: 'rfc-v1', compare: null, step: 6, view: 'explore', embed: 'map' }));
  await ready(page);
  // One map drawn (its hover overlay is a second, aria-hidden canvas), and no other view.
  await expect(page.locator('canvas[role="img"]')).toHaveCount(1);
  await expect(page.getByTestId('iomem-text')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('an unknown embed or mode in a link is refused with a message', async ({ page }) => {
  const link = encodeLink({ scenario: DEFAULT_SCENARIO, kernel: 'rfc-v1', compare: null, step: 2, view: 'explore' });
  await page.goto('/' + link + '&embed=poster');
  await ready(page);
  await expect(page.getByRole('alert')).toContainText('embeds an unknown view "poster"');
});
