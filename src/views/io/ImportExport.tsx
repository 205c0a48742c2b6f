/**
 * The header's Import and Export controls, and files dropped anywhere on the page: a scenario
 * file or an exported image opens at once; a /proc/iomem (or anything that did not open) is
 * shown in the import dialog, with what could not be read.
 */
import './io.css';
import { useEffect, useRef, useState } from 'react';
import { ExportMenu } from './ExportMenu';
import { ImportDialog } from './ImportDialog';
import { type FileOpened, useImportActions } from './use-import';

function carriesFiles(e: DragEvent): boolean {
  return Array.from(e.dataTransfer?.types ?? []).includes('Files');
}

export function ImportExport() {
  const actions = useImportActions();
  const [dialog, setDialog] = useState<{ key: number; preset: FileOpened | null } | null>(null);
  const [dragging, setDragging] = useState(false);
  const [opened, setOpened] = useState('');
  const dialogOpen = useRef(false);
  dialogOpen.current = dialog !== null;
  const importButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let depth = 0;
    const enter = (e: DragEvent) => {
      if (!carriesFiles(e) || dialogOpen.current) return;
      depth++;
      setDragging(true);
    };
    const leave = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    // Without preventDefault the browser would navigate to the dropped file and lose the page.
    const over = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = dialogOpen.current ? 'none' : 'copy';
    };
    const drop = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      const file = e.dataTransfer?.files[0];
      if (!file || dialogOpen.current) return;
      void actions.openFile(file).then((result) => {
        const fine = (result.scenario?.ok && !result.scenario.machine) || result.image?.ok;
        if (fine) setOpened(`Opened ${result.name}`);
        else setDialog({ key: Date.now(), preset: result });
      });
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [actions]);

  return (
    <>
      <button ref={importButton} type="button" aria-haspopup="dialog" onClick={() => setDialog({ key: Date.now(), preset: null })} title="Use a real machine's /proc/iomem, open a scenario file or an exported image">
        Import…
      </button>
      <ExportMenu />
      <span className="visually-hidden" role="status">
        {opened}
      </span>
      {dialog && (
        <ImportDialog
          key={dialog.key}
          preset={dialog.preset}
          onClose={() => {
            setDialog(null);
            importButton.current?.focus();
          }}
        />
      )}
      {dragging && (
        <div className="io-drop-overlay" aria-hidden="true">
          <p>Drop to open: a scenario file (.json), an image exported by Hotplug Explorer, or a /proc/iomem</p>
        </div>
      )}
    </>
  );
}
