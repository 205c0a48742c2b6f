/**
 * The app's one store: the scenario and its history, which kernel(s) run it, the step
 * shown, the engine's answers, and what is selected. Made by a factory so each test (and
 * each page) gets its own; the engine is reached only through the EngineClient.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { StepDiff } from '../engine/diff';
import type { KernelId, Op } from '../engine/ops';
import { toMachineInput } from '../scenario/machine-input';
import type { Scenario } from '../scenario/types';
import type { EngineClient } from '../worker/engine-client';
import type { LinkedTraceNode, RunView } from '../worker/protocol';
import type { EmbedView, ViewName } from './url-state';

export type Theme = 'light' | 'dark';

export interface Selection {
  range: { start: number; end: number } | null;
  resourceId: number | null;
  label: string | null;
  /** pinned by a click (a finding), rather than following the pointer */
  pinned: boolean;
}

/** A guided lesson in progress: which one, where it asks before stepping, and what the student answered. */
export interface LessonProgress {
  id: string;
  /** steps that ask for a prediction before they are shown */
  gates: number[];
  /** the student's choice per gated step ('' when skipped) */
  answers: Record<number, string>;
  /** a single step forward was held at this gate until the student answers */
  held: number | null;
}

export interface AppState {
  scenario: Scenario;
  kernel: KernelId;
  compare: KernelId | null;
  view: ViewName;
  cursor: number;
  runs: RunView[] | null;
  diffs: StepDiff[] | null;
  trace: { kernel: KernelId; step: number; nodes: LinkedTraceNode[] } | null;
  busy: boolean;
  alert: string | null;
  engineMs: number | null;
  past: Scenario[];
  future: Scenario[];
  selection: Selection;
  theme: Theme;
  lesson: LessonProgress | null;
  /** the lessons' landing section is shown above the explorer */
  landing: boolean;
  /** presentation mode: large type, chrome hidden */
  present: boolean;
  /** embed mode: one view, read-only */
  embed: EmbedView | null;
}

export interface AppActions {
  /** opens a scenario; with `lesson` it is that lesson's, otherwise any lesson is left */
  openScenario(s: Scenario, opts?: { kernel?: KernelId; compare?: KernelId | null; step?: number; view?: ViewName; keepHistory?: boolean; lesson?: { id: string; gates: number[] }; landing?: boolean }): Promise<void>;
  /** a new version of the scenario the user edited: undoable */
  editScenario(s: Scenario, cursor?: number): Promise<void>;
  appendStep(op: Op): Promise<void>;
  replaceStep(index: number, op: Op): Promise<void>;
  deleteStep(index: number): Promise<void>;
  undo(): Promise<void>;
  redo(): Promise<void>;
  setKernel(k: KernelId): Promise<void>;
  setCompare(k: KernelId | null): Promise<void>;
  setView(v: ViewName): Promise<void>;
  goTo(step: number): void;
  stepBy(delta: number): void;
  select(sel: Partial<Selection> | null): void;
  setTheme(t: Theme): void;
  showAlert(message: string | null): void;
  /** records the student's prediction for a gated step (null: skipped) and, from the step before it, shows the step */
  answerPrediction(step: number, choice: string | null): void;
  exitLesson(): void;
  setLanding(show: boolean): void;
  setDisplay(d: { present?: boolean; embed?: EmbedView | null }): void;
}

export type AppStore = StoreApi<AppState & AppActions>;

const EMPTY_SELECTION: Selection = { range: null, resourceId: null, label: null, pinned: false };

