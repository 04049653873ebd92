import { RegistryClient } from '@orkspace/backstage-plugin-orkestra-node';
import {
  publishExamplePatterns,
  TestRegistry,
} from '@orkspace/orkestra-test-utils';
import { publishVersion } from '../../plugins/orkestra-backend/src/__testUtils__/syncTestbed';

const DESCRIPTION = 'org.opencontainers.image.description';

/**
 * Fills the soak's registry: the example patterns, and `huge`:v1.0.0 whose
 * manifest carries a `hugeBytes` description annotation (packed by the
 * codec, then its manifest pushed again by hand with the annotation).
 */
export async function seedSoakRegistry(
  registry: TestRegistry,
  huge: string,
  hugeBytes: number,
) {
  const publisher = new RegistryClient({
    registry: registry.host,
    plainHttp: true,
  });
  const published = await publishExamplePatterns(publisher);
  const { manifest: packed } = await publishVersion(publisher, {
    from: 'katalogs/webapp-operator/v2.0.0',
    repository: huge,
    version: 'v1.0.0',
    edit: text => text.replace(/^( {2}name:).*$/m, '$1 huge-annotation'),
  });
  const original = await publisher.fetchManifest(huge, packed.digest);
  const manifest = JSON.parse(new TextDecoder().decode(original.bytes));
  manifest.annotations = {
    ...manifest.annotations,
    [DESCRIPTION]: 'x'.repeat(hugeBytes),
  };
  const hugeManifest = await publisher.pushManifest(
    huge,
    new TextEncoder().encode(JSON.stringify(manifest)),
    original.descriptor.mediaType,
    { tag: 'v1.0.0' },
  );
  return {
    versions: published.length,
    examples: [...new Set(published.map(p => p.push.repository))],
    hugeManifestBytes: hugeManifest.size,
    annotation: DESCRIPTION,
  };
}
