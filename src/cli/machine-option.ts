import { parseIomemText } from '../index';

/** A /proc/iomem line as r_show() prints it: "  00100000-bfffffff : System RAM". */
const IOMEM_LINE = /^ *[0-9a-f]+-[0-9a-f]+ : /i;

/** Whether a text reads as /proc/iomem rather than a scenario: its first non-blank line is an iomem line. */
export function looksLikeIomem(text: string): boolean {
  const first = text.split('\n').find((l) => l.trim() !== '');
  return first !== undefined && IOMEM_LINE.test(first);
}

/**
 * What to tell a user who gave a /proc/iomem file where a scenario goes: the command that boots
 * it as the machine (with their own options kept), and the page's way to the same.
 */
export function iomemInsteadOfScenario(cmd: 'replay' | 'diff' | 'url', file: string, options: string): string {
  return (
    `${file}: this is a /proc/iomem text: import it as a machine, with --machine:\n` +
    `  hotplug-explorer ${cmd} --machine ${file}${options}            (that machine at boot)\n` +
    `  hotplug-explorer ${cmd} SCENARIO --machine ${file}${options}   (SCENARIO's steps on it)\n` +
    `or in the page: Import… > "A real machine: its /proc/iomem" > read it from the file > Use as machine.\n`
  );
}

/** A scenario with no steps: what `--machine IOMEM` boots when no FILE is given. */
export const NO_STEPS = JSON.stringify({ format: 'hotplug-explorer/scenario', version: 1, title: 'A machine at boot', steps: [] });

/**
 * The scenario text with its machine replaced by the /proc/iomem `iomem`, or why it cannot be.
 * The scenario's own problems are left to its parser, which words them with the file's name.
 */
export function withMachine(scenarioText: string, iomemFile: string, iomem: string): { text: string } | { error: string } {
  if (!looksLikeIomem(iomem)) {
    return { error: `${iomemFile} is not a /proc/iomem text: its first line should read like "00100000-bfffffff : System RAM" (what sudo cat /proc/iomem prints)` };
  }
  const read = parseIomemText(iomem);
  if (!read.ok) return { error: `${iomemFile} is not a /proc/iomem this machine can boot:\n${read.errors.map((e) => `  ${e}`).join('\n')}` };
  let scenario: unknown;
  try {
    scenario = JSON.parse(scenarioText);
  } catch {
    return { text: scenarioText };
  }
  if (typeof scenario !== 'object' || scenario === null || Array.isArray(scenario)) return { text: scenarioText };
  return { text: JSON.stringify({ ...scenario, machine: { iomem } }) };
}
