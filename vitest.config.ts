import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Kept narrow so Vitest never picks up Playwright's e2e specs.
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30000,
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
