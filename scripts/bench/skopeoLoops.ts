/**
 * Baselines for bench:sync that do what a skopeo loop does: list the tags
 * of every repository, then `skopeo inspect --raw` every tag (its manifest
 * carries the signals), one after the other as a shell loop would.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The loop in-process (no process per call): `tags/list`, then a manifest GET per tag. */
export async function inProcessSkopeoLoop(
  url: string,
  repositories: string[],
): Promise<{ requests: number }> {
  let requests = 0;
  const get = async (path: string, accept?: string) => {
    requests++;
    const response = await fetch(`${url}${path}`, {
      headers: accept ? { accept } : {},
    });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    return response;
  };
  for (const repository of repositories) {
    const { tags } = await (await get(`/v2/${repository}/tags/list`)).json();
    for (const tag of tags as string[]) {
      await (
        await get(
          `/v2/${repository}/manifests/${tag}`,
          'application/vnd.oci.image.manifest.v1+json',
        )
      ).arrayBuffer();
    }
  }
  return { requests };
}

/** The real skopeo binary: `list-tags`, then `inspect --raw` every tag (skopeo refuses image inspection of artifacts). */
export async function realSkopeoLoop(
  host: string,
  repositories: string[],
): Promise<{ inspects: number }> {
  let inspects = 0;
  for (const repository of repositories) {
    const { stdout } = await run('skopeo', [
      'list-tags',
      '--tls-verify=false',
      `docker://${host}/${repository}`,
    ]);
    for (const tag of JSON.parse(stdout).Tags as string[]) {
      await run('skopeo', [
        'inspect',
        '--raw',
        '--tls-verify=false',
        `docker://${host}/${repository}:${tag}`,
      ]);
      inspects++;
    }
  }
  return { inspects };
}
