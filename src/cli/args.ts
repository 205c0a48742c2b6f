import { KERNEL_IDS, type KernelId } from '../index';

const SHOW_WHAT = ['iomem', 'zoneinfo', 'memory', 'log', 'steps', 'findings', 'trace', 'json'] as const;
export type ShowWhat = (typeof SHOW_WHAT)[number];

export type Command =
  | { cmd: 'replay'; file: string; kernel: KernelId | null; step: number | null; show: ShowWhat }
  | { cmd: 'diff'; file: string; kernels: [KernelId, KernelId] }
  | { cmd: 'url'; file: string; kernel: KernelId | null; step: number | null }
  /** kernels empty: every kernel */
  | { cmd: 'matrix'; files: string[]; kernels: KernelId[]; json: boolean }
  | { cmd: 'help' };

export class UsageError extends Error {}

export const USAGE = `usage:
  hotplug-explorer replay FILE [--kernel ID] [--step N] [--show WHAT]
  hotplug-explorer diff FILE --kernel A --kernel B
  hotplug-explorer url FILE [--kernel ID] [--step N]
  hotplug-explorer matrix FILE... [--kernel ID]... [--json]
FILE: a scenario file, or a share link (as \`url\` prints it, or the page's address)
matrix: every FILE under every kernel (or each --kernel given), one cell each: BUG, findings or clean
kernels: ${KERNEL_IDS.join(', ')}
WHAT: ${SHOW_WHAT.join(', ')} (default: iomem)`;

function kernelId(v: string | undefined): KernelId {
  if (v === undefined) throw new UsageError('--kernel needs a value');
  if (!(KERNEL_IDS as readonly string[]).includes(v)) throw new UsageError(`unknown kernel "${v}" (expected one of ${KERNEL_IDS.join(', ')})`);
  return v as KernelId;
}

export function parseArgs(argv: readonly string[]): Command {
  const [cmd, ...rest] = argv;
  if (cmd === undefined || cmd === '--help' || cmd === '-h' || cmd === 'help') return { cmd: 'help' };
  if (cmd !== 'replay' && cmd !== 'diff' && cmd !== 'url' && cmd !== 'matrix') throw new UsageError(`unknown command "${cmd}"`);
  const files: string[] = [];
  let json = false;
  const kernels: KernelId[] = [];
  let step: number | null = null;
  let show: ShowWhat = 'iomem';
  let showGiven = false;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string | undefined => inline ?? rest[++i];
    if (flag === '--kernel') kernels.push(kernelId(value()));
    else if (flag === '--step') {
      const v = value();
      if (v === undefined || !/^\d+$/.test(v)) throw new UsageError(`--step needs a step number (0 is the boot state), not "${v ?? ''}"`);
      step = Number(v);
    } else if (flag === '--show') {
      const v = value();
      if (!(SHOW_WHAT as readonly string[]).includes(v ?? '')) throw new UsageError(`--show takes one of ${SHOW_WHAT.join(', ')}, not "${v ?? ''}"`);
      show = v as ShowWhat;
      showGiven = true;
    } else if (flag === '--json' && cmd === 'matrix' && inline === undefined) json = true;
    else if (flag.startsWith('-')) throw new UsageError(`unknown option "${flag}"`);
    else if (files.length === 0 || cmd === 'matrix') files.push(a);
    else throw new UsageError(`unexpected argument "${a}"`);
  }
  const file = files[0];
  if (file === undefined) throw new UsageError('missing FILE');
  if (cmd === 'matrix') {
    if (step !== null) throw new UsageError('matrix runs every step of each FILE: it takes no --step');
    if (showGiven) throw new UsageError('matrix takes no --show (--json prints it as JSON)');
    const dup = kernels.find((k, i) => kernels.indexOf(k) !== i);
    if (dup) throw new UsageError(`--kernel ${dup} is given twice`);
    return { cmd, files, kernels, json };
  }
  if (cmd === 'diff') {
    if (kernels.length !== 2) throw new UsageError('diff needs exactly two --kernel options');
    return { cmd, file, kernels: [kernels[0]!, kernels[1]!] };
  }
  if (kernels.length > 1) throw new UsageError(`${cmd} takes at most one --kernel`);
  if (cmd === 'url') return { cmd, file, kernel: kernels[0] ?? null, step };
  return { cmd, file, kernel: kernels[0] ?? null, step, show };
}
