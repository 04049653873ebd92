#!/usr/bin/env node
/* eslint-disable no-console */
// Asserts, against a running portal, what installing the Orkestra plugins
// must give: the examples listed by /api/orkestra/patterns, their entities in
// the catalog and the orkestra:* actions in the scaffolder. Signs in as the
// guest user, as a person would. Polls until the first sync has landed.
//
//   node scripts/check-install/assert-portal.js <base url> <examples folder> [timeout s]
const fs = require('node:fs');
const path = require('node:path');

const [baseUrl, examples, timeoutArg = '240'] = process.argv.slice(2);
const deadline = Date.now() + Number(timeoutArg) * 1000;
const PATTERN_ID = 'orkestra.sh/pattern-id';
const ACTIONS = [
  'orkestra:validate',
  'orkestra:simulate',
  'orkestra:e2e',
  'orkestra:publish',
  'orkestra:deprecate',
  'orkestra:inspect',
  'orkestra:fetch',
  'orkestra:follow-motifs',
];

/** Pattern names of the examples: examples/patterns/{katalogs,motifs}/<name>. */
const expected = ['katalogs', 'motifs']
  .flatMap(kind => fs.readdirSync(path.join(examples, 'patterns', kind)))
  .sort();

async function getJson(url, token) {
  const response = await fetch(`${baseUrl}${url}`, {
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      'x-requested-with': 'XMLHttpRequest',
    },
  });
  if (!response.ok) {
    throw new Error(
      `GET ${url}: HTTP ${response.status} ${await response.text()}`,
    );
  }
  return response.json();
}

/** Retries `probe` until it returns a value, or throws the last reason at the deadline. */
async function eventually(what, probe) {
  let reason = 'not tried';
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      reason = error.message;
    }
    await new Promise(resolve => setTimeout(resolve, 2000));
  }
  throw new Error(`${what}: not within ${timeoutArg} s (${reason})`);
}

function missing(want, have) {
  const set = new Set(have);
  return want.filter(x => !set.has(x));
}

async function main() {
  const { backstageIdentity } = await eventually('guest sign-in', () =>
    getJson('/api/auth/guest/refresh'),
  );
  const token = backstageIdentity.token;

  const patterns = await eventually('/api/orkestra/patterns', async () => {
    const page = await getJson('/api/orkestra/patterns?limit=200', token);
    const absent = missing(
      expected,
      page.items.map(p => p.name),
    );
    if (absent.length) throw new Error(`not listed yet: ${absent.join(', ')}`);
    return page.items;
  });
  console.log(
    `/api/orkestra/patterns lists the ${
      expected.length
    } examples: ${expected.join(', ')}`,
  );

  const entities = await eventually('catalog pattern entities', async () => {
    const query = new URLSearchParams([
      ['filter', 'kind=component,spec.type=orkestra-katalog'],
      ['filter', 'kind=component,spec.type=orkestra-motif'],
      ['limit', '500'],
    ]);
    const { items } = await getJson(
      `/api/catalog/entities/by-query?${query}`,
      token,
    );
    // Entity names are sanitized repository paths; the pattern's id is kept in an annotation.
    const inCatalog = new Set(
      items.map(e => e.metadata.annotations?.[PATTERN_ID]),
    );
    const absent = patterns.filter(p => !inCatalog.has(p.id)).map(p => p.name);
    if (absent.length)
      throw new Error(`not in the catalog yet: ${absent.join(', ')}`);
    return items;
  });
  console.log(
    `the catalog holds ${entities.length} pattern entities (${patterns.length} patterns served)`,
  );

  const actions = await getJson('/api/scaffolder/v2/actions', token);
  const ids = actions.map(a => a.id);
  const absentActions = missing(ACTIONS, ids);
  if (absentActions.length) {
    throw new Error(`the scaffolder lacks ${absentActions.join(', ')}`);
  }
  console.log(
    `the scaffolder lists ${ids
      .filter(id => id.startsWith('orkestra:'))
      .join(', ')}`,
  );
}

main().catch(error => {
  console.error(`FAILED: ${error.message}`);
  process.exit(1);
});
