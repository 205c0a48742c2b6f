import { preorder, type Resource } from '../resource/tree';

const MAX_IORES_LEVEL = 5;

/**
 * /proc/iomem as r_show() prints it for root: pre-order, two spaces per level (capped at
 * MAX_IORES_LEVEL), start and end zero-padded to 8 hex digits (4 when the root ends
 * below 0x10000), " : " and the name.
 */
export function formatIomem(root: Resource): string {
  const width = root.end < 0x10000 ? 4 : 8;
  const lines: string[] = [];
  for (const { res, depth } of preorder(root)) {
    const indent = '  '.repeat(Math.min(depth, MAX_IORES_LEVEL));
    lines.push(`${indent}${res.start.toString(16).padStart(width, '0')}-${res.end.toString(16).padStart(width, '0')} : ${res.name}`);
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}
