import { existsSync } from 'node:fs';
import {
  chmod,
  mkdir,
  mkdtemp,
  readFile,
  rm,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PatternValidationError } from '../pattern/PatternValidationError';
import { GateNotConfiguredError } from './errors';
import { GateRunner } from './GateRunner';
import { toE2eRecord, toSimulateRecord } from './outcome/records';
import { GateCommandConfig } from './types';
import { SPEC_E2E } from '../pattern/models/__fixtures__/specE2E';

/** A fake `ork` that follows the gate command contract; the mode is argv[1]. */
const FAKE_ORK = `#!/bin/sh
if [ -n "$FAKE_ORK_MARKER" ]; then echo "called $*" >> "$FAKE_ORK_MARKER"; fi
mode="$1"
shift
case "$mode" in
  pass)
    echo "simulating $1"
    echo "warning: slow cycle" >&2
    echo 'ORKESTRA_GATE_RESULT {"assertions":7,"durationMs":42}'
    exit 0
    ;;
  pass-quiet)
    echo "ok"
    exit 0
    ;;
  fail)
    echo "assertion failed: ops[0]"
    echo "boom" >&2
    exit 1
    ;;
  hang)
    echo "starting"
    sleep 30
    ;;
  stubborn)
    trap '' TERM
    echo "starting"
    sleep 30
    ;;
  args)
    for a in "$@"; do echo "arg:$a"; done
    echo "cwd:$(pwd)"
    ;;
  env)
    env | sort
    ;;
  *)
    echo "unknown mode $mode" >&2
    exit 2
    ;;
esac
`;

// 2 ops + steady = 3 assertions
const SIMULATE = `apiVersion: orkestra.orkspace.io/v1
kind: Simulate
metadata: { name: demo-sim }
spec:
  katalog: ./katalog.yaml
  cr: ./cr.yaml
  expect:
    steady: true
    ops:
      - { cycle: 1, verb: create, resource: deployments, name: demo }
      - { cycle: 1, verb: create, resource: services, name: demo }
`;

const SIMULATE_NO_EXPECT = `kind: Simulate
metadata: { name: demo-sim }
spec:
  katalog: ./katalog.yaml
  cr: ./cr.yaml
`;

// One spec.expect item = 1 assertion, as ork counts (Result.Total() is the
// number of cases, one per item): its 2 resources and 1 kubectl check do not
// add up (our old count said 3).
const E2E = `kind: E2E
metadata: { name: demo-e2e }
spec:
  katalog: ./katalog.yaml
  expect:
    - name: CR reconciled
      resources:
        - { kind: Deployment, name: demo }
        - { kind: Service, name: demo }
      kubectl:
        get: deployment/demo
`;

const NOW = new Date('2026-01-02T03:04:05Z');

