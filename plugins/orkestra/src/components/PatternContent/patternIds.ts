/**
 * The repository of a pattern id, `<source>:<repository>` (the backend's
 * format), e.g. `examples:orkestra/motifs/web-service` → `orkestra/motifs/web-service`.
 */
export function repositoryOfPatternId(patternId: string): string {
  const colon = patternId.indexOf(':');
  return colon < 0 ? patternId : patternId.slice(colon + 1);
}