export function createAppStore(client: EngineClient, initial: Scenario, theme: Theme = 'light'): AppStore {
  let gen = 0;
  const store = createStore<AppState & AppActions>()((set, get) => {
    /** Runs the scenario under the kernel(s) shown; replies to an older generation are dropped. */
    const run = async (): Promise<void> => {
      const { scenario, kernel, compare } = get();
      const mine = ++gen;
      set({ busy: true });
      const kernels = compare && compare !== kernel ? [kernel, compare] : [kernel];
      try {
        const reply = await client.request({ gen: mine, kind: 'run', input: { kernels, config: scenario.config, machine: toMachineInput(scenario.machine), steps: scenario.steps } });
        if (mine !== gen) return;
        if (reply.kind === 'error') {
          set({ busy: false, alert: `The engine could not run this scenario: ${reply.message}` });
          return;
        }
        if (reply.kind !== 'run') return;
        const last = reply.runs[0]!.steps.length;
        set({ runs: reply.runs, diffs: reply.diffs?.[0] ?? null, engineMs: reply.ms, busy: false, cursor: Math.min(get().cursor, last), trace: null });
        await loadTrace();
      } catch (e) {
        if (mine !== gen) return;
        set({ busy: false, alert: `The engine stopped (${(e as Error).message}). It was restarted and the scenario is being run again.` });
        void run();
      }
    };

    const loadTrace = async (): Promise<void> => {
      const { kernel, cursor, runs } = get();
      if (!runs || cursor === 0) {
        set({ trace: { kernel, step: cursor, nodes: [] } });
        return;
      }
      const mine = gen;
      const reply = await client.request({ gen: mine, kind: 'trace', kernel, step: cursor });
      if (mine !== gen || reply.kind !== 'trace' || reply.step !== get().cursor || reply.kernel !== get().kernel) return;
      set({ trace: { kernel: reply.kernel, step: reply.step, nodes: reply.trace } });
    };

    const commit = async (next: Scenario, cursor: number): Promise<void> => {
      // an edited scenario is no longer the lesson's: its narration would not match
      set({ past: [...get().past, get().scenario].slice(-100), future: [], scenario: next, cursor, lesson: null });
      await run();
    };

    return {
      scenario: initial,
      kernel: initial.kernel,
      compare: null,
      view: 'explore',
      cursor: initial.cursor ?? 0,
      runs: null,
      diffs: null,
      trace: null,
      busy: false,
      alert: null,
      engineMs: null,
      past: [],
      future: [],
      selection: EMPTY_SELECTION,
      theme,
      lesson: null,
      landing: false,
      present: false,
      embed: null,

      async openScenario(s, opts = {}) {
        set({
          scenario: s,
          kernel: opts.kernel ?? s.kernel,
          compare: opts.compare ?? null,
          view: opts.view ?? (opts.compare ? 'compare' : 'explore'),
          cursor: opts.step ?? s.cursor ?? 0,
          selection: EMPTY_SELECTION,
          lesson: opts.lesson ? { id: opts.lesson.id, gates: [...opts.lesson.gates], answers: {}, held: null } : null,
          landing: opts.landing ?? false,
          ...(opts.keepHistory ? {} : { past: [], future: [] }),
        });
        await run();
      },
      async editScenario(s, cursor) {
        await commit(s, cursor ?? Math.min(get().cursor, s.steps.length));
      },
      async appendStep(op) {
        const s = get().scenario;
        await commit({ ...s, steps: [...s.steps, op] }, s.steps.length + 1);
      },
      async replaceStep(index, op) {
        const s = get().scenario;
        await commit({ ...s, steps: s.steps.map((x, i) => (i === index - 1 ? op : x)) }, index);
      },
      async deleteStep(index) {
        const s = get().scenario;
        await commit({ ...s, steps: s.steps.filter((_, i) => i !== index - 1) }, Math.min(get().cursor, s.steps.length - 1));
      },
      async undo() {
        const { past, scenario, future } = get();
        const prev = past[past.length - 1];
        if (!prev) return;
        set({ past: past.slice(0, -1), future: [scenario, ...future], scenario: prev, cursor: Math.min(get().cursor, prev.steps.length), lesson: null });
        await run();
      },
      async redo() {
        const { past, scenario, future } = get();
        const next = future[0];
        if (!next) return;
        set({ past: [...past, scenario], future: future.slice(1), scenario: next, cursor: Math.min(get().cursor, next.steps.length), lesson: null });
        await run();
      },
      async setKernel(k) {
        set({ kernel: k, scenario: { ...get().scenario, kernel: k } });
        await run();
      },
      async setCompare(k) {
        set({ compare: k, view: k ? 'compare' : 'explore' });
        await run();
      },
      async setView(v) {
        set({ view: v });
        if (v === 'compare' && !get().compare) await get().setCompare(get().kernel === 'v4.18' ? 'rfc-v1' : 'v4.18');
        else if (v === 'explore' && get().compare) await get().setCompare(null);
      },
      goTo(step) {
        const max = get().scenario.steps.length;
        const cursor = Math.max(0, Math.min(max, step));
        const lesson = get().lesson;
        if (lesson?.held != null) set({ lesson: { ...lesson, held: null } });
        // stepping means the student chose to explore: the landing section makes way
        if (get().landing) set({ landing: false });
        if (cursor === get().cursor) return;
        set({ cursor, trace: null, selection: get().selection.pinned ? get().selection : EMPTY_SELECTION });
        void loadTrace();
      },
      stepBy(delta) {
        const target = get().cursor + delta;
        const lesson = get().lesson;
        // In a lesson, one step forward onto a step with an unanswered prediction asks first.
        if (lesson && delta === 1 && lesson.gates.includes(target) && !(target in lesson.answers) && target <= get().scenario.steps.length) {
          set({ lesson: { ...lesson, held: target } });
          return;
        }
        get().goTo(target);
      },
      select(sel) {
        set({ selection: sel ? { ...EMPTY_SELECTION, ...sel } : EMPTY_SELECTION });
      },
      setTheme(t) {
        set({ theme: t });
      },
      showAlert(message) {
        set({ alert: message });
      },
      answerPrediction(step, choice) {
        const lesson = get().lesson;
        if (!lesson) return;
        set({ lesson: { ...lesson, answers: { ...lesson.answers, [step]: choice ?? '' }, held: null } });
        if (get().cursor === step - 1) get().goTo(step);
      },
      exitLesson() {
        set({ lesson: null });
      },
      setDisplay(d) {
        set({ ...(d.present !== undefined ? { present: d.present } : {}), ...(d.embed !== undefined ? { embed: d.embed } : {}) });
      },
      setLanding(show) {
        set({ landing: show });
      },
    };
  });
  client.onCrash((m) => {
    store.setState({ alert: `The engine stopped (${m}). It was restarted and the scenario run again.` });
  });
  return store;
}
