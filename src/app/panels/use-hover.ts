import { useCallback } from 'react';
import { useAppStore } from '../../state/store-context';

type Range = { start: number; end: number };

/** Hovering a range highlights it in every view, unless a finding's range is pinned. Reads the store when called, so it subscribes to nothing. */
export function useHover(): (range: Range | null, label: string | null, resourceId?: number | null) => void {
  const store = useAppStore();
  return useCallback(
    (range, label, resourceId = null) => {
      const { selection, select } = store.getState();
      if (selection.pinned) return;
      select(range ? { range, label, resourceId, pinned: false } : null);
    },
    [store],
  );
}
