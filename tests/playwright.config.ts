import { defineConfig } from '@playwright/test';

// Browser tests load dist/chrome into the system Chromium (see tests/browser/harness.ts).
export default defineConfig({
  testDir: 'browser',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: process.env.CI ? 1 : 2,
  retries: 0,
  reporter: process.env.CI ? [['list'], ['json', { outputFile: '../test-results/browser.json' }]] : 'list',
  // Playwright empties its outputDir at start: keep it apart from the JSON reports in test-results/.
  outputDir: '../test-results/browser-artifacts',
  use: { trace: 'off' },
});
