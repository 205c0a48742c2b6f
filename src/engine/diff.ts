import type { Finding } from './findings/finding-types';
import { type LineDiff, type StepDiff, stepDiffers } from './views/step-diff';
import { formatIomem } from './format/proc-iomem';
import { differingBlockLines, formatMemoryBlocks } from './format/sys-memory';
import { autoMovableOf } from './variants';
import { type Run, stateAt } from './run';
import { SameListing } from './same-listing';
import { type KernelState, ZONE_NAMES } from './state/kernel-state';

function lineDiff(a: string[], b: string[]): LineDiff {
  const inA = new Map<string, number>();
  for (const l of a) inA.set(l, (inA.get(l) ?? 0) + 1);
  const onlyB: string[] = [];
  for (const l of b) {
    const n = inA.get(l) ?? 0;
    if (n > 0) inA.set(l, n - 1);
    else onlyB.push(l);
  }
  const inB = new Map<string, number>();
  for (const l of b) inB.set(l, (inB.get(l) ?? 0) + 1);
  const onlyA: string[] = [];
  for (const l of a) {
    const n = inB.get(l) ?? 0;
    if (n > 0) inB.set(l, n - 1);
    else onlyA.push(l);
  }
  return { onlyA, onlyB };
}

const lines = (t: string): string[] => t.split('\n').filter(Boolean);
const retOf = (r: Run, step: number): string => {
  const s = r.steps[step - 1];
  if (!s) return '';
  if (!s.ran) return 'not run';
  return s.bug ? 'BUG' : String(s.ret);
};
const findingLines = (fs: Finding[]): string[] => fs.map((f) => `${f.code} (${f.fn})`);

const NO_LINES: LineDiff = Object.freeze({ onlyA: [], onlyB: [] }) as unknown as LineDiff;

/**
 * How the runs differ at `step`. The listings are formatted only where `same` cannot show
 * them equal: pass one SameListing to every step of a pair of runs, so that it remembers
 * what it has compared.
 */
function blockDiff(a: Run, sa: KernelState, b: Run, sb: KernelState, same: SameListing): LineDiff {
  const ama = autoMovableOf(a.kernel, a.config);
  const amb = autoMovableOf(b.kernel, b.config);
  // under auto-movable, valid_zones also read the zones' present pages and the memory groups: no structural shortcut
  if (!ama && !amb) {
    if (same.blocks(sa, a.config, sb, b.config)) return NO_LINES;
    // the spans differ (v4.18 keeps them after offline) over the same blocks: compare valid_zones only
    if (same.sameBlocks(sa, sb)) return differingBlockLines(sa, a.config.movable_node, sb, b.config.movable_node);
  }
  return lineDiff(lines(formatMemoryBlocks(sa, a.config.movable_node, ama)), lines(formatMemoryBlocks(sb, b.config.movable_node, amb)));
}

export function diffStep(a: Run, b: Run, step: number, same = new SameListing()): StepDiff {
  const sa = stateAt(a, step);
  const sb = stateAt(b, step);
  const zones: string[] = [];
  const n = Math.max(sa.nodes.length, sb.nodes.length);
  for (let nid = 0; nid < n; nid++) {
    const na = sa.nodes[nid];
    const nb = sb.nodes[nid];
    if (!na || !nb) {
      zones.push(`node ${nid}: ${na ? 'only in A' : 'only in B'}`);
      continue;
    }
    const nodeParts: string[] = [];
    if (na.startPfn !== nb.startPfn) nodeParts.push(`node_start_pfn 0x${na.startPfn.toString(16)} | 0x${nb.startPfn.toString(16)}`);
    if (na.spannedPages !== nb.spannedPages) nodeParts.push(`node_spanned_pages ${na.spannedPages} | ${nb.spannedPages}`);
    if (na.presentPages !== nb.presentPages) nodeParts.push(`node_present_pages ${na.presentPages} | ${nb.presentPages}`);
    if (na.online !== nb.online) nodeParts.push(`online ${na.online} | ${nb.online}`);
    if (nodeParts.length) zones.push(`node ${nid}: ${nodeParts.join(', ')}`);
    na.zones.forEach((za, zi) => {
      const zb = nb.zones[zi]!;
      const parts: string[] = [];
      if (za.startPfn !== zb.startPfn) parts.push(`start_pfn ${za.startPfn} | ${zb.startPfn}`);
      if (za.spannedPages !== zb.spannedPages) parts.push(`spanned ${za.spannedPages} | ${zb.spannedPages}`);
      if (za.presentPages !== zb.presentPages) parts.push(`present ${za.presentPages} | ${zb.presentPages}`);
      if (za.managedPages !== zb.managedPages) parts.push(`managed ${za.managedPages} | ${zb.managedPages}`);
      if (parts.length) zones.push(`node ${nid} zone ${ZONE_NAMES[zi]}: ${parts.join(', ')}`);
    });
  }
  const ra = retOf(a, step);
  const rb = retOf(b, step);
  const stA = a.steps[step - 1];
  const stB = b.steps[step - 1];
  return {
    step,
    op: stA?.op.op ?? 'boot',
    ret: ra !== rb ? [ra, rb] : null,
    iomem: same.iomem(sa.iomem, sb.iomem) ? NO_LINES : lineDiff(lines(formatIomem(sa.iomem)), lines(formatIomem(sb.iomem))),
    zones,
    blocks: blockDiff(a, sa, b, sb, same),
    findings: lineDiff(findingLines(stA?.findings ?? []), findingLines(stB?.findings ?? [])),
    log: lineDiff(stA?.log ?? [], stB?.log ?? []),
  };
}

/** Every step where the runs differ, from the first one on (boot is step 0). */
export function diffRuns(a: Run, b: Run): StepDiff[] {
  const n = Math.max(a.steps.length, b.steps.length);
  const out: StepDiff[] = [];
  const same = new SameListing();
  for (let step = 0; step <= n; step++) {
    const d = diffStep(a, b, step, same);
    if (stepDiffers(d)) out.push(d);
  }
  return out;
}

export function formatDiff(diffs: StepDiff[], nameA: string, nameB: string, steps: number): string {
  if (!diffs.length) return `${nameA} and ${nameB} agree at every step (0 to ${steps}): same return values, /proc/iomem, zones, memory blocks, findings and log\n`;
  const out = [`${nameA} vs ${nameB}: first difference at step ${diffs[0]!.step} (${diffs[0]!.op}); ${diffs.length} of ${steps + 1} states differ`];
  const side = (l: LineDiff, label: string): void => {
    if (!l.onlyA.length && !l.onlyB.length) return;
    out.push(`  ${label}:`);
    for (const x of l.onlyA) out.push(`    - ${x}    (${nameA} only)`);
    for (const x of l.onlyB) out.push(`    + ${x}    (${nameB} only)`);
  };
  for (const d of diffs) {
    out.push('', `step ${d.step}: ${d.op}`);
    if (d.ret) out.push(`  return: ${d.ret[0]} (${nameA}) | ${d.ret[1]} (${nameB})`);
    side(d.iomem, '/proc/iomem');
    if (d.zones.length) {
      out.push(`  zones and nodes (${nameA} | ${nameB}):`);
      for (const z of d.zones) out.push(`    ${z}`);
    }
    side(d.blocks, 'memory blocks');
    side(d.findings, 'findings');
    side(d.log, 'kernel log');
  }
  return out.join('\n') + '\n';
}
