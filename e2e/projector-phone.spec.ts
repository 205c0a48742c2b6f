import { type Locator, type Page, expect, test } from '@playwright/test';
import { LESSON_ZONE_DEVICE } from '../src/lessons/lesson-4-zone-device';
import { EMBED_VIEWS, encodeLink } from '../src/links/share-link';
import { DEFAULT_SCENARIO } from '../src/scenario/default-scenario';
import { overflow, smallTargets, smallText } from './fit';
import { open, ready } from './support';

const SHOTS = 'test-results/screenshots';
const link = (extra: Partial<Parameters<typeof encodeLink>[0]>) => '/' + encodeLink({ scenario: DEFAULT_SCENARIO, kernel: 'rfc-v1', compare: null, step: 6, view: 'explore', ...extra });

/** The element lies wholly inside the window (and has room): a person sees it without scrolling. */
async function expectOnScreen(page: Page, what: Locator, name: string, minHeight = 60) {
  await expect(what, name).toBeVisible();
  const box = (await what.boundingBox())!;
  const { width, height } = page.viewportSize()!;
  expect(box.y, `${name} starts on screen`).toBeGreaterThanOrEqual(-0.5);
  expect(box.x, `${name} starts on screen`).toBeGreaterThanOrEqual(-0.5);
  expect(box.y + box.height, `${name} ends on screen`).toBeLessThanOrEqual(height + 0.5);
  expect(box.x + box.width, `${name} ends on screen`).toBeLessThanOrEqual(width + 0.5);
  expect(box.height, `${name} has room`).toBeGreaterThanOrEqual(minHeight);
}

/** One projector screen: nothing to scroll, no text under 18 px, and every view a class needs in sight. */
async function expectProjectorScreen(page: Page, views: string[]) {
  expect(await overflow(page)).toEqual({ down: 0, across: 0 });
  expect(await smallText(page, 18)).toEqual([]);
  await expectOnScreen(page, page.getByRole('region', { name: 'Step', exact: true }), 'the step', 40);
  await expectOnScreen(page, page.getByRole('button', { name: 'Next step' }), 'Next step', 30);
  for (const name of views) await expectOnScreen(page, page.getByRole('region', { name, exact: true }), name, 100);
}

test.describe('1280x720 projector', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('mode=present fits one screen with text of 18 px and up, at the busiest step and through lesson 4', async ({ page }) => {
    const errors = await open(page, link({ present: true }));
    await expect(page.locator('.app')).toHaveClass(/presenting/);
    await expectProjectorScreen(page, ['Physical address space', 'iomem resource tree', 'Call trace', 'Findings']);
    await page.screenshot({ path: `${SHOTS}/present-1280x720.png` });

    // with a lesson beside it, on each of its steps (the narration scrolls in its own box)
    for (let step = 0; step <= LESSON_ZONE_DEVICE.scenario.steps.length; step++) {
      await page.goto(link({ scenario: LESSON_ZONE_DEVICE.scenario, step, lesson: LESSON_ZONE_DEVICE.id, present: true }));
      await ready(page);
      await expect(page.getByTestId('step-indicator')).toHaveText(new RegExp(`^Step ${step} of `));
      // the narration takes the trace's room: the findings it points to stay in sight
      await expectProjectorScreen(page, ['Physical address space', 'iomem resource tree', 'Findings']);
      await expectOnScreen(page, page.getByTestId('lesson-panel'), 'the lesson', 250);
      if (step === 2) await page.screenshot({ path: `${SHOTS}/present-lesson-1280x720.png` });
    }

    // comparing two kernels: the comparison takes the tree's and trace's room, the screen still does not scroll
    await page.goto(link({ compare: 'v5.5', present: true }));
    await ready(page);
    await expectProjectorScreen(page, ['Physical address space', 'Compare rfc-v1 with v5.5', 'Findings']);
    await page.screenshot({ path: `${SHOTS}/present-compare-1280x720.png` });
    expect(errors).toEqual([]);
  });
});

