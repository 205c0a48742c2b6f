import { expect, type Page, test } from '@playwright/test';
import { lessonById } from '../src/lessons';
import type { Lesson } from '../src/lessons/types';
import { axeViolations } from './axe';
import { open, ready } from './support';

/**
 * A student takes lessons 5 and 6 to their end, answering every question with the answer the
 * engine bears out: in lesson 5 after picking a fix to run, with the two kernels side by
 * side and the review matrix opened from the lesson; in lesson 6 after turning
 * memmap_on_memory on. At a desktop and a phone size, with pictures of the steps, and the
 * presentation mode at 1280x720.
 */
const panel = (page: Page) => page.getByTestId('lesson-panel');
const indicator = (page: Page) => page.getByTestId('step-indicator');
/** the page; on a phone, whose page is long, the lesson panel alone (and the matrix when it is open) */
const shot = async (page: Page, name: string, w: number, h: number) => {
  const path = `test-results/screenshots/new-${name}-${w}x${h}.png`;
  if (w >= 500) return page.screenshot({ path });
  const matrix = page.getByTestId('review-matrix');
  return ((await matrix.count()) ? matrix : panel(page)).screenshot({ path });
};

const FIX = lessonById('pick-the-fix')!;
const TODAY = lessonById('today')!;

function label(lesson: Lesson, step: number, choice: string): string {
  const c = lesson.predictions.find((p) => p.step === step)!.choices.find((x) => x.id === choice);
  if (!c) throw new Error(`${lesson.id}: no choice ${choice} at step ${step}`);
  return c.label;
}

/** Next, answer the question of `step` with `choice`, Check, and see it graded right. */
async function answer(page: Page, lesson: Lesson, step: number, choice: string): Promise<void> {
  await page.getByRole('button', { name: 'Next step' }).click();
  const form = page.getByRole('form', { name: `Predict step ${step}` });
  await expect(form).toBeVisible();
  await form.getByLabel(label(lesson, step, choice), { exact: true }).check();
  await form.getByRole('button', { name: 'Check' }).click();
  await ready(page);
  await expect(indicator(page)).toHaveText(`Step ${step} of ${lesson.scenario.steps.length}`);
  await expect(page.getByTestId('prediction-result')).toContainText('Right.');
}

async function next(page: Page, lesson: Lesson, step: number): Promise<void> {
  await page.getByRole('button', { name: 'Next step' }).click();
  await ready(page);
  await expect(indicator(page)).toHaveText(`Step ${step} of ${lesson.scenario.steps.length}`);
}

