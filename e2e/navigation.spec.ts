import { type Page, expect, test } from '@playwright/test';
import { encodeLink } from '../src/links/share-link';
import { DEFAULT_SCENARIO } from '../src/scenario/default-scenario';
import { open, ready, stepTo } from './support';

/** Nothing the user made is lost by navigation (issue 11, items 1 and 2). */

const indicator = (page: Page) => page.getByTestId('step-indicator');
const kernelSelect = (page: Page) => page.getByLabel('Kernel', { exact: true });
const title = (page: Page) => page.locator('.scenario-title');
const MINE = 'My own scenario';

/** The user's own work: the default scenario retitled and cut to five steps, with the JSON editor; shown at `step` under v5.5. */
async function makeMine(page: Page, step: number): Promise<void> {
  await open(page, '/');
  await kernelSelect(page).selectOption('v5.5');
  await ready(page);
  await page.getByRole('tab', { name: 'Scenario (JSON)' }).click();
  const box = page.getByLabel('Scenario file (JSON)');
  const s = JSON.parse(await box.inputValue()) as { title: string; steps: unknown[] };
  await box.fill(JSON.stringify({ ...s, title: MINE, steps: s.steps.slice(0, 5) }, null, 2));
  await page.getByRole('button', { name: 'Apply scenario' }).click();
  await ready(page);
  await expect(title(page)).toHaveText(MINE);
  await stepTo(page, step);
}

test('the skip link moves focus to the views and keeps the user\'s scenario and link', async ({ page }) => {
  await makeMine(page, 3);
  const link = new URL(page.url()).hash;
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the views' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main#main')).toBeFocused();
  await expect(title(page)).toHaveText(MINE);
  await expect(indicator(page)).toHaveText('Step 3 of 5');
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(new URL(page.url()).hash).toBe(link);
  // any anchor the address bar is sent to (a typed #main, an old skip link) is not a link either
  await page.evaluate(() => (window.location.hash = 'main'));
  await expect.poll(() => new URL(page.url()).hash).toBe(link);
  await expect(title(page)).toHaveText(MINE);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.reload();
  await ready(page);
  await expect(title(page)).toHaveText(MINE);
  await expect(indicator(page)).toHaveText('Step 3 of 5');
});

test('a lesson opened over the user\'s work: Undo brings it back, and so does "Back to your scenario"', async ({ page }) => {
  await makeMine(page, 3);
  await page.getByRole('button', { name: 'Lessons' }).click();
  await page.getByRole('button', { name: 'Start lesson 4', exact: true }).click();
  await ready(page);
  await expect(page.getByTestId('lesson-panel')).toBeVisible();
  const notice = page.getByTestId('back-to-yours');
  await expect(notice).toContainText(`Your scenario, ${MINE} (5 steps, at step 3 under v5.5), is kept`);
  await page.getByRole('button', { name: 'Undo' }).click();
  await ready(page);
  await expect(title(page)).toHaveText(MINE);
  await expect(indicator(page)).toHaveText('Step 3 of 5');
  await expect(kernelSelect(page)).toHaveValue('v5.5');
  await expect(notice).toHaveCount(0);
  await expect(page.getByTestId('lesson-panel')).toHaveCount(0);

  await page.getByRole('button', { name: 'Lessons' }).click();
  await page.getByRole('button', { name: 'Start lesson 4', exact: true }).click();
  await ready(page);
  await expect(kernelSelect(page)).toHaveValue('rfc-v1');
  await notice.getByRole('button', { name: 'Back to your scenario' }).click();
  await ready(page);
  await expect(title(page)).toHaveText(MINE);
  await expect(indicator(page)).toHaveText('Step 3 of 5');
  await expect(kernelSelect(page)).toHaveValue('v5.5');
  await expect(notice).toHaveCount(0);
});

test('a link opened over the user\'s work keeps it too', async ({ page }) => {
  await makeMine(page, 2);
  await page.evaluate((h) => (window.location.hash = h), encodeLink({ scenario: { ...DEFAULT_SCENARIO, title: 'A shared link' }, kernel: 'v4.18', compare: null, step: 6, view: 'explore' }));
  await ready(page);
  await expect(title(page)).toHaveText('A shared link');
  await page.getByTestId('back-to-yours').getByRole('button', { name: 'Back to your scenario' }).click();
  await ready(page);
  await expect(title(page)).toHaveText(MINE);
  await expect(indicator(page)).toHaveText('Step 2 of 5');
});

test('after choosing a kernel in the Kernel menu, → steps and the kernel stays', async ({ page }) => {
  await open(page, '/');
  // as a person does: the menu takes focus, a choice is made, the menu keeps focus
  await kernelSelect(page).focus();
  await kernelSelect(page).selectOption('v4.18');
  await ready(page);
  await expect(kernelSelect(page)).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(indicator(page)).toHaveText('Step 2 of 7');
  await page.keyboard.press('ArrowLeft');
  await expect(indicator(page)).toHaveText('Step 1 of 7');
  await ready(page);
  await expect(kernelSelect(page)).toHaveValue('v4.18');
  expect(page.url()).toContain('k=v4.18');
  // the same from the Compare menu
  await page.getByLabel('Compare with').focus();
  await page.getByLabel('Compare with').selectOption('v5.5');
  await ready(page);
  await page.keyboard.press('ArrowRight');
  await expect(indicator(page)).toHaveText('Step 2 of 7');
  await expect(page.getByLabel('Compare with')).toHaveValue('v5.5');
});

