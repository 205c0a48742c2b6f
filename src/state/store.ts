/**
 * The app's one store: the scenario and its history, which kernel(s) run it, the step
 * shown, the engine's answers, and what is selected. Made by a factory so each test (and
 * each page) gets its own; the engine is reached only through the EngineClient. The worker
 * keeps the runs; the store holds their step lists and the views of the step shown
 * (view-loader.ts).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { KernelConfig, Op } from '../engine/ops';
import { KERNEL_IDS } from '../engine/ops';
import { isCustom, type KernelRef, presetOf } from '../engine/variants/switches';
import { toMachineInput } from '../scenario/machine-input';
import type { Scenario } from '../scenario/types';
import type { MatrixRowInput } from '../engine/matrix';
import { type Answer, CancelledError, type EngineClient, type RequestOptions } from '../worker/engine-client';
import type { LinkedTraceNode, RunView, StateView } from '../engine/views/view-types';
import type { EmbedView, StateTab, ViewName } from '../links/share-link';
import type { FrozenGrade, LinkAnswer } from '../links/answers-field';
import { type ShownViews, ViewLoader } from './view-loader';
import { isUnsaved, type YourWork } from './your-work';


/** An answer with its kept grade dropped, so it is graded again on the run now shown. */
function withoutGrade<A extends { grade?: unknown }>(a: A): Omit<A, 'grade'> {
  const copy = { ...a };
  delete copy.grade;
  return copy;
}
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
  /** the student's choice per gated step ('' when skipped), the kernel it was asked under, and once shown its grade */
  answers: Record<number, LinkAnswer>;
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

/** What is shown (scenario, kernel, compare, view, cursor, tab, opened) is exactly what "Back to your scenario" keeps. */
export interface AppState extends YourWork {
  /** the user's work that an opened lesson, link or file replaced: "Back to your scenario" restores it */
  yours: YourWork | null;
  /** the runs' step lists and counts; their states stay in the worker */
  runs: RunView[] | null;
  /** comparing: the first step where the two kernels part (-1: never) */
  firstDiff: number | null;
  /** the views drawn, complete for one cursor; for a moment after a step they may be the previous cursor's */
  shown: ShownViews | null;
  trace: { kernel: KernelRef; step: number; nodes: LinkedTraceNode[] } | null;
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
  /** the review matrix open above the views (a link's `m=1`) */
  matrix: boolean;
  /** the kernel composed from a preset's switches (views/controls/Compose): in the kernel menus and a column of the matrix until another replaces it */
  custom: KernelRef | null;
}

export interface AppActions {
  /** opens a scenario; with `lesson` it is that lesson's, otherwise any lesson is left */
  openScenario(s: Scenario, opts?: { kernel?: KernelRef; compare?: KernelRef | null; step?: number; view?: ViewName; tab?: StateTab; keepHistory?: boolean; lesson?: { id: string; gates: number[]; answers?: LinkAnswer[] }; landing?: boolean }): Promise<RunOutcome>;
  /** a new version of the scenario the user edited: undoable; `kernel` runs it under another kernel at the same time; `opened`: a file, kept like an opened scenario */
  editScenario(s: Scenario, cursor?: number, opts?: { kernel?: KernelRef; opened?: boolean }): Promise<RunOutcome>;
  appendStep(op: Op): Promise<RunOutcome>;
  replaceStep(index: number, op: Op): Promise<RunOutcome>;
  deleteStep(index: number): Promise<RunOutcome>;
  undo(): Promise<RunOutcome | null>;
  redo(): Promise<RunOutcome | null>;
  setKernel(k: KernelRef): Promise<RunOutcome>;
  setCompare(k: KernelRef | null): Promise<RunOutcome>;
  /** runs the scenario under a composed kernel (null: back to its preset), an edit Undo takes back */
  composeKernel(k: KernelRef | null): Promise<RunOutcome>;
  /** changes the kernel's config (a lesson's debug_vm switch): the lesson stays open, the step shown stays; an unknown key or a value of the wrong type changes nothing and says so */
  setConfig(patch: Partial<KernelConfig>): Promise<RunOutcome | null>;
  setView(v: ViewName): Promise<RunOutcome | null>;
  setTab(t: StateTab): void;
  /** the user's work that an opened lesson, link or file replaced, back as it was (scenario, kernel, step, tab) */
  backToYours(): Promise<RunOutcome | null>;
  /** forgets the kept work (it stays in the undo history) */
  dismissYours(): void;
  /** the grade a prediction got when its step was shown under the kernel it was asked under: it stays */
  recordGrade(step: number, grade: FrozenGrade): void;
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
  setDisplay(d: { present?: boolean; embed?: EmbedView | null; matrix?: boolean }): void;
  /** the review matrix of `rows` under every kernel, in a worker of its own: what is shown stays as it is */
  reviewMatrix(rows: MatrixRowInput[], opts?: RequestOptions): Promise<Answer<'matrix'>>;
}

