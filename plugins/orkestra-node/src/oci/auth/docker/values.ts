import { RegistryCredential } from '../credentials';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The credential without its empty fields; undefined when none is left. */
export function emptyToUndefined(
  credential: RegistryCredential,
): RegistryCredential | undefined {
  const present = Object.entries(credential).filter(([, v]) => v);
  return present.length > 0 ? Object.fromEntries(present) : undefined;
}
