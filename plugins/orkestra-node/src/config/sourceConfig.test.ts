import { ConfigReader } from '@backstage/config';
import { JsonValue } from '@backstage/types';
import { readSourceConfigs, toSourceSummary } from './sourceConfig';

const config = (sources: JsonValue) =>
  new ConfigReader({ orkestra: { sources } });

describe('readSourceConfigs', () => {
  it('reads a registry and a layout source with defaults', () => {
    const sources = readSourceConfigs(
      config([
        {
          id: 'ghcr',
          type: 'registry',
          target: 'ghcr.io/acme/patterns',
          credentials: { username: 'bot', password: 'pat' },
          schedule: { frequency: { minutes: 5 }, timeout: { minutes: 2 } },
        },
        { id: 'examples', type: 'layout', target: '.demo/registry' },
      ]),
    );

    expect(sources).toEqual([
      {
        id: 'ghcr',
        type: 'registry',
        target: 'ghcr.io/acme/patterns',
        registry: 'ghcr.io',
        prefix: 'acme/patterns',
        discovery: { type: 'index' },
        namespaces: ['acme/patterns'],
        insecure: false,
        credentials: { type: 'basic', username: 'bot', password: 'pat' },
        schedule: { frequency: { minutes: 5 }, timeout: { minutes: 2 } },
      },
      expect.objectContaining({
        id: 'examples',
        type: 'layout',
        registry: 'examples.layout.local',
        discovery: { type: 'catalog' },
        credentials: undefined,
        schedule: expect.objectContaining({ frequency: { minutes: 30 } }),
      }),
    ]);
  });

  it('reads token credentials and explicit repository lists', () => {
    const [source] = readSourceConfigs(
      config([
        {
          id: 'harbor',
          type: 'registry',
          target: 'harbor.acme.internal/orkestra',
          discovery: 'list',
          repositories: ['orkestra/katalogs/', 'orkestra/motifs/web-service'],
          credentials: { token: 'abc' },
        },
      ]),
    );
    expect(source.discovery).toEqual({
      type: 'list',
      repositories: ['orkestra/katalogs/', 'orkestra/motifs/web-service'],
    });
    expect(source.credentials).toEqual({ type: 'token', token: 'abc' });
  });

  it('splits registry targets and honours an http scheme as insecure', () => {
    const [source] = readSourceConfigs(
      config([
        {
          id: 'local',
          type: 'registry',
          target: 'http://127.0.0.1:5000/orkestra/katalogs/',
          discovery: 'catalog',
        },
      ]),
    );
    expect(source).toMatchObject({
      registry: '127.0.0.1:5000',
      prefix: 'orkestra/katalogs',
      insecure: true,
      discovery: { type: 'catalog' },
    });
  });

  it('reads tokenRealms as lower-cased hosts, and leaves them out when absent', () => {
    const [hub, ghcr] = readSourceConfigs(
      config([
        {
          id: 'hub',
          type: 'registry',
          target: 'registry-1.docker.io/acme',
          tokenRealms: [
            'Auth.Docker.IO',
            'tokens.acme.example:8443',
            '[::1]:5001',
          ],
        },
        { id: 'ghcr', type: 'registry', target: 'ghcr.io/acme' },
      ]),
    );
    expect(hub.tokenRealms).toEqual([
      'auth.docker.io',
      'tokens.acme.example:8443',
      '[::1]:5001',
    ]);
    expect(ghcr.tokenRealms).toBeUndefined();
  });

  it.each([
    ['https://auth.docker.io/token'],
    ['auth.docker.io/token'],
    ['user@auth.docker.io'],
    ['auth docker io'],
    ['.auth.docker.io'],
  ])('rejects tokenRealms entry %j: hosts only', entry => {
    expect(() =>
      readSourceConfigs(
        config([
          {
            id: 'hub',
            type: 'registry',
            target: 'registry-1.docker.io/acme',
            tokenRealms: [entry],
          },
        ]),
      ),
    ).toThrow(
      /orkestra\.sources\[0\]\.tokenRealms\[0\] must be a host such as auth\.docker\.io/,
    );
  });

  it('rejects an empty tokenRealms entry (an unset variable), naming it', () => {
    expect(() =>
      readSourceConfigs(
        config([
          {
            id: 'hub',
            type: 'registry',
            target: 'registry-1.docker.io/acme',
            tokenRealms: [''],
          },
        ]),
      ),
    ).toThrow(/orkestra\.sources\[0\]\.tokenRealms\[0\]/);
  });

  it('rejects tokenRealms on a layout source, which has no token service', () => {
    expect(() =>
      readSourceConfigs(
        config([
          {
            id: 'local',
            type: 'layout',
            target: '.demo/registry',
            tokenRealms: ['auth.docker.io'],
          },
        ]),
      ),
    ).toThrow(/tokenRealms only applies to registry sources/);
  });

  it('needs a namespace for index discovery', () => {
    expect(() =>
      readSourceConfigs(
        config([{ id: 'a', type: 'registry', target: 'ghcr.io' }]),
      ),
    ).toThrow(/index discovery needs a namespace/);
    const [source] = readSourceConfigs(
      config([
        {
          id: 'a',
          type: 'registry',
          target: 'ghcr.io',
          namespaces: ['acme/katalogs', 'acme/motifs'],
        },
      ]),
    );
    expect(source.namespaces).toEqual(['acme/katalogs', 'acme/motifs']);
  });

  it('has no sources when the section is missing', () => {
    expect(readSourceConfigs(new ConfigReader({}))).toEqual([]);
  });

  it.each([
    [[{ id: 'Bad_Id', type: 'layout', target: 'x' }], /id "Bad_Id"/],
    [
      [
        { id: 'a', type: 'layout', target: 'x' },
        { id: 'a', type: 'layout', target: 'y' },
      ],
      /used twice/,
    ],
    [
      [{ id: 'a', type: 'git', target: 'x' }],
      /type must be "registry" or "layout"/,
    ],
    [[{ id: 'a', type: 'layout', target: '  ' }], /target must not be empty/],
    [
      [{ id: 'a', type: 'registry', target: 'r', discovery: 'list' }],
      /repositories must list/,
    ],
    [
      [{ id: 'a', type: 'registry', target: 'r', discovery: 'crawl' }],
      /discovery must be one of/,
    ],
    [
      [
        {
          id: 'a',
          type: 'registry',
          target: 'r/ns',
          credentials: { username: 'u' },
        },
      ],
      /both username and password/,
    ],
    [
      [
        {
          id: 'a',
          type: 'registry',
          target: 'r/ns',
          credentials: { token: 't', password: 'p' },
        },
      ],
      /not both/,
    ],
  ])('rejects bad config %#', (sources, message) => {
    expect(() => readSourceConfigs(config(sources))).toThrow(message);
  });
});

describe('toSourceSummary', () => {
  it('never carries credentials', () => {
    const [source] = readSourceConfigs(
      config([
        {
          id: 'ghcr',
          type: 'registry',
          target: 'ghcr.io/acme',
          credentials: { username: 'bot', password: 'super-secret-password' },
        },
      ]),
    );
    const summary = toSourceSummary(source);
    expect(summary).toEqual({
      id: 'ghcr',
      type: 'registry',
      target: 'ghcr.io/acme',
      discovery: { type: 'index' },
      hasCredentials: true,
    });
    expect(JSON.stringify(summary)).not.toContain('super-secret-password');
    expect(JSON.stringify(summary)).not.toContain('bot');
  });
});