describe('GateRunner', () => {
  let root: string;
  let fakeOrk: string;
  let marker: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'orkestra-gates-'));
    await mkdir(join(root, 'bin'));
    fakeOrk = join(root, 'bin', 'fake-ork');
    await writeFile(fakeOrk, FAKE_ORK);
    await chmod(fakeOrk, 0o755);
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  let counter = 0;
  async function patternDir(files: Record<string, string>): Promise<string> {
    counter++;
    const dir = join(root, `pattern-${counter}`);
    await mkdir(dir);
    for (const [name, text] of Object.entries(files)) {
      await mkdir(dirname(join(dir, name)), { recursive: true });
      await writeFile(join(dir, name), text);
    }
    return dir;
  }

  let markers = 0;
  beforeEach(() => {
    markers++;
    marker = join(root, `marker-${markers}`);
    env = { PATH: process.env.PATH, FAKE_ORK_MARKER: marker };
  });

  function command(
    mode: string,
    extra: Partial<GateCommandConfig> = {},
  ): GateCommandConfig {
    return {
      command: [fakeOrk, mode, '{file}'],
      timeoutMs: 10_000,
      ...extra,
    };
  }

  function runner(config: ConstructorParameters<typeof GateRunner>[0]) {
    // The fake ork writes its calls to the marker file it is told of.
    return new GateRunner(
      { passEnv: ['FAKE_ORK_MARKER'], ...config },
      { env, now: () => NOW },
    );
  }

  it("gives the command PATH, HOME, ORK_*, the passEnv names and the gate's env: never the backend's secrets", async () => {
    const dir = await patternDir({ 'simulate.yaml': SIMULATE });
    env.HOME = '/home/backstage';
    env.ORK_REGISTRY = 'ghcr.io/acme/patterns/katalogs';
    env.KUBECONFIG = '/etc/kube/config';
    env.POSTGRES_PASSWORD = 'db-secret';
    env.ORKESTRA_REGISTRY_PASSWORD = 'registry-secret';
    env.BACKEND_SECRET = 'backend-secret';
    env.ORK_TOKEN = 'undocumented-secret';
    const lines: string[] = [];
    const outcome = await new GateRunner(
      {
        simulate: { ...command('env'), env: { EXTRA: 'x' } },
        passEnv: ['KUBECONFIG'],
      },
      { env, now: () => NOW },
    ).runSimulate(dir, { onOutput: line => lines.push(line) });
    expect(outcome.status).toBe('passed');
    const names = lines.map(line => line.split('=')[0]);
    expect(names).toEqual(
      expect.arrayContaining([
        'PATH',
        'HOME',
        'ORK_REGISTRY',
        'KUBECONFIG',
        'EXTRA',
      ]),
    );
    expect(lines).toContain('KUBECONFIG=/etc/kube/config');
    expect(lines.join('\n')).not.toMatch(/secret/);
    expect(names).not.toContain('FAKE_ORK_MARKER');
  });

  it('passes and lets the result line override assertions and duration', async () => {
    const dir = await patternDir({ 'simulate.yaml': SIMULATE });
    const lines: string[] = [];
    const outcome = await runner({ simulate: command('pass') }).runSimulate(
      dir,
      { onOutput: line => lines.push(line) },
    );
    expect(outcome).toMatchObject({
      gate: 'simulate',
      status: 'passed',
      assertions: 7,
      durationMs: 42,
      testedAt: NOW,
    });
    expect(outcome.runner).toBeUndefined();
    expect(outcome.message).toContain('passed');
    expect(outcome.logExcerpt).toContain('simulating');
    expect(outcome.logExcerpt).toContain('warning: slow cycle');
    expect(toSimulateRecord(outcome)).toEqual({
      status: 'passed',
      testedAt: NOW,
      durationMs: 42,
      assertions: 7,
    });
    // Streamed line by line, stdout and stderr, result line included.
    expect(lines).toEqual(
      expect.arrayContaining([
        `simulating ${join(dir, 'simulate.yaml')}`,
        'warning: slow cycle',
        'ORKESTRA_GATE_RESULT {"assertions":7,"durationMs":42}',
      ]),
    );
    expect(lines).toHaveLength(3);
  });

  it('passes without a result line: assertions counted from simulate.yaml', async () => {
    const dir = await patternDir({ 'simulate.yaml': SIMULATE });
    const outcome = await runner({
      simulate: command('pass-quiet'),
    }).runSimulate(dir);
    expect(outcome.status).toBe('passed');
    expect(outcome.assertions).toBe(3);
    expect(outcome.durationMs).toEqual(expect.any(Number));
    expect(outcome.durationMs).toBeGreaterThanOrEqual(0);
    expect(outcome.logExcerpt).toBe('ok\n');
  });

  it('fails on a non-zero exit code', async () => {
    const dir = await patternDir({ 'simulate.yaml': SIMULATE });
    const outcome = await runner({ simulate: command('fail') }).runSimulate(
      dir,
    );
    expect(outcome.status).toBe('failed');
    expect(outcome.message).toContain('exit code 1');
    expect(outcome.logExcerpt).toContain('assertion failed: ops[0]');
    expect(outcome.logExcerpt).toContain('boom');
    expect(() => toSimulateRecord(outcome)).toThrow(/blocked/);
  });

  it('fails when the command cannot be started', async () => {
    const dir = await patternDir({ 'simulate.yaml': SIMULATE });
    const outcome = await runner({
      simulate: { command: [join(root, 'missing-ork')], timeoutMs: 10_000 },
    }).runSimulate(dir);
    expect(outcome.status).toBe('failed');
    expect(outcome.message).toMatch(
      /^Simulate gate command could not be started: spawn .*missing-ork ENOENT$/,
    );
  });

  it('kills a command that times out and fails', async () => {
    const dir = await patternDir({ 'simulate.yaml': SIMULATE });
    const started = Date.now();
    const outcome = await runner({
      simulate: command('hang', { timeoutMs: 500 }),
    }).runSimulate(dir);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(outcome.status).toBe('failed');
    expect(outcome.message).toBe('Simulate gate timed out after 0.5 s');
    expect(outcome.logExcerpt).toContain('starting');
  });

  it('escalates to SIGKILL when the command ignores SIGTERM', async () => {
    const dir = await patternDir({ 'simulate.yaml': SIMULATE });
    const started = Date.now();
    const outcome = await new GateRunner(
      { simulate: command('stubborn', { timeoutMs: 300 }) },
      { env, killGraceMs: 300 },
    ).runSimulate(dir);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(outcome.status).toBe('failed');
    expect(outcome.message).toContain('timed out');
  });

  it('kills the command and rejects with an AbortError when aborted', async () => {
    const dir = await patternDir({ 'simulate.yaml': SIMULATE });
    const controller = new AbortController();
    const started = Date.now();
    await expect(
      runner({ simulate: command('hang') }).runSimulate(dir, {
        signal: controller.signal,
        onOutput: line => {
          if (line === 'starting') controller.abort();
        },
      }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const dir = await patternDir({ 'simulate.yaml': SIMULATE });
    const controller = new AbortController();
    controller.abort();
    await expect(
      runner({ simulate: command('pass') }).runSimulate(dir, {
        signal: controller.signal,
      }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(existsSync(marker)).toBe(false);
  });

  it('records no-assertion without running when spec.expect is missing', async () => {
    const dir = await patternDir({ 'simulate.yaml': SIMULATE_NO_EXPECT });
    const outcome = await runner({ simulate: command('pass') }).runSimulate(
      dir,
    );
    expect(outcome).toMatchObject({
      status: 'no-assertion',
      assertions: 0,
      testedAt: NOW,
    });
    expect(outcome.durationMs).toBeUndefined();
    expect(existsSync(marker)).toBe(false);
    expect(toSimulateRecord(outcome)).toEqual({
      status: 'no-assertion',
      testedAt: NOW,
    });
  });

  it('records skipped without running', async () => {
    const dir = await patternDir({ 'simulate.yaml': SIMULATE });
    const outcome = await runner({ simulate: command('pass') }).runSimulate(
      dir,
      { skip: true },
    );
    expect(outcome.status).toBe('skipped');
    expect(existsSync(marker)).toBe(false);
    expect(toSimulateRecord(outcome)).toEqual({
      status: 'skipped',
      testedAt: NOW,
    });
  });

  it('is not applicable without simulate.yaml, even when skipped', async () => {
    const dir = await patternDir({});
    const gates = runner({ simulate: command('pass') });
    expect((await gates.runSimulate(dir)).status).toBe('not-applicable');
    expect((await gates.runSimulate(dir, { skip: true })).status).toBe(
      'not-applicable',
    );
    expect(existsSync(marker)).toBe(false);
    expect(toSimulateRecord(await gates.runSimulate(dir))).toBeUndefined();
  });

  it('throws GateNotConfiguredError naming the config key', async () => {
    const dir = await patternDir({
      'simulate.yaml': SIMULATE,
      'e2e.yaml': E2E,
    });
    const gates = runner({});
    await expect(gates.runSimulate(dir)).rejects.toThrow(
      GateNotConfiguredError,
    );
    await expect(gates.runSimulate(dir)).rejects.toThrow(
      /orkestra\.gates\.simulate\.command/,
    );
    await expect(gates.runE2e(dir)).rejects.toMatchObject({
      configKey: 'orkestra.gates.e2e.command',
    });
    // Nothing to run needs no command.
    expect((await gates.runSimulate(dir, { skip: true })).status).toBe(
      'skipped',
    );
  });

  it('substitutes {file} (absolute) and {dir} and runs in the pattern folder', async () => {
    const dir = await patternDir({ 'simulate.yaml': SIMULATE });
    const lines: string[] = [];
    const outcome = await runner({
      simulate: {
        command: [fakeOrk, 'args', '{file}', '--dir={dir}', 'plain'],
        timeoutMs: 10_000,
        env: { EXTRA: 'x' },
      },
    }).runSimulate(join(dir, '.'), { onOutput: line => lines.push(line) });
    expect(outcome.status).toBe('passed');
    expect(lines).toEqual([
      `arg:${join(dir, 'simulate.yaml')}`,
      `arg:--dir=${dir}`,
      'arg:plain',
      `cwd:${dir}`,
    ]);
    expect(await readFile(marker, 'utf8')).toContain('called args');
  });

  describe('e2e', () => {
    it('runs e2e.yaml and records the runner detected from the env', async () => {
      const dir = await patternDir({ 'e2e.yaml': E2E });
      env.GITHUB_ACTIONS = 'true';
      env.CI = 'true';
      const outcome = await runner({ e2e: command('pass-quiet') }).runE2e(dir);
      expect(outcome).toMatchObject({
        gate: 'e2e',
        status: 'passed',
        assertions: 1,
        runner: 'github-actions',
      });
      expect(toE2eRecord(outcome)).toEqual({
        status: 'passed',
        testedAt: NOW,
        runner: 'github-actions',
        durationMs: outcome.durationMs,
        assertions: 1,
      });
    });

    it('records local without CI variables, and the configured override', async () => {
      const dir = await patternDir({ 'e2e.yaml': E2E });
      const local = await runner({ e2e: command('pass') }).runE2e(dir);
      expect(local).toMatchObject({
        status: 'passed',
        assertions: 7,
        runner: 'local',
      });
      const override = await runner({
        e2e: command('pass'),
        runner: 'self-hosted',
      }).runE2e(dir);
      expect(override.runner).toBe('self-hosted');
    });

    it('fails, skips, and does not apply without e2e.yaml', async () => {
      const dir = await patternDir({ 'e2e.yaml': E2E });
      const gates = runner({ e2e: command('fail') });
      const failed = await gates.runE2e(dir);
      expect(failed.status).toBe('failed');
      expect(() => toE2eRecord(failed)).toThrow(/blocked/);

      const empty = await patternDir({});
      expect(await gates.runE2e(empty)).toMatchObject({
        status: 'not-applicable',
        runner: 'local',
      });
      // Like `--no-e2e`: skipped even without e2e.yaml.
      const skipped = await gates.runE2e(empty, { skip: true });
      expect(skipped.status).toBe('skipped');
      expect(toE2eRecord(skipped)).toEqual({
        status: 'skipped',
        testedAt: NOW,
        runner: 'local',
      });
    });

    // Golden tests for the count `ork push` writes to io.orkestra.e2e.assertions:
    // ork (package e2e: pkg/e2e, later pkg/registry/e2e) result.go Total() =
    // len(Result.Cases), and runner.go Run appends one CaseResult per item of
    // ExpandExpectIncludes(spec.expect, e2eDir) (validate.go).
    describe('assertions, counted like ork (Result.Total())', () => {
      it('records 2 for the e2e.yaml example of the spec', async () => {
        // Derived by hand from runner.go: katalog + cr are set, so it is not a
        // pure aggregator and spec.expect runs; no item has include:, so the
        // expansion is spec.expect itself; the loop appends one case for
        // "CR reconciled" (its resource and its kubectl get are one case) and
        // one for "Cleanup": 2 cases. imports: run after, as their own E2E,
        // and add none. (Our old count: 1 + 1 + 1 = 3.)
        const dir = await patternDir({ 'e2e.yaml': SPEC_E2E });
        const outcome = await runner({ e2e: command('pass-quiet') }).runE2e(
          dir,
        );
        expect(outcome).toMatchObject({ status: 'passed', assertions: 2 });
        expect(toE2eRecord(outcome)?.assertions).toBe(2);
      });

      it('counts an expect item with several resources and kubectl checks as 1', async () => {
        const dir = await patternDir({
          'e2e.yaml': `kind: E2E
spec:
  katalog: ./katalog.yaml
  cr: ./cr.yaml
  expect:
    - name: everything at once
      after: cr-applied
      resources:
        - { kind: Deployment, name: a, ready: true }
        - { kind: Service, name: a }
        - { kind: ConfigMap, name: a }
      kubectl:
        get: [{ kind: A, name: a, field: .status.phase, equals: Ready }, { kind: A, name: a, field: .spec.x, equals: y }]
        logs: [{ labelSelector: app=a, outputContains: started }]
        exec: [{ labelSelector: app=a, command: [true], exists: true }]
      commands: [{ run: 'true' }, { run: 'true' }]
`,
        });
        const outcome = await runner({ e2e: command('pass-quiet') }).runE2e(
          dir,
        );
        expect(outcome.assertions).toBe(1);
      });

      it('expands include: items in place, relative to e2e.yaml, one level deep', async () => {
        // 1 + 3 (common.yaml: its nested include is one case, not expanded and
        // never read) + 0 (spec-shaped.yaml: only a top-level expect: counts)
        // + 1 (absolute path) + 1 = 6. Our old count: 2 + 1 + 0 + 0 + 0 + 1 = 4.
        const dir = await patternDir({
          'expect/common.yaml': `description: shared checks, other keys are ignored
expect:
  - name: Service answers
    after: cr-applied
    resources: [{ kind: Service, name: demo }, { kind: Endpoints, name: demo }]
  - name: Logs clean
    after: cr-applied
    kubectl:
      logs: [{ labelSelector: app=demo, outputNotContains: ERROR }]
  - include: ./does-not-exist.yaml
`,
          'expect/spec-shaped.yaml': `kind: E2E
spec:
  expect:
    - { name: not counted, resources: [{ kind: Pod }] }
`,
          'shared/abs.yaml': 'expect:\n  - name: from an absolute path\n',
        });
        await writeFile(
          join(dir, 'e2e.yaml'),
          `kind: E2E
spec:
  katalog: ./katalog.yaml
  cr: ./cr.yaml
  expect:
    - name: Deployment ready
      after: cr-applied
      resources:
        - { kind: Deployment, name: demo, ready: true }
        - { kind: Service, name: demo }
      kubectl:
        get: [{ kind: Demo, name: demo, field: .status.phase, equals: Ready }]
    - include: ./expect/common.yaml
    - include: expect/spec-shaped.yaml
    - include: ${join(dir, 'shared', 'abs.yaml')}
    - name: Cleanup
      after: cr-deleted
      include: ""
      resources: [{ kind: Deployment, name: demo, count: 0 }]
`,
        );
        const outcome = await runner({ e2e: command('pass-quiet') }).runE2e(
          dir,
        );
        expect(outcome).toMatchObject({ status: 'passed', assertions: 6 });
      });

      it('rejects a missing include before running anything, as ork fails the run', async () => {
        const dir = await patternDir({
          'e2e.yaml': `kind: E2E
spec:
  katalog: ./katalog.yaml
  cr: ./cr.yaml
  expect:
    - name: ok
      resources: [{ kind: Deployment, name: demo }]
    - include: ./expect/missing.yaml
`,
        });
        await expect(
          runner({ e2e: command('pass') }).runE2e(dir),
        ).rejects.toThrow(
          new PatternValidationError(
            `${join(
              dir,
              'e2e.yaml',
            )}: spec.expect[1].include ./expect/missing.yaml: file ${join(
              dir,
              'expect',
              'missing.yaml',
            )} does not exist`,
          ),
        );
        expect(existsSync(marker)).toBe(false);
      });

      it('rejects an include that is a bare list, as yaml.Unmarshal into the wrapper struct does', async () => {
        const dir = await patternDir({
          'list.yaml': '- name: a\n- name: b\n',
          'e2e.yaml':
            'kind: E2E\nspec:\n  katalog: ./k.yaml\n  cr: ./cr.yaml\n  expect:\n    - include: ./list.yaml\n',
        });
        await expect(
          runner({ e2e: command('pass') }).runE2e(dir),
        ).rejects.toThrow(
          new PatternValidationError(
            `${join(
              dir,
              'e2e.yaml',
            )}: spec.expect[0].include ./list.yaml: ./list.yaml must be a YAML mapping`,
          ),
        );
        expect(existsSync(marker)).toBe(false);
      });

      it('still lets the result line override the count', async () => {
        const dir = await patternDir({
          'more.yaml': 'expect: [{ name: a }, { name: b }]\n',
          'e2e.yaml':
            'kind: E2E\nspec:\n  katalog: ./k.yaml\n  cr: ./cr.yaml\n  expect:\n    - include: ./more.yaml\n',
        });
        const gates = runner({ e2e: command('pass') });
        expect((await gates.runE2e(dir)).assertions).toBe(7);
        const quiet = runner({ e2e: command('pass-quiet') });
        expect((await quiet.runE2e(dir)).assertions).toBe(2);
      });

      it('records no assertions for a pure aggregator: ork runs only its imports', async () => {
        // runner.go: no init, katalog without cr, no custom.target, imports
        // set → isPureAggregator; spec.expect is not run, Cases stays empty.
        const dir = await patternDir({
          'e2e.yaml': `kind: E2E
spec:
  katalog: ./katalog.yaml
  expect:
    - { name: never run, resources: [{ kind: Deployment, name: demo }] }
imports:
  - ./a/e2e.yaml
  - { path: ./b/e2e.yaml, freshCluster: true }
`,
        });
        const outcome = await runner({ e2e: command('pass-quiet') }).runE2e(
          dir,
        );
        expect(outcome.assertions).toBe(0);
        expect(toE2eRecord(outcome)).not.toHaveProperty('assertions');
      });
    });
  });
});
