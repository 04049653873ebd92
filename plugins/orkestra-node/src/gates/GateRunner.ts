import { resolve } from 'node:path';
import { countE2ECases, parseE2E, parseSimulate } from '../pattern/models';
import { buildGateCommand } from './command/gateCommand';
import { detectE2eRunner } from './runner/e2eRunner';
import { GateAbortedError, GateNotConfiguredError } from './errors';
import { loadE2eInclude } from './files/loadE2eInclude';
import { readGateFile } from './files/readGateFile';
import { ranGateOutcome } from './outcome/ranGateOutcome';
import { OutputCollector } from './output/OutputCollector';
import { runGateProcess } from './process/runGateProcess';
import {
  GateName,
  GateOutcome,
  GateRunnerConfig,
  GateRunOptions,
} from './types';

const DEFAULT_KILL_GRACE_MS = 5000;
const GATE_FILES: Record<GateName, string> = {
  simulate: 'simulate.yaml',
  e2e: 'e2e.yaml',
};

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
    const text = await readGateFile(file);
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
    const text = await readGateFile(file);
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

    const command = buildGateCommand(
      commandConfig,
      { file, dir },
      this.#env,
      this.#config.passEnv,
    );
    const output = new OutputCollector(onOutput);
    const result = await runGateProcess(command, {
      stdout: output.splitter(true),
      stderr: output.splitter(false),
      signal,
      killGraceMs: this.#killGraceMs,
    });
    if (result.aborted) throw new GateAbortedError(gate);

    return ranGateOutcome({
      gate,
      testedAt,
      runner: extra.runner,
      timeoutMs: commandConfig.timeoutMs,
      countedAssertions,
      process: result,
      resultLine: output.result,
      logExcerpt: output.excerpt,
    });
  }
}
