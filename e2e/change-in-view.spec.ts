import { type Locator, type Page, expect, test } from '@playwright/test';
import { encodeLink } from '../src/links/share-link';
import { loadScenario, runFile } from '../src/test-support/load-scenario';
import type { Scenario } from '../src/scenario/types';
import { open, ready } from './support';

/**
 * A real machine's tree: the boot /proc/iomem QEMU's 6.1 kernel printed (test-scenarios/
 * qemu-b-pmem.json, from fixtures/qemu-6.1/B00_boot), grown past the tree's windowing
 * threshold by 260 hot-added 128 MiB DIMMs, each its own `System RAM` entry. The last steps
 * remove one in the middle of the tree and add one at its end.
 */
const M128 = 2 ** 27;
const BASE = 0x400000000;
const DIMMS = 260;
const MIDDLE = 130;
const real = loadScenario('qemu-b-pmem.json');
const at = (i: number) => BASE + i * M128;
const bigTree: Scenario = {
  ...real,
  title: 'A real QEMU boot iomem with 260 DIMMs',
  steps: [
    ...Array.from({ length: DIMMS }, (_, i) => ({ op: 'add_memory' as const, nid: 0, start: at(i), size: M128 })),
    { op: 'remove_memory', nid: 0, start: at(MIDDLE), size: M128 },
    { op: 'add_memory', nid: 0, start: at(DIMMS), size: M128 },
  ],
  cursor: 0,
};
const link = (step: number, embed?: 'tree') => '/' + encodeLink({ scenario: bigTree, kernel: 'v5.5', compare: null, step, view: 'explore', ...(embed ? { embed } : {}) });
const hex = (n: number) => n.toString(16).padStart(8, '0');
const rangeOf = (i: number) => `${hex(at(i))}-${hex(at(i) + M128 - 1)}`;

/** The row's box lies inside the tree's scroller: a person sees it without scrolling. */
async function expectInScroller(tree: Locator, row: Locator): Promise<void> {
  await expect(row).toBeVisible();
  await expect
    .poll(async () => {
      const list = await tree.getByRole('tree').boundingBox();
      const box = await row.boundingBox();
      return !!list && !!box && box.y >= list.y - 1 && box.y + box.height <= list.y + list.height + 1;
    })
    .toBe(true);
}

async function step(page: Page, key: 'ArrowRight' | 'ArrowLeft'): Promise<void> {
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press(key);
  await ready(page);
}

/** The theme choice is kept across loads, so the button may already read the other way. */
async function toTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  const button = page.getByRole('button', { name: theme === 'dark' ? 'Dark theme' : 'Light theme' });
  if (await button.count()) await button.click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

const rowFor = (tree: Locator, i: number) => tree.getByRole('treeitem').filter({ hasText: rangeOf(i) });

test('on a real machine\'s big tree each step scrolls the entry it changed into the tree\'s view and marks it', async ({ page }) => {
  test.setTimeout(90_000);
  await open(page, link(DIMMS - 1));
  const tree = page.locator('section.panel[aria-label="iomem resource tree"]');
  // windowed: far fewer rows in the DOM than the tree has
  expect(await tree.getByRole('treeitem').count()).toBeLessThan(80);

  // step 260 adds DIMM 259, near the end of the tree
  await step(page, 'ArrowRight');
  await expect(page.getByTestId('step-indicator')).toHaveText(/^Step 260 of 262/);
  const added = rowFor(tree, DIMMS - 1);
  await expectInScroller(tree, added);
  await expect(added).toHaveAttribute('data-changed', 'true');
  await expect(added).toContainText('added');

  // step 261 removes DIMM 130, in the middle: the tree scrolls back up to it
  await step(page, 'ArrowRight');
  const freed = rowFor(tree, MIDDLE);
  await expectInScroller(tree, freed);
  await expect(freed).toHaveAttribute('data-changed', 'true');
  await expect(freed).toContainText('freed at this step');
  await expect(rowFor(tree, DIMMS - 1)).toHaveCount(0);

  // ← goes back to step 260: its entry is in view again
  await step(page, 'ArrowLeft');
  await expectInScroller(tree, rowFor(tree, DIMMS - 1));
  // the page itself did not scroll to follow the tree
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
});

