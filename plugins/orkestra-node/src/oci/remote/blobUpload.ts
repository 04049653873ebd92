import { AuthRequest } from '../auth/AuthClient';
import { digestOf } from '../digest';
import { OciInvalidContentError, OciUnauthorizedError } from '../errors';
import { Descriptor } from '../types';
import { discardBody } from './http';
import { checkRepository, pullScope, pushScope } from './names';
import { SendRegistryRequest } from './request';

/** What a blob upload needs of the registry client. */
export interface UploadContext {
  registry: string;
  /** `<base>/v2/<repository>`. */
  repositoryUrl: string;
  /** Sends, turning an unexpected status into a typed error. */
  send: SendRegistryRequest;
  /** Sends, resolving with whatever status the registry answered. */
  sendRaw: (request: AuthRequest) => Promise<Response>;
}

/**
 * Pushes a blob as oras-go does: nothing when the registry has it already,
 * a cross-repository mount when `mountFrom` is given and allowed, else a
 * monolithic upload (POST to open the session, PUT with the digest).
 */
export async function uploadBlob(
  context: UploadContext,
  repository: string,
  content: Uint8Array,
  options: { mountFrom?: string; signal?: AbortSignal },
): Promise<Descriptor & { skipped: boolean; mounted: boolean }> {
  const { send } = context;
  const { signal } = options;
  const digest = digestOf(content);
  const descriptor = {
    mediaType: 'application/octet-stream',
    digest,
    size: content.byteLength,
  };
  const scopes = [pushScope(repository)];
  const what = `blob ${digest} of ${repository}`;

  const head = await context.sendRaw({
    method: 'HEAD',
    url: `${context.repositoryUrl}/blobs/${digest}`,
    scopes,
    signal,
  });
  await discardBody(head);
  if (head.ok) return { ...descriptor, skipped: true, mounted: false };

  const uploads = `${context.repositoryUrl}/blobs/uploads/`;
  let start: Response | undefined;
  if (options.mountFrom) {
    checkRepository(options.mountFrom);
    const url = `${uploads}?mount=${encodeURIComponent(
      digest,
    )}&from=${encodeURIComponent(options.mountFrom)}`;
    try {
      start = await send({
        method: 'POST',
        url,
        scopes: [...scopes, pullScope(options.mountFrom)],
        signal,
        what,
        expect: [201, 202],
      });
    } catch (error) {
      // distribution refuses the whole request (401 insufficient_scope) when the
      // token grants no pull on the source; the content is at hand: upload it.
      if (!(error instanceof OciUnauthorizedError)) throw error;
    }
    if (start?.status === 201) {
      await discardBody(start);
      return { ...descriptor, skipped: false, mounted: true };
    }
  }
  start ??= await send({
    method: 'POST',
    url: uploads,
    scopes,
    signal,
    what,
    expect: [202],
  });
  await discardBody(start);
  const location = start.headers.get('location');
  if (!location)
    throw new OciInvalidContentError(
      `${context.registry} opened an upload without a Location`,
    );
  const target = new URL(location, uploads);
  target.searchParams.set('digest', digest);
  const put = await send({
    method: 'PUT',
    url: target.toString(),
    headers: { 'content-type': 'application/octet-stream' },
    body: content,
    scopes,
    signal,
    what,
    expect: [201],
  });
  await discardBody(put);
  return { ...descriptor, skipped: false, mounted: false };
}
