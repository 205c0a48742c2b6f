/**
 * d3-zoom on the map's element, x only: attached once, reconfigured when the size or the
 * deepest zoom changes, removed on unmount. D3 keeps the transform (read with
 * zoomTransform()) and reports it; React keeps every DOM node.
 */
import { select } from 'd3-selection';
import { zoom, zoomIdentity, zoomTransform, type ZoomBehavior, type ZoomTransform } from 'd3-zoom';
import { type RefObject, useCallback, useEffect, useRef } from 'react';
import type { View } from './column-summary';

export interface PanZoom {
  zoomBy(factor: number): void;
  /** pan by screen pixels; positive moves the content right */
  panBy(px: number): void;
  reset(): void;
}

export function usePanZoom(ref: RefObject<HTMLElement | null>, width: number, height: number, maxZoom: number, onView: (v: View) => void): PanZoom {
  const behaviour = useRef<ZoomBehavior<HTMLElement, unknown> | null>(null);
  const report = useRef(onView);
  useEffect(() => {
    report.current = onView;
  });

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const z = zoom<HTMLElement, unknown>()
      // Keep y at 0 whatever the gesture: the map only zooms along the address axis.
      .constrain((t, extent, translateExtent) => {
        const k = t.k;
        const minX = extent[1][0] - translateExtent[1][0] * k;
        const x = Math.min(translateExtent[0][0], Math.max(minX, t.x));
        return zoomIdentity.translate(x, 0).scale(k);
      })
      .on('zoom', (e: { transform: ZoomTransform }) => report.current({ k: e.transform.k, tx: e.transform.x }));
    behaviour.current = z;
    const sel = select(el);
    sel.call(z);
    return () => {
      sel.on('.zoom', null);
      behaviour.current = null;
    };
  }, [ref]);

  useEffect(() => {
    const z = behaviour.current;
    const el = ref.current;
    if (!z || !el) return;
    const box: [[number, number], [number, number]] = [
      [0, 0],
      [width, height],
    ];
    z.extent(box).translateExtent(box).scaleExtent([1, maxZoom]);
    // Re-apply the current transform so that a narrower extent clamps it at once.
    z.transform(select(el), zoomTransform(el));
  }, [ref, width, height, maxZoom]);

  const run = useCallback(
    (f: (z: ZoomBehavior<HTMLElement, unknown>, el: HTMLElement) => void) => {
      const el = ref.current;
      if (behaviour.current && el) f(behaviour.current, el);
    },
    [ref],
  );
  const zoomBy = useCallback((factor: number) => run((z, el) => z.scaleBy(select(el), factor, [width / 2, 0])), [run, width]);
  const panBy = useCallback(
    (px: number) =>
      run((z, el) => {
        const k = zoomTransform(el).k;
        z.translateBy(select(el), px / k, 0);
      }),
    [run],
  );
  const reset = useCallback(() => run((z, el) => z.transform(select(el), zoomIdentity)), [run]);
  return { zoomBy, panBy, reset };
}