test('embed=tree opens at a step with the entry it changed in view and marked', async ({ page }) => {
  test.setTimeout(60_000);
  await open(page, link(DIMMS + 1, 'tree'));
  const tree = page.locator('.embed');
  const freed = rowFor(tree, MIDDLE);
  await expectInScroller(tree, freed);
  await expect(freed).toHaveAttribute('data-changed', 'true');
  await page.setViewportSize({ width: 960, height: 540 });
  await page.screenshot({ path: 'test-results/screenshots/embed-tree-change-960x540.png' });
});

test('the blocks table brings the block a step added into view', async ({ page }) => {
  test.setTimeout(60_000);
  await open(page, link(DIMMS + 1));
  await page.getByRole('tab', { name: 'Memory blocks' }).click();
  const scroller = page.getByTestId('block-table-scroll');
  // DIMM 130 went at step 261; step 262 adds DIMM 260, the last block
  await step(page, 'ArrowRight');
  await page.getByRole('tab', { name: 'Memory blocks' }).click();
  const block = Math.floor(at(DIMMS) / M128);
  const row = scroller.locator(`tr[data-block="${block}"]`);
  await expect(row).toBeVisible();
  await expect(row).toHaveClass(/added/);
  const inView = async () => {
    const s = await scroller.boundingBox();
    const r = await row.boundingBox();
    return !!s && !!r && r.y >= s.y && r.y + r.height <= s.y + s.height + 1;
  };
  await expect.poll(inView).toBe(true);
});

test('screenshots: a step that hit a kernel BUG and a step on the big tree, light and dark, at three sizes', async ({ page }) => {
  test.setTimeout(120_000);
  // the first step of a kept scenario that BUG()s, found by running the engine as the page does
  const found = ['s1-add-never-online-remove.json', 's4-never-onlined-inside-span.json', 's2-normal-lifecycle.json']
    .flatMap((f) => (['v4.18', 'rfc-v1', 'rfc-v2', 'v5.5'] as const).map((k) => ({ f, k, run: runFile(`notes/${f}`, k) })))
    .map(({ f, k, run }) => ({ f, k, i: run.steps.findIndex((s) => s.bug) }))
    .find((x) => x.i >= 0);
  expect(found, 'a kept scenario hits a kernel BUG').toBeDefined();
  const bugLink = '/' + encodeLink({ scenario: loadScenario(`notes/${found!.f}`), kernel: found!.k, compare: null, step: found!.i + 1, view: 'explore' });
  for (const theme of ['light', 'dark'] as const) {
    for (const [w, h] of [
      [1440, 900],
      [1280, 720],
      [390, 844],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      await open(page, bugLink);
      await toTheme(page, theme);
      const ret = page.getByRole('region', { name: 'Step' }).locator('code.ret-bug');
      await expect(ret).toHaveText(/BUG/);
      // red, not the success green
      const colours = await page.evaluate(() => {
        const css = getComputedStyle(document.documentElement);
        return { danger: css.getPropertyValue('--danger').trim(), ok: css.getPropertyValue('--ok').trim(), ret: getComputedStyle(document.querySelector('code.ret-bug')!).color };
      });
      expect(colours.ret).not.toBe(colours.ok);
      await page.screenshot({ path: `test-results/screenshots/bug-step-${w}x${h}-${theme}.png` });
      await open(page, link(DIMMS + 1));
      await toTheme(page, theme);
      const tree = page.locator('section.panel[aria-label="iomem resource tree"]');
      await tree.scrollIntoViewIfNeeded();
      await expectInScroller(tree, rowFor(tree, MIDDLE));
      await page.screenshot({ path: `test-results/screenshots/tree-change-${w}x${h}-${theme}.png` });
    }
  }
});
