/**
 * dist-cli/hotplug-explorer.cjs (src/cli/code-cache-loader.cjs) runs the bundle with V8's code
 * cache. V8 accepts a cache for any source of the same length, so the loader stamps the cache
 * with the bundle it came from; here a same-length edit of the bundle must show, not the old code.
 * Runs on a copy of dist-cli/ so the real one is untouched while other tests run it.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'hotplug-code-cache-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const help = () => spawnSync(process.execPath, [path.join(dir, 'hotplug-explorer.cjs'), '--help'], { encoding: 'utf8' });

test('the code cache is written by the first run, used by the next, and never outlives an edit of the bundle', () => {
  for (const f of ['main.cjs', 'hotplug-explorer.cjs']) copyFileSync(path.join(ROOT, 'dist-cli', f), path.join(dir, f));
  const cache = path.join(dir, 'main.cjs.v8-cache');

  expect(help().stdout).toMatch(/^usage:\n/);
  expect(existsSync(cache)).toBe(true);
  const written = statSync(cache).mtimeMs;
  expect(help().stdout).toMatch(/^usage:\n/);
  expect(statSync(cache).mtimeMs, 'a cache that was accepted is not written again').toBe(written);

  // Same length, so V8's own check would take the old bytecode for it.
  const bundle = path.join(dir, 'main.cjs');
  const text = readFileSync(bundle, 'utf8');
  expect(text).toContain('`usage:\n');
  writeFileSync(bundle, text.replace('`usage:\n', '`USAGE:\n'));
  const edited = help();
  expect(edited.stderr).toBe('');
  expect(edited.stdout).toMatch(/^USAGE:\n/);
});