export type AppStore = StoreApi<AppState & AppActions>;

/** The kernels the review matrix runs: every named one, then the custom kernels shown or composed. */
function matrixKernels(s: AppState): KernelRef[] | null {
  const custom = [...new Set([s.custom, s.kernel, s.compare].filter((k): k is KernelRef => !!k && isCustom(k)))];
  return custom.length ? [...KERNEL_IDS, ...custom] : null;
}

const EMPTY_SELECTION: Selection = { range: null, resourceId: null, label: null, pinned: false };

/** What a cancelled run gives back: everything the user had before asking for it. */
type Settled = Pick<AppState, 'scenario' | 'kernel' | 'compare' | 'view' | 'cursor' | 'past' | 'future' | 'lesson' | 'tab' | 'opened' | 'yours'>;
const settledOf = (s: AppState): Settled => ({ scenario: s.scenario, kernel: s.kernel, compare: s.compare, view: s.view, cursor: s.cursor, past: s.past, future: s.future, lesson: s.lesson, tab: s.tab, opened: s.opened, yours: s.yours });

/** What opening something over the user's work keeps: their work when it is unsaved, else what was kept before. */
const keptOf = (s: AppState): YourWork | null =>
  isUnsaved(s.scenario, s.opened) ? { scenario: s.scenario, kernel: s.kernel, compare: s.compare, view: s.view, cursor: s.cursor, tab: s.tab, opened: s.opened } : s.yours;

export interface StoreOptions {
  /** told of every state view that arrives from the worker, before it is shown (views/warm-state.ts) */
  onStateView?(state: StateView): void;
}

