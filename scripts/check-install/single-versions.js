#!/usr/bin/env node
/* eslint-disable no-console */
// Fails unless `yarn why <package> --json`, run in the app at <app dir>, shows
// exactly one version of each package named.
//
//   node scripts/check-install/single-versions.js <app dir> <package>...
const { execFileSync } = require('node:child_process');

const [appDir, ...packages] = process.argv.slice(2);
let failed = false;
for (const name of packages) {
  const output = execFileSync('yarn', ['why', name, '--json'], {
    cwd: appDir,
    encoding: 'utf8',
  });
  const versions = new Set();
  for (const line of output.split('\n').filter(Boolean)) {
    for (const child of Object.values(JSON.parse(line).children ?? {})) {
      const locator = child.locator ?? '';
      if (!locator.startsWith(`${name}@`)) continue;
      // A package with peer dependencies appears once per set of peers, as
      // `virtual:<hash>#npm:<version>`: the same version, one copy.
      versions.add(
        locator.slice(name.length + 1).replace(/^virtual:[^#]+#/, ''),
      );
    }
  }
  const list = [...versions].sort().join(', ') || 'none';
  if (versions.size === 1) {
    console.log(`${name}: one version (${list})`);
  } else {
    console.error(
      `${name}: ${versions.size} versions (${list}), expected exactly one`,
    );
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
