import { SECTION_SIZE_BYTES, pfnToSection } from '../arch';
import { sectionsPerBlock } from '../mm/memory-block';
import type { ResList } from '../resource/res-list';
import type { Resource } from '../resource/tree';
import { type KernelState, MAX_NR_ZONES, type NodeState, zoneEnd } from '../state/kernel-state';
import { SEC_PRESENT, hasBit } from '../state/section-bits';
import { SectionSet } from './section-set';
import {
  type Extent,
  type StateProblem,
  childPath,
  childViolations,
  isRamResource,
  nodeAccountingProblems,
  nodeViolations,
  ownedKey,
  resourceSections,
  sectionViolations,
  spanSections,
  staleResourceProblem,
  zoneOutsideViolation,
  zoneSpanProblems,
} from './state-checks';

export interface StepCheck {
  /** problems this step newly caused, in the order a whole-state check lists them */
  fresh: StateProblem[];
}

interface Entry {
  p: StateProblem;
  /** the whole-state check's order: resources, then zone spans, then accounting */
  order: number[];
}

const NOTHING_FRESH: StepCheck = Object.freeze({ fresh: Object.freeze([]) as unknown as StateProblem[] });

/** Problem keys are made once per zone and node, not per step: a step asks about the same few again and again. */
const spanKeyCache = new Map<number, string[]>();
function spanKeys(zoneKey: number): string[] {
  let k = spanKeyCache.get(zoneKey);
  if (!k) spanKeyCache.set(zoneKey, (k = ['start', 'end', 'miss'].map((edge) => `stale-zone-span:${Math.floor(zoneKey / 8)}:${zoneKey % 8}:${edge}`)));
  return k;
}
const accountingKeyCache = new Map<number, string[]>();
function accountingKeys(nid: number): string[] {
  let k = accountingKeyCache.get(nid);
  if (!k) accountingKeyCache.set(nid, (k = ['node', ...Array.from({ length: MAX_NR_ZONES }, (_, zi) => String(zi))].map((x) => `accounting-mismatch:${nid}:${x}`)));
  return k;
}

/**
 * The per-step checks of a replay: the same problems and invariants as `checkState`,
 * but each step re-examines only what it wrote (the sections the draft records, the
 * nodes whose snapshot changed, the iomem entries on the changed paths), holding the
 * answers for everything else from the steps before. Indexes of present and owned
 * sections answer "first missing section" and "lowest/highest section of a zone" in
 * time that does not grow with the memory online. Tests hold it to `checkState` after
 * every step.
 */
export class StepChecker {
  private readonly present = new SectionSet();
  private readonly owned = new Map<number, SectionSet>();
  private readonly problems = new Map<string, Entry>();
  private readonly sectionViol = new Map<number, string[]>();
  private readonly zoneViol = new Map<number, string>();
  private readonly nodeViol = new Map<number, string[]>();
  /** by the child's resource id: its place in its sibling list */
  private readonly iomemViol = new Map<number, string[]>();
  private state: KernelState;
  private fresh: Entry[] = [];
  // Working sets of one step, kept between steps so a step allocates none of them.
  private readonly dirtyZones = new Set<number>();
  private readonly ramRecheck = new Map<number, Resource>();
  private readonly presentFlipped: number[] = [];

  constructor(
    boot: KernelState,
    private readonly shrinksDeviceZone: boolean,
  ) {
    // Boot is checked whole, once: every section, node, zone and resource is new.
    this.state = boot;
    const spb = sectionsPerBlock(boot.blockSizeBytes);
    boot.sections.forEachNonZero((nr, w) => {
      if (hasBit(w, SEC_PRESENT)) this.present.add(nr);
      const key = ownedKey(w);
      if (key >= 0) this.ownedSet(key).add(nr);
      this.setSectionViolations(nr, sectionViolations(boot.sections, nr, spb));
    });
    const zones = new Set(this.owned.keys());
    boot.nodes.forEach((node, nid) => {
      this.checkNode(nid, node);
      for (let zi = 0; zi < MAX_NR_ZONES; zi++) zones.add(nid * 8 + zi);
    });
    for (const key of zones) this.checkZone(boot, key);
    const ram = new Map<number, Resource>();
    this.learn(boot.iomem, null, ram);
    for (const res of ram.values()) this.checkRam(res);
    this.fresh = [];
  }

