import { Config } from '@backstage/config';
import { spawn } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { E2eRecord, SimulateRecord } from '../pattern/codec/packPattern';
import { PatternValidationError } from '../pattern/PatternValidationError';
import {
  countE2ECases,
  DEFAULT_YAML_MAX_BYTES,
  E2EExpectationModel,
  parseE2E,
  parseE2EInclude,
  parseSimulate,
} from '../pattern/models';

/**
 * How to run one gate: an external command that follows the gate command contract (see {@link GateRunner}).
 *
 * @public
 */
export interface GateCommandConfig {
  /**
   * argv, run without a shell. Placeholders, substituted anywhere inside each
   * element: `{file}` (absolute path of `simulate.yaml` / `e2e.yaml`) and
   * `{dir}` (absolute path of the pattern folder).
   */
  command: string[];
  /** Wall-clock limit; past it the command is killed and the gate fails. */
  timeoutMs: number;
  /** Extra environment variables, set on top of the allow-listed environment. */
  env?: Record<string, string>;
}

/** ork's documented settings (spec §10): where Katalogs and Motifs are pushed. */
const ORK_SETTINGS = ['ORK_REGISTRY', 'ORK_MOTIFS_REGISTRY'];

/**
 * What a gate command gets of the backend's environment: PATH, HOME, ork's
 * documented settings (`ORK_REGISTRY`, `ORK_MOTIFS_REGISTRY`), and the names
 * `orkestra.gates.passEnv` lists. Nothing else: the backend's secrets
 * (database passwords, registry credentials, tokens, an `ORK_` variable ork
 * does not document) never reach a command a template runs.
 *
 * @public
 */
export function gateEnvironment(
  env: NodeJS.ProcessEnv,
  passEnv: readonly string[] = [],
): Record<string, string> {
  const allowed = new Set(['PATH', 'HOME', ...ORK_SETTINGS, ...passEnv]);
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    if (allowed.has(name)) result[name] = value;
  }
  return result;
}

/**
 * Gate configuration, usually read from `orkestra.gates` by {@link readGateRunnerConfig}.
 *
 * @public
 */
export interface GateRunnerConfig {
  simulate?: GateCommandConfig;
  e2e?: GateCommandConfig;
  /** Overrides the detected e2e runner name (`io.orkestra.e2e.runner`). */
  runner?: string;
  /** Names of the backend's environment variables the commands also get (e.g. `KUBECONFIG`). */
  passEnv?: string[];
}

/**
 * Which push gate.
 *
 * @public
 */
export type GateName = 'simulate' | 'e2e';

/**
 * The result of a gate; `failed` blocks the push.
 *
 * @public
 */
export type GateStatus =
  | 'passed'
  | 'failed'
  | 'no-assertion'
  | 'skipped'
  | 'not-applicable';

/**
 * What one gate run (or non-run) produced.
 *
 * @public
 */
export interface GateOutcome {
  gate: GateName;
  status: GateStatus;
  /** Counted from the file, or as reported by the command's result line. */
  assertions: number;
  /** Only set when the command ran. */
  durationMs?: number;
  testedAt: Date;
  /** e2e only: `config.runner`, or detected from the environment. */
  runner?: string;
  /** The last ~4 KiB of the command's output (stdout and stderr). */
  logExcerpt: string;
  /** One human-readable sentence about the outcome. */
  message: string;
}

/**
 * Options of {@link GateRunner.runSimulate} / {@link GateRunner.runE2e}.
 *
 * @public
 */
export interface GateRunOptions {
  /** Aborting kills the command and makes the run reject with {@link GateAbortedError}. */
  signal?: AbortSignal;
  /** Receives every output line (stdout and stderr, without the line break). */
  onOutput?: (line: string) => void;
  /** `--force` / `--no-simulate` / `--no-e2e`: record `skipped` without running. */
  skip?: boolean;
}

/**
 * Thrown when a gate must run but no command is configured for it.
 *
 * @public
 */
export class GateNotConfiguredError extends Error {
  readonly configKey: string;

  constructor(gate: GateName) {
    const configKey = `orkestra.gates.${gate}.command`;
    super(
      `The ${gate} gate must run but no command is configured; set ${configKey} in app-config`,
    );
    this.name = 'GateNotConfiguredError';
    this.configKey = configKey;
  }
}

