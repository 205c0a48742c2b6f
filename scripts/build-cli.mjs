#!/usr/bin/env node
/**
 * Builds the command line into dist-cli/ (npm's `prepare` runs it on `npm ci` and `npm install`;
 * bin/hotplug-explorer.cjs runs it again whenever a source changed):
 *   main.cjs              src/cli/main.ts and everything it imports, bundled by esbuild
 *   hotplug-explorer.cjs  src/cli/code-cache-loader.cjs: runs main.cjs with V8's code cache
 *   main.cjs.v8-cache     that cache, written by a first run of the CLI at the end of this build
 *   build.json            when the build started and the files it read, for the launcher's check
 * Every file is written under a temporary name and renamed, so a CLI started during a rebuild
 * reads either the old build or the new one, never half of one.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist-cli');
/** Read by the build though not in esbuild's list of inputs; a change to any of them means a rebuild. */
const BUILD_FILES = ['scripts/build-cli.mjs', 'src/cli/code-cache-loader.cjs', 'tsconfig.json', 'package-lock.json'];
/** The command line must not drag the page in: React, the store, drawing, or the app's own UI layers. */
const UI_CODE = /((^|\/)node_modules\/(react|react-dom|scheduler|zustand|d3(-[a-z-]+)?)\/|^src\/(app|views|worker)\/|^src\/main\.tsx$)/;
/** The first run writes the code cache; this one calls most of the engine, the trace and the JSON output. */
const WARM_UP = ['replay', 'test-scenarios/qemu-a-dimm-lifecycle.json', '--show', 'json'];

function writeAtomically(file, contents) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, contents);
  renameSync(tmp, file);
}

let esbuild;
try {
  esbuild = await import('esbuild');
} catch (e) {
  console.error(`build-cli: esbuild is not installed (${e.message}); run \`npm ci\` in the checkout.`);
  process.exit(1);
}

const startedAt = Date.now();
let result;
try {
  result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist-cli/main.cjs',
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    metafile: true,
    logLevel: 'warning',
    banner: { js: '// Built by scripts/build-cli.mjs from src/cli/main.ts: edit the sources, not this file.' },
  });
} catch {
  // esbuild has already printed its errors.
  process.exit(1);
}

const inputs = Object.keys(result.metafile.inputs);
const ui = inputs.filter((f) => UI_CODE.test(f));
if (ui.length) {
  console.error(`build-cli: the command line must not bundle UI code, but it imports:\n  ${ui.join('\n  ')}`);
  process.exit(1);
}

mkdirSync(DIST, { recursive: true });
rmSync(path.join(DIST, 'main.cjs.v8-cache'), { force: true });
writeAtomically(path.join(DIST, 'main.cjs'), result.outputFiles[0].contents);
const loaderTmp = path.join(DIST, `hotplug-explorer.cjs.${process.pid}.tmp`);
copyFileSync(path.join(ROOT, 'src/cli/code-cache-loader.cjs'), loaderTmp);
renameSync(loaderTmp, path.join(DIST, 'hotplug-explorer.cjs'));

const warm = spawnSync(process.execPath, [path.join(DIST, 'hotplug-explorer.cjs'), ...WARM_UP], { cwd: ROOT, encoding: 'utf8' });
if (warm.status !== 0) {
  console.error(`build-cli: the built CLI failed its first run (status ${warm.status}):\n${warm.stderr || warm.error?.message || ''}`);
  process.exit(1);
}

// Written last: a build.json means the build is complete.
// Packages change only through npm, whose lockfile is among BUILD_FILES.
const sources = inputs.filter((f) => !/(^|\/)node_modules\//.test(f));
writeAtomically(path.join(DIST, 'build.json'), JSON.stringify({ startedAt, inputs: [...sources, ...BUILD_FILES].sort() }, null, 2) + '\n');
