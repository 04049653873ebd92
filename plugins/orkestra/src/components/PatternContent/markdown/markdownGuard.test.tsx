import { render, screen } from '@testing-library/react';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MarkdownBoundary } from './PlainMarkdown';
import { markdownTooComplex } from './markdownGuard';

const EXAMPLES = join(__dirname, '../../../../../../examples/patterns');

function readmes(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return readmes(path);
    return name === 'README.md' ? [path] : [];
  });
}

describe('markdownTooComplex', () => {
  // Inputs on which react-markdown 8 takes seconds, or overflows the stack.
  it.each([
    ['unclosed brackets', '['.repeat(16_000) + ']'.repeat(16_000)],
    ['unfinished references', '[a]['.repeat(16_000)],
    ['unfinished links', '[a]('.repeat(16_000)],
    [
      'a 300-level list',
      Array.from({ length: 300 }, (_, i) => `${' '.repeat(i * 2)}- x`).join(
        '\n',
      ),
    ],
    ['1,000 nested quotes', `${'>'.repeat(1000)} x`],
    ['spaced nested quotes', `${'> '.repeat(50)}x`],
    ['a run of 2,000 *', `${'*'.repeat(2000)}x${'*'.repeat(2000)}`],
    ['300 KiB of text', 'a'.repeat(300 * 1024)],
  ])('refuses %s', (_, text) => {
    expect(markdownTooComplex(text)).toEqual(expect.any(String));
  });

  it('renders every example README', () => {
    const files = readmes(EXAMPLES);
    expect(files.length).toBeGreaterThan(5);
    for (const file of files)
      expect([file, markdownTooComplex(readFileSync(file, 'utf8'))]).toEqual([
        file,
        undefined,
      ]);
  });
});

describe('MarkdownBoundary', () => {
  it('shows the plain text when rendering throws', () => {
    const Throws = () => {
      throw new RangeError('Maximum call stack size exceeded');
    };
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const { container } = render(
      <MarkdownBoundary text="# Title">
        <Throws />
      </MarkdownBoundary>,
    );
    expect(
      screen.getByText(
        'Shown as plain text: the markdown renderer failed on it, too much to render safely.',
      ),
    ).toBeInTheDocument();
    expect(container.textContent).toContain('# Title');
  });
});
