import { useApp } from '../../state/store-context';

/** Whether the boot zones' managed pages were read from the machine's own /proc/zoneinfo. */
export const useManagedMeasured = (): boolean => useApp((s) => s.scenario.machine.kind === 'iomem' && s.scenario.machine.zoneinfo !== undefined);

/**
 * Where managed pages are shown: what they are, and whether the boot zones' figure was read or
 * assumed. /proc/iomem says which memory is RAM, not how much of it the kernel kept for itself
 * at boot (memblock reservations, the memmap, the kernel image), so without the machine's
 * /proc/zoneinfo the engine can only count boot memory as managed = present.
 */
export function ManagedNote() {
  const measured = useManagedMeasured();
  return (
    <p className="managed-note" data-testid="managed-note">
      {measured ? (
        <>Managed pages of the boot zones are read from the machine&rsquo;s /proc/zoneinfo; hot-added memory is counted page by page as it is onlined.</>
      ) : (
        <>
          <strong>managed*</strong> at boot is assumed equal to present: no /proc/zoneinfo came with this machine, and a real kernel always keeps some boot memory for itself (memblock reservations, the memmap, the kernel image), so its figure is lower. Hot-added memory is counted page by page as it is onlined. To read the boot figure true, import the machine with its /proc/zoneinfo (Import… › A real machine).
        </>
      )}
    </p>
  );
}
