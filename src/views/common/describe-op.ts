import type { Op } from '../../engine/ops';
import { errStr } from '../../engine/errno';
import { returnKind } from '../../engine/return-kind';
import type { KernelRef } from '../../engine/variants/switches';
import type { StepView } from '../../engine/views/view-types';

const hex = (n: number) => '0x' + n.toString(16);
function size(n: number): string {
  for (const [u, v] of [['T', 2 ** 40], ['G', 2 ** 30], ['M', 2 ** 20], ['K', 2 ** 10]] as const) if (n % v === 0) return `${n / v}${u}`;
  return String(n);
}

/** A step as the kernel call it models, e.g. "add_memory(nid 0, 0x100000000, 128M)". */
export function describeOp(op: Op): string {
  switch (op.op) {
    case 'add_memory':
    case 'remove_memory':
      return `${op.op}(nid ${op.nid}, ${hex(op.start)}, ${size(op.size)})`;
    case 'online':
      return `echo ${op.as} > memoryN/state for ${hex(op.start)} + ${size(op.size)}`;
    case 'offline':
      return `echo offline > memoryN/state for ${hex(op.start)} + ${size(op.size)}`;
    case 'request_mem_region':
      return `${op.dev}: devm_request_mem_region(${hex(op.start)}, ${size(op.size)}, "${op.name}")`;
    case 'release_mem_region':
      return `${op.dev}: devm_release_mem_region(${hex(op.start)}, ${size(op.size)})`;
    case 'devm_memremap_pages':
      return `${op.dev}: devm_memremap_pages(${hex(op.start)}, ${size(op.size)}, ${op.altmap ? `altmap reserve ${op.altmap.reserve} free ${op.altmap.free}` : 'no altmap'})`;
    case 'devm_memremap_pages_release':
      return `${op.dev}: devm_memremap_pages_release()`;
    case 'hmm_devmem_add':
      return `${op.dev}: hmm_devmem_add(${op.type}, ${size(op.size)}${op.start !== undefined ? ` at ${hex(op.start)}` : ''})`;
    case 'hmm_devmem_remove':
      return `${op.dev}: hmm_devmem_remove()`;
    case 'dax_kmem_probe':
      return `kmem binds ${op.dev}: ${hex(op.start)} + ${size(op.size)} as System RAM`;
    case 'dax_kmem_remove':
      return `kmem unbinds ${op.dev}`;
  }
}

/** What a step returned, in the terms of its kernel function's return type (engine/return-kind.ts). */
export function retText(step: Pick<StepView, 'op' | 'ret' | 'bug' | 'ran'>, kernel: KernelRef): string {
  const { ret, bug, ran } = step;
  if (!ran) return 'not run (the kernel halted earlier)';
  if (bug) return 'BUG: the kernel halted';
  if (ret === null) return '';
  switch (returnKind(step.op.op, kernel)) {
    case 'void':
      return ret === 0 ? 'nothing (void)' : `${errStr(ret)}, the simulator\u2019s refusal (the function is void)`;
    case 'resource':
      return ret === 0 ? 'the struct resource' : `NULL (shown as ${errStr(ret)})`;
    case 'err-ptr':
      return ret === 0 ? 'a pointer' : `ERR_PTR(${errStr(ret)})`;
    case 'int':
      return errStr(ret);
  }
}
