/**
 * memmap_on_memory (v6.12): a memory block that carries its own memmap keeps it in its first
 * pages, 64 bytes of struct page per 4 KiB page, so 1/64 of the block. Those pages are present
 * but never managed; the map marks them at each such block's start once the block is wide
 * enough to tell its start apart (zoomed in), over the section colours. At the map's deepest
 * zoom a 128 MiB block is 40 px and its memmap 0.6 px, so the mark is never under 3 px: to
 * scale where it can be, visible where it cannot.
 */
import { PAGE_SIZE, PAGES_PER_SECTION } from '../../engine/arch';
import { SEC_BLOCK_ALTMAP } from '../../engine/state/section-bits';
import { memmapPagesPerBlock } from '../../engine/variants/v6-12-memmap';
import type { SectionSlice } from '../../engine/views/view-types';
import type { View } from './column-summary';
import type { FoldedScale } from './folded-scale';
import type { Row } from './layout';
import type { Palette } from './palette';
import { lowerBound } from './sorted-slice';

/** a block narrower than this shows no memmap mark: it would cover the block's start */
const MIN_BLOCK_PX = 16;
const MIN_MARK_PX = 3;

/** Each block with its own memmap, as the screen span [x0, x1) of its memmap pages, for blocks at least MIN_BLOCK_PX wide. */
export function vmemmapSpans(slice: SectionSlice, blockSizeBytes: number, scale: FoldedScale, view: View, width: number): [number, number][] {
  const perBlock = Math.max(1, Math.round(blockSizeBytes / (PAGES_PER_SECTION * PAGE_SIZE)));
  const share = memmapPagesPerBlock(blockSizeBytes) / (perBlock * PAGES_PER_SECTION);
  const first = Math.max(0, Math.floor(scale.invert(-view.tx / view.k)) - perBlock);
  const out: [number, number][] = [];
  for (let i = lowerBound(slice.nr, first); i < slice.nr.length; i++) {
    const nr = slice.nr[i]!;
    if ((slice.words[i]! & SEC_BLOCK_ALTMAP) === 0) continue;
    const x0 = scale.x(nr) * view.k + view.tx;
    if (x0 > width) break;
    const blockPx = (scale.x(nr + perBlock) - scale.x(nr)) * view.k;
    const w = Math.max(MIN_MARK_PX, blockPx * share);
    if (blockPx >= MIN_BLOCK_PX && x0 + w >= 0) out.push([x0, x0 + w]);
  }
  return out;
}

export function drawVmemmap(ctx: CanvasRenderingContext2D, spans: [number, number][], row: Row, p: Palette): void {
  ctx.fillStyle = p.vmemmap;
  for (const [x0, x1] of spans) ctx.fillRect(x0, row.y, x1 - x0, row.h);
}
