import type { OpName } from './ops';
import { presetOf, type KernelRef } from './variants/switches';

/**
 * What the kernel function behind an operation returns, so its result reads as the kernel's
 * would. The engine reports every step as a number (0 for success, -errno for a refusal), but
 * `remove_memory()` was void until eca499ab3749 (v5.2) made it return int, a
 * `devm_request_mem_region()` that fails returns NULL, and `devm_memremap_pages()` and
 * `hmm_devmem_add()` return ERR_PTR()s: "returned 0" would be false for all of them.
 */
export type ReturnKind = 'int' | 'void' | 'resource' | 'err-ptr';

/** The kernels whose remove_memory() returns int: the ones after eca499ab3749. */
const INT_REMOVE_MEMORY = new Set(['v5.5', 'v6.12']);

export function returnKind(op: OpName, kernel: KernelRef): ReturnKind {
  switch (op) {
    case 'remove_memory':
      return INT_REMOVE_MEMORY.has(presetOf(kernel)) ? 'int' : 'void';
    case 'request_mem_region':
      return 'resource';
    case 'devm_memremap_pages':
    case 'hmm_devmem_add':
      return 'err-ptr';
    case 'release_mem_region':
    case 'devm_memremap_pages_release':
    case 'hmm_devmem_remove':
      return 'void';
    // the dax bus's remove callback, dev_dax_kmem_remove() with it, became void in 5.15; before, it returned int
    case 'dax_kmem_remove':
      return presetOf(kernel) === 'v6.12' ? 'void' : 'int';
    default:
      return 'int';
  }
}
