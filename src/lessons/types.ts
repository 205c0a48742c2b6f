/**
 * Guided lessons are data: a scenario, the kernels to show it under, narration for every
 * step, and predictions the student makes before a step. Predictions carry no answer key
 * that the page uses: each choice is a pure test of the engine's result (grade.ts).
 */
import type { FindingCode } from '../engine/findings/finding-types';
import type { KernelId } from '../engine/ops';
import type { Scenario } from '../scenario/types';
import type { RunView, StateView, StepView } from '../engine/views/view-types';

/**
 * A paragraph of narration, in a small inline markup (markup.ts): `code`, **strong**,
 * [text](url), and {function} or {function@kernel} for a link to the kernel source of
 * the kernel shown (or the one named). A paragraph limited to some kernels is shown only
 * while one of them runs the scenario.
 */
export type Paragraph =
  | string
  | {
      kernels: readonly KernelId[];
      text: string;
      /** shown only while the scenario's debug_vm setting has this value */
      debugVm?: boolean;
      /** shown only while the scenario's memmap_on_memory setting has this value */
      memmapOnMemory?: boolean;
    };

/** The kernel settings a lesson step can let the student switch (store.setConfig), the lesson staying open. */
export type LessonSetting = 'debug_vm' | 'memmap_on_memory';

export interface LessonStep {
  /** the cursor this narration belongs to: 0 is the boot state, N the state after step N */
  step: number;
  title: string;
  body: readonly Paragraph[];
  /**
   * The findings this narration explains at this step, per kernel of the lesson: the lesson
   * tests check that the engine raises exactly these (none where a kernel is left out).
   */
  findings?: Partial<Record<KernelId, readonly FindingCode[]>>;
  /** "now switch to v4.18": buttons that run the scenario under another kernel */
  switchTo?: readonly { kernel: KernelId; label: string }[];
  /** a kernel setting the student can switch here, the lesson staying open (store.setConfig) */
  setting?: LessonSetting;
  /** the step asks the student to open the review matrix: the panel offers the button that opens it */
  openMatrix?: boolean;
}

/** What a prediction is graded on: the run of the kernel shown, at the step asked about. */
export interface GradeContext {
  run: RunView;
  /** the step the prediction is about (1-based) */
  step: number;
  stepView: StepView;
  /** the state before the step and after it (after a BUG: the state at the BUG) */
  before: StateView;
  after: StateView;
}

export interface Choice {
  id: string;
  label: string;
  /** true when the engine's result bears this choice out */
  holds(ctx: GradeContext): boolean;
}

export interface Prediction {
  /** asked before this step is shown, graded on the state after it */
  step: number;
  question: string;
  choices: readonly Choice[];
  /** one or two sentences from the engine's result that say what happened and why */
  observe(ctx: GradeContext): string;
  /**
   * What the narration says the answer is under each of the lesson's kernels. Only the
   * tests read this, to check the narration against the engine; the page grades with
   * the choices' `holds`.
   */
  expect: Partial<Record<KernelId, string>>;
  /**
   * The question asks how the kernel shown differs from this one: the panel offers the two
   * side by side once it is answered. Still graded on the kernel shown.
   */
  contrast?: KernelId;
}

export interface SourceRef {
  label: string;
  /** absent for material that has no public address (the recorded fixtures) */
  url?: string;
}

export interface Lesson {
  id: string;
  /** the lesson's number on the landing page */
  number: number;
  /** for a lesson told in parts: "Part 1 of 2" */
  part?: { index: number; of: number };
  title: string;
  summary: string;
  scenario: Scenario;
  /** the kernels the lesson shows, the first being the one it opens under */
  kernels: readonly KernelId[];
  /** the moment the lesson builds up to, for "Jump to the key moment" */
  key: { step: number; kernel: KernelId; label: string; finding?: FindingCode };
  /** narration for every cursor position 0..N */
  steps: readonly LessonStep[];
  predictions: readonly Prediction[];
  /** further reading: the thread, the patches, the fixtures */
  sources: readonly SourceRef[];
}
