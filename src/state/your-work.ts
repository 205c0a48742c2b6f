/**
 * The user's own work, kept when something else is opened over it (a lesson, a link, a
 * file): what "Back to your scenario" restores, and the test of whether there is any.
 */
import type { KernelRef } from '../engine/variants/switches';
import { serializeScenario } from '../scenario/schema';
import type { Scenario } from '../scenario/types';
import type { StateTab, ViewName } from '../links/share-link';

export interface YourWork {
  scenario: Scenario;
  kernel: KernelRef;
  compare: KernelRef | null;
  view: ViewName;
  cursor: number;
  /** the state tab open */
  tab: StateTab;
  /** the scenario as last opened (a lesson, a link, a file, the default): the user's work is what differs from it */
  opened: Scenario;
}

/** The scenario's content as the user made it: the kernel shown and the cursor are choices of view, not work. */
const content = (s: Scenario): string => serializeScenario({ ...s, kernel: 'v5.5', cursor: 0 });

/** The user changed the scenario since it was opened (a lesson, a link, a file or the default one). */
export function isUnsaved(scenario: Scenario, opened: Scenario): boolean {
  return scenario !== opened && content(scenario) !== content(opened);
}
