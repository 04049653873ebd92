#!/usr/bin/env node
/* eslint-disable no-console */
// Puts this repository on the Backstage release named in backstage.json, the
// way `backstage-cli versions:bump` would if versions.backstage.io were
// reachable: every @backstage/* range of every workspace becomes
// `^<release version>`, and yarn.lock resolves each of those ranges (and the
// ranges the released packages declare on each other) to the release's exact
// version, not to the newest version the range allows. The lock is what a new
// app may be seeded with (scripts/check-install.sh), so it must be the release.
//
//   node scripts/pin-backstage-release.js
//
// How: one install with every release package forced by `resolutions`, then
// the lock entries those produce are keyed by the plain ranges they satisfy,
// and a second install without the resolutions keeps them (yarn keeps a
// locked resolution while it satisfies the range).
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const semver = require('semver');
const { releaseManifest } = require('./backstage-release');

const ROOT = path.resolve(__dirname, '..');
const SECTIONS = ['dependencies', 'devDependencies', 'peerDependencies'];

function workspaceFiles() {
  const files = [path.join(ROOT, 'package.json')];
  for (const dir of ['plugins', 'packages']) {
    for (const name of fs.readdirSync(path.join(ROOT, dir))) {
      const file = path.join(ROOT, dir, name, 'package.json');
      if (fs.existsSync(file)) files.push(file);
    }
  }
  return files;
}

const readJson = file => JSON.parse(fs.readFileSync(file, 'utf8'));
const writeJson = (file, value) =>
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);

function pinRanges(manifest) {
  let changed = 0;
  for (const file of workspaceFiles()) {
    const pkg = readJson(file);
    for (const section of SECTIONS) {
      for (const [name, range] of Object.entries(pkg[section] ?? {})) {
        const version = manifest.packages[name];
        if (!version || range.startsWith('workspace:')) continue;
        if (range !== `^${version}`) {
          pkg[section][name] = `^${version}`;
          changed++;
        }
      }
    }
    writeJson(file, pkg);
  }
  return changed;
}

function yarnInstall() {
  execFileSync('yarn', ['install', '--mode=skip-build'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** Every `@backstage/*` range that a workspace or a locked package declares. */
function rangesInUse(lock) {
  const ranges = new Map();
  const add = (name, range) => {
    if (!name.startsWith('@backstage/')) return;
    const bare = range.replace(/^npm:/, '');
    if (!semver.validRange(bare)) return;
    if (!ranges.has(name)) ranges.set(name, new Set());
    ranges.get(name).add(bare);
  };
  for (const m of lock.matchAll(
    /^ {4}"?(@backstage\/[^":]+)"?: "?([^"\n]+)"?$/gm,
  )) {
    add(m[1], m[2]);
  }
  for (const file of workspaceFiles()) {
    const pkg = readJson(file);
    for (const section of SECTIONS) {
      for (const [name, range] of Object.entries(pkg[section] ?? {}))
        add(name, range);
    }
  }
  return ranges;
}

/** Re-keys each forced entry `"@backstage/x@npm:1.2.3":` by the ranges 1.2.3 satisfies. */
function rekeyForcedEntries(lock, manifest) {
  const ranges = rangesInUse(lock);
  return lock.replace(
    /^"(@backstage\/[^@"]+)@npm:([^",]+)":$/gm,
    (line, name, version) => {
      if (manifest.packages[name] !== version) return line;
      const satisfied = [...(ranges.get(name) ?? [])].filter(range =>
        semver.satisfies(version, range),
      );
      if (satisfied.length === 0) return line;
      const keys = satisfied.sort().map(range => `${name}@npm:${range}`);
      return `"${keys.join(', ')}":`;
    },
  );
}

function offRelease(lock, manifest) {
  const off = [];
  for (const m of lock.matchAll(
    /^ {2}resolution: "(@backstage\/[^@"]+)@npm:([^"]+)"$/gm,
  )) {
    const released = manifest.packages[m[1]];
    if (released && released !== m[2])
      off.push(`${m[1]}@${m[2]} (release: ${released})`);
  }
  return off;
}

async function main() {
  const manifest = await releaseManifest();
  const rootFile = path.join(ROOT, 'package.json');
  console.log(
    `Backstage ${manifest.release} (create-app ${manifest.createApp})`,
  );
  console.log(`ranges changed: ${pinRanges(manifest)}`);

  const root = readJson(rootFile);
  const ownResolutions = { ...root.resolutions };
  writeJson(rootFile, {
    ...root,
    resolutions: { ...ownResolutions, ...manifest.packages },
  });
  try {
    yarnInstall();
  } finally {
    writeJson(rootFile, { ...root, resolutions: ownResolutions });
  }
  const lockFile = path.join(ROOT, 'yarn.lock');
  fs.writeFileSync(
    lockFile,
    rekeyForcedEntries(fs.readFileSync(lockFile, 'utf8'), manifest),
  );
  yarnInstall();

  const off = offRelease(fs.readFileSync(lockFile, 'utf8'), manifest);
  if (off.length) {
    console.log(
      'also locked, outside the release (ranges no release version satisfies):',
    );
    for (const line of off) console.log(`  ${line}`);
  }
}

main().catch(error => {
  console.error(error.message);
  process.exit(1);
});
