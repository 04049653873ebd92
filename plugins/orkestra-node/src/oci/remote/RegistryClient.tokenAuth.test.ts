/**
 * RegistryClient against a REAL docker-registry (distribution 2.8) with
 * `auth: token`, whose tokens come from the test token issuer (written for
 * the tests; it signs real JWTs the registry verifies). The realm is on
 * another loopback port than the registry, so the source lists it in
 * `tokenRealms` exactly as a user would in app-config:
 *
 *   orkestra.sources:
 *     - id: acme
 *       type: registry
 *       target: http://127.0.0.1:<registry port>/acme
 *       credentials: { username: alice, password: ... }
 *       tokenRealms: ['127.0.0.1:<issuer port>']
 */
import { ConfigReader } from '@backstage/config';
import { MediaTypes } from '@orkspace/backstage-plugin-orkestra-common';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startTestRegistry,
  startTestTokenIssuer,
  TestTokenClaims,
  TestRegistry,
  TestTokenGrant,
  TestTokenIssuer,
} from '@orkspace/orkestra-test-utils';
import { openSourceStore } from '../../config/openSourceStore';
import { readSourceConfigs, SourceConfig } from '../../config/sourceConfig';
import { digestOf } from '../digest';
import { OciUnauthorizedError } from '../errors';
import { EMPTY_JSON } from '../mediaTypes';
import { RegistryClient } from './RegistryClient';

const alice = { username: 'alice', password: 'alice-secret-9f2c' };
const aliceBasic = Buffer.from(`${alice.username}:${alice.password}`).toString(
  'base64',
);
const encoder = new TextEncoder();

/** Grants `actions` on the repositories named, nothing anywhere else. */
function only(grants: Record<string, string[]>): TestTokenGrant {
  return ({ name, actions }) => actions.filter(a => grants[name]?.includes(a));
}

const blobOf = (content: Uint8Array) => ({
  mediaType: 'application/octet-stream',
  digest: digestOf(content),
  size: content.byteLength,
});

const manifestOf = (layer: Uint8Array) =>
  encoder.encode(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaTypes.ociManifest,
      config: {
        ...blobOf(EMPTY_JSON),
        mediaType: 'application/vnd.oci.empty.v1+json',
      },
      layers: [blobOf(layer)],
    }),
  );

