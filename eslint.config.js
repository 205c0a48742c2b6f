import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const UI_PACKAGES = [
  { regex: '^(react|react-dom|zustand|d3)(/.*)?$', message: 'This layer must not depend on UI libraries.' },
  { regex: '^d3-', message: 'This layer must not depend on UI libraries.' },
];

// Relative imports are matched as text, so a file's folder depth decides how many '../'
// climb back to src/. One block per depth keeps e.g. src/engine/state.ts importable.
function layerBoundary(layer, forbiddenDirs, extra = {}) {
  const dirs = forbiddenDirs.join('|');
  const blocks = [];
  for (let depth = 0; depth <= 6; depth++) {
    const up = '\\.\\./'.repeat(depth + 1);
    blocks.push({
      files: [`src/${layer}/${'*/'.repeat(depth)}*.{ts,tsx}`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              ...UI_PACKAGES,
              { regex: `^${up}(${dirs})(/.*)?$`, message: `src/${layer} must not import src/{${forbiddenDirs}}.` },
              { regex: `(^|/)src/(${dirs})(/.*)?$`, message: `src/${layer} must not import src/{${forbiddenDirs}}.` },
            ],
          },
        ],
        ...extra,
      },
    });
  }
  return blocks;
}

// The engine is a pure simulated kernel: replayable only if it never touches the page or the clock.
const ENGINE_GLOBALS = [
  'window', 'document', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval',
  'requestAnimationFrame', 'cancelAnimationFrame', 'fetch',
].map((name) => ({ name, message: 'src/engine must stay pure: no DOM, timers or network.' }));

export default defineConfig([
  globalIgnores(['dist/', 'dist-bench/', 'dist-cli/', 'test-results/', 'playwright-report/', 'coverage/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.{js,mjs,cjs}', '*.config.ts', 'scripts/**', 'bench/**', 'src/cli/**', 'e2e/**'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
  },
  ...layerBoundary('engine', ['state', 'views', 'worker'], {
    'no-restricted-globals': ['error', ...ENGINE_GLOBALS],
  }),
  ...layerBoundary('scenario', ['state', 'views']),
]);
