import type { KernelId } from '../../engine/ops';
import { kernelShort } from '../common/kernel-name';
import { useApp } from '../../state/store-context';

/**
 * The lesson's debug_vm setting, with the switch that re-runs the scenario without it:
 * the lesson stays open at the same step, so the student sees what the setting changes.
 */
export function DebugVmSwitch() {
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
