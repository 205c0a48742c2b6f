import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Kept narrow so Vitest never picks up Playwright's e2e specs.
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'bench/**/*.test.ts'],
    environment: 'node',
    // The CLI tests run the bundle in dist-cli/: rebuild it first if the sources changed.
    globalSetup: ['src/cli/test-support/build-cli-bundle.ts'],
    testTimeout: 30000,
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
