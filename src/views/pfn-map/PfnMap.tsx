/**
 * The PFN map: the physical address space from 0 to 2^46 on a canvas, folded where it is
 * empty, zoomable down to one section. Pure modules do the work (folded-scale, column-summary,
 * draw-*); this component wires data, zoom, hover and the text twin together.
 */
import './pfn-map.css';
import { type KeyboardEvent, type MouseEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { SECTION_SIZE_BYTES } from '../../engine/arch';
import type { StateView } from '../../engine/views/view-types';
import { buildBands } from './bands';
import type { View } from './column-summary';
import { drawHighlightLayer, drawPfnMap } from './draw-pfn-map';
import { buildFoldedScale } from './folded-scale';
import { describeFold, describeSection } from './hover-label';
import { Legend } from './Legend';
import { paletteFor } from './palette';
import { changedSectionsByRuns as changedSections } from './section-runs';
import { sortedSlice } from './sorted-slice';
import { describeMap, mapAriaLabel } from './text-twin';
import { useFrame, useWidth } from './use-frame';
import { usePanZoom } from './use-pan-zoom';

export interface PfnMapProps {
  state: StateView;
  previous: StateView | null;
  /** physical byte range, end inclusive (as in /proc/iomem and ResourceView) */
  highlight: { start: number; end: number } | null;
  /** the hovered section (or folded gap) as a byte range, end inclusive; null when the pointer leaves */
  onHover(range: { start: number; end: number } | null, label: string | null): void;
  height?: number;
  theme: 'light' | 'dark';
  /** false where maps stand side by side and share one legend */
  legend?: boolean;
}

const FALLBACK_WIDTH = 1000;
const TIP_WIDTH = 280;

export function PfnMap({ state, previous, highlight, onHover, height = 220, theme, legend = true }: PfnMapProps) {
  const stageRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const overlayRef = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(FALLBACK_WIDTH);
  useWidth(stageRef, FALLBACK_WIDTH, setWidth);
  const sections = useMemo(() => sortedSlice(state.sections), [state.sections]);
  const changed = useMemo(() => changedSections(state.sections, previous?.sections ?? null), [state.sections, previous]);
  const scale = useMemo(() => buildFoldedScale(state, width), [state, width]);
  const { bands, laneCount } = useMemo(() => buildBands(state), [state]);
  const lines = useMemo(() => describeMap(state, sections, scale, changed, previous !== null), [state, sections, scale, changed, previous]);
  const perBlock = Math.max(1, Math.round(state.blockSizeBytes / SECTION_SIZE_BYTES));
  const dpr = (typeof window !== 'undefined' && window.devicePixelRatio) || 1;

  const view = useRef<View>({ k: 1, tx: 0 });
  const [zoomed, setZoomed] = useState(false);
  const [tip, setTip] = useState<{ x: number; y: number; label: string } | null>(null);
  const hovered = useRef<number | null>(null);

  // Asked for once per canvas: the answer never changes, and jsdom complains at every ask.
  const ctxRef = useRef<CanvasRenderingContext2D | null | undefined>(undefined);
  const overlayCtxRef = useRef<CanvasRenderingContext2D | null | undefined>(undefined);
  const highlightRef = useRef(highlight);
  highlightRef.current = highlight;
  const drawOverlay = () => {
    if (overlayCtxRef.current === undefined && overlayRef.current) overlayCtxRef.current = overlayRef.current.getContext('2d');
    const ctx = overlayCtxRef.current;
    if (ctx) drawHighlightLayer(ctx, highlightRef.current, { scale, view: view.current, width, height, dpr, palette: paletteFor(theme, stageRef.current) });
  };
  const schedule = useFrame(() => {
    if (ctxRef.current === undefined && canvasRef.current) ctxRef.current = canvasRef.current.getContext('2d');
    const ctx = ctxRef.current;
    // No 2D context (jsdom, or a browser that refuses one): skip drawing; the text twin still tells all.
    if (!ctx) return;
    const palette = paletteFor(theme, stageRef.current);
    drawPfnMap(ctx, { state, sections, changed, scale, bands, laneCount, view: view.current, width, height, dpr, palette });
    drawOverlay();
  });
  // A new state, size, theme or zoom redraws the base (and the highlight with it); a new highlight only the overlay.
  useEffect(schedule, [schedule, state, previous, theme, width, height, scale, dpr]);
  const scheduleOverlay = useFrame(drawOverlay);
  useEffect(scheduleOverlay, [scheduleOverlay, highlight]);

  const onView = useCallback(
    (v: View) => {
      view.current = v;
      setZoomed(v.k !== 1 || v.tx !== 0);
      schedule();
    },
    [schedule],
  );
  const pz = usePanZoom(canvasRef, width, height, scale.maxZoom, onView);

  const onKeyDown = (e: KeyboardEvent) => {
    // Plain arrows belong to the app (stepping); the map pans with Shift+arrows.
    if (e.key === '+' || e.key === '=') pz.zoomBy(1.5);
    else if (e.key === '-' || e.key === '_') pz.zoomBy(1 / 1.5);
    else if (e.shiftKey && e.key === 'ArrowLeft') pz.panBy(width * 0.2);
    else if (e.shiftKey && e.key === 'ArrowRight') pz.panBy(-width * 0.2);
    else if (e.key === '0') pz.reset();
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  const onMouseMove = (e: MouseEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const px = e.clientX - rect.left;
    const fx = (px - view.current.tx) / view.current.k;
    const nr = scale.invert(fx);
    const fold = scale.breaks.find((b) => fx >= b.x0 && fx < b.x1) ?? null;
    const h = fold ? describeFold(fold) : describeSection(nr, sections, changed, perBlock);
    setTip({ x: Math.max(0, Math.min(px + 12, width - TIP_WIDTH)), y: e.clientY - rect.top + 14, label: h.label });
    if (hovered.current !== h.range.start) {
      hovered.current = h.range.start;
      onHover(h.range, h.label);
    }
  };
  const onMouseLeave = () => {
    setTip(null);
    if (hovered.current === null) return;
    hovered.current = null;
    onHover(null, null);
  };

  return (
    <figure className="pfn-map" data-theme={theme}>
      <figcaption className="pfn-map__bar">
        <span className="pfn-map__title">Physical address space (PFN map)</span>
        <button type="button" className="pfn-map__reset" onClick={pz.reset} disabled={!zoomed}>
          Reset zoom
        </button>
        <span className="pfn-map__hint">wheel or +/− zoom · drag or Shift+←/→ pan</span>
      </figcaption>
      <div ref={stageRef} className="pfn-map__stage" tabIndex={0} role="group" aria-label="PFN map: + and − zoom, Shift+arrows pan, 0 resets" onKeyDown={onKeyDown}>
        <canvas
          ref={canvasRef}
          role="img"
          aria-label={mapAriaLabel(state, scale)}
          width={Math.round(width * dpr)}
          height={Math.round(height * dpr)}
          style={{ width, height }}
          onMouseMove={onMouseMove}
          onMouseLeave={onMouseLeave}
        />
        <canvas ref={overlayRef} className="pfn-map__overlay" aria-hidden="true" width={Math.round(width * dpr)} height={Math.round(height * dpr)} style={{ width, height }} />
        {tip && (
          <div className="pfn-map__tip" aria-hidden="true" style={{ left: tip.x, top: tip.y, maxWidth: TIP_WIDTH }}>
            {tip.label}
          </div>
        )}
      </div>
      {legend && <Legend theme={theme} />}
      <ul className="pfn-map__sr" data-testid="pfn-map-text">
        {lines.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ul>
    </figure>
  );
}
