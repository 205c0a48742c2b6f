/** Stable codes of scenario-format.md §1. */
export type FindingCode =
  | 'uninitialized-memmap-read'
  | 'resource-released-while-owned'
  | 'use-after-free'
  | 'nonexistent-resource-release'
  | 'double-ownership'
  | 'stale-zone-span'
  | 'accounting-mismatch'
  | 'stale-resource'
  | 'kernel-bug';

export interface Finding {
  step: number;
  code: FindingCode;
  /** one or two sentences a student can follow: which function, what, whose, why it matters */
  message: string;
  /** the kernel function at which it happened */
  fn: string;
  /** the physical range concerned, for highlighting */
  range: { start: number; end: number } | null;
  /** the iomem entry concerned, if any */
  resourceId: number | null;
  /** raised by the invariant checker rather than a detector at the call */
  byInvariant?: boolean;
}
