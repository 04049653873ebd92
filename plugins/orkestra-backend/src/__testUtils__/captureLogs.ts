import {
  coreServices,
  createServiceFactory,
  LoggerService,
  RootLoggerService,
} from '@backstage/backend-plugin-api';

/** One log line as it was written: level, message, the logger's labels and the meta. */
export interface CapturedLine {
  level: 'error' | 'warn' | 'info' | 'debug';
  message: string;
  labels: Record<string, unknown>;
  meta?: unknown;
}

/** Errors serialise to `{}` with JSON.stringify; keep everything they carry. */
function serialise(value: unknown): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(value, (_key, v) => {
    if (v instanceof Error) {
      return {
        name: v.name,
        message: v.message,
        stack: v.stack,
        cause: v.cause,
        ...Object.fromEntries(Object.entries(v)),
      };
    }
    if (v && typeof v === 'object') {
      if (seen.has(v)) return '[circular]';
      seen.add(v);
    }
    return typeof v === 'bigint' ? v.toString() : v;
  });
}

class CapturingLogger implements RootLoggerService {
  constructor(
    private readonly lines: CapturedLine[],
    private readonly labels: Record<string, unknown>,
  ) {}
  error(message: string, meta?: Error | Record<string, unknown>) {
    this.lines.push({ level: 'error', message, labels: this.labels, meta });
  }
  warn(message: string, meta?: Error | Record<string, unknown>) {
    this.lines.push({ level: 'warn', message, labels: this.labels, meta });
  }
  info(message: string, meta?: Error | Record<string, unknown>) {
    this.lines.push({ level: 'info', message, labels: this.labels, meta });
  }
  debug(message: string, meta?: Error | Record<string, unknown>) {
    this.lines.push({ level: 'debug', message, labels: this.labels, meta });
  }
  child(meta: Record<string, unknown>): LoggerService {
    return new CapturingLogger(this.lines, { ...this.labels, ...meta });
  }
}

/**
 * A logger that keeps every line, at every level, with its labels and meta
 * (errors with their message, stack and cause), for tests that scan the logs.
 * `rootLoggerFactory` installs it as the backend's root logger, so every
 * plugin logger (children of it) is captured too.
 */
export function captureLogs() {
  const lines: CapturedLine[] = [];
  const logger = new CapturingLogger(lines, {});
  return {
    logger: logger as LoggerService,
    lines,
    /** Every line as text: level, labels, message and meta, one per line. */
    text: () =>
      lines
        .map(
          l =>
            `${l.level} ${serialise(l.labels)} ${l.message} ${
              l.meta === undefined ? '' : serialise(l.meta)
            }`,
        )
        .join('\n'),
    rootLoggerFactory: createServiceFactory({
      service: coreServices.rootLogger,
      deps: {},
      factory: () => logger,
    }),
  };
}
