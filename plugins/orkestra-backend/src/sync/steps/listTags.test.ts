import { ConfigReader } from '@backstage/config';
import {
  OciNotFoundError,
  OciStore,
  readSourceConfigs,
} from '@orkspace/backstage-plugin-orkestra-node';
import { listTags, RepositoryGoneError } from './listTags';

function openedWith(listTagsOf: OciStore['listTags'], discovery?: string) {
  const [config] = readSourceConfigs(
    new ConfigReader({
      orkestra: {
        sources: [
          {
            id: 'local',
            type: 'registry',
            target: 'ghcr.io/acme',
            ...(discovery ? { discovery } : {}),
          },
        ],
      },
    }),
  );
  return { config, store: { listTags: listTagsOf } as OciStore };
}

describe('listTags', () => {
  it('leaves out supply-chain artifacts, and skips invalid tags with one error', async () => {
    const opened = openedWith(async () => [
      'v1.0.0',
      `sha256-${'a'.repeat(64)}.sig`,
      'bad tag',
      'latest',
    ]);
    const result = await listTags(opened, 'acme/x');
    expect(result.tags).toEqual(['v1.0.0', 'latest']);
    expect(result.errors).toEqual([
      {
        repository: 'acme/x',
        message:
          'the tag list names 1 invalid tags (e.g. "bad tag"); they are skipped',
      },
    ]);
  });

  it('a 404 is a gone repository with index discovery, an error otherwise', async () => {
    const missing = async () => {
      throw new OciNotFoundError('no such repository');
    };
    await expect(
      listTags(openedWith(missing), 'acme/x'),
    ).rejects.toBeInstanceOf(RepositoryGoneError);
    await expect(
      listTags(openedWith(missing, 'catalog'), 'acme/x'),
    ).rejects.toBeInstanceOf(OciNotFoundError);
  });
});
