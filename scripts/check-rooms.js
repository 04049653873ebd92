#!/usr/bin/env node
/* eslint-disable no-console */
// Keeps the plugins' source in small rooms (issue 17):
//   1. no non-test source file under plugins/*/src is over 400 lines;
//   2. a JSON column of the store (`*_json`) is parsed only inside the
//      backend's store/ folder: everything else gets domain types from it.
// Prints every offender and exits 1 when there is one.
//
// Run alone: node scripts/check-rooms.js
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const MAX_LINES = 400;
const STORE_DIR = 'plugins/orkestra-backend/src/store/';
const root = path.resolve(__dirname, '..');

const isTestFile = file =>
  /\.test\.tsx?$/.test(file) ||
  /(^|\/)(__testUtils__|__fixtures__)\//.test(file) ||
  /(^|\/)setupTests\.ts$/.test(file);

const isGenerated = file => /\/generated\//.test(file);

function sourceFiles() {
  const listed = execFileSync(
    'git',
    ['ls-files', '--cached', '--others', '--exclude-standard', 'plugins'],
    { cwd: root, encoding: 'utf8' },
  );
  return listed
    .split('\n')
    .filter(file => /^plugins\/[^/]+\/src\/.*\.tsx?$/.test(file))
    .filter(file => fs.existsSync(path.join(root, file)))
    .filter(file => !isTestFile(file) && !isGenerated(file));
}

const problems = [];
for (const file of sourceFiles()) {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  if (lines > MAX_LINES) {
    problems.push(`${file}: ${lines} lines (at most ${MAX_LINES})`);
  }
  if (!file.startsWith(STORE_DIR)) {
    text.split('\n').forEach((line, index) => {
      if (/JSON\.parse\([^)]*_json\b/.test(line)) {
        problems.push(
          `${file}:${index + 1}: parses a store column outside ${STORE_DIR}`,
        );
      }
    });
  }
}

if (problems.length > 0) {
  console.error(`check-rooms: ${problems.length} problem(s)`);
  for (const problem of problems) console.error(`  ${problem}`);
  process.exit(1);
}
console.log(
  `check-rooms: every source file under plugins/*/src is at most ${MAX_LINES} lines; store columns are parsed only in ${STORE_DIR}`,
);
