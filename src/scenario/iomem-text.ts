/**
 * Reads /proc/iomem as the kernel prints it (kernel/resource.c r_show: two spaces per depth,
 * "%0*llx-%0*llx : %s"), so a user can paste a real machine's layout as the boot state.
 * Every problem names its line, because the text is usually pasted from a terminal and the
 * user needs to find what went wrong in it.
 */
import type { IomemEntryInput } from '../engine/ops';
import { inferFlags, type InferenceNote } from './infer-flags';

export type IomemParseResult =
  | { ok: true; entries: IomemEntryInput[]; inferred: InferenceNote[] }
  | { ok: false; errors: string[] };

const MAX_ERRORS = 20;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
// The name is whatever follows " : ", possibly empty (then the trailing space was trimmed).
const LINE = /^( *)([0-9a-f]+)-([0-9a-f]+) :(?: (.*))?$/i;

interface ParsedLine {
  line: number;
  text: string;
  depth: number;
  start: number;
  end: number;
  name: string;
}

interface Node {
  parsed: ParsedLine;
  kids: Node[];
}

function quoteLine(text: string): string {
  const shown = text.length > 80 ? `${text.slice(0, 77)}...` : text;
  return JSON.stringify(shown);
}

function hexAddress(digits: string, lineNo: number, text: string, errors: string[]): number | null {
  const value = BigInt(`0x${digits}`);
  if (value > MAX_SAFE) {
    errors.push(`line ${lineNo}: address 0x${digits} is too large to simulate exactly (above 2^53): ${quoteLine(text)}`);
    return null;
  }
  return Number(value);
}

function readLines(text: string, errors: string[]): ParsedLine[] {
  const lines: ParsedLine[] = [];
  const rows = text.replace(/^\uFEFF/, '').split(/\r?\n|\r/);
  rows.forEach((row, index) => {
    const lineNo = index + 1;
    const trimmed = row.replace(/\s+$/, '');
    if (trimmed === '') return;
    const match = LINE.exec(trimmed);
    if (!match) {
      errors.push(
        `line ${lineNo}: not a /proc/iomem line (expected "<start>-<end> : <name>", indented two spaces per level): ${quoteLine(trimmed)}`,
      );
      return;
    }
    const [, indent = '', startHex = '', endHex = '', name = ''] = match;
    if (indent.length % 2 !== 0) {
      errors.push(`line ${lineNo}: indented by ${indent.length} spaces, but each level is two spaces: ${quoteLine(trimmed)}`);
      return;
    }
    const start = hexAddress(startHex, lineNo, trimmed, errors);
    const end = hexAddress(endHex, lineNo, trimmed, errors);
    if (start === null || end === null) return;
    lines.push({ line: lineNo, text: trimmed, depth: indent.length / 2, start, end, name });
  });
  return lines;
}

function describe(node: Node): string {
  return `"${node.parsed.name}" (line ${node.parsed.line})`;
}

/** Places the lines in a tree by indentation, checking what the kernel's resource tree guarantees. */
function buildTree(lines: ParsedLine[], errors: string[]): Node[] {
  const roots: Node[] = [];
  const open: Node[] = []; // open[d] is the latest entry at depth d
  for (const parsed of lines) {
    const where = `line ${parsed.line}`;
    const quoted = quoteLine(parsed.text);
    let depth = parsed.depth;
    if (depth > open.length) {
      errors.push(
        open.length === 0
          ? `${where}: indented, but there is no entry above it to be inside of: ${quoted}`
          : `${where}: indentation jumps from depth ${open.length - 1} to depth ${depth} (one level is two spaces): ${quoted}`,
      );
      depth = open.length; // carry on one level deeper, so that its own children are still checked
    }
    if (parsed.start > parsed.end) {
      errors.push(`${where}: start is after end: ${quoted}`);
    }
    const parent = depth > 0 ? open[depth - 1] : undefined;
    if (parent && (parsed.start < parent.parsed.start || parsed.end > parent.parsed.end)) {
      errors.push(`${where}: lies outside its parent ${describe(parent)}: ${quoted}`);
    }
    const siblings = parent ? parent.kids : roots;
    const previous = siblings[siblings.length - 1];
    if (previous) {
      if (parsed.start < previous.parsed.start) {
        errors.push(`${where}: out of order: starts before its previous sibling ${describe(previous)}: ${quoted}`);
      } else if (parsed.start <= previous.parsed.end) {
        errors.push(`${where}: overlaps its previous sibling ${describe(previous)}: ${quoted}`);
      }
    }
    const node: Node = { parsed: { ...parsed, depth }, kids: [] };
    siblings.push(node);
    open.length = depth;
    open.push(node);
  }
  return roots;
}

/** Top-down, because a driver-claimed entry takes its type and desc from its container. */
function toEntries(nodes: Node[], parent: IomemEntryInput | null, notes: InferenceNote[]): IomemEntryInput[] {
  return nodes.map((node) => {
    const { line, name, start, end, depth } = node.parsed;
    const { flags, desc, rule } = inferFlags(name, start, depth, {
      parent: parent ? { flags: parent.flags, desc: parent.desc } : null,
      hasSystemRamChild: node.kids.some((kid) => kid.parsed.name.startsWith('System RAM')),
    });
    notes.push({ line, name, flags, desc, rule });
    const entry: IomemEntryInput = { name, start, end, flags, desc, children: [] };
    entry.children = toEntries(node.kids, entry, notes);
    return entry;
  });
}

function capped(errors: string[]): string[] {
  if (errors.length <= MAX_ERRORS) return errors;
  return [...errors.slice(0, MAX_ERRORS), `... and ${errors.length - MAX_ERRORS} more problems`];
}

export function parseIomemText(text: string): IomemParseResult {
  const errors: string[] = [];
  const lines = readLines(text, errors);
  if (lines.length === 0 && errors.length === 0) {
    return { ok: false, errors: ['the /proc/iomem text is empty'] };
  }
  // Checked before the tree: a zeroed file would otherwise drown in overlap errors.
  if (lines.length > 0 && lines.every((l) => l.start === 0 && l.end === 0)) {
    return {
      ok: false,
      errors: [
        'every address in this /proc/iomem is 0: it was read without root (CAP_SYS_ADMIN); read it as root (sudo cat /proc/iomem)',
      ],
    };
  }
  const roots = buildTree(lines, errors);
  if (errors.length > 0) return { ok: false, errors: capped(errors) };
  if (!roots.some((root) => root.parsed.name === 'System RAM')) {
    return { ok: false, errors: ['no top-level System RAM entry: a machine needs boot memory'] };
  }
  // Boot memory becomes sections; x86_64 with 4-level paging has none above 2^46 (64 TiB).
  const tooHigh = roots.filter((root) => root.parsed.name === 'System RAM' && root.parsed.end >= 2 ** 46);
  if (tooHigh.length) {
    return {
      ok: false,
      errors: tooHigh.map((r) => `line ${r.parsed.line}: System RAM ends at 0x${r.parsed.end.toString(16)}, above 2^46 (64 TiB), the top of x86_64's 46-bit physical address space: ${quoteLine(r.parsed.text)}`),
    };
  }

  const inferred: InferenceNote[] = [];
  const entries = toEntries(roots, null, inferred);
  return { ok: true, entries, inferred };
}
export type { InferenceNote } from './infer-flags';
