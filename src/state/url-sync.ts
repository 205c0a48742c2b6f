/** Keeps the address bar equal to what is shown, and opens links pasted into it. */
import { lessonById } from '../lessons';
import { DEFAULT_SCENARIO } from '../scenario/default-scenario';
import { startLesson } from './open-lesson';
import type { AppStore } from './store';
import { decodeLink, isLinkFragment, STATE_TABS } from '../links/share-link';
import { pageFragment } from './page-link';

/**
 * Opens what a link names; with no link at all (or an anchor such as the skip link's
 * `#main`, which is not a link), the default scenario with the lessons' landing section above it.
 */
export function openFromLocation(store: AppStore, hash: string): Promise<void> {
  const read = isLinkFragment(hash) ? decodeLink(hash) : ({ ok: 'empty' } as const);
  if (read.ok === true) {
    const { scenario, kernel, compare, step, view, lesson: lessonId, answers } = read.state;
    const tab = read.state.tab ?? STATE_TABS[0];
    store.getState().setDisplay({ present: !!read.state.present, embed: read.state.embed ?? null, matrix: !!read.state.matrix });
    if (read.notes) store.getState().showAlert(read.notes.join(' '));
    if (lessonId) {
      const lesson = lessonById(lessonId);
      // the lesson's own scenario: its narration is written for it
      if (lesson) return startLesson(store, lesson, { step, kernel, compare, view, tab, ...(answers ? { answers } : {}) }).then(() => undefined);
      store.getState().showAlert(`This link names a lesson "${lessonId}" that this Hotplug Explorer does not have. Its scenario was opened without the lesson.`);
    }
    return store.getState().openScenario(scenario, { kernel, compare, step, view, tab }).then(() => undefined);
  }
  if (read.ok === false) store.getState().showAlert(`${read.error} The default scenario was opened instead.`);
  return store.getState().openScenario(DEFAULT_SCENARIO, { landing: read.ok === 'empty' }).then(() => undefined);
}

/** Steps beyond which a step-only change of the link waits for stepping to pause. */
const LONG_SCENARIO = 500;
const LINK_PAUSE_MS = 1000;

export function syncUrl(store: AppStore, win: Window = window): () => void {
  let last = '';
  const write = () => {
    const s = store.getState();
    const hash = pageFragment(s);
    if (hash === last) return;
    last = hash;
    win.history.replaceState(null, '', hash);
  };
  // The link holds the whole scenario, compressed: for thousands of steps that costs a few
  // hundred milliseconds, too much for every step. A long scenario's step-only changes are
  // written once stepping pauses (and before the page goes away).
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    write();
  };
  const unsub = store.subscribe((s, prev) => {
    const other = s.scenario !== prev.scenario || s.kernel !== prev.kernel || s.compare !== prev.compare || s.view !== prev.view || s.tab !== prev.tab || s.lesson?.id !== prev.lesson?.id || s.lesson?.answers !== prev.lesson?.answers || s.present !== prev.present || s.embed !== prev.embed || s.matrix !== prev.matrix;
    if (other || (s.cursor !== prev.cursor && s.scenario.steps.length <= LONG_SCENARIO)) flush();
    else if (s.cursor !== prev.cursor) {
      if (timer !== null) clearTimeout(timer);
      // then in an idle moment: the encoding is one long task that should not land on a step
      timer = setTimeout(() => (typeof win.requestIdleCallback === 'function' ? win.requestIdleCallback(flush, { timeout: 2000 }) : flush()), LINK_PAUSE_MS);
    }
  });
  win.addEventListener('pagehide', flush);
  const onHash = () => {
    if (win.location.hash === last) return;
    if (!isLinkFragment(win.location.hash)) {
      // an anchor (the skip link, a heading's): the browser has moved to it; the scenario
      // stays, and the address bar keeps its link so a reload or a copy still has it
      win.history.replaceState(null, '', last);
      return;
    }
    last = win.location.hash;
    void openFromLocation(store, win.location.hash);
  };
  win.addEventListener('hashchange', onHash);
  write();
  return () => {
    unsub();
    if (timer !== null) clearTimeout(timer);
    win.removeEventListener('pagehide', flush);
    win.removeEventListener('hashchange', onHash);
  };
}
