import { readFileSync } from 'node:fs';
import { decodeLink, isCustom, looksLikeCapture, presetOf, readMachineCapture, serializeScenario, type KernelRef, type LinkState } from '../index';
import { USAGE, UsageError, parseArgs } from './args';
import { iomemInsteadOfScenario, looksLikeIomem, NO_STEPS, withMachine } from './machine-option';
import { matrixCommand } from './matrix';
import { diffCommand, replayCommand, urlCommand } from './replay';

/** Plain words for the errno codes a mistyped or protected FILE gives (Node's own messages repeat the path). */
const READ_ERRORS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a part of the path is not a directory',
  EISDIR: 'it is a directory, not a scenario file',
  EACCES: 'permission denied',
};

/** A share link in place of FILE: what `url` prints, or the page's address. */
const isShareLink = (arg: string): boolean => /^https?:\/\//i.test(arg) || /#v=\d/.test(arg);

/** The state a share link names, or why it cannot be read (in the page's words). */
function readShareLink(arg: string): LinkState | string {
  const at = arg.indexOf('#');
  if (at < 0) return 'it has no "#" part, so it names no scenario';
  const read = decodeLink(arg.slice(at));
  if (read.ok === 'empty') return 'it names no scenario';
  return read.ok ? read.state : read.error;
}

function fail(message: string): number {
  process.stderr.write(`hotplug-explorer: ${message}\n`);
  return 2;
}

/** A file's text, or why it cannot be read in plain words. */
function readText(file: string): { text: string; error?: undefined } | { error: string } {
  try {
    return { text: readFileSync(file, 'utf8') };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code && READ_ERRORS[code] ? `${READ_ERRORS[code]} (${code})` : (code ?? (e as Error).message);
    return { error: `cannot read ${file}: ${why}` };
  }
}

/** FILE's scenario text (a share link's as a scenario file, with the custom kernel it runs, if any), or why it cannot be read. */
function readInput(arg: string): { text: string; custom?: KernelRef } | { error: string } {
  if (!isShareLink(arg)) return readText(arg);
  const link = readShareLink(arg);
  if (typeof link === 'string') return { error: `cannot open the link: ${link}` };
  const text = serializeScenario({ ...link.scenario, kernel: presetOf(link.kernel), cursor: link.step });
  return isCustom(link.kernel) ? { text, custom: link.kernel } : { text };
}

/**
 * Exit 0 when the scenario ran (whatever it found), 2 for anything wrong with the input,
 * 1 only for an internal error. Never a stack trace for the user's mistakes.
 */
function main(argv: string[]): number {
  let command;
  try {
    command = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`hotplug-explorer: ${e.message}\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }
  if (command.cmd === 'help') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (command.cmd === 'matrix') {
    // Every unreadable FILE is named before giving up, so one run lists all there is to fix.
    const texts: { file: string; text: string }[] = [];
    const custom: KernelRef[] = [];
    let unreadable = false;
    for (const file of command.files) {
      const read = readInput(file);
      if ('error' in read) {
        process.stderr.write(`hotplug-explorer: ${read.error}\n`);
        unreadable = true;
      } else {
        texts.push({ file, text: read.text });
        if (read.custom && !custom.includes(read.custom)) custom.push(read.custom);
      }
    }
    if (unreadable) return 2;
    // a link's custom kernel is a column after the named kernels, as on the page; --kernel lists them all itself
    return matrixCommand(command, texts, custom);
  }
  let text: string;
  if (command.file === null) text = NO_STEPS;
  else if (isShareLink(command.file)) {
    const link = readShareLink(command.file);
    if (typeof link === 'string') {
      process.stderr.write(`hotplug-explorer: cannot open the link: ${link}\n`);
      return 2;
    }
    // a scenario file names a preset: a custom kernel's switches travel as the command's kernel
    text = serializeScenario({ ...link.scenario, kernel: presetOf(link.kernel), cursor: link.step });
    // the link's kernel and step are the defaults, as when the page opens it
    if (command.cmd !== 'diff') command = { ...command, step: command.step ?? link.step, kernel: command.kernel ?? link.kernel };
  } else {
    const read = readText(command.file);
    if (read.error !== undefined) return fail(read.error);
    text = read.text;
    if (looksLikeCapture(text)) {
      // a machine taken whole by scripts/capture-machine.sh: read as the scenario that boots it
      const capture = readMachineCapture(text);
      if (!capture.ok) return fail(`${command.file} is a machine capture this Hotplug Explorer cannot read:\n${capture.errors.map((e) => `  ${e}`).join('\n')}`);
      for (const note of capture.notes) process.stderr.write(`${command.file}: ${note}\n`);
      text = serializeScenario(capture.scenario);
    } else if (looksLikeIomem(text)) {
      const file = command.file;
      const options = argv.slice(1).filter((a) => a !== file);
      process.stderr.write(iomemInsteadOfScenario(command.cmd, file, options.length ? ' ' + options.join(' ') : ''));
      return 2;
    }
  }
  if (command.machine !== null) {
    const read = readText(command.machine);
    if (read.error !== undefined) return fail(read.error);
    const booted = withMachine(text, command.machine, read.text);
    if ('error' in booted) return fail(booted.error);
    text = booted.text;
  }
  if (command.cmd === 'replay') return replayCommand(command, text);
  if (command.cmd === 'url') return urlCommand(command, text);
  return diffCommand(command, text);
}

// A reader that stops early (`replay ... --show json | head`) closes the pipe; finish quietly,
// as cat and grep do, instead of dying on an unhandled EPIPE with a stack trace and status 1.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`hotplug-explorer: cannot write output: ${e.message}\n`);
  process.exit(1);
});

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`hotplug-explorer: internal error: ${(e as Error).message}\n`);
  process.exitCode = 1;
}
