import { describe, expect, it } from 'vitest';
import type { MachineSpec } from '../../scenario/types';
import { nodeChoices, nodeOfAddress } from './node-choice';

const G = 2 ** 30;
const twoNodes: MachineSpec = { kind: 'iomem', text: '', entries: [], nodes: [{ nid: 1, start: G, size: G }, { nid: 2, start: 0, size: 0 }] };

describe('the builder\'s nodes', () => {
  it('are the machine\'s, each with its memory, and one new node', () => {
    expect(nodeChoices(twoNodes, [])).toEqual([
      { nid: 0, label: 'node 0' },
      { nid: 1, label: 'node 1 (0x40000000–0x7fffffff)' },
      { nid: 2, label: 'node 2 (no memory at boot)' },
      { nid: 3, label: 'node 3 (a new node)' },
    ]);
  });
  it('include the nodes the steps already use', () => {
    expect(nodeChoices({ kind: 'default' }, [{ op: 'add_memory', nid: 4, start: 4 * G, size: G }]).map((c) => c.nid)).toEqual([0, 4, 5]);
  });
  it('propose the node an address falls in, else node 0', () => {
    expect(nodeOfAddress(twoNodes, G + 4096)).toBe(1);
    expect(nodeOfAddress(twoNodes, 5 * G)).toBe(0);
    expect(nodeOfAddress({ kind: 'ram', ram: [{ start: 4 * G, size: G, nid: 3 }] }, 4 * G)).toBe(3);
    expect(nodeOfAddress(twoNodes, null)).toBe(0);
  });
});
