#!/usr/bin/env node
'use strict';
/**
 * Copied by scripts/build-cli.mjs to dist-cli/hotplug-explorer.cjs: runs the bundle
 * dist-cli/main.cjs in this process with V8's code cache, so a run deserialises the bytecode
 * compiled by an earlier run instead of parsing and compiling 400 KB of JavaScript again
 * (Node 20 has no compile cache for ES modules, which is why the bundle is CommonJS).
 *
 * The cache file starts with one line naming the bundle it was made from (size, mtime, inode):
 * V8 checks only the source's length, so a same-length edit of the bundle would otherwise run
 * stale bytecode. A missing, foreign or rejected cache (another Node version or flags) is
 * ignored and rewritten when this run exits.
 */
const fs = process.getBuiltinModule('node:fs');
const path = process.getBuiltinModule('node:path');
const vm = process.getBuiltinModule('node:vm');
const { createRequire } = process.getBuiltinModule('node:module');

const bundle = path.join(__dirname, 'main.cjs');
const cacheFile = path.join(__dirname, 'main.cjs.v8-cache');

// Stat and read through one descriptor, so the stamp is the stamp of the source read even if a
// rebuild replaces the file meanwhile.
const fd = fs.openSync(bundle, 'r');
const st = fs.fstatSync(fd);
const source = fs.readFileSync(fd, 'utf8');
fs.closeSync(fd);
const stamp = Buffer.from(`${st.size} ${st.mtimeMs} ${st.ino}\n`);

let cachedData;
try {
  const file = fs.readFileSync(cacheFile);
  if (file.subarray(0, stamp.length).equals(stamp)) cachedData = file.subarray(stamp.length);
} catch {
  // No cache yet: this run compiles from source and writes one.
}

const wrapper = '(function (exports, require, module, __filename, __dirname) {' + source + '\n})';
const script = new vm.Script(wrapper, { filename: bundle, cachedData });

if (cachedData === undefined || script.cachedDataRejected) {
  // At exit the cache also holds the functions this run compiled lazily, not just the top level.
  process.once('exit', () => {
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    try {
      fs.writeFileSync(tmp, Buffer.concat([stamp, script.createCachedData()]));
      fs.renameSync(tmp, cacheFile);
    } catch {
      // A read-only checkout only loses the speed-up.
      try {
        fs.rmSync(tmp, { force: true });
      } catch {
        /* nothing to clean */
      }
    }
  });
}

const module_ = { exports: {} };
script.runInThisContext()(module_.exports, createRequire(bundle), module_, bundle, __dirname);