test('a link with a step past the end opens its scenario at the last step and says so', async ({ page }) => {
  const link = encodeLink({ scenario: { ...DEFAULT_SCENARIO, title: 'Cut short' }, kernel: 'v5.5', compare: null, step: 1, view: 'explore' }).replace('n=1', 'n=999');
  await open(page, '/' + link);
  await expect(title(page)).toHaveText('Cut short');
  await expect(indicator(page)).toHaveText('Step 7 of 7');
  await expect(page.getByRole('alert')).toContainText('This link asks for step 999, past the end of its scenario: the last step, 7, is shown.');
  await expect(kernelSelect(page)).toHaveValue('v5.5');
});

test('the open tab travels in the link and survives a reload', async ({ page }) => {
  await open(page, '/');
  await page.getByRole('tab', { name: 'Memory blocks' }).click();
  await expect.poll(() => page.url()).toContain('&t=blocks&');
  await page.reload();
  await ready(page);
  await expect(page.getByRole('tab', { name: 'Memory blocks' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tab', { name: 'Zones & nodes' })).toHaveAttribute('aria-selected', 'false');
  // clicked, a tab leaves → to the page: it steps
  await page.getByRole('tab', { name: '/proc/iomem' }).click();
  await page.keyboard.press('ArrowRight');
  await expect(indicator(page)).toHaveText('Step 1 of 7');
  await expect(page.getByRole('tab', { name: '/proc/iomem' })).toHaveAttribute('aria-selected', 'true');
  // reached with the keyboard, the tabs keep the arrow keys (the WAI-ARIA tabs pattern)
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('tab', { name: '/proc/iomem' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: '/proc/zoneinfo' })).toHaveAttribute('aria-selected', 'true');
  await expect(indicator(page)).toHaveText('Step 1 of 7');
});

test('applying the JSON editor keeps the step shown, clamped to the new step count', async ({ page }) => {
  await open(page, '/');
  await stepTo(page, 4);
  await page.getByRole('tab', { name: 'Scenario (JSON)' }).click();
  const box = page.getByLabel('Scenario file (JSON)');
  const s = JSON.parse(await box.inputValue()) as { title: string; steps: unknown[] };
  await box.fill(JSON.stringify({ ...s, title: 'Retitled' }, null, 2));
  await page.getByRole('button', { name: 'Apply scenario' }).click();
  await ready(page);
  await expect(title(page)).toHaveText('Retitled');
  await expect(indicator(page)).toHaveText('Step 4 of 7');
  await box.fill(JSON.stringify({ ...s, steps: s.steps.slice(0, 2) }, null, 2));
  await page.getByRole('button', { name: 'Apply scenario' }).click();
  await ready(page);
  await expect(indicator(page)).toHaveText('Step 2 of 2');
});

test('a prediction\'s grade stays after switching kernel, comparing and reloading', async ({ page }) => {
  await open(page, '/');
  await page.getByRole('button', { name: 'Start lesson 4', exact: true }).click();
  await ready(page);
  await page.getByRole('button', { name: 'Next step' }).click();
  await ready(page);
  await page.getByRole('button', { name: 'Next step' }).click();
  const form = page.getByRole('form', { name: 'Predict step 2' });
  await form.getByLabel('The release of the driver’s devres region, devm_release_mem_region(), after the pages are gone').check();
  await form.getByRole('button', { name: 'Check' }).click();
  await ready(page);
  const result = page.getByTestId('prediction-result');
  await expect(result).toContainText('Not this time.');
  await expect(result).toContainText('Under rfc-v1 the engine shows');

  // the lesson's own button: under v4.18 the driver does release it, but the question was asked under RFC v1
  await page.getByTestId('lesson-panel').getByRole('button', { name: 'Now switch to v4.18 (before the patch)' }).click();
  await ready(page);
  await expect(kernelSelect(page)).toHaveValue('v4.18');
  await expect(result).toContainText('Not this time.');
  await expect(result).toContainText('Graded under rfc-v1, where you answered; the views now show v4.18.');

  await page.getByLabel('Compare with').selectOption('v5.5');
  await ready(page);
  await expect(result).toContainText('Not this time.');

  await page.reload();
  await ready(page);
  await expect(indicator(page)).toHaveText('Step 2 of 5');
  await expect(kernelSelect(page)).toHaveValue('v4.18');
  await expect(result).toContainText('Not this time.');
  await expect(result).toContainText('Graded under rfc-v1');
  // answered already: stepping on from step 1 does not ask again
  await page.getByRole('button', { name: 'Previous step' }).click();
  await ready(page);
  await page.getByRole('button', { name: 'Next step' }).click();
  await ready(page);
  await expect(indicator(page)).toHaveText('Step 2 of 5');
  await expect(result).toContainText('Not this time.');
});
