import {
  OciStore,
  PatternFileEntry,
} from '@orkspace/backstage-plugin-orkestra-node';
import { PatternStore } from '../../store/PatternStore';

export interface ReadYaml {
  text: string;
  /** From the blob cache, not the registry. */
  reused: boolean;
}

/**
 * A YAML layer's text, read once per blob digest: from the store's blob
 * cache when it has it, else from the registry (then cached).
 */
export async function readYaml(input: {
  store: PatternStore;
  oci: OciStore;
  repository: string;
  file: PatternFileEntry;
  maxBytes: number;
  now: string;
}): Promise<ReadYaml> {
  const { store, file } = input;
  const cached = await store.getBlob(file.digest);
  if (cached !== undefined) return { text: cached, reused: true };
  const bytes = await input.oci.fetchBlob(input.repository, file, {
    maxBytes: input.maxBytes,
  });
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  // A NUL is never YAML (the parser says so), and PostgreSQL cannot store it as text: not cached.
  if (!text.includes('\u0000'))
    await store.putBlob(file.digest, text, input.now);
  return { text, reused: false };
}
