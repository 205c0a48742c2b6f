import { useId } from 'react';
import type { KernelId } from '../../engine/ops';
import { customName, isCustom, type KernelRef } from '../../engine/variants/switches';
import { useApp } from '../../state/store-context';
import { ComposeKernel } from './ComposeKernel';
import { groupedKernels } from './kernel-groups';

const KERNEL_TITLES: Record<KernelId, string> = {
  'v4.18': 'v4.18 (before the patch)',
  'rfc-v1': 'RFC v1 (altmap test, shrink at offline)',
  'rfc-v2': 'RFC v2 (SYSRAM check, add/del_device_memory)',
  'v5.5': 'v5.5 (upstream)',
  'v6.12': 'v6.12 (Debian 6.12.118)',
  'rfc-v3': 'RFC v3 (Oct 2018: nid down to the node links)',
  'idea-is-device': 'is_device idea (RFC v1 + a caller\u2019s flag)',
  'idea-refcount': 'Refcount idea (never implemented; rules ours)',
};

/** A kernel's title in menus and headings: a custom kernel is named by what differs from its preset. */
export function kernelTitle(ref: KernelRef): string {
  return isCustom(ref) ? customName(ref) : KERNEL_TITLES[ref as KernelId];
}

/** What the menu's tooltip says of the kernels whose short title cannot. */
const KERNEL_NOTES: Partial<Record<KernelId, string>> = {
  'rfc-v3':
    'Oscar Salvador\u2019s RFC v3 of 2 Oct 2018, all five patches: add/del_device_memory(), the SYSRAM check, zone and page handling at offline with online_section() everywhere, and unregister_mem_sect_under_nodes() given the nid instead of reading struct pages. HMM call sites as PATCH v1 converted them.',
  'idea-is-device':
    'A proposal, never posted as a patch: RFC v1 plus a flag from devm_memremap_pages_release() and hmm_devmem_release() that tells __remove_pages() to skip release_mem_region_adjustable() (David Hildenbrand, 7 Aug 2018; Oscar Salvador, 8 Aug 2018). Passing it for device-public memory too is this project\u2019s choice.',
  'idea-refcount':
    'A proposal nobody implemented: Jerome Glisse\u2019s refcount on iomem resources (9 Aug 2018) on top of RFC v1. Only the idea is his. The rules are this project\u2019s: one reference per request, one more taken by the device hot-add, the hot-remove drops one and the entry goes with the last holder, release_mem_region_adjustable() always called (docs/proposals.md).',
};

function KernelOptions({ filter, custom }: { filter?: (k: KernelId) => boolean; custom: readonly KernelRef[] }) {
  return (
    <>
      {groupedKernels(filter).map((g) => (
        <optgroup key={g.key} label={g.label}>
          {g.kernels.map((k) => (
            <option key={k} value={k} title={KERNEL_NOTES[k]}>
              {KERNEL_TITLES[k]}
            </option>
          ))}
        </optgroup>
      ))}
      {custom.length > 0 && (
        <optgroup label="Composed (a preset with switches changed)">
          {custom.map((k) => (
            <option key={k} value={k} title={`${k}: a custom kernel, its preset's code with the switched decision points taken from the kernels that have them`}>
              {customName(k)}
            </option>
          ))}
        </optgroup>
      )}
    </>
  );
}

/** The custom kernels the menus list: the one composed, and any shown or compared. */
const customKernels = (list: readonly (KernelRef | null)[]): KernelRef[] => [...new Set(list.filter((k): k is KernelRef => k !== null && isCustom(k)))];

/** The kernel that runs the scenario, and optionally a second one to compare with. */
export function KernelPicker() {
  const kernel = useApp((s) => s.kernel);
  const compare = useApp((s) => s.compare);
  const setKernel = useApp((s) => s.setKernel);
  const setCompare = useApp((s) => s.setCompare);
  const composed = useApp((s) => s.custom);
  const custom = customKernels([composed, kernel, compare]);
  const id = useId();
  // Labels point at their selects rather than wrapping them, so a select's name is the label alone.
  return (
    <div className="kernel-picker">
      <span>
        <label htmlFor={`${id}-kernel`}>Kernel</label>{' '}
        <select id={`${id}-kernel`} value={kernel} title={isCustom(kernel) ? kernel : KERNEL_NOTES[kernel as KernelId]} onChange={(e) => void setKernel(e.target.value as KernelRef)}>
          <KernelOptions custom={custom} />
        </select>
      </span>
      <span>
        <label htmlFor={`${id}-compare`}>Compare with</label>{' '}
        <select id={`${id}-compare`} value={compare ?? ''} onChange={(e) => void setCompare(e.target.value ? (e.target.value as KernelRef) : null)}>
          <option value="">(none)</option>
          <KernelOptions filter={(k) => k !== kernel || k === compare} custom={custom.filter((k) => k !== kernel || k === compare)} />
        </select>
      </span>
      <ComposeKernel />
    </div>
  );
}
