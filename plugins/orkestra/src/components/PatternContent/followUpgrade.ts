import {
  parseVersion,
  PatternImport,
} from '@orkspace/backstage-plugin-orkestra-common';

/** The "Follow a motif upgrade" Software Template (examples/templates/follow-motif-upgrade). */
export const FOLLOW_UPGRADE_TEMPLATE = {
  namespace: 'default',
  templateName: 'orkestra-follow-motif-upgrade',
} as const;

/** The template's parameters that "Follow upgrade" fills in. */
export interface FollowUpgradeFormData {
  /** Entity ref of the Katalog, e.g. `component:default/orkestra-katalogs-webapp-operator`. */
  katalog: string;
  /** The version to publish: the latest one's next minor version. */
  version?: string;
}

/** The Motif imports that a newer Motif version exists for. */
export function motifsBehind(imports: PatternImport[]): PatternImport[] {
  return imports.filter(item => item.type === 'motif' && item.behindLatest);
}

/** `v1.2.3` → `v1.3.0` (keeping or leaving out the `v`); undefined for a tag that is no version. */
export function nextMinorVersion(version: string): string | undefined {
  const parsed = parseVersion(version);
  if (!parsed) return undefined;
  const prefix = version.startsWith('v') ? 'v' : '';
  return `${prefix}${parsed.major}.${parsed.minor + 1}.0`;
}

/**
 * The template page's URL with the form prefilled: the scaffolder reads the
 * `formData` query parameter as JSON (useFormDataFromQuery).
 */
export function prefilledTemplateUrl(
  templatePath: string,
  formData: FollowUpgradeFormData,
): string {
  return `${templatePath}?formData=${encodeURIComponent(
    JSON.stringify(formData),
  )}`;
}
