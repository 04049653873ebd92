/* eslint-disable no-console */
import { ProcessLogLine } from '../../plugins/orkestra-backend/src/__testUtils__/startBackendProcess';

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');
// Every line is JSON: re-serialised it has the bytes it was written with
// (the sum is checked against the count of the pipes).
const lineBytes = (line: ProcessLogLine) => bytes(JSON.stringify(line)) + 1;

/** A log message with its variable parts replaced, to group lines by the statement that wrote them. */
function template(line: ProcessLogLine): string {
  const message = line.message
    .replace(/sha256:[0-9a-f]{64}/g, 'sha256:…')
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:…')
    .replace(/"(GET|POST) \/api\/orkestra\/([a-z-]+)\/[^ ]*/g, '"$1 /$2/…')
    .replace(/\d+(\.\d+)?/g, 'N');
  return `${String(line.level ?? '-')} ${message.slice(0, 110)}`;
}

function originOf(line: ProcessLogLine): string {
  if (line.type === 'incomingRequest')
    return line.method === 'POST'
      ? 'access lines of the resync requests'
      : 'access lines of the API reads (probes)';
  if (line.message.startsWith('Orkestra sync of')) return 'sync run lines';
  return 'other';
}

/** Prints where the backend's log during the storm came from: by origin, per resync, and its largest statements. */
export function printStormLog(
  stormLines: ProcessLogLine[],
  stormLog: number,
  sinceStart: number,
  sent: number,
) {
  type Group = { lines: number; bytes: number };
  const groups = new Map<string, Group>();
  const origins = new Map<string, Group>();
  for (const line of stormLines) {
    for (const [map, key] of [
      [groups, template(line)],
      [origins, originOf(line)],
    ] as const) {
      const group = map.get(key) ?? { lines: 0, bytes: 0 };
      group.lines++;
      group.bytes += lineBytes(line);
      map.set(key, group);
    }
  }
  const reserialised = stormLines.reduce((sum, l) => sum + lineBytes(l), 0);
  const ofResyncs =
    (origins.get('access lines of the resync requests')?.bytes ?? 0) +
    (origins.get('sync run lines')?.bytes ?? 0);
  console.log(
    `backend log during the storm: ${stormLog} bytes (${(
      stormLog / 1e6
    ).toFixed(1)} MB) in ${
      stormLines.length
    } lines (re-serialised: ${reserialised} bytes); ${sinceStart} bytes since it started`,
  );
  const bySize = (map: Map<string, Group>) =>
    [...map].sort((a, b) => b[1].bytes - a[1].bytes);
  for (const [origin, g] of bySize(origins))
    console.log(
      `  ${String(g.bytes).padStart(9)} B ${String(g.lines).padStart(
        6,
      )} lines  ${origin}`,
    );
  console.log(
    `  resyncs: ${ofResyncs} bytes of access and sync run lines, ${(
      ofResyncs / Math.max(1, sent)
    ).toFixed(0)} bytes per resync request sent`,
  );
  console.log('  largest log statements during the storm:');
  for (const [key, g] of bySize(groups).slice(0, 8))
    console.log(
      `  ${String(g.bytes).padStart(9)} B ${String(g.lines).padStart(
        6,
      )} lines ${(g.bytes / g.lines).toFixed(0).padStart(5)} B/line  ${key}`,
    );
}
