import { GateCommandConfig } from '../types';
import { gateEnvironment } from './gateEnvironment';

/** A gate command ready to run: argv with placeholders filled, cwd and the whole environment. */
export interface GateCommand {
  executable: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
}

function substitute(arg: string, file: string, dir: string): string {
  return arg.split('{file}').join(file).split('{dir}').join(dir);
}

/**
 * Builds the command of one gate run: `{file}` and `{dir}` substituted in
 * every argv element, the pattern folder as cwd, and only the allow-listed
 * part of the backend's environment ({@link gateEnvironment}) plus the gate's
 * own `env`.
 */
export function buildGateCommand(
  config: GateCommandConfig,
  paths: { file: string; dir: string },
  backendEnv: NodeJS.ProcessEnv,
  passEnv: readonly string[] | undefined,
): GateCommand {
  const [executable, ...args] = config.command.map(arg =>
    substitute(arg, paths.file, paths.dir),
  );
  return {
    executable,
    args,
    cwd: paths.dir,
    env: { ...gateEnvironment(backendEnv, passEnv), ...config.env },
    timeoutMs: config.timeoutMs,
  };
}
