// Adds up the JSON reports of Vitest (test-results/unit.json), Playwright (test-results/browser.json for Chromium,
// test-results/firefox.json for Firefox) and web-ext lint (test-results/web-ext-lint.json: one check, failed by each
// error) into the one closing line CI reads: "N passed, N failed".
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? 'test-results';
let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];

const unitFile = join(dir, 'unit.json');
if (existsSync(unitFile)) {
  const unit = JSON.parse(readFileSync(unitFile, 'utf8'));
  passed += unit.numPassedTests ?? 0;
  failed += (unit.numFailedTests ?? 0) + (unit.numRuntimeErrorTestSuites ?? 0);
  skipped += (unit.numPendingTests ?? 0) + (unit.numTodoTests ?? 0);
} else missing.push('unit');

for (const suite of ['browser', 'firefox']) {
  const file = join(dir, `${suite}.json`);
  if (existsSync(file)) {
    const stats = JSON.parse(readFileSync(file, 'utf8')).stats ?? {};
    passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
    failed += stats.unexpected ?? 0;
    skipped += stats.skipped ?? 0;
  } else missing.push(suite);
}

const lintFile = join(dir, 'web-ext-lint.json');
let lint;
try {
  lint = JSON.parse(readFileSync(lintFile, 'utf8'));
} catch {
  missing.push('web-ext lint');
}
if (lint) {
  for (const error of lint.errors ?? []) console.log(`web-ext lint: ${error.code} ${error.file ?? ''} ${error.message}`);
  if (lint.errors?.length) failed += lint.errors.length;
  else passed += 1;
}

// A suite that produced no report did not run to the end: count it as one failure so the line never hides it.
if (missing.length) {
  console.log(`no report from: ${missing.join(', ')}`);
  failed += missing.length;
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
