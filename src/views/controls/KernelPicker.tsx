import { useId } from 'react';
import { KERNEL_IDS, type KernelId } from '../../engine/ops';
import { useApp } from '../../state/store-context';

export const KERNEL_TITLES: Record<KernelId, string> = {
  'v4.18': 'v4.18 (before the patch)',
  'rfc-v1': 'RFC v1 (altmap test, shrink at offline)',
  'rfc-v2': 'RFC v2 (SYSRAM check, add/del_device_memory)',
  'v5.5': 'v5.5 (upstream)',
  'v6.12': 'v6.12 (Debian 6.12.118)',
};

/** The kernel that runs the scenario, and optionally a second one to compare with. */
export function KernelPicker() {
  const kernel = useApp((s) => s.kernel);
  const compare = useApp((s) => s.compare);
  const setKernel = useApp((s) => s.setKernel);
  const setCompare = useApp((s) => s.setCompare);
  const id = useId();
  // Labels point at their selects rather than wrapping them, so a select's name is the label alone.
  return (
    <div className="kernel-picker">
      <span>
        <label htmlFor={`${id}-kernel`}>Kernel</label>{' '}
        <select id={`${id}-kernel`} value={kernel} onChange={(e) => void setKernel(e.target.value as KernelId)}>
          {KERNEL_IDS.map((k) => (
            <option key={k} value={k}>
              {KERNEL_TITLES[k]}
            </option>
          ))}
        </select>
      </span>
      <span>
        <label htmlFor={`${id}-compare`}>Compare with</label>{' '}
        <select id={`${id}-compare`} value={compare ?? ''} onChange={(e) => void setCompare(e.target.value ? (e.target.value as KernelId) : null)}>
          <option value="">(none)</option>
          {KERNEL_IDS.filter((k) => k !== kernel || k === compare).map((k) => (
            <option key={k} value={k}>
              {KERNEL_TITLES[k]}
            </option>
          ))}
        </select>
      </span>
    </div>
  );
}
