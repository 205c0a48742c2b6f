/**
 * The export menu: the step shown as the kernel would print it, the scenario file, and
 * pictures that carry their link. A disclosure (button + list of buttons): arrows move,
 * Escape or a click elsewhere closes.
 */
import { type KeyboardEvent, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { presetOf } from '../../engine/variants/switches';
import { selPrevState, selState, selStep } from '../../state/selectors';
import { useApp } from '../../state/store-context';
import { encodeLink } from '../../links/share-link';
import { describeOp } from '../common/describe-op';
import { kernelTitle } from '../controls/KernelPicker';
import { type ExportKind, MIME, downloadBlob, exportFileName, scenarioFileText } from './export-files';
import { absoluteLink } from '../../links/image-link';
import { mapPng, mapSvg } from './map-image';
import { memoryText } from '../tables/block-rows';

const ITEMS: { kind: ExportKind; label: string; hint: string }[] = [
  { kind: 'iomem', label: '/proc/iomem', hint: 'text, as the kernel prints it' },
  { kind: 'zoneinfo', label: '/proc/zoneinfo', hint: 'the modelled lines' },
  { kind: 'memory', label: 'Memory blocks', hint: '/sys/devices/system/memory, as text' },
  { kind: 'scenario', label: 'Scenario file', hint: 'JSON; opens at this step and kernel' },
  { kind: 'png', label: 'PFN map picture (PNG)', hint: 'with the link inside' },
  { kind: 'svg', label: 'PFN map and /proc/iomem (SVG)', hint: 'with the link inside' },
];

const MENU_WIDTH = 360;

export function ExportMenu() {
  const id = useId();
  const state = useApp(selState);
  const previous = useApp(selPrevState);
  const step = useApp(selStep);
  const scenario = useApp((s) => s.scenario);
  const kernel = useApp((s) => s.kernel);
  const compare = useApp((s) => s.compare);
  const view = useApp((s) => s.view);
  const cursor = useApp((s) => s.cursor);
  const theme = useApp((s) => s.theme);
  const lesson = useApp((s) => s.lesson?.id ?? null);
  const [open, setOpen] = useState(false);
  const [said, setSaid] = useState('');
  const [error, setError] = useState<string | null>(null);
  const wrap = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  const items = () => Array.from(wrap.current?.querySelectorAll<HTMLButtonElement>('.io-menu button') ?? []);

  // Opens below the button, towards whichever side has room.
  const [flip, setFlip] = useState(false);
  useLayoutEffect(() => {
    if (!open || !wrap.current) return;
    const left = wrap.current.getBoundingClientRect().left;
    setFlip(left + MENU_WIDTH > document.documentElement.clientWidth);
  }, [open]);

  useEffect(() => {
    if (!open) return;
    items()[0]?.focus();
    const away = (e: PointerEvent) => {
      if (!wrap.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [open]);

  const shut = () => {
    setOpen(false);
    button.current?.focus();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (!open) return;
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLButtonElement);
    const go = (i: number) => list[(i + list.length) % list.length]?.focus();
    if (e.key === 'Escape') shut();
    else if (e.key === 'ArrowDown') go(at + 1);
    else if (e.key === 'ArrowUp') go(at - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(list.length - 1);
    else if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    // the page steps on arrows and Home/End: not while the menu has them
    e.preventDefault();
    e.stopPropagation();
  };

  const heading = scenario.title || 'Untitled scenario';
  const subheading = `Kernel ${kernelTitle(kernel)} · step ${cursor} of ${scenario.steps.length}: ${step ? describeOp(step.op) : 'the boot state'}`;

  const build = async (kind: ExportKind): Promise<Blob> => {
    if (!state) throw new Error('the scenario has not run yet');
    // the same link the address bar holds (url-sync), so the picture reopens exactly what was shown
    const fragment = encodeLink({ scenario: { ...scenario, kernel: presetOf(kernel), cursor }, kernel, compare, step: cursor, view, ...(lesson ? { lesson } : {}) });
    const link = absoluteLink(fragment, window.location);
    const picture = { state, previous, theme, link, heading, subheading };
    switch (kind) {
      case 'iomem':
        return new Blob([state.iomemText], { type: MIME.iomem });
      case 'zoneinfo':
        return new Blob([state.zoneinfoText], { type: MIME.zoneinfo });
      case 'memory':
        return new Blob([memoryText(state)], { type: MIME.memory });
      case 'scenario':
        return new Blob([scenarioFileText(scenario, kernel, cursor)], { type: MIME.scenario });
      case 'png':
        return mapPng(picture);
      case 'svg':
        return mapSvg(picture);
    }
  };

  const save = async (kind: ExportKind) => {
    const name = exportFileName(kernel, cursor, kind);
    shut();
    try {
      downloadBlob(await build(kind), name);
      setError(null);
      setSaid(`Saved ${name}`);
    } catch (e) {
      setError(`Could not export ${name}: ${(e as Error).message}`);
    }
  };

  return (
    <div className="io-export" ref={wrap} onKeyDown={onKeyDown}>
      <button ref={button} type="button" aria-expanded={open} aria-controls={`${id}-menu`} onClick={() => setOpen(!open)} disabled={!state} title="Download the step shown, the scenario, or a picture">
        Export <span aria-hidden="true">▾</span>
      </button>
      <div id={`${id}-menu`} className={flip ? 'io-menu io-menu--left' : 'io-menu'} style={{ width: MENU_WIDTH }} hidden={!open}>
        <p className="io-menu__head">
          Step {cursor} under {kernel}
        </p>
        <ul aria-label="Export">
          {ITEMS.map((it) => (
            <li key={it.kind}>
              <button type="button" onClick={() => void save(it.kind)}>
                <span className="io-menu__label">{it.label}</span>
                <span className="io-menu__hint">{it.hint}</span>
                <span className="io-menu__file">{exportFileName(kernel, cursor, it.kind)}</span>
              </button>
            </li>
          ))}
        </ul>
      </div>
      <span className="visually-hidden" role="status">
        {said}
      </span>
      {error && (
        <p role="alert" className="io-export__error">
          {error}{' '}
          <button type="button" onClick={() => setError(null)}>
            Dismiss
          </button>
        </p>
      )}
    </div>
  );
}
