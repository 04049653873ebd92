import { ChildProcess } from 'node:child_process';
import { subscribe } from 'node:diagnostics_channel';
import { readFile } from 'node:fs/promises';

/** Bytes each child process wrote to stdout and stderr, by pid, from now on. */
export function countChildOutput(): Map<number, { bytes: number }> {
  const counters = new Map<number, { bytes: number }>();
  subscribe('child_process', message => {
    const child = (message as { process: ChildProcess }).process;
    // Published from the ChildProcess constructor: its pipes exist once spawned.
    child.once('spawn', () => {
      const counter = { bytes: 0 };
      counters.set(child.pid!, counter);
      const count = (chunk: Buffer) => {
        counter.bytes += chunk.byteLength;
      };
      child.stdout?.on('data', count);
      child.stderr?.on('data', count);
    });
  });
  return counters;
}

/** VmRSS and VmHWM of a process, in bytes. */
export async function memoryOf(
  pid: number,
): Promise<{ rss: number; hwm: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) *
    1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}
