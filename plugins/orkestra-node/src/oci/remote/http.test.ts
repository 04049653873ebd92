import { OciContentTooLargeError } from '../errors';
import {
  distributionErrors,
  isLoopbackHost,
  nextLink,
  readBodyCapped,
} from './http';

describe('readBodyCapped', () => {
  it('reads a body under the limit', async () => {
    const body = await readBodyCapped(new Response('hello'), 5, 'x');
    expect(new TextDecoder().decode(body)).toBe('hello');
  });

  it('refuses by Content-Length before reading', async () => {
    const response = new Response('0123456789', {
      headers: { 'content-length': '10' },
    });
    await expect(readBodyCapped(response, 5, 'blob')).rejects.toThrow(
      new OciContentTooLargeError('blob', 5, 10),
    );
  });

  it('refuses a stream that runs past the limit without Content-Length', async () => {
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(4));
      },
    });
    await expect(
      readBodyCapped(new Response(stream), 10, 'endless'),
    ).rejects.toBeInstanceOf(OciContentTooLargeError);
  });
});

describe('nextLink', () => {
  it('resolves a relative next link against the request', () => {
    expect(
      nextLink(
        '</v2/a/tags/list?last=b&n=2>; rel="next"',
        'https://r.io/v2/a/tags/list?n=2',
      ),
    ).toBe('https://r.io/v2/a/tags/list?last=b&n=2');
  });
  it('finds next among several links and ignores others', () => {
    expect(
      nextLink(
        '<https://r.io/p1>; rel="prev", <https://r.io/p3>; rel=next',
        'https://r.io/x',
      ),
    ).toBe('https://r.io/p3');
    expect(
      nextLink('<https://r.io/p1>; rel="prev"', 'https://r.io/x'),
    ).toBeUndefined();
    expect(nextLink(null, 'https://r.io/x')).toBeUndefined();
  });
});

describe('distributionErrors', () => {
  it('reads codes and messages, tolerating garbage', () => {
    const body = new TextEncoder().encode(
      JSON.stringify({
        errors: [{ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown' }],
      }),
    );
    expect(distributionErrors(body)).toEqual({
      codes: ['MANIFEST_UNKNOWN'],
      messages: ['manifest unknown'],
    });
    expect(
      distributionErrors(new TextEncoder().encode('404 page not found')),
    ).toEqual({
      codes: [],
      messages: [],
    });
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['127.0.0.1:5000', true],
    ['localhost:5000', true],
    ['[::1]:5000', true],
    ['127.1.2.3', true],
    ['ghcr.io', false],
    ['127.0.0.1.evil.com', false],
  ])('%s -> %s', (host, loopback) =>
    expect(isLoopbackHost(host)).toBe(loopback),
  );
});
