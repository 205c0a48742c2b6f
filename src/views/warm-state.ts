/**
 * What drawing a state needs that depends on the state alone, prepared when its view has
 * arrived from the worker and the page is idle: for a step fetched ahead, that is before
 * the user steps onto it. Each result is cached on the view (section-runs, block-rows), so
 * drawing finds it ready; a view drawn before it was prepared computes the same itself.
 */
import type { StateView } from '../engine/views/view-types';
import { sectionRuns } from './pfn-map/section-runs';
import { blockIndex } from './tables/block-rows';

function prepare(state: StateView): void {
  sectionRuns(state.sections);
  blockIndex(state);
}

export function warmStateView(state: StateView): void {
  // Not in the middle of drawing a step: the next idle moment (or the next task without the API).
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => prepare(state), { timeout: 500 });
  else setTimeout(() => prepare(state), 0);
}
