import { expect, type Locator, type Page, test } from '@playwright/test';
import { LESSONS, lessonLabel } from '../src/lessons';
import { LESSON_ZONE_DEVICE } from '../src/lessons/lesson-4-zone-device';
import { encodeLink } from '../src/links/share-link';
import { axeViolations } from './axe';
import { expected, open, ready } from './support';

const indicator = (page: Page) => page.getByTestId('step-indicator');
const kernelSelect = (page: Page) => page.getByLabel('Kernel', { exact: true });
const panel = (page: Page) => page.getByTestId('lesson-panel');

test('a newcomer reaches the ZONE_DEVICE lesson\u2019s key finding within three clicks of the landing page', async ({ page }) => {
  const errors = await open(page, '/');
  let clicks = 0;
  const click = async (target: Locator) => {
    await target.click();
    clicks++;
    await ready(page);
  };
  await expect(page.getByTestId('landing')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Learn memory hot-remove by watching the kernel do it' })).toBeInViewport();

  await click(page.getByRole('button', { name: 'Start lesson 4', exact: true }));
  await expect(indicator(page)).toHaveText('Step 0 of 5');
  await click(panel(page).getByRole('button', { name: 'Jump to the key moment' }));

  // the key finding: RFC v1 frees the HMM driver's resource while the driver owns it
  await expect(indicator(page)).toHaveText('Step 2 of 5');
  await expect(kernelSelect(page)).toHaveValue('rfc-v1');
  await expect(page.getByTestId('lesson-key')).toContainText('RFC v1 frees gpu0\u2019s resource while gpu0 still owns it');
  await expect(page.getByTestId('lesson-key')).toBeInViewport();
  await expect(page.locator('.step-summary')).toContainText('Resource released while a driver owns it');
  await expect(page.locator('.step-summary')).toBeInViewport();
  await expect(page.getByTestId('findings')).toContainText('resource-released-while-owned');
  expect(clicks).toBe(2);
  expect(clicks).toBeLessThanOrEqual(3);
  expect(errors).toEqual([]);
});

test('the landing leaves the explorer reachable, with the page contract in place below it', async ({ page }) => {
  await open(page, '/');
  await expect(page.getByTestId('landing')).toBeVisible();
  await expect(indicator(page)).toHaveText('Step 0 of 7');
  await expect(kernelSelect(page)).toHaveValue('rfc-v1');
  await page.getByRole('button', { name: 'Open the explorer' }).click();
  await expect(page.getByTestId('landing')).toBeHidden();
  await expect(indicator(page)).toHaveText('Step 0 of 7');
  await page.getByRole('button', { name: 'Next step' }).click();
  await ready(page);
  await expect(indicator(page)).toHaveText('Step 1 of 7');
  expect(await page.getByTestId('iomem-text').textContent()).toBe(expected('rfc-v1', 1).iomem);
  // the Lessons toggle brings the landing back
  await page.getByRole('button', { name: 'Lessons', exact: true }).click();
  await expect(page.getByTestId('landing')).toBeVisible();
  await expect(panel(page)).toBeHidden();
});

test('walk lesson 4 (ZONE_DEVICE): a wrong prediction, a right one, a skipped one, kernel switches and the next lesson', async ({ page }) => {
  const errors = await open(page, '/');
  await page.getByRole('button', { name: 'Start lesson 4', exact: true }).click();
  await ready(page);
  await expect(panel(page)).toContainText('A GPU driver and memory that is not RAM');
  await page.getByRole('button', { name: 'Next step' }).click();
  await ready(page);
  await expect(indicator(page)).toHaveText('Step 1 of 5');
  await expect(panel(page)).toContainText('hmm_devmem_add(): a resource the driver owns');
  // source links for the kernel shown
  await expect(panel(page).getByRole('link', { name: 'hmm_devmem_add()' }).first()).toHaveAttribute('href', /^https:\/\/elixir\.bootlin\.com\/linux\/v4\.18\.20\/source\/mm\/hmm\.c#L\d+$/);

  // Next step asks first: the step is held until the student predicts
  await page.getByRole('button', { name: 'Next step' }).click();
  await expect(indicator(page)).toHaveText('Step 1 of 5');
  const form = page.getByRole('form', { name: 'Predict step 2' });
  await expect(form).toContainText('Who takes gpu0\u2019s line out of /proc/iomem?');
  await expect(form.getByRole('status')).toContainText('Make your prediction first');
  await expect(form.getByRole('button', { name: 'Check' })).toBeDisabled();
  await form.getByLabel('The release of the driver’s devres region, devm_release_mem_region(), after the pages are gone').check();
  await form.getByRole('button', { name: 'Check' }).click();
  await ready(page);
  await expect(indicator(page)).toHaveText('Step 2 of 5');
  const result = page.getByTestId('prediction-result');
  await expect(result).toContainText('Not this time.');
  await expect(result).toContainText('The core hotplug code (__remove_pages), while the driver still owns it');
  await expect(result).toContainText('release_mem_region_adjustable(), which freed the iomem entry "gpu0"');
  expect(await page.getByTestId('iomem-text').textContent()).toBe(expected('rfc-v1', 2, LESSON_ZONE_DEVICE.scenario).iomem);
  expect(page.url()).toContain('lesson=zone-device-resource');
  expect(page.url()).toContain('n=2');
  // RFC v1's patch is linked for the functions it changed
  await expect(panel(page).getByRole('link', { name: '__remove_pages()' }).first()).toHaveAttribute('href', 'https://lore.kernel.org/linux-mm/20180807133757.18352-3-osalvador@techadventures.net/');

  // "now switch to v4.18": the grade belongs to the question, asked under RFC v1, so it stays
  await panel(page).getByRole('button', { name: 'Now switch to v4.18 (before the patch)' }).click();
  await ready(page);
  await expect(kernelSelect(page)).toHaveValue('v4.18');
  await expect(indicator(page)).toHaveText('Step 2 of 5');
  await expect(result).toContainText('Not this time.');
  await expect(result).toContainText('Graded under rfc-v1, where you answered; the views now show v4.18.');
  await expect(panel(page)).toContainText('asks is_dev_zone() first');
  await expect(page.getByTestId('findings')).not.toContainText('resource-released-while-owned');
  expect(page.url()).toContain('k=v4.18');
  await panel(page).getByRole('button', { name: 'Back to RFC v1' }).click();
  await ready(page);

  // the → key goes through the same gate
  await page.keyboard.press('ArrowRight');
  await ready(page);
  await expect(indicator(page)).toHaveText('Step 3 of 5');
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('ArrowRight');
  await expect(indicator(page)).toHaveText('Step 3 of 5');
  const form4 = page.getByRole('form', { name: 'Predict step 4' });
  await form4.getByLabel('Freed memory: the core released the platform\u2019s resource first (a use-after-free)').check();
  await form4.getByRole('button', { name: 'Check' }).click();
  await ready(page);
  await expect(indicator(page)).toHaveText('Step 4 of 5');
  await expect(result).toContainText('Right.');
  await expect(result).toContainText('the platform\u2019s line is gone from /proc/iomem');

  // Previous step and Next step still work; an answered step is not asked again
  await page.getByRole('button', { name: 'Previous step' }).click();
  await ready(page);
  await expect(indicator(page)).toHaveText('Step 3 of 5');
  await page.getByRole('button', { name: 'Next step' }).click();
  await ready(page);
  await expect(indicator(page)).toHaveText('Step 4 of 5');

  await page.getByRole('button', { name: 'Next step' }).click();
  await page.getByRole('form', { name: 'Predict step 5' }).getByRole('button', { name: 'Skip the question' }).click();
  await ready(page);
  await expect(indicator(page)).toHaveText('Step 5 of 5');
  await expect(panel(page)).toContainText('You skipped the prediction.');
  await expect(panel(page)).toContainText('Granted, while the platform still believes it owns the range');
  await expect(page.getByTestId('lesson-progress')).toHaveText('step 5 of 5');

  // the end offers the lesson after this one, or the list when this is the last
  const after = LESSONS[LESSONS.indexOf(LESSON_ZONE_DEVICE) + 1];
  if (!after) {
    await panel(page).getByRole('button', { name: 'That was the last lesson: back to the list' }).click();
    await expect(page.getByTestId('landing')).toBeVisible();
    expect(errors).toEqual([]);
    return;
  }
  await panel(page).getByRole('button', { name: `Continue: ${lessonLabel(after)}, ${after.title}` }).click();
  await ready(page);
  await expect(indicator(page)).toHaveText(`Step 0 of ${after.scenario.steps.length}`);
  await expect(kernelSelect(page)).toHaveValue(after.scenario.kernel);
  expect(page.url()).toContain(`lesson=${after.id}`);

  await panel(page).getByRole('button', { name: 'Exit lesson' }).click();
  await expect(panel(page)).toBeHidden();
  await expect(indicator(page)).toHaveText(`Step 0 of ${after.scenario.steps.length}`);
  await expect.poll(() => page.url()).not.toContain('lesson=');
  expect(errors).toEqual([]);
});

for (const lesson of LESSONS) {
  test(`lesson ${lesson.id}: its link reopens the lesson at the same step and kernel, also after a reload`, async ({ page }) => {
    const step = Math.min(lesson.key.step + 1, lesson.scenario.steps.length) - 1;
    const kernel = lesson.kernels[lesson.kernels.length - 1]!;
    const link = '/' + encodeLink({ scenario: lesson.scenario, kernel, compare: null, step, view: 'explore', lesson: lesson.id });
    const errors = await open(page, link);
    const n = lesson.scenario.steps.length;
    const check = async () => {
      await expect(indicator(page)).toHaveText(`Step ${step} of ${n}`);
      await expect(kernelSelect(page)).toHaveValue(kernel);
      await expect(panel(page).getByRole('heading', { level: 2 })).toHaveText(lesson.title);
      await expect(panel(page).getByRole('heading', { level: 3 }).first()).toHaveText(lesson.steps[step]!.title);
      await expect(page.getByTestId('landing')).toBeHidden();
    };
    await check();
    await page.reload();
    await ready(page);
    await check();
    expect(page.url()).toContain(`lesson=${lesson.id}`);

    // the address bar keeps following the lesson, and a copy of it opens the same thing elsewhere
    await page.getByRole('button', { name: 'Previous step' }).click();
    await ready(page);
    await expect(indicator(page)).toHaveText(`Step ${step - 1} of ${n}`);
    const copied = page.url();
    const other = await page.context().newPage();
    await other.goto(copied);
    await ready(other);
    await expect(other.getByTestId('step-indicator')).toHaveText(`Step ${step - 1} of ${n}`);
    await expect(other.getByTestId('lesson-panel').getByRole('heading', { level: 2 })).toHaveText(lesson.title);
    await other.close();
    expect(errors).toEqual([]);
  });
}

test('no accessibility violations of any impact on the landing page or in a lesson', async ({ page }) => {
  const violations = () => axeViolations(page);
  await open(page, '/');
  expect(await violations()).toEqual([]);
  await page.getByRole('button', { name: 'Start lesson 4', exact: true }).click();
  await ready(page);
  await page.getByRole('button', { name: 'Next step' }).click();
  await ready(page);
  await page.getByRole('button', { name: 'Next step' }).click();
  await page.getByRole('form', { name: 'Predict step 2' }).getByLabel('Nobody: the line stays in /proc/iomem').check();
  expect(await violations()).toEqual([]);
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await page.getByRole('button', { name: 'Check' }).click();
  await ready(page);
  expect(await violations()).toEqual([]);
});

/** Pictures to look at: the landing page and a lesson, at a desktop and a projector size, light and dark. */
for (const [w, h] of [
  [1440, 900],
  [1024, 768],
] as const) {
  test(`lesson screenshots ${w}x${h}`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: h });
    await page.emulateMedia({ colorScheme: 'light' });
    await open(page, '/');
    await page.screenshot({ path: `test-results/screenshots/landing-${w}x${h}.png` });
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await page.screenshot({ path: `test-results/screenshots/landing-${w}x${h}-dark.png` });
    await page.getByRole('button', { name: 'Light theme' }).click();

    await page.getByRole('button', { name: 'Start lesson 4', exact: true }).click();
    await ready(page);
    await page.getByRole('button', { name: 'Next step' }).click();
    await ready(page);
    await page.getByRole('button', { name: 'Next step' }).click();
    await page.getByRole('form', { name: 'Predict step 2' }).getByLabel('Nobody: the line stays in /proc/iomem').check();
    await page.screenshot({ path: `test-results/screenshots/lesson-predict-${w}x${h}.png` });
    await page.getByRole('button', { name: 'Check' }).click();
    await ready(page);
    await page.screenshot({ path: `test-results/screenshots/lesson-result-${w}x${h}.png` });
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await page.screenshot({ path: `test-results/screenshots/lesson-result-${w}x${h}-dark.png` });
  });
}

test('a glossary term in the narration opens its entry in the lesson\u2019s glossary, and the link stays', async ({ page }) => {
  const errors = await open(page, '/');
  await page.getByRole('button', { name: 'Start lesson 4', exact: true }).click();
  await ready(page);
  const glossary = page.locator('details.lesson-glossary');
  await expect(glossary).not.toHaveAttribute('open', '');
  const link = page.url();
  const term = page.locator('.lesson-narration .term-link').first();
  const href = (await term.getAttribute('href'))!;
  // the entry opens without the fragment ever changing (no hashchange for url-sync to undo)
  await page.evaluate(() => {
    const w = window as unknown as { hashChanges: number };
    w.hashChanges = 0;
    addEventListener('hashchange', () => w.hashChanges++);
  });
  await term.click();
  await expect(glossary).toHaveAttribute('open', '');
  const entry = page.locator(href);
  await expect(entry).toBeFocused();
  await expect(entry).toBeInViewport();
  expect(page.url()).toBe(link);
  expect(await page.evaluate(() => (window as unknown as { hashChanges: number }).hashChanges)).toBe(0);
  expect(errors).toEqual([]);
});
