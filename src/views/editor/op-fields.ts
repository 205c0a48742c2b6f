import type { Op, OpName } from '../../engine/ops';

export type FieldName = 'nid' | 'start' | 'size' | 'as' | 'dev' | 'name' | 'type' | 'reserve' | 'free';

/** The form fields each operation takes, in order (scenario-format.md §1). */
export const OP_FIELDS: Record<OpName, FieldName[]> = {
  add_memory: ['nid', 'start', 'size'],
  online: ['start', 'size', 'as'],
  offline: ['start', 'size'],
  remove_memory: ['nid', 'start', 'size'],
  request_mem_region: ['dev', 'start', 'size', 'name'],
  release_mem_region: ['dev', 'start', 'size'],
  devm_memremap_pages: ['dev', 'nid', 'start', 'size', 'reserve', 'free'],
  devm_memremap_pages_release: ['dev'],
  hmm_devmem_add: ['dev', 'nid', 'size', 'type', 'start'],
  hmm_devmem_remove: ['dev'],
  dax_kmem_probe: ['dev', 'nid', 'start', 'size'],
  dax_kmem_remove: ['dev'],
};

export const FIELD_HINTS: Record<FieldName, string> = {
  nid: 'node id, e.g. 0',
  start: 'physical address: 0x140000000, 5G or 5368709120',
  size: 'bytes: 128M, 1G, 0x8000000',
  as: '',
  dev: 'device name, e.g. gpu0',
  name: 'resource name (defaults to the device)',
  type: '',
  reserve: 'altmap reserve, pages (leave empty for no altmap)',
  free: 'altmap free, pages',
};

/** The form's strings as a raw scenario step, for the scenario schema to check. */
export function rawStep(op: OpName, v: Partial<Record<FieldName, string>>): Record<string, unknown> {
  const out: Record<string, unknown> = { op };
  for (const f of OP_FIELDS[op]) {
    const s = (v[f] ?? '').trim();
    if (f === 'reserve' || f === 'free') continue;
    if (s === '' && (f === 'name' || (f === 'start' && op === 'hmm_devmem_add'))) continue;
    out[f] = f === 'nid' && /^\d+$/.test(s) ? Number(s) : s;
  }
  if (op === 'devm_memremap_pages') {
    const r = (v.reserve ?? '').trim();
    const fr = (v.free ?? '').trim();
    out.altmap = r === '' && fr === '' ? null : { reserve: r || '0', free: fr || '0' };
  }
  return out;
}

const hex = (n: number) => '0x' + n.toString(16);

/** The form's strings for an existing step, to edit it. */
export function fieldsOf(op: Op): Partial<Record<FieldName, string>> {
  const o = op as unknown as Record<string, unknown>;
  const out: Partial<Record<FieldName, string>> = {};
  for (const f of OP_FIELDS[op.op]) {
    const val = o[f];
    if (typeof val === 'number') out[f] = f === 'nid' ? String(val) : hex(val);
    else if (typeof val === 'string') out[f] = val;
  }
  if (op.op === 'devm_memremap_pages' && op.altmap) {
    out.reserve = String(op.altmap.reserve);
    out.free = String(op.altmap.free);
  }
  return out;
}
