/**
 * What drawing a state needs that depends on the state alone, prepared when its view
 * arrives from the worker: for a step fetched ahead, that is before the user steps onto it.
 * Each result is cached on the view (section-runs, block-rows), so drawing finds it ready.
 */
import type { StateView } from '../worker/protocol';
import { sectionRuns } from './pfn-map/section-runs';
import { blockIndex } from './tables/block-rows';

export function warmStateView(state: StateView): void {
  sectionRuns(state.sections);
  blockIndex(state);
}
