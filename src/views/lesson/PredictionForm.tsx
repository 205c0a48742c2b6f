import { useEffect, useId, useRef, useState } from 'react';
import type { KernelId } from '../../engine/ops';
import { isRight } from '../../lessons/grade';
import type { Prediction } from '../../lessons/types';
import type { LinkAnswer } from '../../links/answers-field';

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

/** The graded answer, shown with the step it was about: the grade it got under the kernel it was asked under, whatever is shown now. */
export function PredictionResult({ prediction, answer, kernel, onSwitch }: { prediction: Prediction; answer: LinkAnswer; kernel: KernelId; onSwitch(k: KernelId): void }) {
  const g = answer.grade;
  const label = (cid: string) => prediction.choices.find((c) => c.id === cid)?.label ?? cid;
  const asked = answer.kernel;
  const elsewhere = asked !== kernel && (
    <p className="asked-under">
      Graded under {asked}, where you answered; the views now show {kernel}.
    </p>
  );
  if (!g) {
    // answered, then switched away before the step was shown: nothing has graded it yet
    return asked === kernel ? null : (
      <div className="prediction-result skipped" role="status" data-testid="prediction-result">
        <p>
          You answered under {asked}; the answer is graded when step {prediction.step} is shown under {asked}.{' '}
          <button type="button" onClick={() => onSwitch(asked)}>
            Back to {asked}
          </button>
        </p>
      </div>
    );
  }
  const correct = g.correct.map(label);
  if (!g.ran) {
    return (
      <div className="prediction-result skipped" role="status" data-testid="prediction-result">
        <p>{g.observed}</p>
        {elsewhere}
      </div>
    );
  }
  if (!answer.choice) {
    return (
      <div className="prediction-result skipped" role="status" data-testid="prediction-result">
        <p>
          <strong>You skipped the prediction.</strong> Under {asked} the answer is: {correct.join('; ') || 'none of the choices'}.
        </p>
        <p className="observed">{g.observed}</p>
        {elsewhere}
      </div>
    );
  }
  const right = isRight(g, answer.choice);
  return (
    <div className={`prediction-result ${right ? 'right' : 'wrong'}`} role="status" data-testid="prediction-result">
      <p>
        <strong>{right ? 'Right.' : 'Not this time.'}</strong> You predicted “{label(answer.choice)}”.{' '}
        {right ? `The engine agrees under ${asked}.` : `Under ${asked} the engine shows: \u201c${correct.join('; ') || 'none of the choices'}\u201d.`}
      </p>
      <p className="observed">{g.observed}</p>
      {elsewhere}
    </div>
  );
}
