import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** One capture of fixtures/qemu-6.1 or qemu-6.12: what the real kernel showed at that point. */
export interface Capture {
  name: string;
  iomem: string;
  /** zone header plus the spanned/present/managed/start_pfn lines, "pages free" dropped */
  zoneinfo: string;
  /** hot-added blocks as `memoryN phys_index=XXXXXXXX state=S valid_zones=Z` */
  hotBlocks: string[];
  dmesg: string[];
}

export const FIXTURE_DIR = path.resolve(import.meta.dirname, '../../fixtures');

function section(text: string, header: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith(header));
  if (start < 0) throw new Error(`no "${header}" section`);
  const out: string[] = [];
  for (const l of lines.slice(start + 1)) {
    if (l.startsWith('## ') && !l.startsWith('## (')) break;
    out.push(l);
  }
  return out;
}

export function readCapture(file: string, dir: 'qemu-6.1' | 'qemu-6.12' = 'qemu-6.1'): Capture {
  const text = readFileSync(path.join(FIXTURE_DIR, dir, file), 'utf8');
  const iomem = section(text, '## /proc/iomem').filter((l) => l.trim()).join('\n') + '\n';
  const zoneinfo =
    section(text, '## /proc/zoneinfo')
      .filter((l) => /^Node \d+, zone|^\s+(spanned|present|managed)\s|^\s+start_pfn:/.test(l))
      .join('\n') + '\n';
  const hotBlocks = section(text, '## memory block sysfs')
    .filter((l) => /^\s+memory\d+ phys_index=/.test(l))
    .map((l) => {
      const m = /memory(\d+) phys_index=0x([0-9a-f]+) state=(\S+) valid_zones=\[([^\]]*)\]/.exec(l)!;
      return `memory${m[1]} phys_index=${m[2]} state=${m[3]} valid_zones=${m[4]}`;
    });
  const dmesg = section(text, '## dmesg since previous capture')
    .map((l) => l.replace(/^\[\s*\d+\.\d+\]\s/, ''))
    .filter((l) => l.trim());
  return { name: file, iomem, zoneinfo, hotBlocks, dmesg };
}

export function captureFiles(prefix: string): string[] {
  return readdirSync(path.join(FIXTURE_DIR, 'qemu-6.1'))
    .filter((f) => f.startsWith(prefix) && /^[AB]\d\d_/.test(f))
    .sort();
}

/** The /proc/iomem of a capture, as a scenario's machine text. */
export function captureIomem(file: string): string {
  return readCapture(file).iomem;
}
