import { OciInvalidContentError } from '../errors';
import { nextLink, readBodyCapped, BodySource } from './http';
import { SendRegistryRequest } from './request';

const MAX_LIST_PAGE_BYTES = 8 * 1024 * 1024;

/** One paginated listing (`_catalog`, `tags/list`) of a registry. */
export interface Listing {
  firstUrl: string;
  scopes: string[];
  /** The JSON field holding the page's names. */
  field: 'tags' | 'repositories';
  what: string;
  signal?: AbortSignal;
}

/**
 * Every name of a listing, following `Link: <…>; rel="next"` pages on the
 * registry's own origin, at most `maxPages` of them and never one twice.
 */
export async function listPages(
  send: SendRegistryRequest,
  listing: Listing,
  registry: { baseUrl: string; maxPages: number; body: BodySource },
): Promise<string[]> {
  const { scopes, field, what, signal } = listing;
  const items: string[] = [];
  const seen = new Set<string>();
  let url: string | undefined = listing.firstUrl;
  for (let page = 0; url && page < registry.maxPages; page++) {
    if (seen.has(url)) break; // a registry that links a page to itself
    seen.add(url);
    const response = await send({ method: 'GET', url, scopes, signal, what });
    const body = await readBodyCapped(
      response,
      MAX_LIST_PAGE_BYTES,
      what,
      registry.body,
    );
    items.push(...namesOf(body, field, what, registry.body.registry));
    url = nextLink(response.headers.get('link'), url);
    const origin = url && new URL(url).origin;
    if (origin && origin !== new URL(registry.baseUrl).origin) {
      // A page elsewhere is not the registry's answer, and the listing would be incomplete without it.
      throw new OciInvalidContentError(
        `${registry.body.registry} linked the next page of ${what} to another origin (${origin}); only pages on ${registry.baseUrl} are followed`,
      );
    }
  }
  return items;
}

function namesOf(
  body: Uint8Array,
  field: Listing['field'],
  what: string,
  registry: string,
): string[] {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(new TextDecoder().decode(body));
  } catch {
    throw new OciInvalidContentError(
      `${registry} answered ${what} with something that is not JSON`,
    );
  }
  const values = parsed?.[field];
  if (values !== null && values !== undefined && !Array.isArray(values)) {
    throw new OciInvalidContentError(
      `${registry} answered ${what} without a ${field} list`,
    );
  }
  return ((values as unknown[] | null) ?? []).filter(
    (value): value is string => typeof value === 'string',
  );
}
