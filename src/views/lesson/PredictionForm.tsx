import { useEffect, useId, useRef, useState } from 'react';
import type { KernelId } from '../../engine/ops';
import { grade, isRight } from '../../lessons/grade';
import type { Prediction } from '../../lessons/types';
import type { RunView, StateView } from '../../engine/views/view-types';

/** The question asked before a step: pick a choice, Check (which shows the step), or skip it. */
export function PredictionForm({ prediction, held, onAnswer }: { prediction: Prediction; held: boolean; onAnswer(choice: string | null): void }) {
  const [choice, setChoice] = useState<string | null>(null);
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // Next step was pressed: bring the question to the student's attention without taking the arrow keys away.
    if (held) heading.current?.focus();
  }, [held]);
  return (
    <form
      className={`prediction-form${held ? ' held' : ''}`}
      aria-labelledby={`${id}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        if (choice) onAnswer(choice);
      }}
    >
      <h3 id={`${id}-h`} ref={heading} tabIndex={-1}>
        Predict step {prediction.step}
      </h3>
      <fieldset>
        <legend>{prediction.question}</legend>
        {prediction.choices.map((c) => (
          <label key={c.id} className={choice === c.id ? 'chosen' : undefined}>
            <input type="radio" name={`${id}-choice`} value={c.id} checked={choice === c.id} onChange={() => setChoice(c.id)} />
            <span>{c.label}</span>
          </label>
        ))}
      </fieldset>
      {held && (
        <p className="prediction-hint" role="status">
          Make your prediction first, then press <strong>Check</strong> to run the step, or skip the question.
        </p>
      )}
      <div className="prediction-actions">
        <button type="submit" className="primary" disabled={!choice}>
          Check
        </button>
        <button type="button" onClick={() => onAnswer(null)}>
          Skip the question
        </button>
      </div>
    </form>
  );
}

/** The graded answer, shown with the step it was about: right or wrong under the kernel shown, and what the engine saw. */
export function PredictionResult({ prediction, answer, run, before, after, kernel }: { prediction: Prediction; answer: string; run: RunView; before: StateView | null; after: StateView | null; kernel: KernelId }) {
  const g = grade(prediction, { run, before, after }, prediction.step);
  const label = (cid: string) => prediction.choices.find((c) => c.id === cid)?.label ?? cid;
  const correct = g.correct.map(label);
  if (!g.ran) {
    return (
      <div className="prediction-result skipped" role="status">
        <p>{g.observed}</p>
      </div>
    );
  }
  if (!answer) {
    return (
      <div className="prediction-result skipped" role="status">
        <p>
          <strong>You skipped the prediction.</strong> Under {kernel} the answer is: {correct.join('; ') || 'none of the choices'}.
        </p>
        <p className="observed">{g.observed}</p>
      </div>
    );
  }
  const right = isRight(g, answer);
  return (
    <div className={`prediction-result ${right ? 'right' : 'wrong'}`} role="status" data-testid="prediction-result">
      <p>
        <strong>{right ? 'Right.' : 'Not this time.'}</strong> You predicted “{label(answer)}”.{' '}
        {right ? `The engine agrees under ${kernel}.` : `Under ${kernel} the engine shows: \u201c${correct.join('; ') || 'none of the choices'}\u201d.`}
      </p>
      <p className="observed">{g.observed}</p>
    </div>
  );
}
