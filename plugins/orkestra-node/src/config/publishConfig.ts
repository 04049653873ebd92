import { Config } from '@backstage/config';

/**
 * What `orkestra:publish` reads besides the policy and the gate commands.
 *
 * @public
 */
export interface PublishConfig {
  /**
   * `orkestra.gates.runtimeVersion`: what `ork version` says for the ork the
   * gates run, e.g. `v0.7.6`; undefined when not set.
   */
  runtimeVersion?: string;
}

/**
 * Reads {@link PublishConfig}. The gate commands of `orkestra.gates` are read by `readGateRunnerConfig`.
 *
 * @public
 */
export function readPublishConfig(root: Config): PublishConfig {
  // ork writes its own version for untyped Katalogs and Motifs; nothing here runs ork to ask it.
  const runtimeVersion = root.getOptionalString(
    'orkestra.gates.runtimeVersion',
  );
  return runtimeVersion ? { runtimeVersion } : {};
}
