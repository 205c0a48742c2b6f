import { describe, expect, it } from 'vitest';
import { formatIomem } from '../format/proc-iomem';
import { G, M, kernelOnIomem } from '../../test-support/kernel-fixture';
import { IORESOURCE_BUSY, IORESOURCE_IO, IORESOURCE_MEM, IORESOURCE_SYSTEM_RAM } from './flags';
import { release_mem_region_adjustable } from './release';
import type { IomemEntryInput } from '../ops';

const RAM = (IORESOURCE_SYSTEM_RAM | IORESOURCE_BUSY) >>> 0;
const e = (name: string, start: number, end: number, flags: number, children: IomemEntryInput[] = [], desc = 0): IomemEntryInput => ({ name, start, end, flags, desc, children });
const boot = e('System RAM', 0x100000, 0x7fffffff, RAM);
const V418 = { sysramCheck: false };
const V55 = { sysramCheck: true };

function run(entries: IomemEntryInput[], start: number, size: number, rules = V418) {
  const k = kernelOnIomem(entries);
  const ret = release_mem_region_adjustable(k, rules, start, size, 'test');
  return { ret, iomem: formatIomem(k.iomem), k };
}

describe('release_mem_region_adjustable', () => {
  const hot = e('System RAM', 4 * G, 4 * G + 384 * M - 1, RAM);

  it('frees an exact match', () => {
    const r = run([boot, hot], 4 * G, 384 * M);
    expect(r.ret).toBe(0);
    expect(r.iomem).toBe('00100000-7fffffff : System RAM\n');
    expect(r.k.freed?.head.name).toBe('System RAM');
    expect(r.k.freed?.tail).toBeNull();
  });

  it('adjusts the start when the range is the head of the entry', () => {
    const r = run([boot, hot], 4 * G, 128 * M);
    expect(r.ret).toBe(0);
    expect(r.iomem).toContain('108000000-117ffffff : System RAM\n');
  });

  it('adjusts the end when the range is the tail of the entry', () => {
    const r = run([boot, hot], 4 * G + 256 * M, 128 * M);
    expect(r.ret).toBe(0);
    expect(r.iomem).toContain('100000000-10fffffff : System RAM\n');
    expect(r.iomem).not.toContain('110000000');
  });

  it('splits the entry when the range is strictly inside, copying name, flags and desc', () => {
    const r = run([boot, { ...hot, desc: 3 }], 4 * G + 128 * M, 128 * M);
    expect(r.ret).toBe(0);
    expect(r.iomem).toBe('00100000-7fffffff : System RAM\n100000000-107ffffff : System RAM\n110000000-117ffffff : System RAM\n');
    const [, a, b] = r.k.iomem.children;
    expect([a!.flags, a!.desc]).toEqual([b!.flags, b!.desc]);
    expect(a!.id).not.toBe(b!.id);
  });

  it('returns -EINVAL when no single entry contains the range (two adds, one remove)', () => {
    const a = e('System RAM', 4 * G, 4 * G + 128 * M - 1, RAM);
    const b = e('System RAM', 4 * G + 128 * M, 4 * G + 256 * M - 1, RAM);
    const r = run([boot, a, b], 4 * G, 256 * M);
    expect(r.ret).toBe(-22);
    expect(r.iomem).toBe('00100000-7fffffff : System RAM\n100000000-107ffffff : System RAM\n108000000-10fffffff : System RAM\n');
  });

  it('returns -EINVAL when the containing entry is not IORESOURCE_MEM', () => {
    const r = run([boot, e('io', 4 * G, 5 * G - 1, (IORESOURCE_IO | IORESOURCE_BUSY) >>> 0)], 4 * G, 128 * M);
    expect(r.ret).toBe(-22);
    expect(r.k.freed).toBeNull();
  });

  it('returns -EINVAL when nothing is there at all', () => {
    expect(run([boot], 8 * G, 128 * M).ret).toBe(-22);
  });

  it('returns -EBUSY and changes nothing when a child lies in the part that would go', () => {
    const withChild = { ...hot, children: [e('Kernel data', 4 * G + 300 * M, 4 * G + 301 * M - 1, RAM)] };
    const r = run([boot, withChild], 4 * G + 128 * M, 128 * M);
    expect(r.ret).toBe(-16);
    expect(r.iomem).toBe('00100000-7fffffff : System RAM\n100000000-117ffffff : System RAM\n  112c00000-112cfffff : Kernel data\n');
  });

  it('descends into a non-busy parent and frees the busy child that matches (v4.18)', () => {
    const pmem = e('Persistent Memory', 4 * G, 5 * G - 1, IORESOURCE_MEM, [e('namespace0.0', 4 * G, 5 * G - 1, (IORESOURCE_MEM | IORESOURCE_BUSY) >>> 0)], 4);
    const r = run([boot, pmem], 4 * G, G);
    expect(r.ret).toBe(0);
    expect(r.iomem).toBe('00100000-7fffffff : System RAM\n100000000-13fffffff : Persistent Memory\n');
  });

  it('backs off with 0 from an entry without IORESOURCE_SYSRAM (RFC v2, v5.5)', () => {
    const pmem = e('Persistent Memory', 4 * G, 5 * G - 1, IORESOURCE_MEM, [e('namespace0.0', 4 * G, 5 * G - 1, (IORESOURCE_MEM | IORESOURCE_BUSY) >>> 0)], 4);
    const r = run([boot, pmem], 4 * G, G, V55);
    expect(r.ret).toBe(0);
    expect(r.iomem).toContain('  100000000-13fffffff : namespace0.0\n');
    expect(r.k.freed).toBeNull();
  });

  it('backs off even when System RAM sits inside the non-SYSRAM container: the S8 stale entry', () => {
    const container = e('Persistent Memory (legacy)', 4 * G, 5 * G - 1, IORESOURCE_MEM, [e('System RAM (kmem)', 4 * G, 5 * G - 1, RAM)], 5);
    const r = run([boot, container], 4 * G, G, V55);
    expect(r.ret).toBe(0);
    expect(r.iomem).toContain('  100000000-13fffffff : System RAM (kmem)\n');
  });

  it('returns -EINVAL when the walk meets an entry that starts at or after the end first', () => {
    const r = run([boot, e('System RAM', 6 * G, 7 * G - 1, RAM)], 5 * G, G);
    expect(r.ret).toBe(-22);
  });
});
