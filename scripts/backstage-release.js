#!/usr/bin/env node
/* eslint-disable no-console */
// The package versions of the Backstage release named in backstage.json,
// read from the npm registry alone (versions.backstage.io is not reachable
// here): the @backstage/create-app version built for that release carries the
// versions its templates use, and every @backstage/* package of the release
// pins its siblings as `^<release version>` (the monorepo's `workspace:^`), so
// following those pins from the template's packages gives the rest.
//
//   node scripts/backstage-release.js            prints the manifest (JSON)
//   node scripts/backstage-release.js --check    fails when a range of a published
//                                                package would pull a version
//                                                newer than the release's
//
// The manifest is cached in .cache/backstage-release-<version>.json.
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const semver = require('semver');
const tar = require('tar');

const ROOT = path.resolve(__dirname, '..');
const REGISTRY = (
  process.env.YARN_NPM_REGISTRY_SERVER ?? 'https://registry.npmjs.org'
).replace(/\/$/, '');

/** GET with a few retries: the registry resets connections now and then. */
async function get(url) {
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`);
      return response;
    } catch (error) {
      if (attempt === 3) {
        throw new Error(`GET ${url}: ${error.cause?.message ?? error.message}`);
      }
      await new Promise(resolve => setTimeout(resolve, 1000 * attempt));
    }
  }
}

const getJson = async url => (await get(url)).json();

/** Runs `fn` over `items`, at most `limit` at a time. */
async function eachLimited(items, limit, fn) {
  const queue = [...items];
  const worker = async () => {
    while (queue.length) await fn(queue.shift());
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

const packumentUrl = name => `${REGISTRY}/${name.replace('/', '%2f')}`;

/** Files of a package tarball whose path matches `filter`, by path. */
async function tarballFiles(url, filter) {
  const response = await get(url);
  const files = new Map();
  const parser = new tar.Parser({
    filter: p => filter.test(p),
    onReadEntry: entry => {
      const chunks = [];
      entry.on('data', c => chunks.push(c));
      entry.on('end', () =>
        files.set(entry.path, Buffer.concat(chunks).toString('utf8')),
      );
    },
  });
  const body = Buffer.from(await response.arrayBuffer());
  await new Promise((resolve, reject) => {
    parser.on('end', resolve);
    parser.on('error', reject);
    parser.end(zlib.gunzipSync(body));
  });
  return files;
}

const versionIn = source => /version = "([^"]+)"/.exec(source)?.[1];

/** The template versions of one create-app version, with the release it was built for. */
async function createAppVersions(version, tarballUrl) {
  const files = await tarballFiles(tarballUrl, /^package\/dist\/.*\.cjs\.js$/);
  const release = versionIn(
    files.get('package/dist/package.json.cjs.js') ?? '',
  );
  const versionsSource = files.get('package/dist/lib/versions.cjs.js') ?? '';
  const requires = new Map();
  for (const m of versionsSource.matchAll(
    /var (\S+) = require\('\.\.\/([^']+)'\);/g,
  )) {
    requires.set(m[1], `package/dist/${m[2]}`);
  }
  const packages = {};
  for (const m of versionsSource.matchAll(
    /"(@backstage\/[^"]+)": (\S+)\.version/g,
  )) {
    const v = versionIn(files.get(requires.get(m[2])) ?? '');
    if (v) packages[m[1]] = v;
  }
  return { release, packages };
}

async function deriveManifest(release) {
  const createApp = await getJson(packumentUrl('@backstage/create-app'));
  const candidates = Object.keys(createApp.versions)
    .filter(v => !semver.prerelease(v))
    .sort(semver.rcompare);
  let seed;
  for (const v of candidates) {
    const found = await createAppVersions(
      v,
      createApp.versions[v].dist.tarball,
    );
    if (found.release === release) {
      seed = { createApp: v, packages: found.packages };
      break;
    }
    if (found.release && semver.lt(found.release, release)) break;
  }
  if (!seed) {
    throw new Error(
      `no @backstage/create-app version was built for Backstage ${release}`,
    );
  }
  const packages = { ...seed.packages };
  let queue = Object.entries(packages);
  while (queue.length) {
    const next = [];
    await eachLimited(queue, 8, async ([name, version]) => {
      const pkg = await getJson(`${packumentUrl(name)}/${version}`);
      const deps = { ...pkg.dependencies, ...pkg.peerDependencies };
      for (const [dep, range] of Object.entries(deps)) {
        const pinned = /^\^(\d+\.\d+\.\d+)$/.exec(range)?.[1];
        if (!dep.startsWith('@backstage/') || !pinned || packages[dep])
          continue;
        packages[dep] = pinned;
        next.push([dep, pinned]);
      }
    });
    queue = next;
  }
  const sorted = Object.fromEntries(Object.entries(packages).sort());
  return { release, createApp: seed.createApp, packages: sorted };
}

async function releaseManifest() {
  const { version } = JSON.parse(
    fs.readFileSync(path.join(ROOT, 'backstage.json'), 'utf8'),
  );
  const cache = path.join(ROOT, '.cache', `backstage-release-${version}.json`);
  if (fs.existsSync(cache)) return JSON.parse(fs.readFileSync(cache, 'utf8'));
  const manifest = await deriveManifest(version);
  fs.mkdirSync(path.dirname(cache), { recursive: true });
  fs.writeFileSync(cache, `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** Published packages: every workspace that is not private. */
function publishedPackages() {
  const found = [];
  for (const dir of ['plugins', 'packages']) {
    for (const name of fs.readdirSync(path.join(ROOT, dir))) {
      const file = path.join(ROOT, dir, name, 'package.json');
      if (!fs.existsSync(file)) continue;
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (!pkg.private) found.push({ file: path.relative(ROOT, file), pkg });
    }
  }
  return found;
}

/**
 * A range is within the release when the release's own version satisfies it:
 * an app on that release then needs no second copy of the package.
 */
function rangeProblems(manifest) {
  const problems = [];
  for (const { file, pkg } of publishedPackages()) {
    const ranges = { ...pkg.dependencies, ...pkg.peerDependencies };
    for (const [dep, range] of Object.entries(ranges)) {
      if (!dep.startsWith('@backstage/')) continue;
      const released = manifest.packages[dep];
      if (!released) {
        problems.push(
          `${file}: ${dep} is not part of Backstage ${manifest.release}`,
        );
      } else if (!semver.satisfies(released, range)) {
        problems.push(
          `${file}: ${dep} "${range}" does not accept ${released}, the version in Backstage ${manifest.release}`,
        );
      }
    }
  }
  return problems;
}

async function main() {
  const manifest = await releaseManifest();
  if (!process.argv.includes('--check')) {
    console.log(JSON.stringify(manifest, null, 2));
    return;
  }
  const problems = rangeProblems(manifest);
  for (const problem of problems) console.error(problem);
  if (problems.length) process.exit(1);
  console.log(
    `@backstage/* ranges of ${
      publishedPackages().length
    } published packages are within Backstage ${manifest.release}`,
  );
}

module.exports = { releaseManifest };

if (require.main === module) {
  main().catch(error => {
    console.error(error.message);
    process.exit(1);
  });
}
