/** How two kernels' runs differ at a step, as plain data the compare panel reads without the engine (diff.ts computes it). */
export interface LineDiff {
  onlyA: string[];
  onlyB: string[];
}

/** How two runs of one scenario differ at one step: what the kernel returned, printed and left behind. */
export interface StepDiff {
  step: number;
  op: string;
  ret: [string, string] | null;
  iomem: LineDiff;
  zones: string[];
  blocks: LineDiff;
  findings: LineDiff;
  log: LineDiff;
}

/** Whether two kernels differ at a step at all: its return, a listing, a zone, a block, a finding or a log line. */
export function stepDiffers(d: StepDiff): boolean {
  const ld = (l: LineDiff) => l.onlyA.length + l.onlyB.length > 0;
  return d.ret !== null || ld(d.iomem) || d.zones.length > 0 || ld(d.blocks) || ld(d.findings) || ld(d.log);
}
