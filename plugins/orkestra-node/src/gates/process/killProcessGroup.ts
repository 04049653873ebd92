import { ChildProcess } from 'node:child_process';

/**
 * Sends `signal` to the child's whole process group (it was started
 * detached, so it leads one), so the command's children get it too; falls
 * back to the child alone where groups do not exist or the group is gone.
 */
export function killProcessGroup(
  child: ChildProcess,
  signal: NodeJS.Signals,
): void {
  if (child.pid === undefined) return;
  try {
    if (process.platform === 'win32') child.kill(signal);
    else process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

/**
 * Terminates a running child: SIGTERM to its group at once, SIGKILL after
 * `graceMs`. Does nothing once the child has exited (its group id may be
 * reused). `cancel` drops the pending SIGKILL.
 */
export class GroupTerminator {
  #exited = false;
  #timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly child: ChildProcess,
    private readonly graceMs: number,
  ) {
    child.once('exit', () => {
      this.#exited = true;
    });
  }

  terminate(): void {
    this.#kill('SIGTERM');
    const escalate = setTimeout(() => this.#kill('SIGKILL'), this.graceMs);
    escalate.unref();
    this.#timers.push(escalate);
  }

  cancel(): void {
    for (const timer of this.#timers) clearTimeout(timer);
  }

  #kill(signal: NodeJS.Signals) {
    if (!this.#exited) killProcessGroup(this.child, signal);
  }
}
