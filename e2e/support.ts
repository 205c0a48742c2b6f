import { type Page, expect } from '@playwright/test';
import { reportAt } from '../src/engine/report';
import { runScenario } from '../src/engine/run';
import type { KernelId } from '../src/engine/ops';
import { DEFAULT_SCENARIO } from '../src/scenario/default-scenario';
import { toMachineInput } from '../src/scenario/machine-input';
import type { Scenario } from '../src/scenario/types';

/** Opens a URL and waits until the page says everything shown is drawn; returns the console errors seen. */
export async function open(page: Page, url = '/'): Promise<string[]> {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  await ready(page);
  return errors;
}

export async function ready(page: Page): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
}

/** What the command line prints for a scenario at a step: the page must show the same. */
export function expected(kernel: KernelId, step: number, scenario: Scenario = DEFAULT_SCENARIO) {
  const run = runScenario({ kernel, config: scenario.config, machine: toMachineInput(scenario.machine), steps: scenario.steps });
  return reportAt(run, step);
}

export async function stepTo(page: Page, n: number): Promise<void> {
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('Home');
  for (let i = 0; i < n; i++) await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('step-indicator')).toHaveText(new RegExp(`^Step ${n} of `));
  await ready(page);
}
