import {
  chmod,
  mkdir,
  mkdtemp,
  readFile,
  rm,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CredentialHelperError,
  DockerConfigError,
  DockerCredentialStore,
  dockerConfigPath,
  normalizeRegistryHost,
} from './dockerConfig';

const SECRET = 's3cr3t-do-not-leak';

function stdinLog(root: string): string {
  return join(root, 'stdin.log');
}

function b64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

describe('DockerCredentialStore', () => {
  let root: string;
  let configDir: string;
  let binDir: string;
  let env: NodeJS.ProcessEnv;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'orkestra-docker-config-'));
    configDir = join(root, 'config');
    binDir = join(root, 'bin');
    await mkdir(configDir);
    await mkdir(binDir);
    env = {
      DOCKER_CONFIG: configDir,
      PATH: `${binDir}:${process.env.PATH}`,
      STDIN_LOG: stdinLog(root),
    };
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function writeConfig(config: unknown): Promise<void> {
    const text = typeof config === 'string' ? config : JSON.stringify(config);
    await writeFile(join(configDir, 'config.json'), text);
  }

  /** Writes `docker-credential-<name>`; the body runs after stdin is saved to $STDIN_LOG. */
  async function writeHelper(name: string, body: string): Promise<void> {
    const file = join(binDir, `docker-credential-${name}`);
    await writeFile(
      file,
      `#!/bin/sh\n[ "$1" = get ] || exit 99\ncat > "$STDIN_LOG"\n${body}\n`,
    );
    await chmod(file, 0o755);
  }

  function helperAnswer(username: string, secret: string) {
    return `printf '%s' '${JSON.stringify({
      ServerURL: 'x',
      Username: username,
      Secret: secret,
    })}'`;
  }

  function load(options: { helperTimeoutMs?: number } = {}) {
    return DockerCredentialStore.load({ env, ...options });
  }

  async function expectRejection(
    promise: Promise<unknown>,
  ): Promise<Error & Record<string, unknown>> {
    const error = await promise.then(
      () => {
        throw new Error('expected a rejection');
      },
      (e: Error & Record<string, unknown>) => e,
    );
    expect(error.message).not.toContain(SECRET);
    expect(JSON.stringify(error)).not.toContain(SECRET);
    expect(String(error.stack)).not.toContain(SECRET);
    return error;
  }

  describe('config file location', () => {
    it('uses $DOCKER_CONFIG/config.json', async () => {
      const store = await load();
      expect(store.configPath).toBe(join(configDir, 'config.json'));
    });

    it('falls back to <home>/.docker/config.json', async () => {
      const home = join(root, 'home');
      await mkdir(join(home, '.docker'), { recursive: true });
      await writeFile(
        join(home, '.docker', 'config.json'),
        JSON.stringify({ auths: { 'ghcr.io': { auth: b64('u:p') } } }),
      );
      const store = await DockerCredentialStore.load({
        env: { PATH: env.PATH },
        homeDir: home,
      });
      expect(store.configPath).toBe(join(home, '.docker', 'config.json'));
      await expect(store.get('ghcr.io')).resolves.toEqual({
        username: 'u',
        password: 'p',
      });
      expect(dockerConfigPath({ DOCKER_CONFIG: '' }, '/h')).toBe(
        '/h/.docker/config.json',
      );
    });

    it('treats a missing config file as anonymous', async () => {
      const store = await load();
      await expect(store.get('ghcr.io')).resolves.toBeUndefined();
      await expect(store.get('docker.io')).resolves.toBeUndefined();
    });

    it('treats an empty config file as anonymous', async () => {
      await writeConfig('  \n');
      await expect((await load()).get('ghcr.io')).resolves.toBeUndefined();
    });

    it('rejects malformed JSON with a DockerConfigError that names the file only', async () => {
      await writeConfig(`{"auths": {"ghcr.io": {"auth": "${SECRET}"}`);
      const error = await expectRejection(load());
      expect(error).toBeInstanceOf(DockerConfigError);
      expect(error.name).toBe('DockerConfigError');
      expect(error.message).toContain(join(configDir, 'config.json'));
      expect(error.path).toBe(join(configDir, 'config.json'));
      expect(error.cause).toBeUndefined();
    });

    it('rejects fields of the wrong type without echoing them', async () => {
      await writeConfig({ auths: { 'ghcr.io': { password: [SECRET] } } });
      expect(await expectRejection(load())).toBeInstanceOf(DockerConfigError);
      await writeConfig({ credHelpers: { 'ghcr.io': 7 } });
      expect(await expectRejection(load())).toBeInstanceOf(DockerConfigError);
      await writeConfig({ credsStore: { x: SECRET } });
      expect(await expectRejection(load())).toBeInstanceOf(DockerConfigError);
      await writeConfig([SECRET]);
      expect(await expectRejection(load())).toBeInstanceOf(DockerConfigError);
    });
  });

  describe('auths', () => {
    it('decodes auth as user:password, splitting on the first colon', async () => {
      await writeConfig({
        auths: { 'ghcr.io': { auth: b64(`me:${SECRET}:with:colons`) } },
      });
      await expect((await load()).get('ghcr.io')).resolves.toEqual({
        username: 'me',
        password: `${SECRET}:with:colons`,
      });
    });

    it('reads identitytoken as identityToken', async () => {
      await writeConfig({
        auths: {
          'myreg.azurecr.io': {
            auth: b64('00000000-0000-0000-0000-000000000000:'),
            identitytoken: 'refresh-me',
          },
        },
      });
      await expect((await load()).get('myreg.azurecr.io')).resolves.toEqual({
        username: '00000000-0000-0000-0000-000000000000',
        identityToken: 'refresh-me',
      });
    });

    it('reads registrytoken as registryToken', async () => {
      await writeConfig({ auths: { 'reg.local': { registrytoken: 'ready' } } });
      await expect((await load()).get('reg.local')).resolves.toEqual({
        registryToken: 'ready',
      });
    });

    it('reads legacy username/password fields, with auth taking precedence', async () => {
      await writeConfig({
        auths: {
          'a.example': { username: 'legacy', password: 'pw' },
          'b.example': { username: 'x', password: 'y', auth: b64('u:p') },
        },
      });
      const store = await load();
      await expect(store.get('a.example')).resolves.toEqual({
        username: 'legacy',
        password: 'pw',
      });
      await expect(store.get('b.example')).resolves.toEqual({
        username: 'u',
        password: 'p',
      });
    });

    it('matches legacy https keys with paths and ports', async () => {
      await writeConfig({
        auths: {
          'https://Registry.Example.com/v1/': { auth: b64('a:1') },
          'http://localhost:5000': { auth: b64('b:2') },
        },
      });
      const store = await load();
      await expect(store.get('registry.example.com')).resolves.toEqual({
        username: 'a',
        password: '1',
      });
      await expect(store.get('localhost:5000')).resolves.toEqual({
        username: 'b',
        password: '2',
      });
      await expect(store.get('localhost')).resolves.toBeUndefined();
    });

    it('treats the Docker Hub aliases as one registry', async () => {
      await writeConfig({
        auths: { 'https://index.docker.io/v1/': { auth: b64('hub:pw') } },
      });
      const store = await load();
      for (const alias of [
        'docker.io',
        'index.docker.io',
        'registry-1.docker.io',
        'https://index.docker.io/v1/',
      ]) {
        await expect(store.get(alias)).resolves.toEqual({
          username: 'hub',
          password: 'pw',
        });
      }
    });

    it('prefers an exact key over a normalised match', async () => {
      await writeConfig({
        auths: {
          'https://ghcr.io/v1/': { auth: b64('legacy:1') },
          'ghcr.io': { auth: b64('exact:2') },
        },
      });
      await expect((await load()).get('ghcr.io')).resolves.toEqual({
        username: 'exact',
        password: '2',
      });
    });

    it('returns undefined for unknown registries and empty entries', async () => {
      await writeConfig({ auths: { 'ghcr.io': {}, 'quay.io': { auth: '' } } });
      const store = await load();
      await expect(store.get('ghcr.io')).resolves.toBeUndefined();
      await expect(store.get('quay.io')).resolves.toBeUndefined();
      await expect(store.get('other.io')).resolves.toBeUndefined();
    });

    it('rejects an auth value without a colon without echoing it', async () => {
      await writeConfig({ auths: { 'ghcr.io': { auth: b64(SECRET) } } });
      const error = await expectRejection((await load()).get('ghcr.io'));
      expect(error).toBeInstanceOf(DockerConfigError);
      expect(error.message).toContain('ghcr.io');
      expect(error.message).not.toContain(b64(SECRET));
    });
  });

  describe('credential helpers', () => {
    it('runs credsStore with "get" and the server address on stdin', async () => {
      await writeHelper('fake', helperAnswer('robot', 'pw'));
      await writeConfig({ credsStore: 'fake' });
      await expect((await load()).get('ghcr.io')).resolves.toEqual({
        username: 'robot',
        password: 'pw',
      });
      expect(await readFile(stdinLog(root), 'utf8')).toBe('ghcr.io');
    });

    it('sends the legacy index address for Docker Hub', async () => {
      await writeHelper('fake', helperAnswer('hub', 'pw'));
      await writeConfig({ credHelpers: { 'docker.io': 'fake' } });
      await expect((await load()).get('registry-1.docker.io')).resolves.toEqual(
        { username: 'hub', password: 'pw' },
      );
      expect(await readFile(stdinLog(root), 'utf8')).toBe(
        'https://index.docker.io/v1/',
      );
    });

    it('maps the <token> user name to an identity token', async () => {
      await writeHelper('fake', helperAnswer('<token>', 'refresh'));
      await writeConfig({ credsStore: 'fake' });
      await expect((await load()).get('myreg.azurecr.io')).resolves.toEqual({
        identityToken: 'refresh',
      });
    });

    it('lets credHelpers win over credsStore, and credsStore over auths', async () => {
      await writeHelper('specific', helperAnswer('from-helper', '1'));
      await writeHelper('store', helperAnswer('from-store', '2'));
      await writeConfig({
        credHelpers: { 'ghcr.io': 'specific' },
        credsStore: 'store',
        auths: {
          'ghcr.io': { auth: b64('from-auths:3') },
          'quay.io': { auth: b64('from-auths:4') },
        },
      });
      const store = await load();
      await expect(store.get('ghcr.io')).resolves.toEqual({
        username: 'from-helper',
        password: '1',
      });
      await expect(store.get('quay.io')).resolves.toEqual({
        username: 'from-store',
        password: '2',
      });
    });

    it('uses auths when no helper is configured for the registry', async () => {
      await writeHelper('specific', helperAnswer('from-helper', '1'));
      await writeConfig({
        credHelpers: { 'ghcr.io': 'specific' },
        auths: { 'quay.io': { auth: b64('from-auths:4') } },
      });
      await expect((await load()).get('quay.io')).resolves.toEqual({
        username: 'from-auths',
        password: '4',
      });
    });

    it('treats "credentials not found in native keychain" as anonymous', async () => {
      await writeHelper(
        'stdout',
        `echo 'credentials not found in native keychain'; exit 1`,
      );
      await writeHelper(
        'stderr',
        `echo 'credentials not found in native keychain' >&2; exit 1`,
      );
      await writeConfig({
        credHelpers: { 'a.example': 'stdout', 'b.example': 'stderr' },
        auths: { 'a.example': { auth: b64('ignored:x') } },
      });
      const store = await load();
      await expect(store.get('a.example')).resolves.toBeUndefined();
      await expect(store.get('b.example')).resolves.toBeUndefined();
    });

    it('reports a failing helper with its name and exit code but not its output', async () => {
      await writeHelper('fake', `echo "bad things ${SECRET}" >&2; exit 3`);
      await writeConfig({ credsStore: 'fake' });
      const error = await expectRejection((await load()).get('ghcr.io'));
      expect(error).toBeInstanceOf(CredentialHelperError);
      expect(error.name).toBe('CredentialHelperError');
      expect(error.message).toContain('docker-credential-fake');
      expect(error.message).toContain('code 3');
      expect(error.helper).toBe('docker-credential-fake');
      expect(error.exitCode).toBe(3);
      expect(error.reason).toBe('exit');
    });

    it('rejects a helper answer that is not JSON without echoing it', async () => {
      await writeHelper('fake', `echo "Secret: ${SECRET}"`);
      await writeConfig({ credsStore: 'fake' });
      const error = await expectRejection((await load()).get('ghcr.io'));
      expect(error).toBeInstanceOf(CredentialHelperError);
      expect(error.reason).toBe('invalid-response');
    });

    it('kills a helper that does not answer in time', async () => {
      await writeHelper('fake', 'exec sleep 10');
      await writeConfig({ credsStore: 'fake' });
      const store = await load({ helperTimeoutMs: 200 });
      const started = Date.now();
      const error = await expectRejection(store.get('ghcr.io'));
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(error).toBeInstanceOf(CredentialHelperError);
      expect(error.reason).toBe('timeout');
      expect(error.message).toMatch(/docker-credential-fake.*200 ms.*killed/);
    });

    it('kills a helper whose output exceeds the cap', async () => {
      await writeHelper('fake', `yes '${SECRET}' | head -c 200000`);
      await writeConfig({ credsStore: 'fake' });
      const error = await expectRejection((await load()).get('ghcr.io'));
      expect(error).toBeInstanceOf(CredentialHelperError);
      expect(error.reason).toBe('output-too-large');
    });

    it('reports a helper missing from PATH', async () => {
      await writeConfig({ credsStore: 'absent' });
      const error = await expectRejection((await load()).get('ghcr.io'));
      expect(error).toBeInstanceOf(CredentialHelperError);
      expect(error.reason).toBe('spawn');
      expect(error.message).toContain('docker-credential-absent');
      expect(error.message).toContain('ENOENT');
    });

    it('refuses helper names that could escape the docker-credential- prefix', async () => {
      await writeConfig({ credHelpers: { 'ghcr.io': '../../bin/sh' } });
      const error = await expectRejection((await load()).get('ghcr.io'));
      expect(error).toBeInstanceOf(DockerConfigError);
    });

    it('finds the helper through the injected PATH only', async () => {
      await writeHelper('fake', helperAnswer('u', 'p'));
      await writeConfig({ credsStore: 'fake' });
      env.PATH = '/nonexistent';
      const error = await expectRejection((await load()).get('ghcr.io'));
      expect(error.reason).toBe('spawn');
    });
  });
});

describe('normalizeRegistryHost', () => {
  it.each([
    ['ghcr.io', 'ghcr.io'],
    ['GHCR.io', 'ghcr.io'],
    ['https://ghcr.io/v2/', 'ghcr.io'],
    ['http://localhost:5000/v1/', 'localhost:5000'],
    ['https://index.docker.io/v1/', 'docker.io'],
    ['registry-1.docker.io', 'docker.io'],
    ['index.docker.io', 'docker.io'],
    [' docker.io ', 'docker.io'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeRegistryHost(input)).toBe(expected);
  });
});
