/** StateViews for the tests: the real engine's, and hand-made ones of any size. */
import { DEFAULT_CONFIG } from '../../engine/ops';
import { runScenario } from '../../engine/run';
import { BlockState, Memmap, SEC_HAS_MEM_MAP, SEC_IN_BLOCK, SEC_ONLINE, SEC_PRESENT, withBlock, withMemmap } from '../../engine/state/section-bits';
import { toMachineInput } from '../../scenario/machine-input';
import type { NodeView, ResourceView, StateView } from '../../engine/views/view-types';
import { stateView } from '../../engine/views/run-view';

/** Default machine, then a 128 MiB block added at 4 GiB, then a 256 MiB HMM device (lands at 64 TiB). */
export function engineStates(): StateView[] {
  const run = runScenario({
    kernel: 'v4.18',
    config: DEFAULT_CONFIG,
    machine: toMachineInput({ kind: 'default' }),
    steps: [
      { op: 'add_memory', nid: 0, start: 2 ** 32, size: 2 ** 27 },
      { op: 'hmm_devmem_add', dev: 'gpu0', nid: 0, size: 2 ** 28, type: 'private' },
    ],
  });
  return run.states.map((s, i) => stateView(s, i, false));
}

const present = SEC_PRESENT | SEC_HAS_MEM_MAP | SEC_IN_BLOCK;
export const onlineWord = (zone: number, nid = 0): number => withBlock(withMemmap(present | SEC_ONLINE, Memmap.Init, zone, nid), BlockState.Online, nid);
export const offlineWord = (zone: number): number => withBlock(withMemmap(present, Memmap.Init, zone, 0), BlockState.Offline, 0);
export const poisonedWord = (): number => withBlock(withMemmap(present, Memmap.Poisoned), BlockState.Offline, 0);
export const deviceWord = (): number => withMemmap(SEC_PRESENT | SEC_HAS_MEM_MAP, Memmap.Init, 4, 0);

export function handState(sections: Array<[number, number]>, extra: { nodes?: NodeView[]; iomem?: ResourceView[] } = {}): StateView {
  const sorted = [...sections].sort((a, b) => a[0] - b[0]);
  return {
    step: 0,
    sections: { nr: Int32Array.from(sorted.map((s) => s[0])), words: Uint32Array.from(sorted.map((s) => s[1])) },
    nodes: extra.nodes ?? [],
    iomem: { id: 0, name: 'PCI mem', start: 0, end: 2 ** 64 - 1, flags: 0x200, desc: 0, owner: '', children: extra.iomem ?? [] },
    ghosts: [],
    iomemText: '',
    zoneinfoText: '',
    blockSizeBytes: 2 ** 27,
    movableNode: false,
  };
}

/**
 * Every one of the 2^19 sections non-zero, in a mix of kinds: the worst case for a redraw.
 * `runLength` sections in a row share a word; 1 makes every section differ from its neighbours.
 */
export function fullState(runLength: number): StateView {
  const n = 2 ** 19;
  const nr = new Int32Array(n);
  const words = new Uint32Array(n);
  const mix = [onlineWord(2), onlineWord(3), offlineWord(2), poisonedWord(), deviceWord()];
  for (let i = 0; i < n; i++) {
    nr[i] = i;
    words[i] = mix[Math.floor(i / runLength) % mix.length]!;
  }
  return { ...handState([]), sections: { nr, words } };
}
