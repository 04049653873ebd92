import {
  ChildProcess,
  execFile,
  spawn,
  SpawnOptions,
} from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';

/** Finds an executable on PATH (and in extra folders), or returns undefined. */
export function findExecutable(
  name: string,
  extraDirs: string[] = [],
): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), ...extraDirs];
  for (const dir of dirs) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** Asks the kernel for a free TCP port on 127.0.0.1. */
export async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not allocate a loopback port'));
      });
    });
  });
}

/** Runs a program (no shell) and resolves with its stdout; rejects with its stderr. */
export function run(
  file: string,
  args: string[],
  options: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { timeout: options.timeoutMs ?? 30_000, env: options.env ?? process.env },
      (error, stdout, stderr) => {
        if (error) {
          reject(
            new Error(
              `${file} ${args.join(' ')} failed: ${stderr || error.message}`,
            ),
          );
        } else {
          resolve(stdout);
        }
      },
    );
  });
}

/** A long-running child whose output is kept, so a failed start can say why. */
export class ManagedProcess {
  readonly #child: ChildProcess;
  #output = '';
  #exited: Promise<number | null>;

  constructor(file: string, args: string[], options: SpawnOptions = {}) {
    this.#child = spawn(file, args, {
      ...options,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      this.#output = (this.#output + chunk.toString('utf8')).slice(-16_384);
    };
    this.#child.stdout?.on('data', keep);
    this.#child.stderr?.on('data', keep);
    this.#exited = new Promise(resolve => {
      this.#child.once('exit', code => resolve(code));
      this.#child.once('error', error => {
        keep(Buffer.from(String(error)));
        resolve(null);
      });
    });
  }

  get output(): string {
    return this.#output;
  }

  get running(): boolean {
    return this.#child.exitCode === null && this.#child.signalCode === null;
  }

  /** Ends it at once with SIGKILL, as a crash would, and waits for it to exit. */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.#child.kill('SIGKILL');
    await this.#exited;
  }

  async stop(timeoutMs = 10_000): Promise<void> {
    if (!this.running) return;
    this.#child.kill('SIGTERM');
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), timeoutMs);
    await this.#exited;
    clearTimeout(timer);
  }
}

/** Polls `probe` until it resolves true, or fails after `timeoutMs` with `describe()`. */
export async function waitFor(
  probe: () => Promise<boolean>,
  options: { timeoutMs: number; describe: () => string },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(options.describe());
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}
