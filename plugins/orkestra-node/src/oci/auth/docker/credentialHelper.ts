import { spawn } from 'node:child_process';
import { RegistryCredential } from '../credentials';
import { CredentialHelperError } from './errors';
import { emptyToUndefined, isRecord } from './values';

// Helpers reply with this user name when the secret is an identity token.
const TOKEN_USERNAME = '<token>';

export interface HelperResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface HelperRunOptions {
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  maxOutputBytes: number;
}

/**
 * Runs `program get` without a shell, writing `input` to stdin. Rejects on
 * spawn failure, timeout (after killing the helper) or too much output.
 */
export function runHelper(
  program: string,
  input: string,
  options: HelperRunOptions,
): Promise<HelperResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, ['get'], {
      env: options.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      shell: false,
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let outputBytes = 0;
    // An object, because the timer and the settle functions refer to each other.
    const state: { settled: boolean; timer?: NodeJS.Timeout } = {
      settled: false,
    };

    const fail = (error: CredentialHelperError) => {
      if (state.settled) return;
      state.settled = true;
      clearTimeout(state.timer);
      child.kill('SIGKILL');
      // A grandchild may still hold the pipes open; do not wait for it.
      child.stdout.destroy();
      child.stderr.destroy();
      reject(error);
    };

    state.timer = setTimeout(() => {
      fail(
        new CredentialHelperError(
          `Credential helper ${program} did not answer within ${options.timeoutMs} ms and was killed`,
          program,
          'timeout',
        ),
      );
    }, options.timeoutMs);

    const collect = (chunks: Buffer[]) => (chunk: Buffer) => {
      outputBytes += chunk.length;
      if (outputBytes > options.maxOutputBytes) {
        fail(
          new CredentialHelperError(
            `Credential helper ${program} wrote more than ${options.maxOutputBytes} bytes and was killed`,
            program,
            'output-too-large',
          ),
        );
        return;
      }
      chunks.push(chunk);
    };
    child.stdout.on('data', collect(stdout));
    child.stderr.on('data', collect(stderr));

    child.on('error', error => {
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
      fail(
        new CredentialHelperError(
          `Credential helper ${program} could not be run (${code})`,
          program,
          'spawn',
        ),
      );
    });

    child.on('close', (exitCode, signal) => {
      if (state.settled) return;
      state.settled = true;
      clearTimeout(state.timer);
      resolve({
        exitCode,
        signal,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });

    // The helper may exit without reading stdin (EPIPE); its exit code tells the story.
    child.stdin.on('error', () => {});
    child.stdin.end(input);
  });
}

/** Interprets the JSON `{ServerURL, Username, Secret}` answer of a helper. */
export function credentialFromHelperOutput(
  stdout: string,
  program: string,
): RegistryCredential | undefined {
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    json = undefined;
  }
  if (!isRecord(json)) {
    throw new CredentialHelperError(
      `Credential helper ${program} returned a response that is not a JSON object`,
      program,
      'invalid-response',
    );
  }
  const username = typeof json.Username === 'string' ? json.Username : '';
  const secret = typeof json.Secret === 'string' ? json.Secret : '';
  if (username === TOKEN_USERNAME) {
    return emptyToUndefined({ identityToken: secret });
  }
  return emptyToUndefined({ username, password: secret });
}
