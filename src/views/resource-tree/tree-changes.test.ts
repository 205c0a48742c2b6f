import { describe, expect, it } from 'vitest';
import type { ResourceView } from '../../engine/views/view-types';
import { classifyTreeChanges } from './tree-changes';
import { scenarioStates } from './test-states';

/** The change of every entry below the root, by name and id, for readable expectations. */
function changesAt(file: string, kernel: 'v4.18' | 'rfc-v1', step: number) {
  const states = scenarioStates(file, kernel);
  return classifyTreeChanges(states[step]!.iomem, states[step - 1]!.iomem);
}

describe('classifyTreeChanges on engine output', () => {
  it('marks the entry add_memory() requested as added and leaves the boot entries unchanged', () => {
    const c = changesAt('notes/s7-split.json', 'v4.18', 1);
    expect(c.byId.get(1)).toEqual({ kind: 'unchanged' });
    expect(c.byId.get(2)).toEqual({ kind: 'unchanged' });
    // Same name and flags as its left neighbour, but that neighbour was not adjusted: no split.
    expect(c.byId.get(3)).toEqual({ kind: 'added' });
    expect(c.freed).toEqual([]);
  });

  it('reports nothing for a step that leaves the tree alone (online)', () => {
    const c = changesAt('notes/s7-split.json', 'v4.18', 2);
    expect([...c.byId.values()].every((ch) => ch.kind === 'unchanged')).toBe(true);
    expect(c.freed).toEqual([]);
  });

  it('sees removing the middle block as the entry cut to its head plus a new tail split from it', () => {
    const c = changesAt('notes/s7-split.json', 'v4.18', 4);
    expect(c.byId.get(3)).toEqual({ kind: 'adjusted', oldStart: 0x140000000, oldEnd: 0x157ffffff });
    expect(c.byId.get(4)).toEqual({ kind: 'split', fromId: 3 });
    expect(c.freed).toEqual([]);
  });

  it('sees removing the first block as the entry adjusted to start later', () => {
    const states = scenarioStates('notes/s7-adjust-start.json', 'v4.18');
    const c = classifyTreeChanges(states[4]!.iomem, states[3]!.iomem);
    expect(c.byId.get(3)).toEqual({ kind: 'adjusted', oldStart: 0x140000000, oldEnd: 0x157ffffff });
    expect(states[4]!.iomem.children.find((r) => r.id === 3)!.start).toBe(0x148000000);
    expect([...c.byId.values()].filter((ch) => ch.kind !== 'unchanged')).toHaveLength(1);
  });

  it('lists the entry __remove_pages() freed under rfc-v1 with the parent it had', () => {
    const c = changesAt('notes/s5-hmm-private.json', 'rfc-v1', 2);
    expect(c.freed.map((f) => ({ id: f.res.id, name: f.res.name, parentId: f.parentId }))).toEqual([{ id: 3, name: 'gpu0', parentId: 0 }]);
    expect(c.byId.has(3)).toBe(false);
  });

  it('calls everything unchanged when there is no previous state (boot)', () => {
    const [boot] = scenarioStates('notes/s5-hmm-private.json', 'rfc-v1');
    const c = classifyTreeChanges(boot!.iomem, null);
    expect([...c.byId.values()]).toEqual([{ kind: 'unchanged' }, { kind: 'unchanged' }]);
    expect(c.freed).toEqual([]);
  });
});

describe('classifyTreeChanges on hand-made trees', () => {
  const ram = (id: number, start: number, end: number): ResourceView => ({ id, name: 'System RAM', start, end, flags: 0x81000200, desc: 0, owner: 'memory-hotplug', children: [] });
  const root = (...children: ResourceView[]): ResourceView => ({ id: 0, name: 'PCI mem', start: 0, end: 2 ** 46, flags: 0x200, desc: 0, owner: 'firmware', children });

  it('does not call a new neighbour beyond the old range a split', () => {
    const c = classifyTreeChanges(root(ram(1, 0x1000, 0x1fff), ram(2, 0x4000, 0x4fff)), root(ram(1, 0x1000, 0x2fff)));
    expect(c.byId.get(1)).toEqual({ kind: 'adjusted', oldStart: 0x1000, oldEnd: 0x2fff });
    expect(c.byId.get(2)).toEqual({ kind: 'added' });
  });

  it('lists freed children after their freed parent, each with its own parent', () => {
    const parent = { ...ram(1, 0x1000, 0x4fff), name: 'Persistent Memory', children: [ram(2, 0x1000, 0x1fff)] };
    const c = classifyTreeChanges(root(), root(parent));
    expect(c.freed.map((f) => [f.res.id, f.parentId])).toEqual([[1, 0], [2, 1]]);
  });
});
