#!/usr/bin/env node
/**
 * npm run build: `vite build`, failing on any warning it prints (the chunk over 500 kB among
 * them) and on any file in dist/assets over 500 kB, so that raising Vite's
 * chunkSizeWarningLimit does not pass for splitting the bundle. VITE_CONFIG_OVERRIDE (JSON,
 * merged into vite.config.ts) is for the check that this script fails when it should.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, createLogger } from 'vite';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MAX_CHUNK = 500_000;

const logger = createLogger();
const warnings = [];
for (const level of ['warn', 'warnOnce']) {
  const original = logger[level].bind(logger);
  logger[level] = (msg, options) => {
    warnings.push(msg);
    original(msg, options);
  };
}

const override = process.env.VITE_CONFIG_OVERRIDE ? JSON.parse(process.env.VITE_CONFIG_OVERRIDE) : {};
await build({ root: ROOT, customLogger: logger, ...override });

const assets = path.join(ROOT, 'dist/assets');
const big = readdirSync(assets)
  .map((f) => ({ f, size: statSync(path.join(assets, f)).size }))
  .filter(({ size }) => size > MAX_CHUNK);
const problems = [
  ...warnings.map((w) => `vite warned: ${w.split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 2).join(' ')}`),
  ...big.map(({ f, size }) => `dist/assets/${f} is ${(size / 1000).toFixed(0)} kB, over ${MAX_CHUNK / 1000} kB: split it (vite.config.ts, codeSplitting groups, or a dynamic import())`),
];
if (problems.length) {
  console.error(`\nbuild-web: the build must print no warning and keep every chunk under ${MAX_CHUNK / 1000} kB:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
