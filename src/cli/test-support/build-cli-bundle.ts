/**
 * Vitest global set-up: the CLI tests run the bundle in dist-cli/, so bring it up to date once,
 * before any test file starts (test files running the launcher side by side would otherwise each
 * rebuild a stale bundle). The launcher itself decides whether a rebuild is due.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export default function setup(): void {
  const root = path.resolve(import.meta.dirname, '../../..');
  const r = spawnSync(process.execPath, ['bin/hotplug-explorer.mjs', '--help'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`the CLI bundle (dist-cli/) could not be built:\n${r.error?.message ?? r.stderr}`);
}
