/**
 * The import dialog: a real /proc/iomem as the machine, a scenario file, or an exported image.
 * A native modal <dialog> (the page behind is inert, Escape closes). Whatever could not be
 * read is listed in role="alert" and nothing changes; what was inferred is listed after.
 */
import { type DragEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { useApp } from '../../state/store-context';
import { looksLikeCapture, type IomemRead, type ScenarioRead } from './import-actions';
import { CaptureLinkSize } from './CaptureLinkSize';
import { InferredTable } from './InferredTable';
import { JobProgress } from '../progress/JobProgress';
import { type FileOpened, type ImageOpen, useImportActions } from './use-import';

export interface ImportDialogProps {
  /** a file dropped on the page, already read: shown in its section */
  preset: FileOpened | null;
  onClose(): void;
}

function Errors({ title, errors }: { title: string; errors: string[] }) {
  return (
    <div role="alert" className="io-errors">
      <p>{title}</p>
      <ul>
        {errors.map((e, i) => (
          <li key={i}>{e}</li>
        ))}
      </ul>
    </div>
  );
}

function hasFiles(e: DragEvent): boolean {
  return Array.from(e.dataTransfer?.types ?? []).includes('Files');
}

export function ImportDialog({ preset, onClose }: ImportDialogProps) {
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const stepCount = useApp((s) => s.scenario.steps.length);
  const actions = useImportActions();

  const [text, setText] = useState(preset?.iomemText ?? '');
  const [zoneinfo, setZoneinfo] = useState('');
  const [source, setSource] = useState<string | null>(preset?.iomemText !== undefined ? preset.name : null);
  const [keepSteps, setKeepSteps] = useState(true);
  const [iomem, setIomem] = useState<{ read: IomemRead; keptSteps: boolean } | null>(null);
  const [scenario, setScenario] = useState<{ name: string; read: ScenarioRead } | null>(preset?.scenario ? { name: preset.name, read: preset.scenario } : null);
  const [image, setImage] = useState<{ name: string; read: ImageOpen } | null>(preset?.image ? { name: preset.name, read: preset.image } : null);
  const [working, setWorking] = useState(false);
  const resultRef = useRef<HTMLDivElement>(null);
  // The result may be below the fold of the dialog: bring it into view (the summary and table first).
  useEffect(() => {
    if (iomem) resultRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [iomem]);
  const [dropping, setDropping] = useState(false);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (typeof d.showModal === 'function') {
      if (!d.open) d.showModal();
    } else {
      d.setAttribute('open', ''); // jsdom has no showModal
    }
    if (!preset || preset.iomemText !== undefined) textRef.current?.focus();
    return () => {
      if (d.open && typeof d.close === 'function') d.close();
    };
  }, [preset]);

  // Closed natively first, so the page is no longer inert when focus goes back to it.
  const close = () => {
    const d = ref.current;
    if (d?.open && typeof d.close === 'function') d.close();
    onClose();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    // Keys typed in the dialog are not the page's (arrows step, Ctrl+Z undoes).
    e.stopPropagation();
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
    }
  };

  const applyMachine = async () => {
    setWorking(true);
    try {
      // a whole capture pasted or dropped here is a scenario of its own: shown where scenario files are
      if (looksLikeCapture(text)) {
        setScenario({ name: source ?? 'The pasted capture', read: await actions.openScenarioText(text) });
        setIomem(null);
        return;
      }
      const read = await actions.applyIomem(text, keepSteps, zoneinfo);
      setIomem({ read, keptSteps: keepSteps });
    } finally {
      setWorking(false);
    }
  };

  /** A file from a chooser or a drop, shown in the section for what it turned out to be. */
  const openFile = async (file: File) => {
    setWorking(true);
    try {
      const opened = await actions.openFile(file);
      if (opened.iomemText !== undefined) {
        setText(opened.iomemText);
        setSource(opened.name);
        setIomem(null);
        textRef.current?.focus();
      }
      if (opened.scenario) setScenario({ name: opened.name, read: opened.scenario });
      if (opened.image) {
        setImage({ name: opened.name, read: opened.image });
        if (opened.image.ok) close();
      }
    } catch (e) {
      setScenario({ name: file.name, read: { ok: false, errors: [`the file could not be read: ${(e as Error).message}`] } });
    } finally {
      setWorking(false);
    }
  };

  const fileInput = (accept: string, label: string, hint: string) => (
    <label className="io-file">
      <span>{label}</span>
      <input
        type="file"
        accept={accept}
        aria-describedby={`${id}-${hint}`}
        onChange={(e) => {
          const f = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (f) void openFile(f);
        }}
      />
    </label>
  );

  const onTextDrop = (e: DragEvent<HTMLTextAreaElement>) => {
    const file = e.dataTransfer.files?.[0];
    setDropping(false);
    if (!file) return; // dropped text: the textarea takes it as usual
    e.preventDefault();
    e.stopPropagation();
    void openFile(file);
  };

  return (
    <dialog
      ref={ref}
      className="io-dialog"
      aria-labelledby={`${id}-title`}
      onKeyDown={onKeyDown}
      onCancel={(e) => (e.preventDefault(), close())}
      // a file dropped anywhere on the dialog opens as what it is (the textarea takes its own drops first)
      onDragOver={(e) => {
        if (hasFiles(e)) e.preventDefault();
      }}
      onDrop={(e) => {
        const file = e.dataTransfer.files?.[0];
        if (!file) return;
        e.preventDefault();
        e.stopPropagation();
        void openFile(file);
      }}
    >
      {/* a div, not a header: inside the page's banner a header would be a second, nested banner */}
      <div className="io-dialog__head">
        <h2 id={`${id}-title`}>Import</h2>
        <button type="button" onClick={close} aria-label="Close the import dialog">
          Close
        </button>
      </div>
      {/* The dialog is modal, so the page's own bar is behind it, inert: it has its own, on top. */}
      <div className="io-dialog__job">
        <JobProgress />
      </div>
      <div className="io-dialog__body">
        <section className="io-section io-section--iomem" aria-labelledby={`${id}-iomem`}>
          <h3 id={`${id}-iomem`}>A real machine: its /proc/iomem</h3>
          <p className="muted" id={`${id}-iomem-help`}>
            Paste the output of <code>sudo cat /proc/iomem</code> (as root: without it every address reads 0), or drop the file onto the box. Top-level{' '}
            <code>System RAM</code> becomes boot memory on node 0; every other entry stays in the resource tree as it was.
          </p>
          <label htmlFor={`${id}-text`} className="io-label">
            /proc/iomem text{source && <span className="muted"> (read from {source}: check it, then use it)</span>}
          </label>
          <textarea
            id={`${id}-text`}
            ref={textRef}
            className={dropping ? 'io-textarea io-textarea--drop' : 'io-textarea'}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setSource(null);
            }}
            onDragOver={(e) => {
              if (!hasFiles(e)) return;
              e.preventDefault();
              e.stopPropagation();
              setDropping(true);
            }}
            onDragLeave={() => setDropping(false)}
            onDrop={onTextDrop}
            spellCheck={false}
            rows={14}
            placeholder={'00000000-00000fff : Reserved\n00001000-0009fbff : System RAM\n...'}
            aria-describedby={`${id}-iomem-help`}
          />
          <div className="io-row">
            {fileInput('.txt,.iomem,text/plain', 'Or read it from a file', 'iomem-help')}
          </div>
          <label htmlFor={`${id}-zoneinfo`} className="io-label">
            /proc/zoneinfo text <span className="muted">(optional: the same machine's; its managed pages replace managed = present at boot)</span>
          </label>
          <textarea
            id={`${id}-zoneinfo`}
            className="io-textarea io-textarea--zoneinfo"
            value={zoneinfo}
            onChange={(e) => setZoneinfo(e.target.value)}
            spellCheck={false}
            rows={4}
            placeholder={'Node 0, zone      DMA\n  pages free     3840\n        spanned  4095\n        present  3998\n        managed  3840\n...'}
          />
          <fieldset className="io-steps">
            <legend>Steps</legend>
            <label>
              <input type="radio" name={`${id}-steps`} checked={keepSteps} onChange={() => setKeepSteps(true)} />{' '}
              {stepCount === 0
                ? 'Keep the current steps (there are none yet)'
                : `Keep the current ${stepCount} ${stepCount === 1 ? 'step' : 'steps'} (their addresses may not suit this machine)`}
            </label>
            <label>
              <input type="radio" name={`${id}-steps`} checked={!keepSteps} onChange={() => setKeepSteps(false)} /> Start with no steps: the machine at boot
            </label>
          </fieldset>
          <div className="io-row">
            <button type="button" className="io-primary" onClick={() => void applyMachine()} disabled={working || text.trim() === ''}>
              Use as machine
            </button>
            <span className="muted">Undoable: Undo puts the previous machine back.</span>
          </div>
        </section>

        <div className="io-side">
          <section className="io-section" aria-labelledby={`${id}-scenario`}>
            <h3 id={`${id}-scenario`}>A scenario file</h3>
            <p className="muted" id={`${id}-scenario-help`}>
              A <code>.json</code> file in the <code>hotplug-explorer/scenario</code> format, as Export writes it or the command line reads it, or a
              machine captured whole by <code>sudo sh scripts/capture-machine.sh</code>. You can also drop it anywhere on the page.
            </p>
            <div className="io-row">{fileInput('.json,.capture,application/json,text/plain', 'Open scenario file', 'scenario-help')}</div>
            {scenario && !scenario.read.ok && scenario.read.cancelled && (
              <p role="status" className="io-cancelled">
                {scenario.name}: {scenario.read.errors[0]}
              </p>
            )}
            {scenario && !scenario.read.ok && !scenario.read.cancelled && (
              <Errors
                title={
                  scenario.read.engine
                    ? `${scenario.name} was read, but the engine could not run it, so nothing was changed:`
                    : `${scenario.name} is not a valid ${scenario.read.capture ? 'machine capture' : 'scenario'}, so nothing was changed:`
                }
                errors={scenario.read.errors}
              />
            )}
            {scenario?.read.ok && (
              <div className="io-ok">
                <p role="status">
                  <strong>Opened {scenario.name}</strong>: “{scenario.read.scenario.title || 'Untitled scenario'}”, {scenario.read.scenario.steps.length}{' '}
                  {scenario.read.scenario.steps.length === 1 ? 'step' : 'steps'} under {scenario.read.scenario.kernel}, shown at step {scenario.read.step}. Undo
                  returns to the previous scenario.
                </p>
                {scenario.read.notes && scenario.read.notes.length > 0 && (
                  <ul className="io-notes" aria-label="How the capture was read">
                    {scenario.read.notes.map((n, i) => (
                      <li key={i}>{n}</li>
                    ))}
                  </ul>
                )}
                {scenario.read.notes && <CaptureLinkSize scenario={scenario.read.scenario} step={scenario.read.step} />}
                {scenario.read.machine && (
                  <>
                    <p>Its machine is a /proc/iomem: {scenario.read.machine.summary.text}.</p>
                    <InferredTable groups={scenario.read.machine.inferred} total={scenario.read.machine.summary.entries} />
                  </>
                )}
              </div>
            )}
          </section>

          <section className="io-section" aria-labelledby={`${id}-image`}>
            <h3 id={`${id}-image`}>An exported image</h3>
            <p className="muted" id={`${id}-image-help`}>
              PNG and SVG pictures exported by Hotplug Explorer carry the link to their scenario, kernel and step. Open one to go back to exactly that
              step.
            </p>
            <div className="io-row">{fileInput('.png,.svg,image/png,image/svg+xml', 'Open an exported image', 'image-help')}</div>
            {image && !image.read.ok && <Errors title={`${image.name} cannot be reopened:`} errors={[image.read.error]} />}
          </section>
        </div>
        <div ref={resultRef} className="io-result">
          {iomem && !iomem.read.ok && (
            <Errors
              title={
                iomem.read.cancelled
                  ? 'Stopped, so nothing was changed:'
                  : iomem.read.engine
                  ? 'This /proc/iomem was read, but the simulated kernel could not boot it, so nothing was changed:'
                  : 'This /proc/iomem could not be read, so nothing was changed:'
              }
              errors={iomem.read.errors}
            />
          )}
          {iomem?.read.ok && (
            <div className="io-ok">
              <p role="status">
                <strong>This is now the machine</strong>, shown at boot (step 0){iomem.keptSteps ? ' with the scenario’s steps' : ', with no steps'}:{' '}
                {iomem.read.summary.text}.
              </p>
              <InferredTable groups={iomem.read.inferred} total={iomem.read.summary.entries} />
            </div>
          )}
        </div>
      </div>
    </dialog>
  );
}
