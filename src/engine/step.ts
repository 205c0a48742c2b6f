import { MAX_PHYSMEM_BITS, NR_MEM_SECTIONS, pfnToSection, physToPfn } from './arch';
import { dax_kmem_probe, dax_kmem_remove } from './drivers/kmem';
import { devm_release_mem_region, devm_request_mem_region } from './drivers/devres';
import { EINVAL, ENOENT } from './errno';
import { hashx } from './mm/fmt';
import { sectionsPerBlock } from './mm/memory-block';
import type { Op } from './ops';
import type { Kernel } from './kernel/kernel';

/**
 * Writes `as` or "offline" to each memoryN/state file of [start, start+size), stopping at the
 * first failure. A range that splits a block has no file for part of it; a block above the
 * top of the address space has no file at all (no section exists there), as for any block
 * that was never added.
 */
function writeBlockStates(k: Kernel, op: Extract<Op, { op: 'online' | 'offline' }>): number {
  const bs = k.blockSizeBytes;
  if (op.start % bs || op.size % bs || op.size === 0) {
    if (k.tr.enabled) k.tr.note(`the range does not cover whole ${bs / 2 ** 20} MiB memory blocks: there is no memoryN/state file for part of it`);
    return -EINVAL;
  }
  const spb = sectionsPerBlock(bs);
  for (let a = op.start; a < op.start + op.size; a += bs) {
    const nr = pfnToSection(physToPfn(a));
    const id = nr / spb;
    if (nr >= NR_MEM_SECTIONS) {
      if (k.tr.enabled) k.tr.note(`/sys/devices/system/memory/memory${id} does not exist: it would start at ${hashx(a)}, above 2^${MAX_PHYSMEM_BITS}, where there are no sections ("start" + "size" reach past the physical address space)`);
      return -ENOENT;
    }
    const ret = op.op === 'online' ? k.v.online_block(k, id, op.as) : k.v.offline_block(k, id);
    if (ret) return ret;
  }
  return 0;
}

/** Runs one scenario operation through the variant's kernel functions; returns what the kernel returns. */
export function applyOp(k: Kernel, op: Op): number {
  switch (op.op) {
    case 'add_memory':
      return k.v.add_memory(k, op.nid, op.start, op.size, 'System RAM');
    case 'online':
    case 'offline':
      return writeBlockStates(k, op);
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
