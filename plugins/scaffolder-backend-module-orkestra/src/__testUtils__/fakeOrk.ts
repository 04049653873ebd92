import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** How the FAKE `ork` behaves, chosen by `FAKE_ORK_MODE` in the gate's `env`. */
export type FakeOrkMode = 'pass' | 'fail' | 'quiet' | 'hang';

/**
 * A FAKE `ork` that follows the gate command contract: exit 0 passes, other
 * codes fail, and a result line reports assertions and duration. Modes:
 * pass (result line: 3 assertions, 1234 ms), fail (a line on stderr, exit 1),
 * quiet (passes with no result line), hang (never exits on its own: only the
 * gate runner's timeout or abort ends it).
 */
const FAKE_ORK = `#!/bin/sh
echo "fake-ork $1 $2"
case "$FAKE_ORK_MODE" in
  pass) echo 'ORKESTRA_GATE_RESULT {"assertions":3,"durationMs":1234}'; exit 0 ;;
  fail) echo "expectation failed: deployment my-webapp not created" >&2; exit 1 ;;
  quiet) exit 0 ;;
  hang) while :; do sleep 1; done ;;
esac
echo "fake-ork: unknown FAKE_ORK_MODE $FAKE_ORK_MODE" >&2
exit 2
`;

/** The line the FAKE `ork` prints to stderr in `fail` mode. */
export const FAKE_ORK_FAILURE_LINE =
  'expectation failed: deployment my-webapp not created';

export interface FakeOrk {
  /** Absolute path of the executable. */
  path: string;
  remove(): Promise<void>;
}

/** Writes the FAKE `ork` into a new temporary folder. */
export async function installFakeOrk(): Promise<FakeOrk> {
  const dir = await mkdtemp(join(tmpdir(), 'orkestra-fake-ork-'));
  const path = join(dir, 'fake-ork');
  await writeFile(path, FAKE_ORK);
  await chmod(path, 0o755);
  return { path, remove: () => rm(dir, { recursive: true, force: true }) };
}
