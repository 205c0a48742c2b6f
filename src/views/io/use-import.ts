/**
 * Applies what was read to the app. A machine or a scenario file is an edit (undoable, so a
 * wrong file costs one Undo); an exported image is a link, opened as the address bar would.
 */
import { useMemo } from 'react';
import { presetOf } from '../../engine/variants/switches';
import { useAppStore } from '../../state/store-context';
import type { AppStore, RunOutcome } from '../../state/store';
import { linkFromPng, linkFromSvg, type ImageLinkRead } from '../../links/image-link';
import { classifyFile, looksLikeCapture, readCaptureFile, readIomem, readScenarioFile, withMachine, type FileKind, type IomemRead, type ScenarioRead } from './import-actions';

export type ImageOpen = ImageLinkRead & { same?: boolean };

export interface FileOpened {
  kind: FileKind;
  name: string;
  /** the text of a file taken as /proc/iomem: the dialog shows it for the user to check and use */
  iomemText?: string;
  scenario?: ScenarioRead;
  image?: ImageOpen;
}

export interface ImportActions {
  /** `zoneinfo`: the same machine's /proc/zoneinfo, or '' */
  applyIomem(text: string, keepSteps: boolean, zoneinfo?: string): Promise<IomemRead>;
  /** a scenario file, or a machine capture (scripts/capture-machine.sh) read as one */
  openScenarioText(text: string): Promise<ScenarioRead>;
  openImage(bytes: Uint8Array, name: string, kind: 'png' | 'svg'): ImageOpen;
  /** a file from a file input or a drop: a scenario or an image is opened at once; /proc/iomem text is returned to be checked */
  openFile(file: File): Promise<FileOpened>;
}

/** What the user reads when they cancelled a long run. */
const CANCELLED = 'Cancelled: the previous scenario is still shown, as it was.';

/**
 * Makes an edit, and takes it back if the engine could not run the result (a run that fails
 * leaves the previous runs in place): then the page would show one scenario's state under
 * another's name. Returns why it failed, CANCELLED when the user stopped the run (the store
 * has already put everything back), or null.
 */
async function editOrUndo(store: AppStore, edit: () => Promise<RunOutcome>): Promise<string | null> {
  const { runs, kernel, alert } = store.getState();
  const outcome = await edit();
  if (outcome === 'cancelled') return CANCELLED;
  const after = store.getState();
  if (outcome === 'superseded' || after.runs !== runs) return null;
  const why = after.alert ?? 'the engine did not run it';
  store.setState({ kernel });
  await after.undo();
  after.showAlert(alert);
  return why;
}

function actions(store: AppStore): ImportActions {
  const self: ImportActions = {
    async applyIomem(text, keepSteps, zoneinfo = '') {
      const read = readIomem(text, zoneinfo);
      if (!read.ok) return read;
      const st = store.getState();
      const failed = await editOrUndo(store, () => st.editScenario(withMachine(st.scenario, presetOf(st.kernel), read.machine, keepSteps), 0));
      return failed ? { ok: false, errors: [failed], ...(failed === CANCELLED ? { cancelled: true } : { engine: true }) } : read;
    },
    async openScenarioText(text) {
      const read = looksLikeCapture(text) ? readCaptureFile(text) : readScenarioFile(text);
      if (!read.ok) return read;
      const failed = await editOrUndo(store, async () => {
        // The file's kernel is part of what it says: the scenario runs once, under it.
        return store.getState().editScenario(read.scenario, read.step, { kernel: read.scenario.kernel, opened: true });
      });
      return failed ? { ok: false, errors: [failed], ...(failed === CANCELLED ? { cancelled: true } : { engine: true }) } : read;
    },
    openImage(bytes, name, kind) {
      const read = kind === 'png' ? linkFromPng(bytes, name) : linkFromSvg(new TextDecoder().decode(bytes), name);
      if (!read.ok) return read;
      // The app opens whatever the address bar's fragment says (url-sync listens to hashchange).
      const same = window.location.hash === read.fragment;
      if (!same) window.location.hash = read.fragment;
      return { ...read, same };
    },
    async openFile(file) {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const kind = classifyFile(file.name, bytes.subarray(0, 1024));
      const text = () => new TextDecoder().decode(bytes);
      switch (kind) {
        case 'png':
        case 'svg':
          return { kind, name: file.name, image: self.openImage(bytes, file.name, kind) };
        case 'scenario':
        case 'capture':
          return { kind, name: file.name, scenario: await self.openScenarioText(text()) };
        case 'iomem':
          return { kind, name: file.name, iomemText: text() };
      }
    },
  };
  return self;
}

export function useImportActions(): ImportActions {
  const store = useAppStore();
  return useMemo(() => actions(store), [store]);
}
