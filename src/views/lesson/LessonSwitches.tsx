import type { KernelId } from '../../engine/ops';
import type { LessonSetting } from '../../lessons/types';
import { kernelShort } from '../common/kernel-name';
import { useApp } from '../../state/store-context';

/**
 * The lesson's debug_vm setting, with the switch that re-runs the scenario without it:
 * the lesson stays open at the same step, so the student sees what the setting changes.
 */
function DebugVmSwitch() {
  const on = useApp((s) => s.scenario.config.debug_vm);
  const busy = useApp((s) => s.busy);
  const setConfig = useApp((s) => s.setConfig);
  return (
    <div className="lesson-setting" role="group" aria-label="Kernel setting">
      <p>
        <code>debug_vm</code> (CONFIG_DEBUG_VM with DEBUG_VM_PGFLAGS) is <strong data-testid="debug-vm-state">{on ? 'on' : 'off'}</strong>.
      </p>
      <button type="button" disabled={busy} aria-pressed={!on} onClick={() => void setConfig({ debug_vm: !on })}>
        {on ? 'Turn debug_vm off and run again' : 'Turn debug_vm back on'}
      </button>
    </div>
  );
}

/**
 * The lesson's memmap_on_memory setting (memory_hotplug.memmap_on_memory, which v6.12 reads),
 * with the switch that re-runs the scenario with it flipped, the lesson staying at its step.
 */
function MemmapOnMemorySwitch() {
  const on = useApp((s) => s.scenario.config.memmap_on_memory);
  const busy = useApp((s) => s.busy);
  const setConfig = useApp((s) => s.setConfig);
  return (
    <div className="lesson-setting" role="group" aria-label="Kernel setting">
      <p>
        <code>memory_hotplug.memmap_on_memory</code> is <strong data-testid="memmap-on-memory-state">{on ? 'on' : 'off'}</strong>.
      </p>
      <button type="button" disabled={busy} aria-pressed={on} onClick={() => void setConfig({ memmap_on_memory: !on })}>
        {on ? 'Turn memmap_on_memory off and run again' : 'Turn memmap_on_memory on and run again'}
      </button>
    </div>
  );
}

/** The switch a step offers for its setting. */
export function SettingSwitch({ setting }: { setting: LessonSetting }) {
  return setting === 'debug_vm' ? <DebugVmSwitch /> : <MemmapOnMemorySwitch />;
}

/** A step that asks the student to look at the review matrix: the button that opens it above the lesson (the link's m=1). */
export function OpenMatrixButton() {
  const open = useApp((s) => s.matrix);
  const setDisplay = useApp((s) => s.setDisplay);
  return (
    <div className="lesson-switch" role="group" aria-label="The review matrix">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={open ? 'review-matrix' : undefined}
        onClick={() => {
          setDisplay({ matrix: !open });
          // the matrix opens above the lesson, maybe out of sight: bring it into view (jsdom has no scrollIntoView)
          if (!open)
            requestAnimationFrame(() => {
              const el = document.getElementById('review-matrix');
              if (el && 'scrollIntoView' in el) el.scrollIntoView({ block: 'start' });
            });
        }}
      >
        {open ? 'Close the review matrix' : 'Open the review matrix'}
      </button>
    </div>
  );
}

/** After a question about how two kernels differ: both side by side, or back to one. */
export function SideBySide({ kernel, other, setCompare }: { kernel: KernelId; other: KernelId; setCompare(k: KernelId | null): Promise<unknown> }) {
  const compare = useApp((s) => s.compare);
  return compare === other ? (
    <button type="button" className="lesson-compare" onClick={() => void setCompare(null)}>
      Back to {kernelShort(kernel)} alone
    </button>
  ) : (
    <button type="button" className="lesson-compare" onClick={() => void setCompare(other)}>
      Show {kernelShort(kernel)} and {kernelShort(other)} side by side
    </button>
  );
}