/**
 * Thrown when a gate run is aborted through its signal (`name` is `AbortError`).
 *
 * @public
 */
export class GateAbortedError extends Error {
  constructor(gate: GateName) {
    super(`The ${gate} gate was aborted`);
    this.name = 'AbortError';
  }
}

/**
 * The prefix of the optional result line a gate command may print to stdout.
 *
 * @public
 */
export const GATE_RESULT_PREFIX = 'ORKESTRA_GATE_RESULT';

const DEFAULT_TIMEOUT_SECONDS: Record<GateName, number> = {
  simulate: 600,
  e2e: 1800,
};
const GATE_FILES: Record<GateName, string> = {
  simulate: 'simulate.yaml',
  e2e: 'e2e.yaml',
};
const LOG_EXCERPT_CHARS = 4096;
const MAX_LINE_CHARS = 16_384;
const MAX_STREAMED_CHARS = 8 * 1024 * 1024;
const DEFAULT_KILL_GRACE_MS = 5000;
/** How long to wait for stdout/stderr to close after the process exited. */
const STREAM_DRAIN_MS = 2000;

/**
 * Environment variables checked, in order, to name the e2e runner (spec §10),
 * with the value that counts: `"true"` exactly, or (`JENKINS_URL`) any.
 */
const RUNNER_ENV: Array<[string, string, 'true' | 'set']> = [
  ['GITHUB_ACTIONS', 'github-actions', 'true'],
  ['GITLAB_CI', 'gitlab-ci', 'true'],
  ['CIRCLECI', 'circleci', 'true'],
  ['JENKINS_URL', 'jenkins', 'set'],
  ['BUILDKITE', 'buildkite', 'true'],
  ['DRONE', 'drone', 'true'],
  ['CI', 'ci', 'true'],
];

/**
 * Names the e2e runner like `ork push` (push.go `detectRunner`): the first
 * CI variable that is `"true"` (`JENKINS_URL`: non-empty), else `local`. So
 * `CI=1` is `local`, as `ork` records it; `orkestra.gates.runner` overrides.
 *
 * @public
 */
export function detectE2eRunner(env: NodeJS.ProcessEnv): string {
  for (const [name, runner, counts] of RUNNER_ENV) {
    if (counts === 'set' ? env[name] : env[name] === 'true') return runner;
  }
  return 'local';
}

function readCommandConfig(
  config: Config | undefined,
  gate: GateName,
): GateCommandConfig | undefined {
  if (!config) return undefined;
  const command = config.getOptionalStringArray('command');
  if (!command) return undefined;
  if (command.length === 0 || !command[0]) {
    throw new Error(
      `orkestra.gates.${gate}.command must name an executable as its first element`,
    );
  }
  const timeoutSeconds =
    config.getOptionalNumber('timeout') ?? DEFAULT_TIMEOUT_SECONDS[gate];
  if (!(timeoutSeconds > 0)) {
    throw new Error(
      `orkestra.gates.${gate}.timeout must be a positive number of seconds`,
    );
  }
  const result: GateCommandConfig = {
    command,
    timeoutMs: Math.round(timeoutSeconds * 1000),
  };
  const envConfig = config.getOptionalConfig('env');
  if (envConfig) {
    const env: Record<string, string> = {};
    for (const key of envConfig.keys()) env[key] = envConfig.getString(key);
    result.env = env;
  }
  return result;
}

/**
 * Reads `orkestra.gates` from the root config:
 * `simulate.command` / `e2e.command` (string arrays), `simulate.timeout` /
 * `e2e.timeout` (seconds; default 600 / 1800), `simulate.env` / `e2e.env`
 * (string mappings) and `runner` (overrides the detected e2e runner).
 *
 * @public
 */
export function readGateRunnerConfig(config: Config): GateRunnerConfig {
  const gates = config.getOptionalConfig('orkestra.gates');
  const result: GateRunnerConfig = {};
  const simulate = readCommandConfig(
    gates?.getOptionalConfig('simulate'),
    'simulate',
  );
  if (simulate) result.simulate = simulate;
  const e2e = readCommandConfig(gates?.getOptionalConfig('e2e'), 'e2e');
  if (e2e) result.e2e = e2e;
  const runner = gates?.getOptionalString('runner');
  if (runner) result.runner = runner;
  const passEnv = gates?.getOptionalStringArray('passEnv');
  if (passEnv) result.passEnv = passEnv;
  return result;
}

