import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { stateViewAt } from '../src/engine/views/run-view';
import type { StateView } from '../src/engine/views/view-types';
import { buildFoldedScale } from '../src/views/pfn-map/folded-scale';
import { runFile } from '../src/test-support/load-scenario';
import { open } from './support';

const ROOT = path.resolve(import.meta.dirname, '..');
const SHOTS = path.join(ROOT, 'test-results/screenshots');

/** The share link of a kept scenario at a step, as the command line makes it. */
const link = (file: string, step: number): string =>
  execFileSync('npm', ['run', '--silent', 'cli', '--', 'url', path.join('test-scenarios', file), '--step', String(step)], { cwd: ROOT, encoding: 'utf8' }).trim();

const url = link('qemu-6.12-m-memmap-on-memory.json', 2);
const state = stateViewAt(runFile('qemu-6.12-m-memmap-on-memory.json'), 2) as StateView;

for (const [width, height] of [[1440, 900], [1280, 720], [390, 844]] as const) {
  test(`memmap_on_memory at ${width}x${height}: each block's own memmap is named on hover and drawn at its start zoomed in`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    const errors = await open(page, url);
    const canvas = page.locator('.pfn-map__stage canvas[role="img"]');
    await canvas.scrollIntoViewIfNeeded();
    // where the page draws memory32 (section 32) before zooming: the same folded scale, at the canvas's width
    const scale = buildFoldedScale(state, (await canvas.boundingBox())!.width);
    /** Hovering may scroll the page (the linked highlight brings the entry into view), so aim again after each move. */
    const hover = async (fx: number): Promise<void> => {
      for (let i = 0; i < 3; i++) {
        const box = (await canvas.boundingBox())!;
        await page.mouse.move(box.x + fx + (i % 2), box.y + box.height * 0.3);
      }
    };
    const tip = page.locator('.pfn-map__tip');
    await hover(scale.x(32.5));
    await expect(tip).toContainText('memory32 online');
    await expect(tip).toContainText('its first 512 pages hold its own memmap (present, not managed)');
    // zoom on it with the wheel, the pointer over memory32
    for (let i = 0; i < 25; i++) await page.mouse.wheel(0, -300);
    await page.waitForTimeout(300);
    await expect(page.getByRole('button', { name: 'Reset zoom' })).toBeEnabled();
    // off the map, so the picture shows the map without the hover highlight
    await page.mouse.move(1, 1);
    await expect(tip).toHaveCount(0);
    await page.screenshot({ path: path.join(SHOTS, `vmemmap-${width}x${height}.png`) });
    expect(errors).toEqual([]);
  });
}
