import { DEFAULT_CONFIG } from '../engine/ops';
import type { Scenario } from './types';

const G = 2 ** 30;
const M = 2 ** 20;

/**
 * What the app opens on: the QEMU 2 GiB machine, a DIMM's life and an HMM driver's
 * device-private memory, under RFC v1, where the review found the flaw. Switching the
 * kernel to v4.18 shows what the patch broke.
 */
export const DEFAULT_SCENARIO: Scenario = {
  title: 'HMM device-private memory outlives its resource under RFC v1',
  kernel: 'rfc-v1',
  arch: 'x86_64',
  config: { ...DEFAULT_CONFIG },
  machine: { kind: 'default' },
  steps: [
    { op: 'add_memory', nid: 0, start: 4 * G, size: 128 * M },
    { op: 'online', start: 4 * G, size: 128 * M, as: 'online_movable' },
    { op: 'offline', start: 4 * G, size: 128 * M },
    { op: 'remove_memory', nid: 0, start: 4 * G, size: 128 * M },
    { op: 'hmm_devmem_add', dev: 'gpu0', nid: 0, size: 256 * M, type: 'private' },
    { op: 'hmm_devmem_remove', dev: 'gpu0' },
    { op: 'request_mem_region', dev: 'nic1', start: 2 ** 46 - 256 * M, size: 256 * M, name: 'nic1-bar' },
  ],
  cursor: 0,
};