  /** Checks `next`, the state after a step that wrote `written`; returns what the step newly broke. */
  step(next: KernelState, written: ReadonlySet<number>): StepCheck {
    const prev = this.state;
    this.state = next;
    if (this.fresh.length) this.fresh = [];
    const spb = sectionsPerBlock(next.blockSizeBytes);
    const { dirtyZones, ramRecheck, presentFlipped } = this;
    dirtyZones.clear();
    ramRecheck.clear();
    presentFlipped.length = 0;

    for (const nr of written) {
      const ow = prev.sections.get(nr);
      const nw = next.sections.get(nr);
      if (ow === nw) continue;
      if (hasBit(ow, SEC_PRESENT) !== hasBit(nw, SEC_PRESENT)) {
        if (hasBit(nw, SEC_PRESENT)) this.present.add(nr);
        else this.present.delete(nr);
        presentFlipped.push(nr);
        ramCovering(next.iomem, nr * SECTION_SIZE_BYTES, (nr + 1) * SECTION_SIZE_BYTES - 1, ramRecheck);
      }
      const ok = ownedKey(ow);
      const nk = ownedKey(nw);
      if (ok !== nk) {
        if (ok >= 0) {
          this.owned.get(ok)!.delete(nr);
          dirtyZones.add(ok);
        }
        if (nk >= 0) {
          this.ownedSet(nk).add(nr);
          dirtyZones.add(nk);
        }
      }
      // A block's state lives in its first section: every section of the block answers to it.
      if (nr % spb === 0) for (let i = nr; i < nr + spb; i++) this.setSectionViolations(i, sectionViolations(next.sections, i, spb));
      else this.setSectionViolations(nr, sectionViolations(next.sections, nr, spb));
    }

    const nodeCount = Math.max(prev.nodes.length, next.nodes.length);
    for (let nid = 0; nid < nodeCount; nid++) {
      const node = next.nodes[nid];
      const was = prev.nodes[nid];
      if (node === was) continue;
      for (let zi = 0; zi < MAX_NR_ZONES; zi++) {
        const a = was?.zones[zi];
        const b = node?.zones[zi];
        if (was?.online !== node?.online || a?.startPfn !== b?.startPfn || a?.spannedPages !== b?.spannedPages) dirtyZones.add(nid * 8 + zi);
      }
      this.checkNode(nid, node);
    }

    // A zone whose edge section appeared or went may have gained or lost a stale edge.
    for (const nr of presentFlipped) {
      for (const node of next.nodes) {
        if (!node.online) continue;
        node.zones.forEach((z, zi) => {
          if (z.spannedPages && (pfnToSection(z.startPfn) === nr || pfnToSection(zoneEnd(z) - 1) === nr)) dirtyZones.add(node.nid * 8 + zi);
        });
      }
    }
    for (const key of dirtyZones) this.checkZone(next, key);

    if (next.iomem !== prev.iomem) this.diffIomem(prev.iomem, next.iomem, ramRecheck);
    for (const res of ramRecheck.values()) this.checkRam(res);

    if (!this.fresh.length) return NOTHING_FRESH;
    const fresh = this.fresh.sort((a, b) => compareOrder(a.order, b.order)).map((e) => e.p);
    this.fresh = [];
    return { fresh };
  }

  /** Every invariant violation of the current state: engine defects unless a finding explains them. */
  violations(): string[] {
    if (!this.sectionViol.size && !this.zoneViol.size && !this.nodeViol.size && !this.iomemViol.size) return [];
    return [...[...this.iomemViol.values()].flat(), ...[...this.sectionViol.values()].flat(), ...this.zoneViol.values(), ...[...this.nodeViol.values()].flat()];
  }

