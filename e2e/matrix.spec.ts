import { type Page, expect, test } from '@playwright/test';
import { matrixCell } from '../src/engine/matrix';
import { runScenario } from '../src/engine/run';
import { VARIANTS } from '../src/engine/variants';
import type { KernelId } from '../src/engine/ops';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { lessonById } from '../src/lessons';
import { DEFAULT_SCENARIO } from '../src/scenario/default-scenario';
import { toMachineInput } from '../src/scenario/machine-input';
import { parseScenario } from '../src/scenario/schema';
import type { Scenario } from '../src/scenario/types';
import { axeViolations } from './axe';
import { open, ready } from './support';

const KERNELS = Object.keys(VARIANTS) as KernelId[];
const NOTES = path.resolve(import.meta.dirname, '../test-scenarios/notes');
const NOTES_IDS = readdirSync(NOTES).filter((f) => f.endsWith('.json')).sort().map((f) => f.slice(0, -'.json'.length));

/** The scenario a row of the page names: a notes file, a lesson's, or the one open (the default here). */
function scenarioOf(rowId: string): Scenario {
  if (rowId === 'open') return DEFAULT_SCENARIO;
  if (rowId.startsWith('lesson-')) return lessonById(rowId.slice('lesson-'.length))!.scenario;
  const read = parseScenario(readFileSync(path.join(NOTES, `${rowId}.json`), 'utf8'));
  if (!read.ok) throw new Error(read.errors.join('; '));
  return read.scenario;
}
const cell = (page: Page, row: string, kernel: string) => page.locator(`.matrix-table tr[data-row="${row}"] td[data-kernel="${kernel}"]`);

async function openMatrix(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Review matrix' }).click();
  await expect(page.getByRole('region', { name: /^Review matrix/ })).toBeVisible();
  // computed: the last row's last cell is drawn, and nothing is computing any more
  await expect(page.getByTestId('review-matrix')).toHaveAttribute('aria-busy', 'false');
  await expect(page.locator('.matrix-table tbody tr[data-row="open"]')).toHaveCount(1);
}

test('the matrix: every built-in scenario and the one open under every kernel, as the engine computes them', async ({ page }) => {
  const errors = await open(page);
  await openMatrix(page);
  await expect(page.locator('.matrix-table thead th')).toHaveText(['Scenario', ...KERNELS]);
  const rowIds = await page.locator('.matrix-table tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row')!));
  // S1–S8 first, in file order; then lessons; the scenario open last
  expect(rowIds.slice(0, NOTES_IDS.length)).toEqual(NOTES_IDS);
  expect(rowIds.at(-1)).toBe('open');
  expect(rowIds.slice(NOTES_IDS.length, -1).every((id) => id.startsWith('lesson-'))).toBe(true);
  for (const id of rowIds) {
    const s = scenarioOf(id);
    for (const k of KERNELS) {
      const want = matrixCell(runScenario({ kernel: k, config: s.config, machine: toMachineInput(s.machine), steps: s.steps }));
      await expect(cell(page, id, k), `${id} under ${k}`).toHaveAttribute('data-outcome', want.outcome);
    }
  }
  // the text twin: what the cell says in words, not only its colour
  await expect(cell(page, 's5-hmm-private', 'rfc-v1')).toContainText('4 findings from step 2');
  await expect(cell(page, 's5-hmm-private', 'rfc-v1')).toContainText('resource-released-while-owned');
  await expect(cell(page, 's5-hmm-private', 'v4.18')).toContainText('clean');
  await expect(cell(page, 's1-add-never-online-remove', 'rfc-v1')).toContainText('BUG at step 2');
  await expect(cell(page, 's1-add-never-online-remove', 'rfc-v1')).toContainText('in unregister_mem_sect_under_nodes()');
  expect(errors).toEqual([]);
});

test('clicking a BUG cell opens that scenario under that kernel at the BUG; the scenario before is one undo away', async ({ page }) => {
  await open(page);
  await openMatrix(page);
  await cell(page, 's1-add-never-online-remove', 'rfc-v1').getByRole('button').click();
  await ready(page);
  await expect(page.getByTestId('step-indicator')).toHaveText(/^Step 2 of 2\b/);
  await expect(page.getByLabel('Kernel', { exact: true })).toHaveValue('rfc-v1');
  await expect(page.getByRole('main')).toContainText('unregister_mem_sect_under_nodes');
  // the row of the scenario open now is S1 now, its rfc-v1 cell the one shown
  await expect(cell(page, 'open', 'rfc-v1')).toHaveClass(/is-shown/);
  await expect(cell(page, 'open', 'rfc-v1')).toHaveAttribute('data-outcome', 'bug');
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('Control+z');
  await ready(page);
  await expect(page.locator('.matrix-table tr[data-row="open"] th')).toContainText(DEFAULT_SCENARIO.title);
});

