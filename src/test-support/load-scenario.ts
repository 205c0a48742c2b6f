import { readFileSync } from 'node:fs';
import path from 'node:path';
import { toMachineInput } from '../scenario/machine-input';
import { parseScenario } from '../scenario/schema';
import type { Scenario } from '../scenario/types';
import type { KernelId } from '../engine/ops';
import { type Run, runScenario } from '../engine/run';

export const SCENARIO_DIR = path.resolve(import.meta.dirname, '../../test-scenarios');

export function loadScenario(file: string): Scenario {
  const parsed = parseScenario(readFileSync(path.join(SCENARIO_DIR, file), 'utf8'));
  if (!parsed.ok) throw new Error(`${file}: ${parsed.errors.join('; ')}`);
  return parsed.scenario;
}

export function runFile(file: string, kernel?: KernelId): Run {
  return runText(readFileSync(path.join(SCENARIO_DIR, file), 'utf8'), kernel);
}

export function runText(text: string, kernel?: KernelId): Run {
  const parsed = parseScenario(text);
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  const s = parsed.scenario;
  return runScenario({ kernel: kernel ?? s.kernel, config: s.config, machine: toMachineInput(s.machine), steps: s.steps });
}