  /** Every problem of the current state (tests compare it with checkState). */
  currentProblems(): StateProblem[] {
    return [...this.problems.values()].sort((a, b) => compareOrder(a.order, b.order)).map((e) => e.p);
  }

  private ownedSet(key: number): SectionSet {
    let s = this.owned.get(key);
    if (!s) this.owned.set(key, (s = new SectionSet()));
    return s;
  }

  private extent(key: number): Extent | null {
    const s = this.owned.get(key);
    if (!s || s.size === 0) return null;
    return { min: s.min(), max: s.max(), count: s.size };
  }

  private checkNode(nid: number, node: NodeState | undefined): void {
    const found = node ? nodeAccountingProblems(node) : [];
    const keys = accountingKeys(nid);
    for (let zi = -1; zi < MAX_NR_ZONES; zi++) {
      const k = keys[zi + 1]!;
      const p = found.length ? found.find((x) => x.key === k) : undefined;
      if (p) this.setProblem(k, p, [2, nid, zi]);
      else this.clearProblem(k);
    }
    this.setViolations(this.nodeViol, nid, node ? nodeViolations(node) : []);
  }

  private checkZone(s: KernelState, key: number): void {
    const nid = Math.floor(key / 8);
    const zi = key % 8;
    const node = s.nodes[nid];
    const z = node?.zones[zi];
    const ext = this.extent(key);
    const found = node?.online && z ? zoneSpanProblems(s.sections, nid, zi, z, ext, this.shrinksDeviceZone) : [];
    const keys = spanKeys(key);
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      const p = found.length ? found.find((x) => x.key === k) : undefined;
      if (p) this.setProblem(k, p, [1, nid, zi, i]);
      else this.clearProblem(k);
    }
    const [lo, hi] = spanSections(z);
    // When both extremes lie inside the span, every section between them does: no count needed.
    const inside = !ext ? 0 : ext.min >= lo && ext.max <= hi ? ext.count : hi >= lo ? this.owned.get(key)!.countIn(lo, hi) : 0;
    const v = ext ? zoneOutsideViolation(nid, zi, z, ext, inside) : null;
    if (v) this.zoneViol.set(key, v);
    else this.zoneViol.delete(key);
  }

  private checkRam(res: Resource): void {
    const key = `stale-resource:${res.id}`;
    if (!isRamResource(res)) return this.clearProblem(key);
    const [lo, hi] = resourceSections(res);
    const gone = hi >= lo ? this.present.firstMissingIn(lo, hi) : -1;
    if (gone < 0) this.clearProblem(key);
    else this.setProblem(key, staleResourceProblem(res, gone), [0, res.start, -res.end, res.id]);
  }

  /**
   * Walks the two trees in step, skipping every subtree they share, and re-checks the
   * entries that came, went or changed and their neighbours in the sibling lists.
   */
  private diffIomem(prev: Resource, next: Resource, ramRecheck: Map<number, Resource>): void {
    const removed: Resource[] = [];
    const added: { res: Resource; path: string }[] = [];
    const recheck: { parent: Resource; i: number; path: string }[] = [];
    const diffKids = (a: Resource, b: Resource, path: string): void => {
      const B = b.children;
      const moved = a.start !== b.start || a.end !== b.end || a.name !== b.name;
      if (moved) for (let i = 0; i < B.length; i++) recheck.push({ parent: b, i, path });
      if (a.children === B) return;
      const near = (at: number): void => {
        if (moved) return;
        recheck.push({ parent: b, i: at, path });
        if (at + 1 < B.length) recheck.push({ parent: b, i: at + 1, path });
      };
      const x = new ChunkCursor(a.children);
      const y = new ChunkCursor(B);
      while (!x.done || !y.done) {
        // Chunks the two lists share are the same entries: skip them whole.
        if (x.atChunkStart && y.atChunkStart && x.chunk === y.chunk) {
          x.skipChunk();
          y.skipChunk();
          continue;
        }
        const xr = x.current;
        const yr = y.current;
        if (xr !== undefined && xr === yr) {
          x.next();
          y.next();
        } else if (xr && yr && xr.id === yr.id) {
          ramRecheck.set(yr.id, yr);
          near(y.index);
          diffKids(xr, yr, childPath(path, yr));
          x.next();
          y.next();
        } else if (yr === undefined || (xr !== undefined && xr.start < yr.start)) {
          removed.push(xr!);
          if (!y.done) near(y.index);
          x.next();
        } else if (xr === undefined || yr.start < xr.start) {
          added.push({ res: yr, path });
          near(y.index);
          y.next();
        } else {
          removed.push(xr);
          added.push({ res: yr, path });
          near(y.index);
          x.next();
          y.next();
        }
      }
    };
    diffKids(prev, next, '');
    // An entry can move (kmem wraps dax0.0 in a container): forget what went before learning what came.
    for (const r of removed) this.forget(r);
    for (const { res, path } of added) this.learn(res, path, ramRecheck);
    for (const { parent, i, path } of recheck) this.setViolations(this.iomemViol, parent.children.at(i)!.id, childViolations(parent, i, path));
  }

  private forget(r: Resource): void {
    this.clearProblem(`stale-resource:${r.id}`);
    this.iomemViol.delete(r.id);
    for (const c of r.children) this.forget(c);
  }

  /** Registers an entry that came (with its subtree); `path` null is the root, whose children have the empty path. */
  private learn(r: Resource, path: string | null, ramRecheck: Map<number, Resource>): void {
    ramRecheck.set(r.id, r);
    const inner = path === null ? '' : childPath(path, r);
    r.children.forEach((c, i) => {
      this.setViolations(this.iomemViol, c.id, childViolations(r, i, inner));
      this.learn(c, inner, ramRecheck);
    });
  }

  private setProblem(key: string, p: StateProblem, order: number[]): void {
    const had = this.problems.has(key);
    const e = { p, order };
    this.problems.set(key, e);
    if (!had) this.fresh.push(e);
  }

  private clearProblem(key: string): void {
    this.problems.delete(key);
  }

  private setSectionViolations(nr: number, v: string[]): void {
    this.setViolations(this.sectionViol, nr, v);
  }

  private setViolations<K>(map: Map<K, string[]>, key: K, v: string[]): void {
    if (v.length) map.set(key, v);
    else map.delete(key);
  }
}

