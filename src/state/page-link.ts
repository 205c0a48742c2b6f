import { absoluteLink } from '../links/image-link';
import { presetOf } from '../engine/variants/switches';
import { encodeLink } from '../links/share-link';
import type { AppState } from './store';

type Shown = Pick<AppState, 'scenario' | 'kernel' | 'compare' | 'cursor' | 'view' | 'tab' | 'lesson' | 'present' | 'embed' | 'matrix'>;

/** The fragment that reopens what is shown: url-sync keeps the address bar at it. */
export function pageFragment(s: Shown): string {
  // a lesson's answers travel with it, so a shared lesson keeps its grades
  const answers = s.lesson ? Object.values(s.lesson.answers) : [];
  return encodeLink({
    scenario: { ...s.scenario, kernel: presetOf(s.kernel), cursor: s.cursor },
    kernel: s.kernel,
    compare: s.compare,
    step: s.cursor,
    view: s.view,
    tab: s.tab,
    ...(s.lesson ? { lesson: s.lesson.id } : {}),
    ...(answers.length ? { answers } : {}),
    ...(s.present ? { present: true } : {}),
    ...(s.embed ? { embed: s.embed } : {}),
    ...(s.matrix ? { matrix: true } : {}),
  });
}

/**
 * What "Copy link" copies: this page's own address (origin and path, so a copy published
 * under a sub-path links to itself, as `url --base` does) with the fragment of what is shown,
 * made now rather than read from the address bar, which a long scenario updates late.
 */
export function pageLink(s: Shown, where: { origin: string; pathname: string }): string {
  return absoluteLink(pageFragment(s), where);
}
