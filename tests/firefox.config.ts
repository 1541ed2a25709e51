import { defineConfig } from '@playwright/test';

// The Firefox suite: dist/firefox as a temporary add-on in the system Firefox (see tests/firefox/harness.ts).
export default defineConfig({
  testDir: 'firefox',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: process.env.CI ? 1 : 2,
  retries: 0,
  reporter: process.env.CI ? [['list'], ['json', { outputFile: '../test-results/firefox.json' }]] : 'list',
  // Playwright empties its outputDir at start: keep it apart from the JSON reports in test-results/.
  outputDir: '../test-results/firefox-artifacts',
});
