#!/usr/bin/env node
// Vitest and Playwright print no common closing line; CI reads one, so build it from their JSON reports.
import { readFileSync } from 'node:fs';

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    console.error(`summarize-tests: cannot read ${path} (${err.code ?? err.message}); counting 1 failure`);
    return undefined;
  }
}

let passed = 0;
let failed = 0;
let skipped = 0;

const vitest = readJson('test-results/vitest.json');
if (vitest) {
  passed += vitest.numPassedTests ?? 0;
  failed += vitest.numFailedTests ?? 0;
  skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
} else {
  failed += 1;
}

const playwright = readJson('test-results/playwright.json');
if (playwright?.stats) {
  const s = playwright.stats;
  // A flaky test passed on retry, so it counts as passed.
  passed += (s.expected ?? 0) + (s.flaky ?? 0);
  failed += s.unexpected ?? 0;
  skipped += s.skipped ?? 0;
  // Errors outside any test (e.g. the web server failed to start) leave stats at zero.
  if ((playwright.errors?.length ?? 0) > 0 && (s.unexpected ?? 0) === 0) failed += 1;
} else {
  failed += 1;
}

console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exitCode = failed > 0 ? 1 : 0;
