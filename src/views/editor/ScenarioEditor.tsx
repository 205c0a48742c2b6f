import { useEffect, useId, useState } from 'react';
import { parseScenario, serializeScenario } from '../../scenario/schema';
import { useApp } from '../../state/store-context';

/** The scenario as JSON: edit, apply (undoable), and see what is wrong by step and field. */
export function ScenarioEditor() {
  const scenario = useApp((s) => s.scenario);
  const editScenario = useApp((s) => s.editScenario);
  const [text, setText] = useState(() => serializeScenario(scenario));
  const [errors, setErrors] = useState<string[]>([]);
  const id = useId();
  useEffect(() => {
    setText(serializeScenario(scenario));
    setErrors([]);
  }, [scenario]);
  const apply = () => {
    const parsed = parseScenario(text);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      return;
    }
    setErrors([]);
    // the text shows the cursor the scenario was opened at, not the step shown: unless that was
    // edited, the step shown stays (the store clamps it to the new step count)
    const asked = parsed.scenario.cursor !== scenario.cursor ? parsed.scenario.cursor : null;
    void editScenario(parsed.scenario, asked === null ? undefined : Math.min(asked, parsed.scenario.steps.length));
  };
  return (
    <div className="scenario-editor">
      <label htmlFor={id}>Scenario file (JSON)</label>
      <textarea id={id} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} rows={14} aria-describedby={errors.length ? `${id}-err` : undefined} />
      <div className="editor-actions">
        <button type="button" onClick={apply}>
          Apply scenario
        </button>
        <button type="button" onClick={() => setText(serializeScenario(scenario))}>
          Revert
        </button>
      </div>
      {errors.length > 0 && (
        <div role="alert" id={`${id}-err`} className="errors">
          <p>This is not a valid scenario; nothing was changed:</p>
          <ul>
            {errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
