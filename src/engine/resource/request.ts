import { EBUSY } from '../errno';
import type { Kernel } from '../kernel/kernel';
import { IORESOURCE_BUSY, IORESOURCE_SYSRAM, hasFlag, u32 } from './flags';
import { ResList } from './res-list';
import { type Resource, type ResPath, nodeAt, withChildrenAt, withNodeAt } from './tree';
import { pR } from '../mm/fmt';

const IORESOURCE_TYPE_BITS = 0x00001f00;

/**
 * __request_resource(): inserts `res` among the children of the node at `parentPath`
 * unless a child overlaps it. Returns null on success, else the conflicting entry's
 * path, or 'parent' when `res` does not fit inside the parent at all.
 */
function insertChild(k: Kernel, parentPath: ResPath, res: Resource): ResPath | 'parent' | null {
  const parent = nodeAt(k.iomem, parentPath);
  if (res.end < res.start || res.start < parent.start || res.end > parent.end) return 'parent';
  const kids = parent.children;
  const i = kids.firstEndingAtOrAbove(res.start);
  if (i < kids.length && kids.at(i)!.start <= res.end) return [...parentPath, i];
  k.iomem = withChildrenAt(k.iomem, parentPath, kids.insert(i, res));
  return null;
}

export function describe(r: Resource): string {
  return `"${r.name}" ${pR(r.start, r.end)}`;
}

/**
 * request_resource_conflict(&iomem_resource, res): top level only, never descending.
 * v4.18's register_memory_resource() uses it, so hot-added RAM is always top-level.
 */
export function request_resource_conflict(k: Kernel, res: Resource): Resource | null {
  return k.tr.call('request_resource_conflict', () => `&iomem_resource, ${describe(res)}`, () => {
    const c = insertChild(k, [], res);
    if (c === null) {
      if (k.tr.enabled) k.tr.change('iomem', `inserted ${describe(res)} at top level`);
      return null;
    }
    return c === 'parent' ? k.iomem : nodeAt(k.iomem, c);
  }, (c) => (c ? `conflict with ${describe(c)}` : 'NULL'));
}

/**
 * __request_region(&iomem_resource, start, n, name, flags): descends into non-busy
 * containers, so the new entry inherits type, SYSRAM bit and desc from the deepest
 * one. Returns the new resource or null on conflict.
 */
export function __request_region(k: Kernel, start: number, n: number, name: string, flags: number, owner: string): Resource | null {
  return k.tr.call('__request_region', () => `&iomem_resource, ${pR(start, start + n - 1)}, "${name}", ${flags ? '0x' + u32(flags).toString(16) : '0'}`, () => {
    const id = k.allocResId();
    let parentPath: ResPath = [];
    for (;;) {
      const parent = nodeAt(k.iomem, parentPath);
      const res: Resource = {
        id,
        name,
        start,
        end: start + n - 1,
        flags: u32((parent.flags & IORESOURCE_TYPE_BITS) | (parent.flags & IORESOURCE_SYSRAM) | IORESOURCE_BUSY | flags),
        desc: parent.desc,
        owner,
        children: ResList.EMPTY,
      };
      const c = insertChild(k, parentPath, res);
      if (c === null) {
        if (k.tr.enabled) k.tr.change('iomem', `inserted ${describe(res)}${parentPath.length ? ` under ${describe(parent)}` : ' at top level'}, owner ${owner}`);
        return res;
      }
      if (c !== 'parent') {
        const conflict = nodeAt(k.iomem, c);
        if (!hasFlag(conflict.flags, IORESOURCE_BUSY)) {
          if (k.tr.enabled) k.tr.decision(`conflict ${describe(conflict)} is not IORESOURCE_BUSY`, 'descend into it');
          parentPath = c;
          continue;
        }
        if (k.tr.enabled) k.tr.decision(`conflict ${describe(conflict)} is busy`, 'fail');
      } else {
        if (k.tr.enabled) k.tr.decision('range fits inside the parent', 'no: fail');
      }
      return null;
    }
  }, (r) => (r ? describe(r) : 'NULL'));
}

/** Unlinks the node at `path` and records it as freed; its children go with it, as in the kernel. */
export function unlinkAndFree(k: Kernel, path: ResPath, by: string): Resource {
  const parentPath = path.slice(0, -1);
  const parent = nodeAt(k.iomem, parentPath);
  const idx = path[path.length - 1]!;
  const res = parent.children.at(idx)!;
  k.iomem = withChildrenAt(k.iomem, parentPath, parent.children.remove(idx));
  k.recordFreed({ id: res.id, name: res.name, start: res.start, end: res.end, owner: res.owner, step: k.step, by });
  if (k.tr.enabled) k.tr.change('iomem', `freed ${describe(res)} (owner ${res.owner})${res.children.length ? ` and its ${res.children.length} child(ren)` : ''}`);
  return res;
}

/**
 * __adjust_resource(res, start, size): -EBUSY unless the new range stays inside the
 * parent, clear of both neighbours, and still holds every child.
 */
export function __adjust_resource(k: Kernel, path: ResPath, start: number, size: number): number {
  const res = nodeAt(k.iomem, path);
  return k.tr.call('__adjust_resource', () => `${describe(res)}, ${'0x' + start.toString(16)}, ${'0x' + size.toString(16)}`, () => {
    const end = start + size - 1;
    const parentPath = path.slice(0, -1);
    const parent = nodeAt(k.iomem, parentPath);
    const idx = path[path.length - 1]!;
    if (start < parent.start || end > parent.end) return -EBUSY;
    const next = parent.children.at(idx + 1);
    if (next && next.start <= end) return -EBUSY;
    const prev = parent.children.at(idx - 1);
    if (prev && start <= prev.end) return -EBUSY;
    for (const c of res.children) {
      if (c.start < start || c.end > end) {
        if (k.tr.enabled) k.tr.decision(`child ${describe(c)} lies inside the new range`, 'no: -EBUSY');
        return -EBUSY;
      }
    }
    const moved: Resource = { ...res, start, end };
    k.iomem = withNodeAt(k.iomem, path, moved);
    if (k.tr.enabled) k.tr.change('iomem', `adjusted ${describe(res)} to ${pR(start, end)}`);
    return 0;
  });
}

/**
 * remove_resource(): unlinks an entry but keeps its children, moving them up to its
 * parent (__release_resource(old, false)).
 */
export function remove_resource(k: Kernel, path: ResPath, by: string): void {
  const res = nodeAt(k.iomem, path);
  k.tr.call('remove_resource', () => describe(res), () => {
    const parentPath = path.slice(0, -1);
    const parent = nodeAt(k.iomem, parentPath);
    const idx = path[path.length - 1]!;
    k.iomem = withChildrenAt(k.iomem, parentPath, parent.children.replaceWith(idx, res.children));
    k.recordFreed({ id: res.id, name: res.name, start: res.start, end: res.end, owner: res.owner, step: k.step, by });
    if (k.tr.enabled) k.tr.change('iomem', `released ${describe(res)}${res.children.length ? `; its children move up to ${describe(parent)}` : ''}`);
  });
}
