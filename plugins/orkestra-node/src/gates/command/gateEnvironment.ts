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
