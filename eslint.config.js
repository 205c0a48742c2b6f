import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Which layer may import which is dependency-cruiser's (.dependency-cruiser.cjs, npm run lint:deps).
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
  {
    files: ['src/engine/**/*.ts'],
    rules: { 'no-restricted-globals': ['error', ...ENGINE_GLOBALS] },
  },
]);
