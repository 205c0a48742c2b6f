#!/usr/bin/env node
/**
 * The command line from the checkout (`npx hotplug-explorer`, `npm run cli`). Runs the esbuild
 * bundle in dist-cli/ in this process; first rebuilds it (scripts/build-cli.mjs) if it is missing
 * or any source it was built from changed since, so an edit of src/ is never answered by a stale
 * bundle. The check stats the few dozen files dist-cli/build.json lists: well under a millisecond.
 * Built-in modules come from process.getBuiltinModule: an `import` of node:fs would build its ES
 * module facade, which loads all of node:stream, a tenth of the whole start-up.
 */
const fs = process.getBuiltinModule('node:fs');
const path = process.getBuiltinModule('node:path');
const { createRequire } = process.getBuiltinModule('node:module');

const root = path.join(import.meta.dirname, '..');
const dist = path.join(root, 'dist-cli');

/** Why dist-cli/ must be rebuilt, or null when it is up to date. */
function staleReason() {
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(dist, 'build.json'), 'utf8'));
  } catch {
    return 'dist-cli/ has not been built';
  }
  for (const f of ['main.cjs', 'hotplug-explorer.cjs']) {
    if (!fs.existsSync(path.join(dist, f))) return `dist-cli/${f} is missing`;
  }
  for (const f of manifest.inputs) {
    const st = fs.statSync(path.join(root, f), { throwIfNoEntry: false });
    if (st === undefined) return `${f}, which it was built from, is gone`;
    if (st.mtimeMs > manifest.startedAt) return `${f} changed since it was built`;
  }
  return null;
}

const why = staleReason();
if (why !== null) {
  const { spawnSync } = process.getBuiltinModule('node:child_process');
  // The build's own messages go to stderr so that stdout stays the command's.
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-cli.mjs')], { cwd: root, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) {
    process.stderr.write(
      `hotplug-explorer: the command line needs rebuilding (${why}), and scripts/build-cli.mjs failed` +
        `${r.error ? `: ${r.error.message}` : ' (its messages are above)'}; fix that and run \`npm run build:cli\`.\n`,
    );
    process.exit(1);
  }
}

createRequire(import.meta.url)(path.join(dist, 'hotplug-explorer.cjs'));
