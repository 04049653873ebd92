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
