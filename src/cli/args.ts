import { KERNEL_IDS, type KernelId } from '../index';

const SHOW_WHAT = ['iomem', 'zoneinfo', 'memory', 'log', 'steps', 'findings', 'trace', 'json'] as const;
export type ShowWhat = (typeof SHOW_WHAT)[number];

export type Command =
  | { cmd: 'replay'; file: string; kernel: KernelId | null; step: number | null; show: ShowWhat }
  | { cmd: 'diff'; file: string; kernels: [KernelId, KernelId] }
  | { cmd: 'url'; file: string; kernel: KernelId | null; step: number | null }
  | { cmd: 'help' };

export class UsageError extends Error {}

export const USAGE = `usage:
  hotplug-explorer replay FILE [--kernel ID] [--step N] [--show WHAT]
  hotplug-explorer diff FILE --kernel A --kernel B
  hotplug-explorer url FILE [--kernel ID] [--step N]
FILE: a scenario file, or a share link (as \`url\` prints it, or the page's address)
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
  if (cmd !== 'replay' && cmd !== 'diff' && cmd !== 'url') throw new UsageError(`unknown command "${cmd}"`);
  let file: string | null = null;
  const kernels: KernelId[] = [];
  let step: number | null = null;
  let show: ShowWhat = 'iomem';
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
    } else if (flag.startsWith('-')) throw new UsageError(`unknown option "${flag}"`);
    else if (file === null) file = a;
    else throw new UsageError(`unexpected argument "${a}"`);
  }
  if (file === null) throw new UsageError('missing FILE');
  if (cmd === 'diff') {
    if (kernels.length !== 2) throw new UsageError('diff needs exactly two --kernel options');
    return { cmd, file, kernels: [kernels[0]!, kernels[1]!] };
  }
  if (kernels.length > 1) throw new UsageError(`${cmd} takes at most one --kernel`);
  if (cmd === 'url') return { cmd, file, kernel: kernels[0] ?? null, step };
  return { cmd, file, kernel: kernels[0] ?? null, step, show };
}
