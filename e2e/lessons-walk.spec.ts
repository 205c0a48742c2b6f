import { expect, type Page, test } from '@playwright/test';
import { LESSONS } from '../src/lessons';
import { open, ready } from './support';

/**
 * A student takes every lesson to its end: each question answered (the first choice, right
 * or wrong), the graded result read, at a desktop and a phone size, with a picture of the
 * first question, of each graded answer and of the end. And lesson 3's debug_vm switch.
 */
const panel = (page: Page) => page.getByTestId('lesson-panel');
const indicator = (page: Page) => page.getByTestId('step-indicator');

for (const [w, h] of [
  [1440, 900],
  [390, 844],
] as const) {
  test(`every lesson to the end, answering every question, at ${w}x${h}`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: w, height: h });
    const errors = await open(page, '/');
    for (const lesson of LESSONS) {
      if (!(await page.getByTestId('landing').isVisible())) await page.getByRole('button', { name: 'Lessons', exact: true }).click();
      const name = lesson.part && lesson.part.index > 1 ? `Part ${lesson.part.index}: ${lesson.title}` : `Start lesson ${lesson.number}${lesson.part ? ', part 1' : ''}`;
      await page.getByTestId('landing').getByRole('button', { name, exact: true }).click();
      await ready(page);
      await expect(panel(page).getByRole('heading', { level: 2 })).toHaveText(lesson.title);
      const n = lesson.scenario.steps.length;
      let answered = 0;
      for (let step = 1; step <= n; step++) {
        await page.getByRole('button', { name: 'Next step' }).click();
        const form = page.getByRole('form', { name: `Predict step ${step}` });
        if (lesson.predictions.some((p) => p.step === step)) {
          await expect(form).toBeVisible();
          await form.getByRole('radio').first().check();
          if (answered === 0) await page.screenshot({ path: `test-results/screenshots/walk-${lesson.id}-ask-${w}x${h}.png`, fullPage: w < 500 });
          await form.getByRole('button', { name: 'Check' }).click();
          await ready(page);
          await expect(indicator(page)).toHaveText(`Step ${step} of ${n}`);
          await expect(panel(page).getByRole('status').first()).toContainText(/Right\.|Not this time\.|does not run/);
          answered++;
          await page.screenshot({ path: `test-results/screenshots/walk-${lesson.id}-step${step}-${w}x${h}.png`, fullPage: w < 500 });
        } else {
          await ready(page);
          await expect(indicator(page)).toHaveText(`Step ${step} of ${n}`);
        }
      }
      expect(answered).toBe(lesson.predictions.length);
      await expect(panel(page)).toContainText('End of the lesson.');
      await page.screenshot({ path: `test-results/screenshots/walk-${lesson.id}-end-${w}x${h}.png`, fullPage: w < 500 });
    }
    expect(errors).toEqual([]);
  });
}

test('lesson 3: turn debug_vm off and RFC v1 removes block 40 with the finding instead of the BUG', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const errors = await open(page, '/');
  await page.getByRole('button', { name: 'Start lesson 3, part 1', exact: true }).click();
  await ready(page);
  await page.getByRole('button', { name: 'Next step' }).click();
  await page.getByRole('form', { name: 'Predict step 1' }).getByRole('button', { name: 'Skip the question' }).click();
  await ready(page);
  await page.getByRole('button', { name: 'Next step' }).click();
  const form = page.getByRole('form', { name: 'Predict step 2' });
  await form.getByLabel('BUGs anyway: another part of removal still reads the uninitialised struct pages').check();
  await form.getByRole('button', { name: 'Check' }).click();
  await ready(page);
  await expect(indicator(page)).toHaveText('Step 2 of 2');
  await expect(page.getByTestId('debug-vm-state')).toHaveText('on');
  await expect(page.getByTestId('findings')).toContainText('kernel-bug');
  await expect(page.getByTestId('prediction-result')).toContainText('Right.');

  await panel(page).getByRole('button', { name: 'Turn debug_vm off and run again' }).click();
  await ready(page);
  await expect(page.getByTestId('debug-vm-state')).toHaveText('off');
  await expect(indicator(page)).toHaveText('Step 2 of 2');
  await expect(panel(page).getByRole('heading', { level: 2 })).toHaveText(LESSONS.find((l) => l.id === 'never-onlined')!.title);
  await expect(page.getByTestId('findings')).toContainText('uninitialized-memmap-read');
  await expect(page.getByTestId('findings')).not.toContainText('kernel-bug');
  await expect(panel(page)).toContainText('remove_memory(), which returns void in this kernel, completes');
  // the same answer, graded again on the run without debug_vm
  await expect(page.getByTestId('prediction-result')).toContainText('Not this time.');
  await expect(page.getByTestId('prediction-result')).toContainText('Completes, after reading the uninitialised struct pages unchecked');
  await page.screenshot({ path: 'test-results/screenshots/lesson2-debug-vm-off-1440x900.png' });

  // the two-kernel question: RFC v1 and v4.18 side by side
  await panel(page).getByRole('button', { name: 'Show RFC v1 and v4.18 side by side' }).click();
  await ready(page);
  await expect(panel(page).getByRole('button', { name: 'Back to RFC v1 alone' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/lesson2-compare-1440x900.png' });
  expect(errors).toEqual([]);
});
