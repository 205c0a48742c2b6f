/**
 * Windowing for rows of one fixed height: which rows are in view, from the scroll offset
 * alone (O(1)), however many there are. A table of half a million blocks changes its row
 * count at a step; a virtualiser that measures every row (react-virtual keeps an entry per
 * row) would rebuild 524,288 entries then.
 */
import { type RefObject, useCallback, useEffect, useState } from 'react';

export interface FixedRows {
  /** first and one past the last row to render (overscan included) */
  start: number;
  end: number;
  /** the height of all rows: the spacer below the rendered ones fills up to it */
  total: number;
  scrollToRow(i: number): void;
}

export function useFixedRows(ref: RefObject<HTMLElement | null>, count: number, rowPx: number, overscan = 8, headerPx = 0): FixedRows {
  const [view, setView] = useState({ top: 0, height: 360 });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let frame = 0;
    const read = () => {
      frame = 0;
      setView((v) => (v.top === el.scrollTop && v.height === el.clientHeight ? v : { top: el.scrollTop, height: el.clientHeight || v.height }));
    };
    const onScroll = () => {
      if (!frame) frame = requestAnimationFrame(read);
    };
    read();
    el.addEventListener('scroll', onScroll, { passive: true });
    const ro = typeof ResizeObserver === 'function' ? new ResizeObserver(onScroll) : null;
    ro?.observe(el);
    return () => {
      el.removeEventListener('scroll', onScroll);
      ro?.disconnect();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [ref]);
  const first = Math.floor(Math.max(0, view.top - headerPx) / rowPx);
  const start = Math.max(0, Math.min(count, first - overscan));
  const end = Math.min(count, first + Math.ceil(view.height / rowPx) + overscan);
  const scrollToRow = useCallback(
    (i: number) => {
      const el = ref.current;
      if (!el) return;
      // centred, as a search result should be
      el.scrollTop = Math.max(0, headerPx + i * rowPx - (el.clientHeight - rowPx) / 2);
      setView({ top: el.scrollTop, height: el.clientHeight || 360 });
    },
    [ref, rowPx, headerPx],
  );
  return { start, end, total: count * rowPx, scrollToRow };
}
