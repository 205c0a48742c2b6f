import { useEffect } from 'react';
import { customName, isCustom, presetOf } from '../../engine/variants/switches';
import { kernelShort } from '../common/kernel-name';
import { keepGrades } from '../../state/lesson-grades';
import { glossaryOf, lessonById, lessonLabel, nextLesson, narrationAt, paragraphsShown } from '../../lessons';
import { selRun, selState } from '../../state/selectors';
import { useApp, useAppStore } from '../../state/store-context';
import { FINDING_TITLES } from '../findings/FindingsList';
import { Narration } from './Narration';
import { startLesson } from '../../state/open-lesson';
import { PredictionForm, PredictionResult } from './PredictionForm';
import { OpenMatrixButton, SettingSwitch, SideBySide } from './LessonSwitches';
import './lesson.css';


/**
 * The lesson beside the explorer: the narration of the step shown (for the kernel shown),
 * the prediction asked before the next step, the graded answer after it, kernel switches,
 * the key moment, progress and the way out.
 */
export function LessonPanel() {
  const progress = useApp((s) => s.lesson);
  const cursor = useApp((s) => s.cursor);
  // a lesson's narration and questions are its named kernels': a custom kernel reads its preset's
  const kernel = useApp((s) => presetOf(s.kernel));
  const custom = useApp((s) => (isCustom(s.kernel) ? s.kernel : null));
  const run = useApp(selRun);
  const after = useApp(selState);
  const goTo = useApp((s) => s.goTo);
  const setKernel = useApp((s) => s.setKernel);
  const setCompare = useApp((s) => s.setCompare);
  const config = useApp((s) => s.scenario.config);
  const answerPrediction = useApp((s) => s.answerPrediction);
  const exitLesson = useApp((s) => s.exitLesson);
  const setLanding = useApp((s) => s.setLanding);
  const store = useAppStore();
  // answers are graded as their steps are shown, whether or not this panel is (compare, presenting)
  useEffect(() => keepGrades(store), [store]);
  const lesson = progress ? lessonById(progress.id) : null;
  if (!progress || !lesson) return null;

  const n = lesson.scenario.steps.length;
  const narration = narrationAt(lesson, cursor);
  const paragraphs = paragraphsShown(narration, kernel, config);
  const ask = lesson.predictions.find((p) => p.step === cursor + 1 && !((cursor + 1) in progress.answers));
  const answered = lesson.predictions.find((p) => p.step === cursor && cursor in progress.answers);
  const atKey = cursor === lesson.key.step && kernel === lesson.key.kernel;
  const keyFindings = atKey && run ? (run.steps[cursor - 1]?.findings ?? []) : [];
  const next = nextLesson(lesson);
  const switches = (narration?.switchTo ?? []).filter((s) => s.kernel !== kernel);
  // the narration's {{slots}} read the state on screen, once it is this step's
  const slots = run && after && after.step === Math.min(cursor, run.stateCount - 1) ? { state: after, step: run.steps[cursor - 1] ?? null } : null;
  const terms = glossaryOf(lesson);
  const jump = async () => {
    if (kernel !== lesson.key.kernel) await setKernel(lesson.key.kernel);
    goTo(lesson.key.step);
  };

  return (
    <section className="lesson-panel" aria-labelledby="lesson-title" data-testid="lesson-panel">
      <header className="lesson-head">
        <div className="lesson-heading">
          <p className="lesson-kicker">
            {lessonLabel(lesson)} · <span data-testid="lesson-progress">step {cursor} of {n}</span> · under {kernelShort(kernel)}
          </p>
          <h2 id="lesson-title">{lesson.title}</h2>
        </div>
        <div className="lesson-head-actions">
          {!atKey && (
            <button type="button" className="primary" onClick={() => void jump()} title={`Step ${lesson.key.step} under ${lesson.key.kernel}: ${lesson.key.label}`}>
              Jump to the key moment
            </button>
          )}
          <button type="button" onClick={() => setLanding(true)}>
            All lessons
          </button>
          <button type="button" onClick={exitLesson} title="Leave the lesson and keep exploring this scenario">
            Exit lesson
          </button>
        </div>
        <progress className="lesson-progress" value={cursor} max={n} aria-label={`Lesson progress: step ${cursor} of ${n}`} />
      </header>
      <div className="lesson-body">
        {/* the grade kept with the answer (state/lesson-grades.ts), not one read from the kernel shown now */}
        {answered && (
          <div className="lesson-result">
            <PredictionResult prediction={answered} answer={progress.answers[cursor]!} kernel={kernel} onSwitch={(k) => void setKernel(k)} />
            {answered.contrast && <SideBySide kernel={kernel} other={answered.contrast === kernel ? lesson.kernels.find((k) => k !== kernel)! : answered.contrast} setCompare={setCompare} />}
          </div>
        )}
        <div className="lesson-narration" aria-live="polite">
          {atKey && (
            <p className="lesson-key" data-testid="lesson-key">
              <strong>Key moment:</strong> {lesson.key.label}.{keyFindings.length > 0 && <> The engine reports {keyFindings.map((f) => (FINDING_TITLES[f.code] ?? f.code).toLowerCase()).join(', ')}: see Findings below.</>}
            </p>
          )}
          {custom && (
            <p className="lesson-custom-note" data-testid="lesson-custom-note">
              <strong>A composed kernel runs:</strong> {customName(custom)}. The narration and the grading of your answers are {kernelShort(kernel)}&rsquo;s, its preset; the views show the composed kernel and may differ from what the narration says.
            </p>
          )}
          <h3>{narration?.title ?? `Step ${cursor}`}</h3>
          {paragraphs.map((p, i) => (
            <p key={i}>
              <Narration text={p} kernel={kernel} slots={slots} />
            </p>
          ))}
          {narration?.setting && <SettingSwitch setting={narration.setting} />}
          {narration?.openMatrix && <OpenMatrixButton />}
          {switches.length > 0 && (
            <div className="lesson-switch" role="group" aria-label="Run this lesson under another kernel">
              {switches.map((s) => (
                <button key={s.kernel} type="button" onClick={() => void setKernel(s.kernel)}>
                  {s.label}
                </button>
              ))}
            </div>
          )}
          {cursor === n && (
            <div className="lesson-end">
              <p>
                <strong>End of the lesson.</strong> Try it under {lesson.kernels.filter((k) => k !== kernel).map(kernelShort).join(', ')} with the Kernel menu, or keep exploring: the scenario is yours to edit.
              </p>
              {next ? (
                <button type="button" className="primary" onClick={() => void startLesson(store, next)}>
                  Continue: {lessonLabel(next)}, {next.title}
                </button>
              ) : (
                <button type="button" onClick={() => setLanding(true)}>
                  That was the last lesson: back to the list
                </button>
              )}
            </div>
          )}
        </div>
        <aside className="lesson-side" aria-label="Your turn">
          {ask ? (
            <PredictionForm key={`${lesson.id}-${ask.step}`} prediction={ask} held={progress.held === ask.step} onAnswer={(c) => answerPrediction(ask.step, c)} />
          ) : (
            cursor < n && (
              <p className="lesson-next-hint">
                Press <strong>Next ▶</strong> (or <kbd>→</kbd>) to run step {cursor + 1}. Each kernel function in the text links to its source.
              </p>
            )
          )}
          {terms.length > 0 && (
            <details className="lesson-glossary">
              <summary>Glossary</summary>
              <dl>
                {terms.map((g) => (
                  <div key={g.id} id={`glossary-${g.id}`} tabIndex={-1}>
                    <dt>{g.term}</dt>
                    <dd>{g.definition}</dd>
                  </div>
                ))}
              </dl>
            </details>
          )}
          <details className="lesson-sources">
            <summary>Sources</summary>
            <ul>
              {lesson.sources.map((s) => (
                <li key={s.label}>{s.url ? <a href={s.url} target="_blank" rel="noreferrer">{s.label}</a> : s.label}</li>
              ))}
            </ul>
          </details>
        </aside>
      </div>
    </section>
  );
}
