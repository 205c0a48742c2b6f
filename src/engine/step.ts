import { pfnToSection, physToPfn } from './arch';
import { dax_kmem_probe, dax_kmem_remove } from './drivers/kmem';
import { devm_release_mem_region, devm_request_mem_region } from './drivers/devres';
import { EINVAL } from './errno';
import { sectionsPerBlock } from './mm/memory-block';
import type { Op } from './ops';
import type { Kernel } from './state/kernel';

/** Blocks of [start, start+size) for a sysfs write loop, or null when the range splits a block. */
function blocksOf(k: Kernel, start: number, size: number): number[] | null {
  const bs = k.blockSizeBytes;
  if (start % bs || size % bs || size === 0) return null;
  const spb = sectionsPerBlock(bs);
  const out: number[] = [];
  for (let a = start; a < start + size; a += bs) out.push(pfnToSection(physToPfn(a)) / spb);
  return out;
}

/** Runs one scenario operation through the variant's kernel functions; returns what the kernel returns. */
export function applyOp(k: Kernel, op: Op): number {
  switch (op.op) {
    case 'add_memory':
      return k.v.add_memory(k, op.nid, op.start, op.size, 'System RAM');
    case 'online':
    case 'offline': {
      const ids = blocksOf(k, op.start, op.size);
      if (!ids) {
        if (k.tr.enabled) k.tr.note(`the range does not cover whole ${k.blockSizeBytes / 2 ** 20} MiB memory blocks: there is no memoryN/state file for part of it`);
        return -EINVAL;
      }
      for (const id of ids) {
        const ret = op.op === 'online' ? k.v.online_block(k, id, op.as) : k.v.offline_block(k, id);
        if (ret) return ret;
      }
      return 0;
    }
    case 'remove_memory':
      return k.v.remove_memory(k, op.nid, op.start, op.size);
    case 'request_mem_region':
      return devm_request_mem_region(k, op.dev, op.start, op.size, op.name);
    case 'release_mem_region':
      return devm_release_mem_region(k, op.dev, op.start, op.size);
    case 'devm_memremap_pages':
      return k.v.devm_memremap_pages(k, { dev: op.dev, nid: op.nid, start: op.start, size: op.size, altmap: op.altmap });
    case 'devm_memremap_pages_release':
      return k.v.devm_memremap_pages_release(k, op.dev);
    case 'hmm_devmem_add':
      return k.v.hmm_devmem_add(k, op.dev, op.nid, op.size, op.type, op.start ?? null);
    case 'hmm_devmem_remove':
      return k.v.hmm_devmem_remove(k, op.dev);
    case 'dax_kmem_probe':
      return dax_kmem_probe(k, op.dev, op.nid, op.start, op.size);
    case 'dax_kmem_remove':
      return dax_kmem_remove(k, op.dev);
  }
}
