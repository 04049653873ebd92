import { boundedMessage, truncateUtf8 } from './bounded';

const bytesOf = (text: string) => new TextEncoder().encode(text).byteLength;

describe('truncateUtf8', () => {
  it('keeps text that fits', () => {
    expect(truncateUtf8('hello', 5)).toEqual({
      text: 'hello',
      truncated: false,
    });
    expect(truncateUtf8('ééé', 6)).toEqual({ text: 'ééé', truncated: false });
  });

  it('cuts at a code point boundary, never inside one', () => {
    // é is 2 bytes, 😀 is 4 bytes.
    expect(truncateUtf8('ééé', 5)).toEqual({ text: 'éé', truncated: true });
    expect(truncateUtf8('a😀b', 4)).toEqual({ text: 'a', truncated: true });
    expect(truncateUtf8('a😀b', 5)).toEqual({ text: 'a😀', truncated: true });
  });

  it('holds for long multi-byte text', () => {
    const text = '日本語'.repeat(5000);
    const { text: cut, truncated } = truncateUtf8(text, 4096);
    expect(truncated).toBe(true);
    expect(bytesOf(cut)).toBeLessThanOrEqual(4096);
    expect(text.startsWith(cut)).toBe(true);
  });
});

describe('boundedMessage', () => {
  it('caps a message at 1 KiB with an ellipsis and drops NULs', () => {
    const message = boundedMessage(`bad\u0000${'x'.repeat(10_000)}`);
    expect(bytesOf(message)).toBeLessThanOrEqual(1024);
    expect(message.startsWith('badxxx')).toBe(true);
    expect(message.endsWith('…')).toBe(true);
    expect(boundedMessage('short')).toBe('short');
  });
});
