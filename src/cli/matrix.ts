import { formatMatrix, parseScenario, reviewMatrix, toMachineInput, VARIANTS, type KernelRef, type MatrixRowInput } from '../index';
import type { Command } from './args';

/**
 * `matrix FILE...`: every scenario under every kernel (or the ones named), as a grid and then
 * each cell in words, or as JSON. Any FILE that is not a scenario stops it before anything
 * runs, with every such FILE's errors.
 */
export function matrixCommand(c: Extract<Command, { cmd: 'matrix' }>, inputs: { file: string; text: string }[], custom: readonly KernelRef[] = []): number {
  const rows: MatrixRowInput[] = [];
  let invalid = false;
  for (const { file, text } of inputs) {
    const parsed = parseScenario(text);
    if (!parsed.ok) {
      process.stderr.write(`${file}: not a valid scenario:\n${parsed.errors.map((e) => `  ${e}`).join('\n')}\n`);
      invalid = true;
      continue;
    }
    const s = parsed.scenario;
    rows.push({ id: file, title: s.title, config: s.config, machine: toMachineInput(s.machine), steps: s.steps });
  }
  if (invalid) return 2;
  const kernels = c.kernels.length ? c.kernels : [...(Object.keys(VARIANTS) as KernelRef[]), ...custom];
  const m = reviewMatrix(rows, kernels);
  process.stdout.write(c.json ? JSON.stringify(m, null, 2) + '\n' : formatMatrix(m));
  return 0;
}