/**
 * Converts a simulate outcome to the record `packPattern` writes. Returns
 * undefined for `not-applicable` (no annotation); throws for `failed`,
 * which blocks the push.
 *
 * @public
 */
export function toSimulateRecord(
  outcome: GateOutcome,
): SimulateRecord | undefined {
  switch (outcome.status) {
    case 'not-applicable':
      return undefined;
    case 'failed':
      throw new Error(`${outcome.message}; the push is blocked`);
    case 'passed': {
      const record: SimulateRecord = {
        status: 'passed',
        testedAt: outcome.testedAt,
        durationMs: outcome.durationMs ?? 0,
      };
      if (outcome.assertions > 0) record.assertions = outcome.assertions;
      return record;
    }
    default:
      return { status: outcome.status, testedAt: outcome.testedAt };
  }
}

/**
 * Converts an e2e outcome to the record `packPattern` writes. Returns
 * undefined for `not-applicable`; throws for `failed` (push blocked).
 *
 * @public
 */
export function toE2eRecord(outcome: GateOutcome): E2eRecord | undefined {
  const runner = outcome.runner ?? 'local';
  switch (outcome.status) {
    case 'not-applicable':
      return undefined;
    case 'failed':
      throw new Error(`${outcome.message}; the push is blocked`);
    case 'passed': {
      const record: E2eRecord = {
        status: 'passed',
        testedAt: outcome.testedAt,
        runner,
        durationMs: outcome.durationMs ?? 0,
      };
      if (outcome.assertions > 0) record.assertions = outcome.assertions;
      return record;
    }
    case 'skipped':
      return { status: 'skipped', testedAt: outcome.testedAt, runner };
    default:
      throw new Error(
        `an e2e outcome with status ${outcome.status} cannot be recorded`,
      );
  }
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return readFile(path, 'utf8');
}

/**
 * Loads the file an `include:` item of `e2e.yaml` names, as ork's
 * `ExpandExpectIncludes` does: a relative path is joined to the directory of
 * the e2e.yaml (not the cwd), an absolute one is used as it is; a missing
 * file is an error (`ork e2e` fails the run, so the push is blocked). Beyond
 * ork, it refuses what is not a regular file (a FIFO would block) or is over
 * the YAML size limit, and reports only the first line of a parse error, so
 * no content of a file outside the pattern folder reaches the log.
 */