export function createAppStore(client: EngineClient, initial: Scenario, theme: Theme = 'light', options: StoreOptions = {}): AppStore {
  let gen = 0;
  let controller: AbortController | null = null;
  let settled: Settled | null = null;
  let rerun: () => Promise<RunOutcome> = async () => 'failed';
  // composing a kernel is an edit: the scenario objects either side of it remember the kernel shown with them, for Undo and Redo
  const composedWith = new WeakMap<Scenario, Pick<AppState, 'kernel' | 'custom'>>();
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

    const commit = async (next: Scenario, cursor: number, kernel = get().kernel, opened = false): Promise<RunOutcome> => {
      capture();
      // an edited scenario is no longer the lesson's: its narration would not match
      set({ past: [...get().past, get().scenario].slice(-100), future: [], scenario: next, cursor, kernel, lesson: null, ...(opened ? { yours: keptOf(get()), opened: next } : {}) });
      return run();
    };

    return {
      scenario: initial,
      kernel: initial.kernel,
      compare: null,
      view: 'explore',
      cursor: initial.cursor ?? 0,
      tab: 'zones',
      opened: initial,
      yours: null,
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
      matrix: false,
      custom: null,

      async openScenario(s, opts = {}) {
        capture();
        const yours = keptOf(get());
        // unsaved work stays one undo away (and one "Back to your scenario")
        const history = yours && yours !== get().yours ? { past: [...get().past, get().scenario].slice(-100), future: [] } : yours || opts.keepHistory ? {} : { past: [], future: [] };
        set({
          scenario: s,
          opened: s,
          yours,
          tab: opts.tab ?? get().tab,
          kernel: opts.kernel ?? s.kernel,
          compare: opts.compare ?? null,
          // a link's custom kernel joins the menus
          ...([opts.kernel, opts.compare].find((k) => k && isCustom(k)) ? { custom: [opts.kernel, opts.compare].find((k) => k && isCustom(k))! } : {}),
          view: opts.view ?? (opts.compare ? 'compare' : 'explore'),
          cursor: opts.step ?? s.cursor ?? 0,
          selection: EMPTY_SELECTION,
          lesson: opts.lesson ? { id: opts.lesson.id, gates: [...opts.lesson.gates], answers: Object.fromEntries((opts.lesson.answers ?? []).map((a) => [a.step, a])), held: null } : null,
          landing: opts.landing ?? false,
          ...history,
        });
        return run();
      },
      async editScenario(s, cursor, opts = {}) {
        return commit(s, cursor ?? Math.min(get().cursor, s.steps.length), opts.kernel, opts.opened);
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
        const y = get().yours;
        // undoing what replaced the user's work brings all of it back, kernel and step too
        const back = y && y.scenario === prev ? { kernel: y.kernel, compare: y.compare, view: y.view, cursor: y.cursor, tab: y.tab, opened: y.opened, yours: null } : { cursor: Math.min(get().cursor, prev.steps.length), ...composedWith.get(prev) };
        set({ past: past.slice(0, -1), future: [scenario, ...future], scenario: prev, lesson: null, ...back });
        return run();
      },
      async redo() {
        const { past, scenario, future } = get();
        const next = future[0];
        if (!next) return null;
        capture();
        set({ past: [...past, scenario], future: future.slice(1), scenario: next, cursor: Math.min(get().cursor, next.steps.length), lesson: null, ...composedWith.get(next) });
        return run();
      },
      async setKernel(k) {
        capture();
        set({ kernel: k, scenario: { ...get().scenario, kernel: presetOf(k) } });
        return run();
      },
      async setCompare(k) {
        capture();
        set({ compare: k, view: k ? 'compare' : 'explore' });
        return run();
      },
      async composeKernel(k) {
        const before = get().scenario;
        const kernel = k ?? presetOf(get().kernel);
        // a copy of the same scenario marks the edit in the history, as a step edit would
        const after: Scenario = { ...before, kernel: presetOf(kernel) };
        composedWith.set(before, { kernel: get().kernel, custom: get().custom });
        composedWith.set(after, { kernel, custom: k ?? get().custom });
        set({ custom: k ?? get().custom });
        return commit(after, get().cursor, kernel);
      },
      async setConfig(patch) {
        const config = get().scenario.config;
        const bad = Object.entries(patch).filter(([key, v]) => !(key in config) || typeof v !== typeof config[key as keyof KernelConfig]);
        if (bad.length) {
          set({ alert: `Cannot change the kernel config: ${bad.map(([key, v]) => `${key}=${JSON.stringify(v)}`).join(', ')} is not a setting of this scenario.` });
          return null;
        }
        capture();
        // not an edit of the lesson's steps: its narration still matches, so the lesson stays; but its
        // questions are now asked of another run (debug_vm off), so their kept grades are taken again
        set({ scenario: { ...get().scenario, config: { ...config, ...patch } } });
        const outcome = await run();
        // dropped once the new run is in, so they are not taken again from the old run's views
        const lesson = get().lesson;
        if (outcome === 'done' && lesson) set({ lesson: { ...lesson, answers: Object.fromEntries(Object.entries(lesson.answers).map(([step, a]) => [step, withoutGrade(a)])) } });
        return outcome;
      },
      async setView(v) {
        if (v === 'compare' && !get().compare) return get().setCompare(get().kernel === 'v4.18' ? 'rfc-v1' : 'v4.18');
        if (v === 'explore' && get().compare) return get().setCompare(null);
        set({ view: v });
        return null;
      },
      setTab(t) {
        set({ tab: t });
      },
      async backToYours() {
        const y = get().yours;
        if (!y) return null;
        capture();
        // what was opened over it stays one undo away in turn
        set({ past: [...get().past, get().scenario].slice(-100), future: [], scenario: y.scenario, kernel: y.kernel, compare: y.compare, view: y.view, cursor: y.cursor, tab: y.tab, opened: y.opened, yours: null, lesson: null, selection: EMPTY_SELECTION });
        return run();
      },
      dismissYours() {
        set({ yours: null });
      },
      recordGrade(step, grade) {
        const lesson = get().lesson;
        const a = lesson?.answers[step];
        if (!lesson || !a || a.grade) return;
        set({ lesson: { ...lesson, answers: { ...lesson.answers, [step]: { ...a, grade } } } });
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
        set({ lesson: { ...lesson, answers: { ...lesson.answers, [step]: { step, choice: choice ?? '', kernel: presetOf(get().kernel) } }, held: null } });
        if (get().cursor === step - 1) get().goTo(step);
      },
      exitLesson() {
        set({ lesson: null });
      },
      setDisplay(d) {
        set({ ...(d.present !== undefined ? { present: d.present } : {}), ...(d.embed !== undefined ? { embed: d.embed } : {}), ...(d.matrix !== undefined ? { matrix: d.matrix } : {}) });
      },
      setLanding(show) {
        set({ landing: show });
      },
      reviewMatrix(rows, opts) {
        return client.matrix(gen, rows, matrixKernels(get()), opts);
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