test('the HMM scenario: the rfc-v1 cell, reached with the arrow keys and opened with Enter, lands where gpu0 lost its resource', async ({ page }) => {
  await open(page);
  await openMatrix(page);
  await expect(cell(page, 's5-hmm-private', 'rfc-v1')).toHaveClass(/cell-finding/);
  const stepBefore = await page.getByTestId('step-indicator').textContent();
  // the grid is one Tab stop: the first cell, then arrows (which do not step the page)
  const first = cell(page, NOTES_IDS[0]!, KERNELS[0]!).getByRole('button');
  await expect(first).toHaveAttribute('tabindex', '0');
  await expect(cell(page, NOTES_IDS[0]!, KERNELS[1]!).getByRole('button')).toHaveAttribute('tabindex', '-1');
  await first.focus();
  const down = NOTES_IDS.indexOf('s5-hmm-private');
  for (let i = 0; i < down; i++) await page.keyboard.press('ArrowDown');
  for (let i = 0; i < KERNELS.indexOf('rfc-v1'); i++) await page.keyboard.press('ArrowRight');
  await expect(cell(page, 's5-hmm-private', 'rfc-v1').getByRole('button')).toBeFocused();
  await expect(page.getByTestId('step-indicator')).toHaveText(stepBefore!);
  await page.keyboard.press('Enter');
  await ready(page);
  await expect(page.getByTestId('step-indicator')).toHaveText(/^Step 2 of 2\b/);
  await expect(page.getByLabel('Kernel', { exact: true })).toHaveValue('rfc-v1');
  await expect(page.getByRole('region', { name: 'Findings', exact: true })).toContainText('resource-released-while-owned');
});

test('a long matrix computes in its worker: the page steps meanwhile, and Cancel stops it', async ({ page }) => {
  await open(page);
  // 6,000 add/online/offline/remove cycles: 24,000 steps under every kernel take seconds
  const cycle = [
    { op: 'add_memory', nid: 0, start: 0x140000000, size: 128 * 2 ** 20 },
    { op: 'online', start: 0x140000000, size: 128 * 2 ** 20, as: 'online_movable' },
    { op: 'offline', start: 0x140000000, size: 128 * 2 ** 20 },
    { op: 'remove_memory', nid: 0, start: 0x140000000, size: 128 * 2 ** 20 },
  ];
  const big = { ...DEFAULT_SCENARIO, title: 'many cycles', steps: Array.from({ length: 6000 }, () => cycle).flat(), cursor: 0 };
  await page.evaluate((s) => (window as unknown as { __hotplug: { store: { getState(): { openScenario(s: unknown): Promise<unknown> } } } }).__hotplug.store.getState().openScenario(s), big);
  await ready(page);
  await page.getByRole('button', { name: 'Review matrix' }).click();
  const matrix = page.getByTestId('review-matrix');
  await expect(matrix).toHaveAttribute('aria-busy', 'true');
  await expect(page.locator('.matrix-progress progress')).toBeVisible();
  // the page answers while the matrix runs: the last step, which no cache holds, is drawn
  await page.getByRole('button', { name: /Last/ }).click();
  await expect(page.getByTestId('step-indicator')).toHaveText(/^Step 24,?000 of 24,?000\b/);
  await ready(page);
  await expect(matrix, 'still computing after the page drew the step').toHaveAttribute('aria-busy', 'true');
  await matrix.getByRole('button', { name: 'Cancel' }).click();
  await expect(matrix).toHaveAttribute('aria-busy', 'false');
  await expect(matrix).toContainText('Stopped');
  await expect(page.locator('.matrix-table')).toHaveCount(0);
  // and it can be run again
  await matrix.getByRole('button', { name: 'Run it again' }).click();
  await expect(matrix).toHaveAttribute('aria-busy', 'true');
});

test('axe finds nothing on the matrix, in either theme', async ({ page }) => {
  // axe over every cell, twice: about 30 s on a loaded 2-core machine with lessons 5 and 6's rows
  test.setTimeout(90_000);
  for (const theme of ['light', 'dark']) {
    await page.goto('/');
    await page.evaluate((t) => localStorage.setItem('hotplug-explorer.theme', t), theme);
    await open(page);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await openMatrix(page);
    expect(await axeViolations(page), theme).toEqual([]);
  }
});

for (const [w, h] of [
  [1440, 900],
  [1280, 720],
  [1024, 768],
  [390, 844],
] as const) {
  test(`screenshot ${w}x${h} of the matrix, light and dark`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: h });
    await open(page);
    const before = await page.evaluate(() => document.documentElement.scrollWidth);
    await openMatrix(page);
    const section = page.getByRole('region', { name: /^Review matrix/ });
    await section.scrollIntoViewIfNeeded();
    // the section fits the page's width: the table scrolls inside it and the page is no wider than before
    const box = (await section.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(w + 1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(before);
    await page.screenshot({ path: `test-results/screenshots/matrix-${w}x${h}.png` });
    await section.screenshot({ path: `test-results/screenshots/matrix-${w}x${h}-section.png` });
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await section.screenshot({ path: `test-results/screenshots/matrix-${w}x${h}-dark.png` });
  });
}
