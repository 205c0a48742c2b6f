import { useEffect, useId, useState } from 'react';
import { KERNEL_IDS, type KernelId } from '../../engine/ops';
import { checkSwitches, customName, kernelRef, PRESETS, presetOf, SWITCHES, switchesOf, type Switches } from '../../engine/variants/switches';
import { useApp } from '../../state/store-context';
import './compose.css';

/**
 * "Compose a kernel": a preset and its switches, one group per decision point, each value with
 * what the code does; a value the preset's code could not have with the other switches is
 * disabled with the reason beside it. Running it is an edit Undo takes back.
 */
export function ComposeKernel() {
  const kernel = useApp((s) => s.kernel);
  const composeKernel = useApp((s) => s.composeKernel);
  const setKernel = useApp((s) => s.setKernel);
  const busy = useApp((s) => s.busy);
  const id = useId();
  const [preset, setPreset] = useState<KernelId>(presetOf(kernel));
  const [draft, setDraft] = useState<Switches>({ ...PRESETS[presetOf(kernel)], ...switchesOf(kernel) });
  // the kernel shown changed elsewhere (menu, link, undo): start from it
  useEffect(() => {
    setPreset(presetOf(kernel));
    setDraft({ ...PRESETS[presetOf(kernel)], ...switchesOf(kernel) });
  }, [kernel]);
  const ref = kernelRef(preset, draft);
  const refused = checkSwitches(preset, draft);
  const name = ref === preset ? `${preset} (the named kernel)` : customName(ref);
  const run = () => void (ref === preset ? setKernel(preset) : composeKernel(ref));
  return (
    <details className="compose">
      <summary>Compose a kernel</summary>
      <div className="compose-panel" role="group" aria-labelledby={`${id}-title`}>
        <p id={`${id}-title`} className="compose-intro">
          Each named kernel is a preset of the decision points the 2018 review argued about. Change a switch to run the preset with that one piece of code taken from the kernel that has it.
        </p>
        <div className="compose-preset">
          <label htmlFor={`${id}-preset`}>Preset</label>{' '}
          <select
            id={`${id}-preset`}
            value={preset}
            onChange={(e) => {
              const p = e.target.value as KernelId;
              setPreset(p);
              setDraft({ ...PRESETS[p] });
            }}
          >
            {KERNEL_IDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </div>
        <p className="compose-name" aria-live="polite">
          Kernel: <strong data-testid="compose-name">{name}</strong>
          {refused && <span className="compose-why"> Cannot run: {refused}.</span>}
        </p>
        <div className="compose-actions">
          <button type="button" className="primary" disabled={busy || refused !== null || ref === kernel} onClick={run}>
            Run this kernel
          </button>
          <button type="button" onClick={() => setDraft({ ...PRESETS[preset] })}>
            Back to the preset&rsquo;s switches
          </button>
        </div>
        <div className="compose-switches">
          {SWITCHES.map((sw) => (
            <fieldset key={sw.name} className="compose-switch" data-switch={sw.name}>
              <legend>
                <code>{sw.name}</code>: {sw.label}
              </legend>
              <p className="compose-explain">{sw.explain}</p>
              {sw.values.map((v) => {
                const why = draft[sw.name] === v.id ? null : checkSwitches(preset, { ...draft, [sw.name]: v.id });
                const whyId = `${id}-${sw.name}-${v.id}-why`;
                return (
                  <label key={v.id} className={`compose-value${why ? ' is-refused' : ''}`}>
                    <input type="radio" name={`${id}-${sw.name}`} value={v.id} checked={draft[sw.name] === v.id} disabled={why !== null} aria-describedby={why ? whyId : undefined} onChange={() => setDraft({ ...draft, [sw.name]: v.id })} />{' '}
                    <code>{v.id}</code>
                    {PRESETS[preset][sw.name] === v.id && <span className="compose-preset-mark"> (preset)</span>} <span className="compose-says">{v.says}</span>
                    {why && (
                      <span id={whyId} className="compose-why">
                        Not possible here: {why}.
                      </span>
                    )}
                  </label>
                );
              })}
            </fieldset>
          ))}
        </div>
      </div>
    </details>
  );
}
