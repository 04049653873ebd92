#!/usr/bin/env node
/* eslint-disable no-console */
// Prints one summary over the Jest and Playwright JSON reports, ending with
// the line "Tests: N passed, N failed, N skipped". A missing or unreadable
// report counts as a failure: a step that did not report did not pass.
// Further arguments `<name>=<exit status>` add one check each (for example
// `check-install=0`), counted as one test passed or failed.
const fs = require('node:fs');

function read(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

const [jestFile, e2eFile, ...checks] = process.argv.slice(2);
const rows = [];

const jest = read(jestFile);
if (jest) {
  rows.push({
    name: 'jest',
    passed: jest.numPassedTests,
    // A suite that crashed before running its tests has no failed test to count.
    failed: jest.numFailedTests + jest.numRuntimeErrorTestSuites,
    skipped: jest.numPendingTests + jest.numTodoTests,
  });
} else {
  rows.push({ name: 'jest (no report)', passed: 0, failed: 1, skipped: 0 });
}

const e2e = read(e2eFile);
if (e2e && e2e.stats) {
  rows.push({
    name: 'playwright',
    passed: e2e.stats.expected + e2e.stats.flaky,
    failed: e2e.stats.unexpected + (e2e.errors?.length ?? 0),
    skipped: e2e.stats.skipped,
  });
} else {
  rows.push({
    name: 'playwright (no report)',
    passed: 0,
    failed: 1,
    skipped: 0,
  });
}

for (const check of checks) {
  const [name, status] = check.split('=');
  const passed = status === '0';
  rows.push({
    name,
    passed: passed ? 1 : 0,
    failed: passed ? 0 : 1,
    skipped: 0,
  });
}

const total = { passed: 0, failed: 0, skipped: 0 };
console.log('');
for (const row of rows) {
  console.log(
    `  ${row.name}: ${row.passed} passed, ${row.failed} failed, ${row.skipped} skipped`,
  );
  total.passed += row.passed;
  total.failed += row.failed;
  total.skipped += row.skipped;
}
console.log(
  `Tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`,
);
process.exitCode = total.failed > 0 || total.passed === 0 ? 1 : 0;
