import { expect, test } from '@playwright/test';
import { axeViolations } from './axe';
import { expected, open, ready, stepTo } from './support';

test('opens on the default scenario with the test contract in place', async ({ page }) => {
  const errors = await open(page);
  await expect(page.getByRole('heading', { name: 'Hotplug Explorer' })).toBeVisible();
  await expect(page.getByTestId('step-indicator')).toHaveText('Step 0 of 7');
  const kernel = page.getByLabel('Kernel', { exact: true });
  await expect(kernel.locator('option')).toHaveText([/^v4\.18/, /^v5\.5/, /^v6\.12/, /^RFC v1/, /^RFC v2/, /^RFC v3/, /^is_device/, /^Refcount/]);
  await expect(kernel).toHaveValue('rfc-v1');
  expect(await page.getByTestId('iomem-text').textContent()).toBe(expected('rfc-v1', 0).iomem);
  expect(await page.getByTestId('zoneinfo-text').textContent()).toBe(expected('rfc-v1', 0).zoneinfo);
  await expect(page.getByRole('button', { name: 'Next step' })).toBeEnabled();
  expect(errors).toEqual([]);
});

test('the HMM story: RFC v1 frees the driver\'s resource, v4.18 does not', async ({ page }) => {
  const errors = await open(page);
  await stepTo(page, 5);
  await expect(page.getByTestId('iomem-text')).toContainText('3ffff0000000-3fffffffffff : gpu0');
  await page.getByRole('button', { name: 'Next step' }).click();
  await ready(page);
  await expect(page.getByTestId('step-indicator')).toHaveText('Step 6 of 7');
  expect(await page.getByTestId('iomem-text').textContent()).toBe(expected('rfc-v1', 6).iomem);
  const findings = page.getByTestId('findings');
  await expect(findings).toContainText('resource-released-while-owned');
  await expect(findings).toContainText('use-after-free');
  await expect(findings).toContainText('nonexistent-resource-release');
  await expect(page.getByTestId('call-trace')).toContainText('release_mem_region_adjustable');
  await expect(page.locator('.step-summary')).toContainText('Trying to free nonexistent resource <00003ffff0000000-00003fffffffffff>');

  await page.getByLabel('Kernel', { exact: true }).selectOption('v4.18');
  await ready(page);
  await expect(page.getByTestId('step-indicator')).toHaveText('Step 6 of 7');
  await expect(page.getByTestId('findings')).not.toContainText('resource-released-while-owned');
  expect(await page.getByTestId('iomem-text').textContent()).toBe(expected('v4.18', 6).iomem);
  expect(page.url()).toContain('k=v4.18');
  expect(page.url()).toContain('n=6');
  expect(errors).toEqual([]);
});

test('compare two kernels side by side', async ({ page }) => {
  await open(page);
  await page.getByLabel('Compare with').selectOption('v4.18');
  await ready(page);
  const compare = page.getByTestId('compare');
  await expect(compare).toContainText('first part at step 3');
  await stepTo(page, 6);
  await expect(compare).toContainText('Trying to free nonexistent resource');
  expect(page.url()).toContain('c=v4.18');
});

test('choosing a finding jumps to its step and highlights its range', async ({ page }) => {
  await open(page);
  await page.getByRole('button', { name: /Go to step 6: use-after-free/ }).click();
  await ready(page);
  await expect(page.getByTestId('step-indicator')).toHaveText('Step 6 of 7');
  await expect(page.getByText('Highlighted: the range of the finding you chose.')).toBeVisible();
});

test('append a step the kernel refuses, see its error inline, then undo', async ({ page }) => {
  await open(page);
  await page.getByRole('tab', { name: 'Add or edit a step' }).click();
  const form = page.getByRole('form', { name: 'Operation builder' });
  await form.getByLabel('start').fill('0x140001000');
  await form.getByRole('button', { name: 'Append step' }).click();
  await ready(page);
  await expect(page.getByTestId('step-indicator')).toHaveText('Step 8 of 8');
  await expect(page.locator('.step-summary')).toContainText('-22 (-EINVAL)');
  await expect(page.locator('.step-summary')).toContainText('Block size [0x8000000] unaligned hotplug range: start 0x140001000, size 0x8000000');
  await form.getByLabel('start').fill('0x14000000g');
  await form.getByRole('button', { name: 'Append step' }).click();
  await expect(form.getByRole('alert')).toContainText('field "start"');
  await expect(page.getByTestId('step-indicator')).toHaveText('Step 8 of 8');
  await page.getByRole('button', { name: 'Undo' }).click();
  await ready(page);
  await expect(page.getByTestId('step-indicator')).toHaveText('Step 7 of 7');
});

test('a scenario file that does not parse is named by step and field and changes nothing', async ({ page }) => {
  await open(page);
  await page.getByRole('tab', { name: 'Scenario (JSON)' }).click();
  const box = page.getByLabel('Scenario file (JSON)');
  const text = await box.inputValue();
  await box.fill(text.replace('"op": "add_memory"', '"op": "add_memroy"'));
  await page.getByRole('button', { name: 'Apply scenario' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'unknown op' })).toContainText('step 1');
  await expect(page.getByTestId('step-indicator')).toHaveText('Step 0 of 7');
});

test('reloading the page shows the same scenario, kernel and step', async ({ page }) => {
  await open(page);
  await page.getByLabel('Kernel', { exact: true }).selectOption('v5.5');
  await ready(page);
  await stepTo(page, 3);
  const before = await page.getByTestId('iomem-text').textContent();
  await page.reload();
  await ready(page);
  await expect(page.getByTestId('step-indicator')).toHaveText('Step 3 of 7');
  await expect(page.getByLabel('Kernel', { exact: true })).toHaveValue('v5.5');
  expect(await page.getByTestId('iomem-text').textContent()).toBe(before);
});

test('a damaged link says what is wrong and opens the default scenario', async ({ page }) => {
  await page.goto('/#v=1&k=v4.18&n=2&s=NOTACOMPRESSEDSCENARIO');
  await ready(page);
  await expect(page.getByRole('alert')).toContainText('The default scenario was opened instead');
  await expect(page.getByTestId('step-indicator')).toHaveText('Step 0 of 7');
  await page.goto('/#v=7&s=x');
  await ready(page);
  await expect(page.getByRole('alert')).toContainText('newer than this Hotplug Explorer can read (it reads format versions 1 and 2)');
});

test('if the engine worker dies, the page says so and runs the scenario again', async ({ page }) => {
  await open(page);
  await stepTo(page, 2);
  await page.evaluate(() => (window as unknown as { __hotplug: { client: { simulateCrash(): void }; store: { getState(): { setKernel(k: string): Promise<void> } } } }).__hotplug.client.simulateCrash());
  await expect(page.getByRole('alert')).toContainText('engine stopped');
  await page.getByLabel('Kernel', { exact: true }).selectOption('v4.18');
  await ready(page);
  expect(await page.getByTestId('iomem-text').textContent()).toBe(expected('v4.18', 2).iomem);
});

test('no accessibility violations of any impact', async ({ page }) => {
  await open(page);
  await stepTo(page, 6);
  expect(await axeViolations(page)).toEqual([]);
});
