import { expect, test } from '@playwright/test';
import { LESSON_ZONE_DEVICE } from '../src/lessons/lesson-4-zone-device';
import { EMBED_VIEWS, encodeLink } from '../src/links/share-link';
import { DEFAULT_SCENARIO } from '../src/scenario/default-scenario';
import { axeViolations } from './axe';
import { open, ready } from './support';

const link = (extra: Partial<Parameters<typeof encodeLink>[0]>) => '/' + encodeLink({ scenario: DEFAULT_SCENARIO, kernel: 'rfc-v1', compare: null, step: 6, view: 'explore', ...extra });

/** Every page, mode and embed a link can open, each in both themes: axe finds nothing, whatever its impact. */
const PAGES: [string, string][] = [
  ['the explorer comparing two kernels', link({ compare: 'v5.5' })],
  ['presentation mode', link({ present: true })],
  ['presentation mode comparing two kernels', link({ present: true, compare: 'v5.5' })],
  ['presentation mode in lesson 1', link({ scenario: LESSON_ZONE_DEVICE.scenario, step: 2, lesson: LESSON_ZONE_DEVICE.id, present: true })],
  ...EMBED_VIEWS.map((view): [string, string] => [`embed=${view}`, link({ embed: view })]),
];

for (const [name, url] of PAGES) {
  test(`no accessibility violations of any impact: ${name}, light and dark`, async ({ page }) => {
    test.setTimeout(60_000);
    await open(page, url);
    for (const theme of ['light', 'dark']) {
      await page.evaluate((t) => localStorage.setItem('hotplug-explorer.theme', t), theme);
      await page.reload();
      await ready(page);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      expect(await axeViolations(page), `${name}, ${theme}`).toEqual([]);
    }
  });
}

test('no accessibility violations of any impact on a phone: the landing, the explorer, a lesson', async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await open(page, '/');
  expect(await axeViolations(page), 'landing').toEqual([]);
  await open(page, link({ compare: 'v5.5' }));
  expect(await axeViolations(page), 'explorer comparing').toEqual([]);
  await open(page, link({ scenario: LESSON_ZONE_DEVICE.scenario, step: 1, lesson: LESSON_ZONE_DEVICE.id }));
  expect(await axeViolations(page), 'lesson 1 with its question').toEqual([]);
});
