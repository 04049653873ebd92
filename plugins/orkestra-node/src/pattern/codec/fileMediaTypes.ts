import {
  MediaTypes,
  PatternKind,
} from '@orkspace/backstage-plugin-orkestra-common';

/**
 * Layer media type `ork push` gives each pattern file (`mediaTypeForPatternFile`).
 *
 * @public
 */
export function layerMediaType(fileName: string): string {
  switch (fileName) {
    case 'katalog.yaml':
      return MediaTypes.katalogLayer;
    case 'motif.yaml':
      return MediaTypes.motifLayer;
    case 'crd.yaml':
      return MediaTypes.crdLayer;
    case 'cr.yaml':
      return MediaTypes.crLayer;
    case 'README.md':
      return 'text/markdown';
    case 'e2e.yaml':
      return MediaTypes.e2eLayer;
    case 'simulate.yaml':
      return MediaTypes.simulateLayer;
    case 'go.mod':
    case 'go.sum':
      return 'text/plain';
    case 'Makefile':
      return 'text/x-makefile';
    default:
      return 'application/octet-stream';
  }
}

/**
 * Config media type by kind (`patternSpecs`); the config blob itself is `{}`.
 *
 * @public
 */
export function configMediaType(kind: PatternKind): string {
  return kind === 'Katalog' ? MediaTypes.katalogConfig : MediaTypes.motifConfig;
}

/**
 * The kind a config media type stands for, if it is a pattern's.
 *
 * @public
 */
export function kindOfConfigMediaType(
  mediaType: string,
): PatternKind | undefined {
  if (mediaType === MediaTypes.katalogConfig) return 'Katalog';
  if (mediaType === MediaTypes.motifConfig) return 'Motif';
  return undefined;
}
