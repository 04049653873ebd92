import execa from 'execa';
import { GateCommand } from '../command/gateCommand';
import { LineSplitter } from '../output/OutputCollector';
import { GroupTerminator } from './killProcessGroup';

/** How a gate command ended. */
export interface GateProcessResult {
  /** The exit code; null when killed by a signal or not started. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** The timeout fired (the command was then terminated). */
  timedOut: boolean;
  /** The abort signal fired (the command was then terminated). */
  aborted: boolean;
  /** Set when the command could not be started (e.g. ENOENT). */
  spawnError?: string;
  durationMs: number;
}

/** Options of {@link runGateProcess}. */
export interface GateProcessOptions {
  stdout: LineSplitter;
  stderr: LineSplitter;
  signal?: AbortSignal;
  /** Delay between SIGTERM and SIGKILL on timeout or abort. */
  killGraceMs: number;
}

/** How long to wait for stdout/stderr to close after the process exited. */
const STREAM_DRAIN_MS = 2000;

/**
 * Runs a gate command with execa: no shell, stdin closed, exactly the given
 * environment, in its own process group. On timeout or abort the whole group
 * is terminated ({@link GroupTerminator}); execa's own `timeout` is not used
 * because it signals only the direct child, not the command's children.
 */
export async function runGateProcess(
  command: GateCommand,
  options: GateProcessOptions,
): Promise<GateProcessResult> {
  const { signal, killGraceMs } = options;
  const started = performance.now();
  const state = { timedOut: false, aborted: false };
  const child = execa(command.executable, command.args, {
    cwd: command.cwd,
    env: command.env,
    extendEnv: false,
    stdin: 'ignore',
    stdout: 'pipe',
    stderr: 'pipe',
    buffer: false,
    reject: false,
    shell: false,
    // Own process group, so a kill reaches the command's children too.
    detached: process.platform !== 'win32',
    windowsHide: true,
  });
  const closed = new Promise<void>(resolve => child.once('close', resolve));
  child.stdout?.setEncoding('utf8').on('data', options.stdout.data);
  child.stderr?.setEncoding('utf8').on('data', options.stderr.data);

  const terminator = new GroupTerminator(child, killGraceMs);
  const timeout = setTimeout(() => {
    state.timedOut = true;
    terminator.terminate();
  }, command.timeoutMs);
  const onAbort = () => {
    state.aborted = true;
    terminator.terminate();
  };
  signal?.addEventListener('abort', onAbort, { once: true });

  let result: Partial<execa.ExecaError>;
  try {
    result = await child;
  } catch (error) {
    // execa rejects, even with `reject: false`, when spawn throws synchronously.
    result = error as execa.ExecaError;
  }
  clearTimeout(timeout);
  signal?.removeEventListener('abort', onAbort);

  const exitCode = result.exitCode ?? null;
  const exitSignal = (result.signal as NodeJS.Signals | undefined) ?? null;
  const notStarted = exitCode === null && exitSignal === null;
  if (!notStarted) {
    // Grandchildren may still hold the pipes; do not wait for them forever.
    let drain: NodeJS.Timeout | undefined;
    await Promise.race([
      closed,
      new Promise<void>(resolve => {
        drain = setTimeout(resolve, STREAM_DRAIN_MS);
      }),
    ]);
    clearTimeout(drain);
    child.stdout?.destroy();
    child.stderr?.destroy();
  }
  terminator.cancel();
  options.stdout.end();
  options.stderr.end();

  const processResult: GateProcessResult = {
    exitCode,
    signal: exitSignal,
    timedOut: state.timedOut,
    aborted: state.aborted,
    durationMs: Math.round(performance.now() - started),
  };
  if (notStarted) {
    processResult.spawnError =
      result.originalMessage ?? result.shortMessage ?? 'unknown error';
  }
  return processResult;
}
