import { expect, test } from '@playwright/test';
import { BIG_2G } from '../bench/page-scenarios';
import { encodeLink } from '../src/links/share-link';
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