/** The "System RAM" entries overlapping [lo, hi], at any depth: siblings are sorted, so each level is a binary search. */
function ramCovering(parent: Resource, lo: number, hi: number, out: Map<number, Resource>): void {
  const kids = parent.children;
  for (let i = kids.firstEndingAtOrAbove(lo); i < kids.length && kids.at(i)!.start <= hi; i++) {
    const c = kids.at(i)!;
    if (isRamResource(c)) out.set(c.id, c);
    if (c.children.length) ramCovering(c, lo, hi, out);
  }
}

/** A position in a ResList that knows when it stands at the start of a chunk. */
class ChunkCursor {
  private c = 0;
  private o = 0;
  index = 0;
  constructor(private readonly list: ResList<Resource>) {}
  get done(): boolean {
    return this.c >= this.list.chunks.length;
  }
  get atChunkStart(): boolean {
    return this.o === 0 && !this.done;
  }
  get chunk(): readonly Resource[] | undefined {
    return this.list.chunks[this.c];
  }
  get current(): Resource | undefined {
    return this.list.chunks[this.c]?.[this.o];
  }
  next(): void {
    this.index++;
    if (++this.o >= this.list.chunks[this.c]!.length) {
      this.c++;
      this.o = 0;
    }
  }
  skipChunk(): void {
    this.index += this.list.chunks[this.c]!.length;
    this.c++;
    this.o = 0;
  }
}

function compareOrder(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d) return d;
  }
  return 0;
}
