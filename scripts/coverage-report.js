#!/usr/bin/env node
/* eslint-disable no-console */
// Prints statement and branch coverage per package from Jest's
// coverage-summary.json and fails when a backend package is below the bar
// (90 % statements, 85 % branches). Test helpers (__testUtils__, testUtils,
// setupTests) are not product code: they are left out of the figures the bar
// applies to, and shown in a second column for the record.
const fs = require('node:fs');
const path = require('node:path');

const BAR = { statements: 90, branches: 85 };
const BACKEND = new Set([
  'orkestra-backend',
  'orkestra-node',
  'orkestra-common',
  'catalog-backend-module-orkestra',
  'scaffolder-backend-module-orkestra',
]);
const TEST_HELPER = /\/(__testUtils__|testUtils)\/|\/setupTests\.tsx?$/;

const file = process.argv[2] ?? 'coverage/coverage-summary.json';
let summary;
try {
  summary = JSON.parse(fs.readFileSync(file, 'utf8'));
} catch (error) {
  console.error(`coverage: cannot read ${file}: ${error.message}`);
  process.exit(1);
}

const totals = new Map();
const add = (key, entry) => {
  const t = totals.get(key) ?? { s: [0, 0], b: [0, 0] };
  t.s[0] += entry.statements.covered;
  t.s[1] += entry.statements.total;
  t.b[0] += entry.branches.covered;
  t.b[1] += entry.branches.total;
  totals.set(key, t);
};
for (const [name, entry] of Object.entries(summary)) {
  const match = name.match(/\/(plugins|packages)\/([^/]+)\//);
  if (!match) continue;
  add(`${match[2]} all`, entry);
  if (!TEST_HELPER.test(name)) add(match[2], entry);
}

const pct = ([covered, total]) => (total ? (100 * covered) / total : 100);
const packages = [...new Set([...totals.keys()].map(k => k.split(' ')[0]))];
let failed = false;
console.log(
  'package                                  statements  branches   (with test helpers)',
);
for (const name of packages.sort()) {
  const t = totals.get(name);
  const all = totals.get(`${name} all`);
  const s = pct(t.s);
  const b = pct(t.b);
  const below = BACKEND.has(name) && (s < BAR.statements || b < BAR.branches);
  failed ||= below;
  console.log(
    `${name.padEnd(40)} ${s.toFixed(1).padStart(9)} % ${b
      .toFixed(1)
      .padStart(7)} %   (${pct(all.s).toFixed(1)} / ${pct(all.b).toFixed(1)})${
      below ? `  BELOW ${BAR.statements}/${BAR.branches}` : ''
    }${BACKEND.has(name) ? '' : '  (reported only)'}`,
  );
}
console.log(path.relative(process.cwd(), file));
process.exit(failed ? 1 : 0);