test.describe('embeds in a 960x540 frame', () => {
  test.use({ viewport: { width: 1000, height: 600 } });

  for (const view of EMBED_VIEWS) {
    test(`embed=${view} fits the frame: no scrollbar, its view and the way back in sight`, async ({ page, baseURL }) => {
      await page.setContent(`<!doctype html><body style="margin:0"><iframe title="embed" src="${baseURL}${link({ embed: view })}" width="960" height="540" style="border:0;display:block"></iframe></body>`);
      const frame = page.frameLocator('iframe');
      await expect(frame.locator('html')).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
      const inner = page.frames()[1]!;
      const fit = await inner.evaluate(() => {
        const d = document.documentElement;
        const v = document.querySelector('.embed-view')!;
        const box = v.getBoundingClientRect();
        const back = document.querySelector('.embed-footer a')!.getBoundingClientRect();
        return {
          page: { down: d.scrollHeight - innerHeight, across: d.scrollWidth - innerWidth, scrollbar: innerWidth - d.clientWidth },
          // the view's own box does not scroll: a list longer than the frame scrolls inside it
          viewScrolls: v.scrollHeight - v.clientHeight > 1 || v.scrollWidth - v.clientWidth > 1,
          view: { top: box.top, bottom: box.bottom, height: box.height, text: (v as HTMLElement).innerText.trim().length },
          backBottom: back.bottom,
        };
      });
      expect(fit.page).toEqual({ down: 0, across: 0, scrollbar: 0 });
      expect(fit.viewScrolls, 'the view fits its box').toBe(false);
      expect(fit.view.bottom).toBeLessThanOrEqual(540);
      expect(fit.view.height, 'the view has room').toBeGreaterThan(view === 'findings' || view === 'zones' ? 100 : 300);
      expect(fit.backBottom, '"Open in Hotplug Explorer" is in the frame').toBeLessThanOrEqual(540);
      if (view === 'map') {
        const colours = await frame.locator('canvas[role=img]').evaluate((c: HTMLCanvasElement) => {
          const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
          const seen = new Set<number>();
          for (let i = 0; i < d.length && seen.size < 10; i += 4 * 97) seen.add((d[i]! << 16) | (d[i + 1]! << 8) | d[i + 2]!);
          return seen.size;
        });
        expect(colours, 'the map is drawn').toBeGreaterThan(3);
      } else expect(fit.view.text, 'the view shows its content').toBeGreaterThan(100);
      await page.locator('iframe').screenshot({ path: `${SHOTS}/embed-${view}-960x540.png` });
    });
  }
});

test.describe('390x844 phone, by touch', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('a student takes lesson 4 to the end: taps to step, reads the narration, answers the questions, sees the map', async ({ page }) => {
    const errors = await open(page, '/');
    const n = LESSON_ZONE_DEVICE.scenario.steps.length;
    const panel = page.getByTestId('lesson-panel');
    const noSideways = async (where: string) => expect((await overflow(page)).across, `${where}: nothing runs off the side`).toBe(0);
    await noSideways('the landing');
    expect(await smallTargets(page), 'the landing: controls a finger can hit').toEqual([]);
    await page.screenshot({ path: `${SHOTS}/phone-landing-390x844.png` });

    await page.getByRole('button', { name: 'Start lesson 4', exact: true }).tap();
    await ready(page);
    let answered = 0;
    for (let step = 0; step < n; ) {
      await expect(page.getByTestId('step-indicator')).toHaveText(`Step ${step} of ${n}`);
      // the narration is there to read, in the width of the screen
      const narration = panel.locator('.lesson-narration');
      await narration.scrollIntoViewIfNeeded();
      await expectOnScreen(page, narration.getByRole('heading', { level: 3 }), `step ${step}: the narration's title`, 10);
      expect((await narration.innerText()).length, `step ${step}: narration`).toBeGreaterThan(80);
      await noSideways(`step ${step}`);
      expect(await smallTargets(page), `step ${step}: controls a finger can hit`).toEqual([]);
      // and the map, below it
      const map = page.getByRole('region', { name: 'Physical address space', exact: true });
      await map.scrollIntoViewIfNeeded();
      await expectOnScreen(page, map, `step ${step}: the map`, 150);

      const form = page.getByRole('form', { name: `Predict step ${step + 1}` });
      if (await form.isVisible()) {
        await form.scrollIntoViewIfNeeded();
        if (step === 1) await page.screenshot({ path: `${SHOTS}/phone-question-390x844.png` });
        await form.locator('label').first().tap();
        await form.getByRole('button', { name: 'Check' }).tap();
        answered++;
        await ready(page);
        const result = page.getByTestId('prediction-result');
        await result.scrollIntoViewIfNeeded();
        await expectOnScreen(page, result, `step ${step + 1}: the graded answer`, 40);
      } else {
        // the step bar stays under the thumb: Next is on screen with the map scrolled into view, no scrolling back up
        const next = page.getByRole('button', { name: 'Next step' });
        await expect(next, `step ${step}: Next is on screen below the map`).toBeInViewport({ ratio: 1 });
        await next.tap();
        await ready(page);
      }
      step++;
      if (step === 2) await page.screenshot({ path: `${SHOTS}/phone-lesson-390x844.png` });
    }
    await expect(page.getByTestId('step-indicator')).toHaveText(`Step ${n} of ${n}`);
    expect(answered, 'every question of the lesson was asked and answered').toBe(LESSON_ZONE_DEVICE.predictions.length);
    const end = panel.getByText('End of the lesson.');
    await end.scrollIntoViewIfNeeded();
    await expect(end).toBeInViewport();
    await noSideways('the end');
    await page.screenshot({ path: `${SHOTS}/phone-end-390x844.png` });
    await page.screenshot({ path: `${SHOTS}/phone-end-390x844-full.png`, fullPage: true });
    expect(errors).toEqual([]);
  });
});
