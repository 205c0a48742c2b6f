import { IOMEM_ROOT_END } from '../arch';
import { IORESOURCE_MEM } from './flags';
import { ResList } from './res-list';

/**
 * An iomem resource. Trees are immutable: an edit rebuilds the path from the root
 * to the changed parent and shares every other node with the previous snapshot.
 */
export interface Resource {
  /** stable across snapshots, so views and findings can follow one entry */
  readonly id: number;
  readonly name: string;
  readonly start: number;
  readonly end: number;
  readonly flags: number;
  readonly desc: number;
  /** who asked for it: a driver's device name, 'memory-hotplug' (add_memory) or 'firmware' (boot) */
  readonly owner: string;
  /**
   * idea-refcount only (a proposal nobody implemented): holders of a busy entry beyond its
   * requester. Absent means one, the requester's; no other kernel sets it.
   */
  readonly refs?: number;
  readonly children: ResList<Resource>;
}

/** Index path from the root: [] is the root, [3, 0] the first child of the root's fourth child. */
export type ResPath = readonly number[];

export function makeIomemRoot(children: readonly Resource[]): Resource {
  return { id: 0, name: 'PCI mem', start: 0, end: IOMEM_ROOT_END, flags: IORESOURCE_MEM, desc: 0, owner: 'firmware', children: ResList.of(children) };
}

export function nodeAt(root: Resource, path: ResPath): Resource {
  let r = root;
  for (const i of path) r = r.children.at(i)!;
  return r;
}

/** Replaces the children of the node at `path`, copying only the nodes on the path. */
export function withChildrenAt(root: Resource, path: ResPath, children: ResList<Resource>): Resource {
  if (path.length === 0) return { ...root, children };
  const [head, ...rest] = path;
  const child = root.children.at(head!)!;
  return { ...root, children: root.children.set(head!, withChildrenAt(child, rest, children)) };
}

/** Replaces the node at `path` (not the root) by `node`. */
export function withNodeAt(root: Resource, path: ResPath, node: Resource): Resource {
  const parentPath = path.slice(0, -1);
  const parent = nodeAt(root, parentPath);
  return withChildrenAt(root, parentPath, parent.children.set(path[path.length - 1]!, node));
}

export function findById(root: Resource, id: number): { res: Resource; path: number[] } | null {
  const walk = (r: Resource, path: number[]): { res: Resource; path: number[] } | null => {
    if (r.id === id) return { res: r, path };
    let i = 0;
    for (const c of r.children) {
      if (c.start <= c.end) {
        const hit = walk(c, [...path, i]);
        if (hit) return hit;
      }
      i++;
    }
    return null;
  };
  return walk(root, []);
}

/** Pre-order walk, as r_show prints: entry, its children, then its siblings. */
export function preorder(root: Resource): { res: Resource; depth: number }[] {
  const out: { res: Resource; depth: number }[] = [];
  const walk = (r: Resource, depth: number): void => {
    for (const c of r.children) {
      out.push({ res: c, depth });
      if (c.children.length) walk(c, depth + 1);
    }
  };
  walk(root, 0);
  return out;
}
