import { useEffect, useId, useRef, useState } from 'react';
import { OP_NAMES, type OpName } from '../../engine/ops';
import { formatHex, formatSize, parseNumber } from '../../scenario/numbers';
import { parseScenario } from '../../scenario/schema';
import { selStep } from '../../state/selectors';
import { useApp } from '../../state/store-context';
import { retText } from '../common/describe-op';
import { returnClass } from '../common/status-class';
import { FIELD_HINTS, type FieldName, OP_FIELDS, fieldsOf, rawStep } from './op-fields';
import { nodeChoices, nodeOfAddress } from './node-choice';
import { useBlockSize } from './use-block-size';

/** The operations whose ranges the memory block core cuts into blocks. */
const BLOCK_OPS = new Set<OpName>(['add_memory', 'online', 'offline', 'remove_memory', 'dax_kmem_probe']);

/** Where the builder proposes a range: 5 GiB, above the default machine's RAM, moved up to a block boundary. */
const rangeDefaults = (block: number) => ({ start: formatHex(Math.ceil(0x140000000 / block) * block), size: formatSize(block) });

/** Build a step and append it, or change the step shown; the schema checks it first, the kernel answers after. */
export function OpBuilder() {
  const kernel = useApp((s) => s.kernel);
  const cursor = useApp((s) => s.cursor);
  const scenario = useApp((s) => s.scenario);
  const appendStep = useApp((s) => s.appendStep);
  const replaceStep = useApp((s) => s.replaceStep);
  const deleteStep = useApp((s) => s.deleteStep);
  const step = useApp(selStep);
  const [op, setOp] = useState<OpName>('add_memory');
  const block = useBlockSize();
  const [values, setValues] = useState<Partial<Record<FieldName, string>>>(() => ({ nid: '0', ...rangeDefaults(block.sizeBytes), as: 'online_movable', type: 'private' }));
  // A machine with other blocks: the proposed range follows, unless the user typed their own.
  const proposed = useRef(rangeDefaults(block.sizeBytes));
  useEffect(() => {
    const next = rangeDefaults(block.sizeBytes);
    const was = proposed.current;
    proposed.current = next;
    setValues((old) => ({ ...old, ...(old.start === was.start ? { start: next.start } : {}), ...(old.size === was.size ? { size: next.size } : {}) }));
  }, [block.sizeBytes]);
  // The node follows the range (the node it falls in, else 0) until the user picks one.
  const nidPicked = useRef(false);
  const nodes = nodeChoices(scenario.machine, scenario.steps);
  const startValue = values.start ?? '';
  useEffect(() => {
    if (nidPicked.current) return;
    const start = parseNumber(startValue.trim());
    const nid = String(nodeOfAddress(scenario.machine, start.ok ? start.value : null));
    setValues((old) => (old.nid === nid ? old : { ...old, nid }));
  }, [startValue, scenario.machine]);
  const [errors, setErrors] = useState<string[]>([]);
  const id = useId();

  const check = () => {
    const parsed = parseScenario(JSON.stringify({ format: 'hotplug-explorer/scenario', version: 1, steps: [rawStep(op, values)] }));
    if (!parsed.ok) {
      setErrors(parsed.errors.map((e) => e.replace(/^step 1 \([^)]*\): /, '').replace(/^step 1: /, '')));
      return null;
    }
    setErrors([]);
    return parsed.scenario.steps[0]!;
  };
  const set = (f: FieldName, v: string) => setValues((old) => ({ ...old, [f]: v }));

  return (
    <form
      className="op-builder"
      aria-label="Operation builder"
      onSubmit={(e) => {
        e.preventDefault();
        const built = check();
        if (built) void appendStep(built);
      }}
    >
      <label htmlFor={`${id}-op`}>Operation</label>
      <select id={`${id}-op`} value={op} onChange={(e) => setOp(e.target.value as OpName)}>
          {OP_NAMES.map((o) => (
            <option key={o}>{o}</option>
          ))}
      </select>
      {OP_FIELDS[op].map((f) => (
        <label key={f} htmlFor={`${id}-${f}`}>
          {f}{' '}
          {f === 'as' ? (
            <select id={`${id}-${f}`} value={values.as ?? 'online'} onChange={(e) => set('as', e.target.value)}>
              <option>online</option>
              <option>online_kernel</option>
              <option>online_movable</option>
            </select>
          ) : f === 'nid' && nodes.some((n) => String(n.nid) === (values.nid ?? '0')) ? (
            <select
              id={`${id}-${f}`}
              value={values.nid ?? '0'}
              onChange={(e) => {
                nidPicked.current = true;
                set('nid', e.target.value);
              }}
            >
              {nodes.map((n) => (
                <option key={n.nid} value={String(n.nid)}>
                  {n.label}
                </option>
              ))}
            </select>
          ) : f === 'type' ? (
            <select id={`${id}-${f}`} value={values.type ?? 'private'} onChange={(e) => set('type', e.target.value)}>
              <option>private</option>
              <option>public</option>
            </select>
          ) : (
            <input id={`${id}-${f}`} value={values[f] ?? ''} placeholder={FIELD_HINTS[f]} onChange={(e) => set(f, e.target.value)} size={14} />
          )}
        </label>
      ))}
      {BLOCK_OPS.has(op) && (
        <p className="block-size-note" data-testid="block-size-note">
          Memory blocks here are <strong>{formatSize(block.sizeBytes)}</strong>: {block.why}. Ranges to add, online, offline or remove are whole blocks (start and size multiples of {formatSize(block.sizeBytes)}).
        </p>
      )}
      <div className="op-actions">
        <button type="submit">Append step</button>
        <button
          type="button"
          disabled={cursor === 0}
          onClick={() => {
            const built = check();
            if (built) void replaceStep(cursor, built);
          }}
        >
          Replace step {cursor || ''}
        </button>
        <button
          type="button"
          disabled={cursor === 0}
          onClick={() => {
            const cur = scenario.steps[cursor - 1];
            if (!cur) return;
            setOp(cur.op);
            if ('nid' in cur) nidPicked.current = true;
            setValues((old) => ({ ...old, ...fieldsOf(cur) }));
          }}
        >
          Load step {cursor || ''}
        </button>
        <button type="button" disabled={cursor === 0} onClick={() => void deleteStep(cursor)}>
          Delete step {cursor || ''}
        </button>
      </div>
      {errors.length > 0 && (
        <div role="alert" className="errors">
          {errors.map((e) => (
            <p key={e}>{e}</p>
          ))}
        </div>
      )}
      {step && (
        <p className="op-result" aria-live="polite">
          Step {step.index} returned <code className={returnClass(step)}>{retText(step, kernel)}</code>
          {step.log.length > 0 && (
            <>
              {' '}
              and printed <code>{step.log[0]}</code>
              {step.log.length > 1 ? ` (+${step.log.length - 1} more)` : ''}
            </>
          )}
        </p>
      )}
    </form>
  );
}
