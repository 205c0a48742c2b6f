/**
 * The app's one store: the scenario and its history, which kernel(s) run it, the step
 * shown, the engine's answers, and what is selected. Made by a factory so each test (and
 * each page) gets its own; the engine is reached only through the EngineClient. The worker
 * keeps the runs; the store holds their step lists and the views of the step shown
 * (view-loader.ts).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { KernelId, Op } from '../engine/ops';
import { toMachineInput } from '../scenario/machine-input';
import type { Scenario } from '../scenario/types';
import type { MatrixRowInput } from '../engine/matrix';
import { type Answer, CancelledError, type EngineClient, type RequestOptions } from '../worker/engine-client';
import type { LinkedTraceNode, RunView, StateView } from '../engine/views/view-types';
import type { EmbedView, ViewName } from '../links/share-link';
import { type ShownViews, ViewLoader } from './view-loader';

export type { ShownViews } from './view-loader';

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

/** A long request going on: what it is and how far it got (total 0: not known yet). */
export interface Job {
  label: string;
  done: number;
  total: number;
}

/** How a run ended: `superseded` when a newer one replaced it, `cancelled` when the user stopped it. */
export type RunOutcome = 'done' | 'failed' | 'cancelled' | 'superseded';

export interface AppState {
  scenario: Scenario;
  kernel: KernelId;
  compare: KernelId | null;
  view: ViewName;
  cursor: number;
  /** the runs' step lists and counts; their states stay in the worker */
  runs: RunView[] | null;
  /** comparing: the first step where the two kernels part (-1: never) */
  firstDiff: number | null;
  /** the views drawn, complete for one cursor; for a moment after a step they may be the previous cursor's */
  shown: ShownViews | null;
  trace: { kernel: KernelId; step: number; nodes: LinkedTraceNode[] } | null;
  busy: boolean;
  /** the run going on, with its progress */
  job: Job | null;
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
  openScenario(s: Scenario, opts?: { kernel?: KernelId; compare?: KernelId | null; step?: number; view?: ViewName; keepHistory?: boolean; lesson?: { id: string; gates: number[] }; landing?: boolean }): Promise<RunOutcome>;
  /** a new version of the scenario the user edited: undoable; `kernel` runs it under another kernel at the same time */
  editScenario(s: Scenario, cursor?: number, opts?: { kernel?: KernelId }): Promise<RunOutcome>;
  appendStep(op: Op): Promise<RunOutcome>;
  replaceStep(index: number, op: Op): Promise<RunOutcome>;
  deleteStep(index: number): Promise<RunOutcome>;
  undo(): Promise<RunOutcome | null>;
  redo(): Promise<RunOutcome | null>;
  setKernel(k: KernelId): Promise<RunOutcome>;
  setCompare(k: KernelId | null): Promise<RunOutcome>;
  setView(v: ViewName): Promise<RunOutcome | null>;
  /** stops the run going on: the scenario, kernel and step shown before it come back */
  cancelJob(): void;
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
  /** the review matrix of `rows` under every kernel, in a worker of its own: what is shown stays as it is */
  reviewMatrix(rows: MatrixRowInput[], opts?: RequestOptions): Promise<Answer<'matrix'>>;
}

export type AppStore = StoreApi<AppState & AppActions>;

const EMPTY_SELECTION: Selection = { range: null, resourceId: null, label: null, pinned: false };

/** What a cancelled run gives back: everything the user had before asking for it. */
type Settled = Pick<AppState, 'scenario' | 'kernel' | 'compare' | 'view' | 'cursor' | 'past' | 'future' | 'lesson'>;
const settledOf = (s: AppState): Settled => ({ scenario: s.scenario, kernel: s.kernel, compare: s.compare, view: s.view, cursor: s.cursor, past: s.past, future: s.future, lesson: s.lesson });

export interface StoreOptions {
  /** told of every state view that arrives from the worker, before it is shown (views/warm-state.ts) */
  onStateView?(state: StateView): void;
}

