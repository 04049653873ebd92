import express from 'express';
import { FileContent } from '../service/types';

/** `type/subtype` with optional parameters, as allowed in a header. */
const MEDIA_TYPE =
  /^[a-zA-Z0-9][a-zA-Z0-9!#$&^_.+-]{0,126}\/[a-zA-Z0-9][a-zA-Z0-9!#$&^_.+-]{0,126}(\s*;\s*[a-zA-Z0-9!#$&^_.+-]+=("[^"\\\r\n]*"|[a-zA-Z0-9!#$&^_.+-]+))*$/;

/**
 * The Content-Type to serve a pattern file with. YAML and markdown are shown as
 * plain text; types a browser could run (HTML, SVG, XML, scripts) and anything
 * malformed become `application/octet-stream`.
 */
export function servedContentType(mediaType: string): string {
  if (!MEDIA_TYPE.test(mediaType)) return 'application/octet-stream';
  const essence = mediaType.split(';')[0].trim().toLowerCase();
  if (
    /(^|[/+.-])ya?ml$/.test(essence) ||
    /^text\/(x-)?markdown$/.test(essence) ||
    essence === 'text/plain'
  ) {
    return 'text/plain; charset=utf-8';
  }
  if (/html|xml|svg|script|^multipart\//.test(essence)) {
    return 'application/octet-stream';
  }
  return mediaType;
}

const EXPOSED_HEADERS = ['X-Orkestra-Truncated', 'X-Orkestra-Media-Type'];

/** Sends a pattern file's bytes so that a browser shows, never runs, them. */
export function sendFileContent(res: express.Response, file: FileContent) {
  const existing = res.getHeader('Access-Control-Expose-Headers');
  const exposed = [
    ...String(existing ?? '')
      .split(',')
      .map(header => header.trim())
      .filter(Boolean),
    ...EXPOSED_HEADERS,
  ];
  res.setHeader('Content-Type', servedContentType(file.mediaType));
  if (MEDIA_TYPE.test(file.mediaType)) {
    res.setHeader('X-Orkestra-Media-Type', file.mediaType);
  }
  res.setHeader('X-Orkestra-Truncated', file.truncated ? 'true' : 'false');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  res.setHeader('Access-Control-Expose-Headers', [...new Set(exposed)]);
  res
    .status(200)
    .send(
      Buffer.from(
        file.content.buffer,
        file.content.byteOffset,
        file.content.byteLength,
      ),
    );
}
