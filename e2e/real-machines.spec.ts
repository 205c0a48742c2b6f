import { expect, test } from '@playwright/test';
import { BIG_2G } from '../bench/page-scenarios';
import { encodeLink } from '../src/links/share-link';
import { IOMEM_CLASS_FILL } from '../src/views/pfn-map/resource-class';
import { DEFAULT_SCENARIO } from '../src/scenario/default-scenario';
import { parseIomemText } from '../src/scenario/iomem-text';
import { open } from './support';

test('the 64 TiB machine: the builder proposes 2 GiB blocks at a 2 GiB boundary and says why', async ({ page }) => {
  const errors = await open(page, '/' + encodeLink({ scenario: { ...BIG_2G, steps: [] }, kernel: 'v5.5', compare: null, step: 0, view: 'explore' }));
  await page.getByRole('tab', { name: 'Add or edit a step' }).click();
  const builder = page.getByRole('form', { name: 'Operation builder' });
  await builder.getByLabel('Operation').selectOption('offline');
  await expect(builder.getByLabel('size')).toHaveValue('2G');
  await expect(builder.getByLabel('start')).toHaveValue('0x180000000');
  const note = builder.getByTestId('block-size-note');
  await expect(note).toContainText('Memory blocks here are 2G');
  await expect(note).toContainText('at least 64 GiB and aligned to 2 GiB');
  await expect(note).toContainText('0x400000000000 (65536 GiB)');
  // the default range is accepted: offline of a whole (online) 2 GiB block returns 0
  await builder.getByRole('button', { name: 'Append step' }).click();
  await expect(builder.locator('.op-result')).toContainText('Step 1 returned 0');
  expect(errors).toEqual([]);
});

test('a legacy persistent-memory range is drawn as persistent memory, in the map and the tree', async ({ page }) => {
  const text = ['00000000-00000fff : Reserved', '00001000-0009fbff : System RAM', '00100000-bfffffff : System RAM', '100000000-13fffffff : Persistent Memory (legacy)', ''].join('\n');
  const parsed = parseIomemText(text);
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  const scenario = { ...DEFAULT_SCENARIO, title: 'legacy pmem', machine: { kind: 'iomem' as const, text, entries: parsed.entries }, steps: [] };
  const errors = await open(page, '/' + encodeLink({ scenario, kernel: 'v5.5', compare: null, step: 0, view: 'explore' }));
  await expect(page.getByRole('treeitem', { name: /Persistent Memory \(legacy\)/ }).locator('.rt-class')).toHaveText('persistent memory');
  // the map's iomem row holds the persistent-memory colour, and the legend names it
  const pmem = IOMEM_CLASS_FILL.light.pmem;
  const found = await page.locator('.pfn-map__stage canvas[role=img]').evaluate((c: HTMLCanvasElement, hex: string) => {
    const want = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    for (let i = 0; i < d.length; i += 4) if (d[i] === want[0] && d[i + 1] === want[1] && d[i + 2] === want[2]) return true;
    return false;
  }, pmem);
  expect(found, 'persistent memory drawn in its colour').toBe(true);
  await expect(page.getByRole('list', { name: 'Legend of the physical address map' })).toContainText('persistent memory');
  expect(errors).toEqual([]);
});

test('removing a range that was never added: the step returns 0, and the log line it leaves is explained', async ({ page }) => {
  const G = 1024 ** 3;
  const scenario = { ...DEFAULT_SCENARIO, title: 'Remove what was never added', steps: [{ op: 'remove_memory' as const, nid: 0, start: 8 * G, size: 128 * 1024 ** 2 }] };
  const errors = await open(page, '/' + encodeLink({ scenario, kernel: 'v5.5', compare: null, step: 1, view: 'explore' }));
  const summary = page.getByRole('region', { name: 'Step', exact: true });
  await expect(summary).toContainText('returned 0');
  const notes = summary.getByRole('list', { name: 'What the log says' });
  await expect(notes).toContainText('Unable to release resource');
  await expect(notes).toContainText('No busy System RAM entry in /proc/iomem holds this range: nothing was hot-added there');
  expect(errors).toEqual([]);
});

test('without a /proc/zoneinfo, managed pages at boot are marked as assumed equal to present, and the page says why', async ({ page }) => {
  const errors = await open(page, '/' + encodeLink({ scenario: DEFAULT_SCENARIO, kernel: 'v5.5', compare: null, step: 0, view: 'explore' }));
  await page.getByRole('tab', { name: 'Zones & nodes' }).click();
  await expect(page.getByRole('columnheader', { name: 'managed*' })).toBeVisible();
  const note = page.locator('[data-testid="managed-note"]:visible');
  await expect(note).toContainText('at boot is assumed equal to present: no /proc/zoneinfo came with this machine');
  await expect(note).toContainText('import the machine with its /proc/zoneinfo');
  await page.getByRole('tab', { name: '/proc/zoneinfo' }).click();
  await expect(page.locator('[data-testid="managed-note"]:visible')).toContainText('assumed equal to present');
  expect(errors).toEqual([]);
});
