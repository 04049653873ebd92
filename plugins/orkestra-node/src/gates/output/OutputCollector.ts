import { GateResultLine, parseResultLine } from './resultLine';

const LOG_EXCERPT_CHARS = 4096;
const MAX_LINE_CHARS = 16_384;
const MAX_STREAMED_CHARS = 8 * 1024 * 1024;

/** Splits one output stream into lines; `end` flushes the last partial line. */
export interface LineSplitter {
  data: (chunk: string) => void;
  end: () => void;
}

/**
 * Collects a gate command's output lines: streams them to `onOutput`, keeps a
 * bounded tail for the log excerpt, caps what is streamed, and remembers the
 * last valid result line of stdout.
 */
export class OutputCollector {
  #tail = '';
  #streamed = 0;
  #truncated = false;
  result: GateResultLine | undefined;

  constructor(private readonly onOutput?: (line: string) => void) {}

  /** The last ~4 KiB of the output. */
  get excerpt(): string {
    return this.#tail.slice(-LOG_EXCERPT_CHARS);
  }

  line(text: string, fromStdout: boolean) {
    const line = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (fromStdout) {
      const result = parseResultLine(line);
      if (result) this.result = result;
    }
    this.#tail = `${this.#tail}${line}\n`.slice(-LOG_EXCERPT_CHARS * 2);
    if (this.#truncated) return;
    this.#streamed += line.length + 1;
    if (this.#streamed > MAX_STREAMED_CHARS) {
      this.#truncated = true;
      this.#emit(
        `[orkestra: output truncated after ${MAX_STREAMED_CHARS} characters]`,
      );
      return;
    }
    this.#emit(line);
  }

  #emit(line: string) {
    try {
      this.onOutput?.(line);
    } catch {
      // A failing listener must not break the gate.
    }
  }

  /** Returns a data handler that splits a stream into lines (over-long lines are split). */
  splitter(fromStdout: boolean): LineSplitter {
    let partial = '';
    return {
      data: chunk => {
        partial += chunk;
        let newline = partial.indexOf('\n');
        while (newline >= 0) {
          this.line(partial.slice(0, newline), fromStdout);
          partial = partial.slice(newline + 1);
          newline = partial.indexOf('\n');
        }
        if (partial.length > MAX_LINE_CHARS) {
          this.line(partial, fromStdout);
          partial = '';
        }
      },
      end: () => {
        if (partial) this.line(partial, fromStdout);
        partial = '';
      },
    };
  }
}
