import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * A user who clones the repository has nothing beside it: no file the tests, the app, the
 * scripts or the README read may point outside it (CI also runs in a lone clone).
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const SKIP = new Set(['node_modules', '.git', 'dist', 'dist-bench', 'dist-cli', 'test-results', 'playwright-report', 'research']);

function files(dir: string, any = false): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIP.has(name)) return [];
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? files(p, any) : any || /\.(ts|tsx|mjs|js|json|md|sh)$/.test(name) ? [p] : [];
  });
}

describe('the repository stands alone', () => {
  it('no file refers to ../shared', () => {
    const outside = ['src', 'e2e', 'bench', 'scripts', 'test-scenarios', 'docs', 'bin', '.ci'].flatMap((d) => files(path.join(ROOT, d)));
    outside.push(path.join(ROOT, 'README.md'), path.join(ROOT, 'package.json'), path.join(ROOT, 'playwright.config.ts'), path.join(ROOT, 'vite.config.ts'));
    const hits = outside.filter((f) => f !== import.meta.filename && /\.\.\/shared\b/.test(readFileSync(f, 'utf8'))).map((f) => path.relative(ROOT, f));
    expect(hits).toEqual([]);
  });

  it('fixtures/README.md says where every fixture came from', () => {
    const readme = readFileSync(path.join(ROOT, 'fixtures/README.md'), 'utf8');
    const fixtures = files(path.join(ROOT, 'fixtures'), true).map((f) => path.relative(path.join(ROOT, 'fixtures'), f).split(path.sep).join('/'));
    expect(fixtures.length).toBeGreaterThan(30);
    expect(fixtures.filter((f) => f !== 'README.md' && !readme.includes('`' + f + '`'))).toEqual([]);
  });
});