async function loadE2eInclude(
  e2eFile: string,
  include: string,
  index: number,
): Promise<E2EExpectationModel[]> {
  const path = resolve(dirname(e2eFile), include);
  const fail = (problem: string): never => {
    throw new PatternValidationError(
      `${e2eFile}: spec.expect[${index}].include ${include}: ${problem}`,
    );
  };
  let size = 0;
  try {
    const info = await stat(path);
    if (!info.isFile()) fail('is not a regular file');
    size = info.size;
  } catch (error) {
    if (error instanceof PatternValidationError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    fail(
      code === 'ENOENT' || code === 'ENOTDIR'
        ? `file ${path} does not exist`
        : `cannot be read (${code ?? 'error'})`,
    );
  }
  if (size > DEFAULT_YAML_MAX_BYTES) {
    fail(`is ${size} bytes; the limit is ${DEFAULT_YAML_MAX_BYTES}`);
  }
  let text = '';
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    fail(
      `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  try {
    return parseE2EInclude(text, include);
  } catch (error) {
    if (!(error instanceof PatternValidationError)) throw error;
    return fail(error.message.split('\n')[0].replace(/:$/, ''));
  }
}

function substitute(arg: string, file: string, dir: string): string {
  return arg.split('{file}').join(file).split('{dir}').join(dir);
}

interface GateResultLine {
  assertions?: number;
  durationMs?: number;
}

function parseResultLine(line: string): GateResultLine | undefined {
  if (!line.startsWith(`${GATE_RESULT_PREFIX} `)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(line.slice(GATE_RESULT_PREFIX.length + 1));
  } catch {
    return undefined;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return undefined;
  }
  const { assertions, durationMs } = value as Record<string, unknown>;
  const result: GateResultLine = {};
  if (
    typeof assertions === 'number' &&
    Number.isInteger(assertions) &&
    assertions >= 0
  ) {
    result.assertions = assertions;
  }
  if (
    typeof durationMs === 'number' &&
    Number.isFinite(durationMs) &&
    durationMs >= 0
  ) {
    result.durationMs = Math.round(durationMs);
  }
  return result;
}

/** Collects output lines: streams them, keeps a bounded tail, caps the total. */
class OutputCollector {
  #tail = '';
  #streamed = 0;
  #truncated = false;
  result: GateResultLine | undefined;

  constructor(private readonly onOutput?: (line: string) => void) {}

  get excerpt(): string {
    return this.#tail.slice(-LOG_EXCERPT_CHARS);
  }

  line(text: string, fromStdout: boolean) {
    const line = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (fromStdout) {
      const result = parseResultLine(line);
      if (result) this.result = result;
    }
    this.#tail = `${this.#tail}${line}\n`.slice(-LOG_EXCERPT_CHARS * 2);
    if (this.#truncated) return;
    this.#streamed += line.length + 1;
    if (this.#streamed > MAX_STREAMED_CHARS) {
      this.#truncated = true;
      this.#emit(
        `[orkestra: output truncated after ${MAX_STREAMED_CHARS} characters]`,
      );
      return;
    }
    this.#emit(line);
  }

  #emit(line: string) {
    try {
      this.onOutput?.(line);
    } catch {
      // A failing listener must not break the gate.
    }
  }

  /** Returns a data handler that splits a stream into lines. */
  splitter(fromStdout: boolean): {
    data: (chunk: string) => void;
    end: () => void;
  } {
    let partial = '';
    return {
      data: chunk => {
        partial += chunk;
        let newline = partial.indexOf('\n');
        while (newline >= 0) {
          this.line(partial.slice(0, newline), fromStdout);
          partial = partial.slice(newline + 1);
          newline = partial.indexOf('\n');
        }
        if (partial.length > MAX_LINE_CHARS) {
          this.line(partial, fromStdout);
          partial = '';
        }
      },
      end: () => {
        if (partial) this.line(partial, fromStdout);
        partial = '';
      },
    };
  }
}

interface CommandResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  aborted: boolean;
  spawnError?: Error;
  durationMs: number;
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))}`;
}

/**
 * Runs the push gates (spec §4) of a pattern folder through external
 * commands configured under `orkestra.gates`.
 *
 * Semantics, per gate: no `simulate.yaml` / `e2e.yaml` → `not-applicable`;
 * `skip` → `skipped` (nothing runs; for e2e even without `e2e.yaml`, like
 * `--no-e2e`); a `simulate.yaml` without `spec.expect` → `no-assertion`
 * (nothing runs); no command configured → {@link GateNotConfiguredError};
 * otherwise the command runs and its exit code decides `passed` / `failed`.
 * Assertions are counted from the gate file (the result line overrides
 * them): simulate as ork's `countSimulateAssertions`; e2e as ork's
 * `Result.Total()`, one case per `spec.expect` item after `include:` items
 * are expanded ({@link countE2ECases}), so an item checking several
 * resources is one assertion; a missing include rejects with
 * `PatternValidationError` before anything runs.
 * A timeout kills the command and yields `failed`; aborting the signal kills
 * it and rejects with {@link GateAbortedError}. Invalid gate files reject
 * with the parser's `PatternValidationError`.
 *
 * The gate command contract:
 * - `command` is an argv, run without a shell, with `{file}` (absolute path
 *   of the gate file) and `{dir}` (absolute pattern folder) substituted; the
 *   pattern folder is its cwd and stdin is closed (`/dev/null`). Its
 *   environment is PATH, HOME, ork's documented `ORK_` settings and the `passEnv` names of the
 *   runner's environment ({@link gateEnvironment}), plus `env` from its config.
 * - Exit code 0 means the gate passed; anything else (or death by a signal)
 *   means it failed.
 * - It may print one line
 *   `ORKESTRA_GATE_RESULT {"assertions":N,"durationMs":N}` to stdout; it
 *   overrides the assertions counted from the gate file and the measured
 *   duration (either field may be left out; malformed lines are ignored).
 * - Everything it prints to stdout and stderr is streamed line by line to
 *   `onOutput`; the last ~4 KiB are kept as `logExcerpt`.
 * - On timeout or abort its process group gets SIGTERM, then SIGKILL after
 *   5 s, so it should stop its children on SIGTERM.
 *
 * @public
 */
export class GateRunner {
  readonly #config: GateRunnerConfig;
  readonly #env: NodeJS.ProcessEnv;
  readonly #now: () => Date;
  readonly #killGraceMs: number;

  /**
   * @param config - the gate commands, usually from {@link readGateRunnerConfig}.
   * @param options - `env` is used to detect the e2e runner (the commands get
   *   only its allow-listed part; defaults to `process.env`); `now` is the
   *   clock for `testedAt`; `killGraceMs` is the delay between SIGTERM and
   *   SIGKILL (5 s).
   */
  constructor(
    config: GateRunnerConfig,
    options: {
      env?: NodeJS.ProcessEnv;
      now?: () => Date;
      killGraceMs?: number;
    } = {},
  ) {
    this.#config = config;
    this.#env = options.env ?? process.env;
    this.#now = options.now ?? (() => new Date());
    this.#killGraceMs = options.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
  }

  /** The e2e runner name recorded in `io.orkestra.e2e.runner`. */
  get e2eRunner(): string {
    return this.#config.runner ?? detectE2eRunner(this.#env);
  }

  async runSimulate(
    dir: string,
    options: GateRunOptions = {},
  ): Promise<GateOutcome> {
    const folder = resolve(dir);
    const file = resolve(folder, GATE_FILES.simulate);
    const testedAt = this.#now();
    const base = { gate: 'simulate' as const, testedAt, logExcerpt: '' };
    const text = await readIfExists(file);
    if (text === undefined) {
      return {
        ...base,
        status: 'not-applicable',
        assertions: 0,
        message: 'No simulate.yaml; the simulate gate does not apply',
      };
    }
    if (options.skip) {
      return {
        ...base,
        status: 'skipped',
        assertions: 0,
        message: 'Simulate gate skipped',
      };
    }
    const model = parseSimulate(text, file);
    if (!model.hasExpect) {
      return {
        ...base,
        status: 'no-assertion',
        assertions: 0,
        message:
          'simulate.yaml has no spec.expect; no assertions, the simulate gate was not run',
      };
    }
    return this.#run('simulate', folder, file, model.assertions, testedAt, {
      options,
    });
  }

  async runE2e(
    dir: string,
    options: GateRunOptions = {},
  ): Promise<GateOutcome> {
    const folder = resolve(dir);
    const file = resolve(folder, GATE_FILES.e2e);
    const testedAt = this.#now();
    const runner = this.e2eRunner;
    const base = { gate: 'e2e' as const, testedAt, runner, logExcerpt: '' };
    if (options.skip) {
      return {
        ...base,
        status: 'skipped',
        assertions: 0,
        message: 'E2E gate skipped',
      };
    }
    const text = await readIfExists(file);
    if (text === undefined) {
      return {
        ...base,
        status: 'not-applicable',
        assertions: 0,
        message: 'No e2e.yaml; the e2e gate does not apply',
      };
    }
    const model = parseE2E(text, file);
    const cases = await countE2ECases(model, (include, index) =>
      loadE2eInclude(file, include, index),
    );
    return this.#run('e2e', folder, file, cases, testedAt, {
      options,
      runner,
    });
  }

  async #run(
    gate: GateName,
    dir: string,
    file: string,
    countedAssertions: number,
    testedAt: Date,
    extra: { options: GateRunOptions; runner?: string },
  ): Promise<GateOutcome> {
    const commandConfig = this.#config[gate];
    if (!commandConfig || commandConfig.command.length === 0) {
      throw new GateNotConfiguredError(gate);
    }
    const { signal, onOutput } = extra.options;
    if (signal?.aborted) throw new GateAbortedError(gate);

    const output = new OutputCollector(onOutput);
    const result = await this.#spawn(commandConfig, file, dir, output, signal);
    if (result.aborted) throw new GateAbortedError(gate);

    const label = gate === 'simulate' ? 'Simulate' : 'E2E';
    const assertions = output.result?.assertions ?? countedAssertions;
    const durationMs = output.result?.durationMs ?? result.durationMs;
    const outcome: GateOutcome = {
      gate,
      status: 'failed',
      assertions,
      durationMs,
      testedAt,
      logExcerpt: output.excerpt,
      message: '',
    };
    if (extra.runner !== undefined) outcome.runner = extra.runner;

    if (result.timedOut) {
      outcome.message = `${label} gate timed out after ${formatSeconds(
        commandConfig.timeoutMs,
      )} s`;
    } else if (result.spawnError) {
      outcome.message = `${label} gate command could not be started: ${result.spawnError.message}`;
    } else if (result.exitCode === 0) {
      outcome.status = 'passed';
      outcome.message = `${label} gate passed · ${assertions} assertions · ${durationMs}ms`;
    } else if (result.signal) {
      outcome.message = `${label} gate failed: the command was killed by ${result.signal}`;
    } else {
      outcome.message = `${label} gate failed with exit code ${result.exitCode}`;
    }
    return outcome;
  }

  #spawn(
    config: GateCommandConfig,
    file: string,
    dir: string,
    output: OutputCollector,
    signal: AbortSignal | undefined,
  ): Promise<CommandResult> {
    const [executable, ...args] = config.command.map(arg =>
      substitute(arg, file, dir),
    );
    const started = performance.now();
    return new Promise(resolvePromise => {
      const state = {
        timedOut: false,
        aborted: false,
        spawnError: undefined as Error | undefined,
      };
      const child = spawn(executable, args, {
        cwd: dir,
        env: {
          ...gateEnvironment(this.#env, this.#config.passEnv),
          ...config.env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
        shell: false,
        // Own process group, so a kill reaches the command's children too.
        detached: process.platform !== 'win32',
        windowsHide: true,
      });

      const timers: NodeJS.Timeout[] = [];
      let exited = false;
      const kill = (sig: NodeJS.Signals) => {
        if (exited || child.pid === undefined) return;
        try {
          if (process.platform === 'win32') child.kill(sig);
          else process.kill(-child.pid, sig);
        } catch {
          child.kill(sig);
        }
      };
      const terminate = () => {
        kill('SIGTERM');
        const escalate = setTimeout(() => kill('SIGKILL'), this.#killGraceMs);
        escalate.unref();
        timers.push(escalate);
      };

      const timeout = setTimeout(() => {
        state.timedOut = true;
        terminate();
      }, config.timeoutMs);
      timers.push(timeout);
      const onAbort = () => {
        state.aborted = true;
        terminate();
      };
      signal?.addEventListener('abort', onAbort, { once: true });

      const stdout = output.splitter(true);
      const stderr = output.splitter(false);
      child.stdout?.setEncoding('utf8').on('data', stdout.data);
      child.stderr?.setEncoding('utf8').on('data', stderr.data);

      let exitCode: number | null = null;
      let exitSignal: NodeJS.Signals | null = null;
      let settled = false;
      const finish = () => {
        if (settled) return;
        settled = true;
        for (const timer of timers) clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        stdout.end();
        stderr.end();
        resolvePromise({
          exitCode,
          signal: exitSignal,
          timedOut: state.timedOut,
          aborted: state.aborted,
          spawnError: state.spawnError,
          durationMs: Math.round(performance.now() - started),
        });
      };

      child.once('error', error => {
        // Only a failed spawn (e.g. ENOENT) reaches here before 'exit'.
        if (!exited) {
          state.spawnError = error;
          exited = true;
          finish();
        }
      });
      child.once('exit', (code, sig) => {
        exited = true;
        exitCode = code;
        exitSignal = sig;
        clearTimeout(timeout);
        signal?.removeEventListener('abort', onAbort);
        // Grandchildren may still hold the pipes; do not wait for them forever.
        const drain = setTimeout(() => {
          child.stdout?.destroy();
          child.stderr?.destroy();
          finish();
        }, STREAM_DRAIN_MS);
        drain.unref();
        timers.push(drain);
      });
      child.once('close', () => finish());
    });
  }
}