describe('RegistryClient with token auth on a real docker-registry', () => {
  let issuer: TestTokenIssuer;
  let registry: TestRegistry;
  let source: SourceConfig;
  let sent: Array<{ origin: string; authorization?: string }>;
  let dockerConfigDir: string;
  const previousDockerConfig = process.env.DOCKER_CONFIG;

  const sourceConfig = (tokenRealms?: string[]) =>
    readSourceConfigs(
      new ConfigReader({
        orkestra: {
          sources: [
            {
              id: 'acme',
              type: 'registry',
              target: `http://${registry.host}/acme`,
              credentials: alice,
              ...(tokenRealms ? { tokenRealms } : {}),
            },
          ],
        },
      }),
    )[0];

  /**
   * A client with the source's registry, insecure and tokenRealms settings
   * and alice's password, as openSourceStore builds it, but whose fetch
   * records where each request went with which Authorization.
   */
  const clientFor = (config: SourceConfig) =>
    new RegistryClient({
      registry: config.registry,
      plainHttp: config.insecure,
      tokenRealms: config.tokenRealms,
      credentials: async () => alice,
      fetch: async (input, init) => {
        const headers = new Headers(init?.headers);
        sent.push({
          origin: new URL(
            input instanceof Request ? input.url : input.toString(),
          ).origin,
          authorization: headers.get('authorization') ?? undefined,
        });
        return fetch(input, init);
      },
    });

  const requestedScopes = () => issuer.requests.flatMap(r => r.scopes);

  /** Read from the registry's storage, not through a client or a token. */
  const registryHas = (repository: string, content: Uint8Array) =>
    existsSync(
      join(
        registry.storageDir,
        'docker/registry/v2/repositories',
        repository,
        '_layers/sha256',
        digestOf(content).slice('sha256:'.length),
        'link',
      ),
    );

  /** The message of a rejected operation, which must not carry any credential. */
  async function refusal(operation: Promise<unknown>): Promise<string> {
    const error = await operation.then(
      () => {
        throw new Error('expected the operation to be refused');
      },
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OciUnauthorizedError);
    const message = (error as Error).message;
    expect(message).not.toContain(alice.password);
    expect(message).not.toContain(aliceBasic);
    expect(message).not.toMatch(/eyJ[\w-]{10,}/); // no JWT
    return message;
  }

  beforeAll(async () => {
    dockerConfigDir = await mkdtemp(join(tmpdir(), 'orkestra-docker-config-'));
    process.env.DOCKER_CONFIG = dockerConfigDir; // no docker config of the machine
    issuer = await startTestTokenIssuer({ user: alice });
    registry = await startTestRegistry({ tokenAuth: issuer });
    source = sourceConfig([issuer.host]);
  });
  afterAll(async () => {
    await registry?.stop();
    await issuer?.stop();
    if (previousDockerConfig === undefined) delete process.env.DOCKER_CONFIG;
    else process.env.DOCKER_CONFIG = previousDockerConfig;
    await rm(dockerConfigDir, { recursive: true, force: true });
  });
  beforeEach(() => {
    issuer.reset();
    sent = [];
  });

  it('sends nothing to a realm on another port that the source does not list in tokenRealms', async () => {
    const message = await refusal(
      clientFor(sourceConfig()).listTags('acme/app'),
    );
    expect(message).toContain(
      `tokenRealms (orkestra.sources[].tokenRealms: [${issuer.host}])`,
    );
    expect(issuer.requests).toEqual([]);
  });

  it('pushes (blob upload, manifest put) with a pull,push token and pulls with a pull-only one', async () => {
    const layer = encoder.encode('kind: Katalog # pushed with a token\n');
    const manifest = manifestOf(layer);
    const store = await openSourceStore(source); // the product's own wiring
    await store.pushBlob('acme/app', EMPTY_JSON);
    await store.pushBlob('acme/app', layer);
    const pushed = await store.pushManifest(
      'acme/app',
      manifest,
      MediaTypes.ociManifest,
      { tag: 'v1' },
    );
    expect(new Set(requestedScopes())).toEqual(
      new Set(['repository:acme/app:pull,push']),
    );
    expect(
      issuer.requests.every(
        r => r.service === issuer.service && r.user === 'alice',
      ),
    ).toBe(true);

    issuer.reset();
    issuer.setGrant(only({ 'acme/app': ['pull'] }));
    const client = clientFor(source);
    const fetched = await client.fetchManifest('acme/app', 'v1');
    expect(fetched.descriptor.digest).toBe(pushed.digest);
    expect(Buffer.from(fetched.bytes)).toEqual(Buffer.from(manifest));
    expect(
      Buffer.from(await client.fetchBlob('acme/app', blobOf(layer))),
    ).toEqual(Buffer.from(layer));
    expect(requestedScopes()).toEqual(['repository:acme/app:pull']);
    expect(issuer.requests).toHaveLength(1); // one token, cached for both reads
  });

  it('refuses a push when the token grants only pull, and stores nothing', async () => {
    issuer.setGrant(only({ 'acme/readonly': ['pull'] }));
    const content = encoder.encode('not to be stored\n');
    const message = await refusal(
      clientFor(source).pushBlob('acme/readonly', content),
    );
    expect(message).toContain(
      `${registry.host} denied access to blob ${digestOf(
        content,
      )} of acme/readonly`,
    );
    expect(message).toMatch(
      /the Bearer token does not grant the access needed \(repository:acme\/readonly:(pull,push|push,pull)\)/,
    );
    expect(requestedScopes()).toContain('repository:acme/readonly:pull,push');
    expect(registryHas('acme/readonly', content)).toBe(false);
  });

  it('mounts a blob from another repository when the token grants pull on it', async () => {
    const content = encoder.encode('mounted, not uploaded\n');
    issuer.setGrant(only({ 'acme/base': ['pull', 'push'] }));
    await clientFor(source).pushBlob('acme/base', content);

    issuer.reset();
    issuer.setGrant(
      only({ 'acme/base': ['pull'], 'acme/derived': ['pull', 'push'] }),
    );
    const pushed = await clientFor(source).pushBlob('acme/derived', content, {
      mountFrom: 'acme/base',
    });
    expect(pushed).toMatchObject({ mounted: true, skipped: false });
    expect(requestedScopes()).toEqual(
      expect.arrayContaining([
        'repository:acme/base:pull',
        'repository:acme/derived:pull,push',
      ]),
    );
    expect(registryHas('acme/derived', content)).toBe(true);
  });

  it('uploads the blob itself when the token grants no pull on the mount source', async () => {
    const content = encoder.encode('the source is not readable by alice\n');
    issuer.setGrant(only({ 'acme/private': ['pull', 'push'] }));
    await clientFor(source).pushBlob('acme/private', content);

    issuer.reset();
    issuer.setGrant(only({ 'acme/copy': ['pull', 'push'] }));
    const pushed = await clientFor(source).pushBlob('acme/copy', content, {
      mountFrom: 'acme/private',
    });
    expect(pushed).toMatchObject({
      mounted: false,
      skipped: false,
      digest: digestOf(content),
    });
    // The mount was asked for (source pull requested, not granted), then a plain upload.
    expect(requestedScopes()).toContain('repository:acme/private:pull');
    expect(
      issuer.requests.flatMap(r => r.granted.map(g => g.name)),
    ).not.toContain('acme/private');
    expect(registryHas('acme/copy', content)).toBe(true);
  });

  it.each([
    [
      'another service (audience)',
      (claims: TestTokenClaims) => ({ ...claims, aud: 'some-other-registry' }),
    ],
    [
      // distribution allows 60 s of clock skew past exp.
      'an expired token',
      (claims: TestTokenClaims) => ({
        ...claims,
        exp: claims.iat - 600,
        nbf: claims.iat - 900,
      }),
    ],
  ])(
    'fails clearly when the registry refuses a token for %s',
    async (_what, change) => {
      issuer.setClaims(change);
      const message = await refusal(clientFor(source).listTags('acme/app'));
      expect(message).toContain(
        `${registry.host} denied access to tags of acme/app (HTTP 401)`,
      );
      expect(message).toContain(
        'the registry rejected the Bearer token as invalid',
      );
      expect(issuer.requests.length).toBeGreaterThan(0);
    },
  );

  it('sends the token only to the registry and the password only to the realm', async () => {
    const content = encoder.encode('where do credentials go?\n');
    issuer.setGrant(
      only({
        'acme/where': ['pull', 'push'],
        'acme/where-too': ['pull', 'push'],
      }),
    );
    const client = clientFor(source);
    await client.pushBlob('acme/where', content);
    await client.pushBlob('acme/where-too', content, {
      mountFrom: 'acme/where',
    });
    await client.fetchBlob('acme/where-too', blobOf(content));

    const realm = new URL(issuer.realm).origin;
    const bearerTo = new Set(
      sent
        .filter(s => s.authorization?.startsWith('Bearer '))
        .map(s => s.origin),
    );
    const basicTo = new Set(
      sent
        .filter(s => s.authorization?.startsWith('Basic '))
        .map(s => s.origin),
    );
    expect([...bearerTo]).toEqual([registry.url]);
    expect([...basicTo]).toEqual([realm]);
    expect(new Set(sent.map(s => s.origin))).toEqual(
      new Set([registry.url, realm]),
    );
    // What the realm itself received: Basic auth of alice, never a token.
    expect(new Set(issuer.requests.map(r => r.authorization))).toEqual(
      new Set([`Basic ${aliceBasic}`]),
    );
  });
});
