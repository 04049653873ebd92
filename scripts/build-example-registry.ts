/* eslint-disable no-console */
/**
 * Builds examples/registry, the OCI image layout the demo serves, from
 * examples/patterns with the pattern codec (packed exactly like `ork push`).
 *
 *   yarn examples:build           rebuild examples/registry
 *   yarn examples:build --check   fail when examples/registry is out of date
 *
 * The gate results come from examples/patterns/publish-plan.yaml: they are
 * given there, not measured (simulate and e2e need the ork CLI and a cluster).
 */
import { OciLayoutStore } from '@orkspace/backstage-plugin-orkestra-node';
import {
  EXAMPLE_REGISTRY_DIR,
  publishExamplePatterns,
} from '@orkspace/orkestra-test-utils';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

async function build(root: string) {
  await rm(root, { recursive: true, force: true });
  const store = await OciLayoutStore.open(root, { create: true });
  const published = await publishExamplePatterns(store);
  const repositories = await store.listRepositories();
  let tags = 0;
  for (const repository of repositories)
    tags += (await store.listTags(repository)).length;
  return { published: published.length, repositories, tags };
}

async function main() {
  const check = process.argv.includes('--check');
  const root = check
    ? join(await mkdtemp(join(tmpdir(), 'orkestra-examples-')), 'registry')
    : EXAMPLE_REGISTRY_DIR;
  const summary = await build(root);
  console.log(
    `Published ${summary.published} pushes into ${summary.repositories.length} repositories (${summary.tags} tags) at ${root}`,
  );
  console.log(
    'Gate results come from examples/patterns/publish-plan.yaml: given there, not run here.',
  );
  if (check) {
    try {
      execFileSync('diff', ['-r', '-q', root, EXAMPLE_REGISTRY_DIR], {
        stdio: 'inherit',
      });
      console.log('examples/registry is up to date.');
    } catch {
      console.error(
        'examples/registry is out of date: run `yarn examples:build` and commit it.',
      );
      process.exitCode = 1;
    } finally {
      await rm(join(root, '..'), { recursive: true, force: true });
    }
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
