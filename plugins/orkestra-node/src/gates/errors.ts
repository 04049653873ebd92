import { GateName } from './types';

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
