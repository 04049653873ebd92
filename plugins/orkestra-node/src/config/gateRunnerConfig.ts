import { Config } from '@backstage/config';
import { GateCommandConfig, GateName, GateRunnerConfig } from '../gates/types';

const DEFAULT_TIMEOUT_SECONDS: Record<GateName, number> = {
  simulate: 600,
  e2e: 1800,
};

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
