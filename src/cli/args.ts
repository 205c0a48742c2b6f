import { KERNEL_IDS, parseKernelRef, SWITCHES, type KernelRef } from '../index';

const SHOW_WHAT = ['iomem', 'zoneinfo', 'memory', 'log', 'steps', 'findings', 'trace', 'json'] as const;
export type ShowWhat = (typeof SHOW_WHAT)[number];

/** `file` is null only with `machine`: that machine at boot, with no steps. */
export type Command =
  | { cmd: 'replay'; file: string | null; machine: string | null; kernel: KernelRef | null; step: number | null; show: ShowWhat }
  | { cmd: 'diff'; file: string | null; machine: string | null; kernels: [KernelRef, KernelRef] }
  | { cmd: 'url'; file: string | null; machine: string | null; kernel: KernelRef | null; step: number | null; base: string | null }
  /** kernels empty: every kernel */
  | { cmd: 'matrix'; files: string[]; kernels: KernelRef[]; json: boolean }
  | { cmd: 'help' };

export class UsageError extends Error {}

export const USAGE = `usage:
  hotplug-explorer replay FILE [--machine IOMEM] [--kernel ID] [--step N] [--show WHAT]
  hotplug-explorer diff FILE [--machine IOMEM] --kernel A --kernel B
  hotplug-explorer url FILE [--machine IOMEM] [--kernel ID] [--step N] [--base URL]
  hotplug-explorer matrix FILE... [--kernel ID [--switch NAME=VALUE]...]... [--json]
FILE: a scenario file, a share link (as \`url\` prints it, or the page's address), or a machine
  captured whole by scripts/capture-machine.sh (read at the captured state, under its nearest kernel)
matrix: every FILE under every kernel (or each --kernel given), one cell each: BUG, findings or clean
IOMEM: a /proc/iomem text (sudo cat /proc/iomem > FILE.iomem), booted as the machine in place of
  the scenario's; FILE may then be left out: that machine at boot, with no steps
kernels: ${KERNEL_IDS.join(', ')}
--switch NAME=VALUE: a custom kernel, the --kernel before it with one decision point changed, e.g.
  --kernel rfc-v1 --switch release=is_device_flag (named "rfc-v1 + is_device flag"); written as
  one ID too: rfc-v1+release=is_device_flag. A combination the code could not have is refused, with why.
switches (the first value of each is v4.18's):
${SWITCHES.map((sw) => `  ${sw.name}: ${sw.values.map((v) => v.id).join(', ')}`).join('\n')}
WHAT: ${SHOW_WHAT.join(', ')} (default: iomem)
URL: where the page is published, e.g. https://example.org/hotplug/ (default: $HOTPLUG_BASE_URL;
  without either, url prints the link from the path on)`;

/** A --kernel value with the --switch options after it, read into one kernel id (named or custom). */
function kernelOf(text: string, switches: readonly string[]): KernelRef {
  const read = parseKernelRef([text, ...switches].join('+'));
  if (!read.ok) throw new UsageError(switches.length ? `--kernel ${text} --switch ${switches.join(' --switch ')}: ${read.error}` : read.error);
  return read.ref;
}

export function parseArgs(argv: readonly string[]): Command {
  const [cmd, ...rest] = argv;
  const isHelp = (a: string | undefined) => a === '--help' || a === '-h';
  // `replay --help` as well as `--help`: a user asks where they are; a file named --help is not a case to serve
  if (cmd === undefined || cmd === 'help' || isHelp(cmd) || rest.some(isHelp)) return { cmd: 'help' };
  if (cmd !== 'replay' && cmd !== 'diff' && cmd !== 'url' && cmd !== 'matrix') throw new UsageError(`unknown command "${cmd}"`);
  const files: string[] = [];
  let json = false;
  // each --kernel with the --switch options given after it
  const given: { text: string; switches: string[] }[] = [];
  let step: number | null = null;
  let show: ShowWhat = 'iomem';
  let machine: string | null = null;
  let base: string | null = null;
  let showGiven = false;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string | undefined => inline ?? rest[++i];
    if (flag === '--kernel') {
      const v = value();
      if (v === undefined) throw new UsageError('--kernel needs a value');
      given.push({ text: v, switches: [] });
    } else if (flag === '--switch') {
      const v = value();
      if (!v) throw new UsageError('--switch needs NAME=VALUE, e.g. --switch release=is_device_flag');
      const last = given[given.length - 1];
      if (!last) throw new UsageError(`--switch ${v} changes the kernel given before it: put a --kernel ID first`);
      last.switches.push(v);
    }
    else if (flag === '--step') {
      const v = value();
      if (v === undefined || !/^\d+$/.test(v)) throw new UsageError(`--step needs a step number (0 is the boot state), not "${v ?? ''}"`);
      step = Number(v);
    } else if (flag === '--show') {
      const v = value();
      if (!(SHOW_WHAT as readonly string[]).includes(v ?? '')) throw new UsageError(`--show takes one of ${SHOW_WHAT.join(', ')}, not "${v ?? ''}"`);
      show = v as ShowWhat;
      showGiven = true;
    } else if (flag === '--machine') {
      if (cmd === 'matrix') throw new UsageError('matrix runs each FILE on its own machine: it takes no --machine');
      const v = value();
      if (!v) throw new UsageError('--machine needs a /proc/iomem file');
      machine = v;
    } else if (flag === '--base') {
      if (cmd !== 'url') throw new UsageError('--base is an option of url only: it says where the page that opens the link is published');
      const v = value();
      if (!v) throw new UsageError('--base needs the URL the page is published at, e.g. https://example.org/hotplug/');
      base = v;
    } else if (flag === '--json' && cmd === 'matrix' && inline === undefined) json = true;
    else if (flag.startsWith('-')) throw new UsageError(`unknown option "${flag}"`);
    else if (files.length === 0 || cmd === 'matrix') files.push(a);
    else throw new UsageError(`unexpected argument "${a}"`);
  }
  const kernels = given.map((g) => kernelOf(g.text, g.switches));
  if (cmd === 'matrix') {
    if (files.length === 0) throw new UsageError('missing FILE');
    if (step !== null) throw new UsageError('matrix runs every step of each FILE: it takes no --step');
    if (showGiven) throw new UsageError('matrix takes no --show (--json prints it as JSON)');
    const dup = kernels.find((k, i) => kernels.indexOf(k) !== i);
    if (dup) throw new UsageError(`--kernel ${dup} is given twice`);
    return { cmd, files, kernels, json };
  }
  const file = files[0] ?? null;
  if (file === null && machine === null) throw new UsageError('missing FILE');
  if (cmd === 'diff') {
    if (kernels.length !== 2) throw new UsageError('diff needs exactly two --kernel options');
    return { cmd, file, machine, kernels: [kernels[0]!, kernels[1]!] };
  }
  if (kernels.length > 1) throw new UsageError(`${cmd} takes at most one --kernel`);
  if (cmd === 'url') return { cmd, file, machine, kernel: kernels[0] ?? null, step, base };
  return { cmd, file, machine, kernel: kernels[0] ?? null, step, show };
}
