/**
 * A two-node machine on the page: a capture of one (constructed from the N00 recording's numbers,
 * see its header) opens with both nodes in the map and the zone table; the builder hot-adds a
 * DIMM to node 1; the exported zoneinfo lists node 1 with the DIMM in its Movable zone.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { encodeLink } from '../src/links/share-link';
import { readMachineCapture } from '../src/scenario/machine-capture';
import { axeViolations } from './axe';
import { open, ready, stepTo } from './support';

const ROOT = path.resolve(import.meta.dirname, '..');
const SHOTS = path.join(ROOT, 'test-results/screenshots');
const NAME = 'two-node-constructed.capture';
const CAPTURE = readFileSync(path.join(ROOT, 'test-scenarios/captures', NAME), 'utf8');
const SIZES = [[1440, 900], [1280, 720], [390, 844]] as const;

test('a two-node capture shows two nodes; a DIMM hot-added to node 1 from the builder is in node 1\'s zoneinfo', async ({ page }) => {
  const errors = await open(page);
  mkdirSync(SHOTS, { recursive: true });
  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import' });
  await dialog.getByLabel('Open scenario file').setInputFiles({ name: NAME, mimeType: 'text/plain', buffer: Buffer.from(CAPTURE) });
  await expect(dialog.getByRole('status')).toContainText(`Opened ${NAME}`);
  await expect(dialog.getByRole('list', { name: 'How the capture was read' })).toContainText("0x40000000+1G is node 1's");
  await expect(dialog.getByTestId('capture-link-size')).toContainText('within the 32.0 KB a link may hold');
  await expect(dialog).toContainText('become boot memory on node 0 and, where machine.nodes says, node 1');
  for (const [w, h] of SIZES) {
    await page.setViewportSize({ width: w, height: h });
    await dialog.getByTestId('capture-link-size').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, `numa-import-${w}x${h}.png`) });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.keyboard.press('Escape');
  await ready(page);

  // both nodes: in the zoneinfo text, the zone table and the map's text twin
  await expect(page.getByTestId('zoneinfo-text')).toContainText('Node 1, zone    DMA32\n        spanned  262112\n        present  262112');
  const zones = page.getByRole('table', { name: 'Zones and nodes' });
  await expect(zones.getByRole('rowheader', { name: 'node 0', exact: true })).toBeVisible();
  await expect(zones.getByRole('rowheader', { name: 'node 1', exact: true })).toBeVisible();
  await expect(page.getByTestId('pfn-map-text')).toContainText('node 1');
  expect(await axeViolations(page)).toEqual([]);

  // the builder: add_memory proposes node 0 for 5 GiB (no node range holds it); pick node 1
  await page.getByRole('tab', { name: 'Add or edit a step' }).click();
  const builder = page.getByRole('form', { name: 'Operation builder' });
  await builder.getByLabel('Operation').selectOption('add_memory');
  const nid = builder.getByLabel('nid');
  await expect(nid).toHaveValue('0');
  await expect(nid.locator('option')).toHaveText(['node 0', 'node 1 (0x40000000–0x7fffffff)', 'node 2 (a new node)']);
  await builder.getByLabel('start').fill('0x40000000');
  await expect(nid).toHaveValue('1'); // the node the range falls in
  await builder.getByLabel('start').fill('0x100000000');
  await expect(nid).toHaveValue('0');
  await nid.selectOption('1');
  await builder.getByLabel('size').fill('1G');
  await builder.getByRole('button', { name: 'Append step' }).click();
  await expect(builder.locator('.op-result')).toContainText('Step 1 returned 0');
  await builder.getByLabel('Operation').selectOption('online');
  await builder.getByLabel('start').fill('0x100000000');
  await builder.getByLabel('size').fill('1G');
  await builder.getByLabel('as').selectOption('online_movable');
  await builder.getByRole('button', { name: 'Append step' }).click();
  await expect(builder.locator('.op-result')).toContainText('Step 2 returned 0');
  await ready(page);

  await page.getByRole('tab', { name: 'Zones & nodes' }).click();
  for (const [w, h] of SIZES) {
    await page.setViewportSize({ width: w, height: h });
    await ready(page);
    await page.locator('.pfn-map').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, `numa-node1-dimm-map-${w}x${h}.png`) });
    await zones.getByRole('rowheader', { name: 'node 1', exact: true }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, `numa-node1-dimm-zones-${w}x${h}.png`) });
  }
  await page.setViewportSize({ width: 1440, height: 900 });

  // the exported zoneinfo: node 1's Movable holds the DIMM, node 0's has nothing
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.io-menu').getByRole('button', { name: /zoneinfo/ }).click()]);
  const text = readFileSync(await download.path(), 'utf8');
  expect(text).toContain('Node 1, zone  Movable\n        spanned  262144\n        present  262144\n        managed  262144\n  start_pfn:           1048576');
  expect(text).toContain('Node 0, zone  Movable\n        spanned  0\n');
  expect(text.indexOf('Node 1,')).toBeGreaterThan(text.lastIndexOf('Node 0,'));
  expect(errors).toEqual([]);
});

test('a node without memory is listed as offline, and its first hot-add brings it online', async ({ page }) => {
  const read = readMachineCapture(CAPTURE);
  if (!read.ok || read.scenario.machine.kind !== 'iomem') throw new Error('the two-node capture does not read');
  const machine = { ...read.scenario.machine, nodes: [...(read.scenario.machine.nodes ?? []), { nid: 2, start: 0, size: 0 }] };
  const scenario = { ...read.scenario, machine, steps: [{ op: 'add_memory' as const, nid: 2, start: 4 * 2 ** 30, size: 2 ** 30 }], cursor: 0 };
  const errors = await open(page, '/' + encodeLink({ scenario, kernel: 'v6.12', compare: null, step: 0, view: 'explore' }));
  const zones = page.getByRole('table', { name: 'Zones and nodes' });
  await expect(zones).toContainText('node 2: offline, no memory');
  await expect(page.getByTestId('zoneinfo-text')).not.toContainText('Node 2');
  await zones.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SHOTS, 'numa-memoryless-1440x900.png') });
  await stepTo(page, 1);
  await expect(zones).not.toContainText('offline, no memory');
  await expect(page.getByTestId('zoneinfo-text')).toContainText('Node 2, zone   Normal\n        spanned  0');
  await expect(zones.getByRole('rowheader', { name: 'node 2', exact: true })).toBeVisible();
  expect(errors).toEqual([]);
});