export function createAppStore(client: EngineClient, initial: Scenario, theme: Theme = 'light', options: StoreOptions = {}): AppStore {
  let gen = 0;
  let controller: AbortController | null = null;
  let settled: Settled | null = null;
  let rerun: () => Promise<RunOutcome> = async () => 'failed';
  const store = createStore<AppState & AppActions>()((set, get) => {
    const loader = new ViewLoader(client, {
      read: () => get(),
      show: (shown) => set({ shown }),
      showTrace: (trace) => set({ trace }),
      fail: (message) => set({ alert: message }),
      arrived: options.onStateView,
    });

    /** Runs the scenario under the kernel(s) shown; replies to an older generation are dropped. */
    const run = async (retry = true): Promise<RunOutcome> => {
      const { scenario, kernel, compare } = get();
      const mine = ++gen;
      // A newer run replaces one going on (the client terminates its worker).
      controller?.abort();
      const ctl = (controller = new AbortController());
      const kernels = compare && compare !== kernel ? [kernel, compare] : [kernel];
      const label = `Running ${scenario.steps.length.toLocaleString('en')} steps under ${kernels.join(' and ')}`;
      set({ busy: true, job: { label, done: 0, total: 0 } });
      const onProgress = (done: number, total: number) => {
        if (mine === gen) set({ job: { label, done, total } });
      };
      try {
        const reply = await client.run(mine, { kernels, config: scenario.config, machine: toMachineInput(scenario.machine), steps: scenario.steps }, { signal: ctl.signal, onProgress });
        if (mine !== gen) return 'superseded';
        controller = null;
        if (reply.kind === 'error') {
          set({ busy: false, job: null, alert: `The engine could not run this scenario: ${reply.message}` });
          return 'failed';
        }
        loader.reset(mine);
        const last = reply.runs[0]!.steps.length;
        set({ runs: reply.runs, firstDiff: reply.firstDiff, engineMs: reply.ms, busy: false, job: null, cursor: Math.min(get().cursor, last), trace: null });
        await loader.show();
        return 'done';
      } catch (e) {
        if (mine !== gen) return 'superseded';
        controller = null;
        if (e instanceof CancelledError) {
          // Back to what was there: the worker that holds its runs was never touched.
          if (settled) {
            set({ ...settled, busy: false, job: null });
            void loader.show();
          } else {
            // Nothing ran before: open the store's first scenario instead.
            set({ scenario: initial, kernel: initial.kernel, compare: null, view: 'explore', cursor: initial.cursor ?? 0, lesson: null, busy: false, job: null });
            void run();
          }
          return 'cancelled';
        }
        if (!retry) {
          set({ busy: false, job: null, alert: `The engine stopped again (${(e as Error).message}) while running this scenario.${settled ? ' The previous scenario is shown.' : ''}` });
          if (settled) set({ ...settled });
          return 'failed';
        }
        set({ busy: false, job: null, alert: `The engine stopped (${(e as Error).message}). It was restarted and the scenario is being run again.` });
        return run(false);
      }
    };

    rerun = () => run();

    /** Remembers what is shown before an action changes it for a run, unless a run is already going on (then the earlier one counts). */
    const capture = () => {
      if (!get().busy && get().runs) settled = settledOf(get());
    };

    const commit = async (next: Scenario, cursor: number, kernel = get().kernel): Promise<RunOutcome> => {
      capture();
      // an edited scenario is no longer the lesson's: its narration would not match
      set({ past: [...get().past, get().scenario].slice(-100), future: [], scenario: next, cursor, kernel, lesson: null });
      return run();
    };

    return {
      scenario: initial,
      kernel: initial.kernel,
      compare: null,
      view: 'explore',
      cursor: initial.cursor ?? 0,
      runs: null,
      firstDiff: null,
      shown: null,
      trace: null,
      busy: false,
      job: null,
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
        capture();
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
        return run();
      },
      async editScenario(s, cursor, opts = {}) {
        return commit(s, cursor ?? Math.min(get().cursor, s.steps.length), opts.kernel);
      },
      async appendStep(op) {
        const s = get().scenario;
        return commit({ ...s, steps: [...s.steps, op] }, s.steps.length + 1);
      },
      async replaceStep(index, op) {
        const s = get().scenario;
        return commit({ ...s, steps: s.steps.map((x, i) => (i === index - 1 ? op : x)) }, index);
      },
      async deleteStep(index) {
        const s = get().scenario;
        return commit({ ...s, steps: s.steps.filter((_, i) => i !== index - 1) }, Math.min(get().cursor, s.steps.length - 1));
      },
      async undo() {
        const { past, scenario, future } = get();
        const prev = past[past.length - 1];
        if (!prev) return null;
        capture();
        set({ past: past.slice(0, -1), future: [scenario, ...future], scenario: prev, cursor: Math.min(get().cursor, prev.steps.length), lesson: null });
        return run();
      },
      async redo() {
        const { past, scenario, future } = get();
        const next = future[0];
        if (!next) return null;
        capture();
        set({ past: [...past, scenario], future: future.slice(1), scenario: next, cursor: Math.min(get().cursor, next.steps.length), lesson: null });
        return run();
      },
      async setKernel(k) {
        capture();
        set({ kernel: k, scenario: { ...get().scenario, kernel: k } });
        return run();
      },
      async setCompare(k) {
        capture();
        set({ compare: k, view: k ? 'compare' : 'explore' });
        return run();
      },
      async setView(v) {
        if (v === 'compare' && !get().compare) return get().setCompare(get().kernel === 'v4.18' ? 'rfc-v1' : 'v4.18');
        if (v === 'explore' && get().compare) return get().setCompare(null);
        set({ view: v });
        return null;
      },
      cancelJob() {
        controller?.abort();
      },
      goTo(step) {
        const max = get().scenario.steps.length;
        const cursor = Math.max(0, Math.min(max, step));
        const lesson = get().lesson;
        if (lesson?.held != null) set({ lesson: { ...lesson, held: null } });
        // stepping means the student chose to explore: the landing section makes way
        if (get().landing) set({ landing: false });
        if (cursor === get().cursor) return;
        const selection = get().selection.pinned ? get().selection : EMPTY_SELECTION;
        const nodes = loader.cachedTrace(get().kernel, cursor);
        set({ cursor, selection, trace: nodes ? { kernel: get().kernel, step: cursor, nodes } : null });
        // A cached step is shown synchronously, before the next render: stepping is a lookup.
        void loader.show();
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
      reviewMatrix(rows, opts) {
        return client.matrix(gen, rows, null, opts);
      },
    };
  });
  client.onCrash((m) => {
    store.setState({ alert: `The engine stopped (${m}). It was restarted and the scenario run again.` });
    // The restarted worker holds no runs: run the scenario shown again so its steps can be read.
    if (!store.getState().busy) void rerun();
  });
  return store;
}

/** The views on screen are complete for the cursor, kernel and runs shown. */
export function viewsReady(s: AppState): boolean {
  const v = s.shown;
  return !!v && !!s.runs && v.runs === s.runs && v.cursor === s.cursor && v.kernel === s.kernel && v.compareKernel === (s.runs[1] ? s.compare : null);
}
