/** Batches redraw requests into one requestAnimationFrame; the latest draw function wins. */
import { type RefObject, useCallback, useEffect, useRef } from 'react';

export function useFrame(draw: () => void): () => void {
  const latest = useRef(draw);
  const pending = useRef(0);
  useEffect(() => {
    latest.current = draw;
  });
  useEffect(() => () => {
    if (pending.current) cancelAnimationFrame(pending.current);
  }, []);
  return useCallback(() => {
    if (pending.current) return;
    if (typeof requestAnimationFrame !== 'function') return latest.current();
    pending.current = requestAnimationFrame(() => {
      pending.current = 0;
      latest.current();
    });
  }, []);
}

/** The element's content width in CSS pixels, tracked with ResizeObserver where there is one. */
export function useWidth(ref: RefObject<HTMLElement | null>, fallback: number, set: (w: number) => void): void {
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => set(Math.floor(el.clientWidth) || fallback);
    measure();
    if (typeof ResizeObserver !== 'function') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref, fallback, set]);
}
