import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'e2e',
  // Playwright empties its outputDir on start; a subfolder keeps Vitest's report beside it.
  outputDir: 'test-results/playwright',
  workers: 2,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    baseURL: 'http://localhost:4173',
    // Playwright cannot download its own browser here; use Debian's Chromium.
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
  },
  projects: [{ name: 'chromium', use: { viewport: { width: 1440, height: 900 } } }],
  webServer: {
    command: 'npm run build && npm run preview',
    port: 4173,
    reuseExistingServer: !process.env.CI,
    timeout: 120000,
  },
});
