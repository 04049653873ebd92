import { startTestRegistry, TestRegistry } from './startTestRegistry';
import { startTestTokenIssuer, TestTokenIssuer } from './startTestTokenIssuer';

const user = { username: 'alice', password: 'alice-secret' };
const basic = (username: string, password: string) =>
  `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

async function token(
  issuer: TestTokenIssuer,
  scopes: string[],
  authorization = basic(user.username, user.password),
): Promise<{ status: number; token?: string; body?: Record<string, unknown> }> {
  const url = new URL(issuer.realm);
  url.searchParams.set('service', issuer.service);
  for (const scope of scopes) url.searchParams.append('scope', scope);
  const response = await fetch(url, { headers: { authorization } });
  if (response.status !== 200) {
    await response.arrayBuffer();
    return { status: response.status };
  }
  const body = (await response.json()) as Record<string, unknown>;
  return { status: 200, token: body.token as string, body };
}

async function openUpload(
  registry: TestRegistry,
  repository: string,
  bearer?: string,
): Promise<{ status: number; challenge: string | null }> {
  const response = await fetch(
    `${registry.url}/v2/${repository}/blobs/uploads/`,
    {
      method: 'POST',
      headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
    },
  );
  await response.arrayBuffer();
  return {
    status: response.status,
    challenge: response.headers.get('www-authenticate'),
  };
}

/** The test token issuer, checked against a real docker-registry that trusts it. */
describe('startTestTokenIssuer', () => {
  let issuer: TestTokenIssuer;
  let registry: TestRegistry;

  beforeAll(async () => {
    issuer = await startTestTokenIssuer({ user });
    registry = await startTestRegistry({ tokenAuth: issuer });
  });
  afterAll(async () => {
    await registry?.stop();
    await issuer?.stop();
  });
  afterEach(() => issuer.reset());

  it('makes the registry challenge with its realm and service', async () => {
    expect(issuer.realm).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/token$/);
    expect(issuer.host).toBe(new URL(issuer.realm).host);
    const { status, challenge } = await openUpload(registry, 'acme/app');
    expect(status).toBe(401);
    // distribution lists the actions in Go map order: either way round.
    expect([
      `Bearer realm="${issuer.realm}",service="${issuer.service}",scope="repository:acme/app:pull,push"`,
      `Bearer realm="${issuer.realm}",service="${issuer.service}",scope="repository:acme/app:push,pull"`,
    ]).toContain(challenge);
  });

  it('issues tokens the real registry accepts, and records what was asked', async () => {
    const issued = await token(issuer, ['repository:acme/app:pull,push']);
    expect(issued.status).toBe(200);
    expect(issued.body).toEqual({
      token: issued.token,
      access_token: issued.token,
      expires_in: 300,
    });
    expect((await openUpload(registry, 'acme/app', issued.token)).status).toBe(
      202,
    );

    const [header, claims] = issued
      .token!.split('.')
      .slice(0, 2)
      .map(part => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')));
    expect(header).toMatchObject({ alg: 'ES256', typ: 'JWT' });
    expect(header.x5c).toHaveLength(1);
    expect(claims).toMatchObject({
      iss: issuer.issuer,
      sub: 'alice',
      aud: issuer.service,
      access: [
        { type: 'repository', name: 'acme/app', actions: ['pull', 'push'] },
      ],
    });
    expect(issuer.requests).toEqual([
      {
        service: issuer.service,
        scopes: ['repository:acme/app:pull,push'],
        authorization: basic(user.username, user.password),
        user: 'alice',
        status: 200,
        granted: [
          { type: 'repository', name: 'acme/app', actions: ['pull', 'push'] },
        ],
      },
    ]);
  });

  it('grants only what the grant policy allows, and the registry enforces it', async () => {
    issuer.setGrant(({ actions }) =>
      actions.filter(action => action === 'pull'),
    );
    const issued = await token(issuer, ['repository:acme/app:pull,push']);
    expect(issuer.requests[0].granted).toEqual([
      { type: 'repository', name: 'acme/app', actions: ['pull'] },
    ]);
    const upload = await openUpload(registry, 'acme/app', issued.token);
    expect(upload.status).toBe(401);
    expect(upload.challenge).toContain('error="insufficient_scope"');
  });

  it('refuses a wrong password or an anonymous request when it has a user', async () => {
    expect((await token(issuer, [], basic('alice', 'wrong'))).status).toBe(401);
    expect((await token(issuer, [], '')).status).toBe(401);
    expect(issuer.requests.map(r => r.status)).toEqual([401, 401]);
  });

  it('signs changed claims: the registry refuses another audience or an expired token', async () => {
    issuer.setClaims(claims => ({ ...claims, aud: 'another-registry' }));
    const otherAudience = await token(issuer, [
      'repository:acme/app:pull,push',
    ]);
    // distribution allows 60 s of clock skew past exp.
    issuer.setClaims(claims => ({
      ...claims,
      exp: claims.iat - 600,
      nbf: claims.iat - 900,
    }));
    const expired = await token(issuer, ['repository:acme/app:pull,push']);
    for (const issued of [otherAudience, expired]) {
      const upload = await openUpload(registry, 'acme/app', issued.token);
      expect(upload.status).toBe(401);
      expect(upload.challenge).toContain('error="invalid_token"');
    }
  });

  it('is not trusted when signed by another key', async () => {
    const stranger = await startTestTokenIssuer({
      service: issuer.service,
      issuer: issuer.issuer,
    });
    try {
      const issued = await token(
        stranger,
        ['repository:acme/app:pull,push'],
        '',
      );
      expect(issued.status).toBe(200);
      const upload = await openUpload(registry, 'acme/app', issued.token);
      expect(upload.status).toBe(401);
      expect(upload.challenge).toContain('error="invalid_token"');
    } finally {
      await stranger.stop();
    }
  });
});
