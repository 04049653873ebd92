import { FieldReader, YamlMapping } from './fields';
import { parseGoYamlDocument, YamlLimits } from './yamlDocument';

/** A gate file (`simulate.yaml`, `e2e.yaml`) read up to its `spec`. */
export interface GateDocument {
  reader: FieldReader;
  doc: YamlMapping;
  metadata: YamlMapping;
  spec: YamlMapping;
}

/**
 * Parses a gate file the way `ork` does, checks its `kind` and returns its
 * `metadata` and `spec` mappings (empty when absent).
 */
export function readGateDocument(
  text: string,
  fileName: string,
  kind: 'Simulate' | 'E2E',
  limits: YamlLimits | undefined,
): GateDocument {
  const reader = new FieldReader(fileName);
  const doc = reader.root(parseGoYamlDocument(text, fileName, limits));
  reader.kind(doc, kind);
  return {
    reader,
    doc,
    metadata: reader.mapping(doc.metadata, 'metadata') ?? {},
    spec: reader.mapping(doc.spec, 'spec') ?? {},
  };
}
