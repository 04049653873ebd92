import { chown, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findExecutable, freeLoopbackPort, run } from './processes';

/** A throw-away PostgreSQL cluster on loopback, trusting local connections. */
export interface TestPostgres {
  host: string;
  port: number;
  user: string;
  /** `postgresql://postgres@127.0.0.1:<port>/postgres` */
  connectionString: string;
  stop(): Promise<void>;
}

const PG_ROOT = '/usr/lib/postgresql';

async function findPostgresBinDir(): Promise<string> {
  if (process.env.ORKESTRA_PG_BINDIR) return process.env.ORKESTRA_PG_BINDIR;
  const onPath = findExecutable('initdb');
  if (onPath) return onPath.replace(/\/initdb$/, '');
  const versions = await readdir(PG_ROOT).catch(() => [] as string[]);
  const newest = versions
    .filter(v => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) {
    throw new Error(
      'PostgreSQL server binaries (initdb, pg_ctl) were not found. ' +
        "Install Debian's package: apt-get install -y postgresql " +
        '(scripts/ensure-system-packages.sh does it), or set ORKESTRA_PG_BINDIR.',
    );
  }
  return join(PG_ROOT, newest, 'bin');
}

/**
 * PostgreSQL refuses to run as root. When we are root, the cluster is owned
 * by and run as the `postgres` system user (created by Debian's package).
 */
function asClusterUser(binary: string, args: string[]): [string, string[]] {
  if (process.getuid?.() !== 0) return [binary, args];
  return ['runuser', ['-u', 'postgres', '--', binary, ...args]];
}

async function postgresUid(): Promise<{ uid: number; gid: number }> {
  const out = await run('id', ['-u', 'postgres']);
  const gid = await run('id', ['-g', 'postgres']);
  return { uid: Number(out.trim()), gid: Number(gid.trim()) };
}

/**
 * Creates a new PostgreSQL cluster in a temporary folder (initdb, trust auth,
 * fsync off) and starts it on a free loopback port. `stop()` stops it and
 * removes every file.
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  const binDir = await findPostgresBinDir();
  const dir = await mkdtemp(join(tmpdir(), 'orkestra-postgres-'));
  const dataDir = join(dir, 'data');
  if (process.getuid?.() === 0) {
    const { uid, gid } = await postgresUid();
    await chown(dir, uid, gid);
  }
  const pgCtl = join(binDir, 'pg_ctl');
  try {
    await run(
      ...asClusterUser(join(binDir, 'initdb'), [
        '-D',
        dataDir,
        '-A',
        'trust',
        '-U',
        'postgres',
        '--no-sync',
        '-E',
        'UTF8',
      ]),
      { timeoutMs: 60_000 },
    );
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }

  const stopCluster = async () => {
    await run(
      ...asClusterUser(pgCtl, ['-D', dataDir, '-m', 'immediate', '-w', 'stop']),
    ).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  };

  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freeLoopbackPort();
    const serverOptions = [
      `-p ${port}`,
      '-c listen_addresses=127.0.0.1',
      `-c unix_socket_directories=${dir}`,
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=200',
    ].join(' ');
    try {
      await run(
        ...asClusterUser(pgCtl, [
          '-D',
          dataDir,
          '-l',
          join(dir, 'postgres.log'),
          '-o',
          serverOptions,
          '-w',
          '-t',
          '30',
          'start',
        ]),
        { timeoutMs: 45_000 },
      );
      return {
        host: '127.0.0.1',
        port,
        user: 'postgres',
        connectionString: `postgresql://postgres@127.0.0.1:${port}/postgres`,
        stop: stopCluster,
      };
    } catch (error) {
      lastError = error;
    }
  }
  await stopCluster();
  throw lastError;
}
