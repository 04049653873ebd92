import { PatternSummary } from '@orkspace/backstage-plugin-orkestra-common';

/** YAML that imports a pattern version, and where it goes. */
export function importSnippet(
  pattern: Pick<PatternSummary, 'kind' | 'reference'>,
  version: string,
): { text: string; where: string } {
  const ref = `oci://${pattern.reference}:${version}`;
  if (pattern.kind === 'Motif') {
    return {
      text: `imports:\n  - motif: ${ref}`,
      where: 'Add to spec.crds.<name> of your Katalog:',
    };
  }
  return {
    text: `imports:\n  registry:\n    - ${ref}`,
    where: 'Add to your Komposer:',
  };
}
