/** Sections [s0, s1) drawn over pixels [x0, x1); a fold is an empty gap squeezed to a fixed width. */
export interface Piece {
  s0: number;
  s1: number;
  x0: number;
  x1: number;
  folded: boolean;
  /** for folds: the size of the gap, "16 TiB" */
  label: string;
}