for (const [w, h] of [
  [1440, 900],
  [390, 844],
] as const) {
  test(`lessons 5 and 6 to the end, picking a fix, opening the matrix, switching memmap_on_memory, at ${w}x${h}`, async ({ page }) => {
    test.setTimeout(240_000);
    await page.setViewportSize({ width: w, height: h });
    const errors = await open(page, '/');

    // lesson 5: pick the fix
    await page.getByTestId('landing').getByRole('button', { name: 'Start lesson 5', exact: true }).click();
    await ready(page);
    await expect(panel(page).getByRole('heading', { level: 2 })).toHaveText(FIX.title);
    await expect(panel(page)).toContainText('Nobody implemented it');
    await next(page, FIX, 1);
    await panel(page).getByRole('button', { name: 'Refcounted resources (Jerome; never implemented)' }).click();
    await ready(page);
    await expect(panel(page).getByText('under the refcount proposal')).toBeVisible();
    await expect(panel(page)).toContainText('get_resource_ref()');
    await shot(page, 'fix-step1-picked', w, h);
    await answer(page, FIX, 2, FIX.predictions[0]!.expect['idea-refcount']!);
    await shot(page, 'fix-step2-graded', w, h);
    await panel(page).getByRole('button', { name: 'Show the refcount proposal and RFC v1 side by side' }).click();
    await ready(page);
    await expect(panel(page).getByRole('button', { name: 'Back to the refcount proposal alone' })).toBeVisible();
    await shot(page, 'fix-step2-side-by-side', w, h);
    await panel(page).getByRole('button', { name: 'Back to the refcount proposal alone' }).click();
    await ready(page);
    await next(page, FIX, 3);
    await answer(page, FIX, 4, FIX.predictions[1]!.expect['idea-refcount']!);
    await expect(page.getByTestId('findings')).toContainText('kernel-bug');
    await panel(page).getByRole('button', { name: 'Open the review matrix' }).click();
    const matrix = page.getByTestId('review-matrix');
    await expect(matrix).toBeVisible();
    await expect(matrix).toHaveAttribute('aria-busy', 'false', { timeout: 60_000 });
    await expect(matrix.locator('td.matrix-cell[data-kernel="idea-refcount"]').first()).toBeVisible();
    expect(page.url()).toContain('m=1');
    await shot(page, 'fix-step4-matrix', w, h);
    if (w >= 500) expect(await axeViolations(page)).toEqual([]);
    await panel(page).getByRole('button', { name: 'Close the review matrix' }).click();
    await expect(matrix).toHaveCount(0);
    await expect(panel(page)).toContainText('End of the lesson.');
    await shot(page, 'fix-end', w, h);

    // lesson 6, from the end of lesson 5
    await panel(page).getByRole('button', { name: `Continue: Lesson 6, ${TODAY.title}` }).click();
    await ready(page);
    await expect(panel(page).getByRole('heading', { level: 2 })).toHaveText(TODAY.title);
    await next(page, TODAY, 1);
    await expect(page.getByTestId('memmap-on-memory-state')).toHaveText('off');
    await panel(page).getByRole('button', { name: 'Turn memmap_on_memory on and run again' }).click();
    await ready(page);
    await expect(page.getByTestId('memmap-on-memory-state')).toHaveText('on');
    await expect(indicator(page)).toHaveText('Step 1 of 8');
    await expect(panel(page)).toContainText('create_altmaps_and_memory_blocks()');
    // with the option on, the engine bears out "managed is lower" under v6.12
    await answer(page, TODAY, 2, 'less');
    await expect(panel(page)).toContainText('So 4096 pages of Movable');
    await shot(page, 'today-step2-memmap-on', w, h);
    if (w >= 500) expect(await axeViolations(page)).toEqual([]);
    await answer(page, TODAY, 3, TODAY.predictions[1]!.expect['v6.12']!);
    await panel(page).getByRole('button', { name: 'Show v6.12 and v4.18 side by side' }).click();
    await ready(page);
    await shot(page, 'today-step3-side-by-side', w, h);
    await panel(page).getByRole('button', { name: 'Back to v6.12 alone' }).click();
    await ready(page);
    await next(page, TODAY, 4);
    await expect(panel(page)).toContainText('try_remove_memory()');
    await shot(page, 'today-step4', w, h);
    await next(page, TODAY, 5);
    await answer(page, TODAY, 6, TODAY.predictions[2]!.expect['v6.12']!);
    await next(page, TODAY, 7);
    await answer(page, TODAY, 8, TODAY.predictions[3]!.expect['v6.12']!);
    await expect(panel(page)).toContainText('End of the lesson.');
    await shot(page, 'today-end', w, h);
    expect(errors).toEqual([]);
  });
}

test('lessons 5 and 6 in presentation mode at 1280x720', async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  const errors = await open(page, '/');
  for (const lesson of [FIX, TODAY]) {
    if (!(await page.getByTestId('landing').isVisible())) await page.getByRole('button', { name: 'Lessons', exact: true }).click();
    await page.getByTestId('landing').getByRole('button', { name: `Start lesson ${lesson.number}`, exact: true }).click();
    await ready(page);
    await page.getByRole('button', { name: 'Present' }).click();
    await expect(page.locator('.app')).toHaveClass(/presenting/);
    await shot(page, `${lesson.id}-present-step0`, 1280, 720);
    await page.keyboard.press('ArrowRight');
    await ready(page);
    await shot(page, `${lesson.id}-present-step1`, 1280, 720);
    await page.keyboard.press('ArrowRight');
    // the question before step 2 holds the step
    await expect(page.getByRole('form', { name: 'Predict step 2' })).toBeVisible();
    await shot(page, `${lesson.id}-present-ask2`, 1280, 720);
    await page.keyboard.press('Escape');
    await expect(page.locator('.app')).not.toHaveClass(/presenting/);
  }
  expect(errors).toEqual([]);
});
