// The `connection-hygiene budget` command as users run it: the built bin (package.json "bin") in a
// child process, on the projects in tests/fixtures/budget/command (copied to a temporary directory, so
// that only their own eslint.config.js applies). Exit 1 and the arithmetic when over budget, 0 when
// it fits, the --json shape, exit 2 with one clear message on bad input, and the budget read from the
// project's ESLint config.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport, type ReportInput } from '../../src/cli/budget-report.js';
import type { FileFact, PoolFact } from '../../src/cli/pool-inventory.js';
import { distProblem, root } from '../helpers/built-plugin.js';

const fixtures = join(root, 'tests', 'fixtures', 'budget', 'command');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin?: Record<string, string>; files?: string[] };
const bin = join(root, pkg.bin?.['connection-hygiene'] ?? 'missing');
let scratch = '';

beforeAll(() => {
  const problem = distProblem();
  if (problem !== null) throw new Error(`This test runs the built command: ${problem}`);
  scratch = mkdtempSync(join(tmpdir(), 'connection-hygiene-budget-'));
  cpSync(fixtures, scratch, { recursive: true });
});

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** Runs `connection-hygiene …` with the temporary directory as the working directory. */
function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: scratch, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The table's row of a pool, its cells split on runs of two or more spaces (the bar dropped). */
function row(stdout: string, start: string): string[] {
  const line = stdout.split('\n').find((l) => l.trimStart().startsWith(start));
  expect(line, `a row starting with ${start} in:\n${stdout}`).toBeDefined();
  return line!.trim().split(/\s{2,}/).filter((cell) => !/^[█▏▎▍▌▋▊▉░]+$/.test(cell));
}

describe('the package ships the command', () => {
  it('"bin" names the compiled command in dist, which "files" publishes, and it starts with a shebang', () => {
    expect(pkg.bin).toEqual({ 'connection-hygiene': './dist/src/cli/bin.js' });
    expect(pkg.files).toContain('dist');
    expect(readFileSync(bin, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  it('--help prints the usage and exits 0', () => {
    const { status, stdout } = run('budget', '--help');
    expect(status).toBe(0);
    expect(stdout).toContain('Usage: connection-hygiene budget [dir] [options]');
    expect(stdout).toContain('--max-connections <n>');
  });
});

describe('over budget', () => {
  it('exits 1 and shows each pool’s arithmetic, the multiplier and where it comes from, and the grand total', () => {
    const { status, stdout, stderr } = run('budget', 'app', '--max-connections', '40', '--reserved-connections', '3');
    expect(stderr).toBe('');
    expect(status).toBe(1);
    expect(stdout).toContain('Connection budget of app: max_connections 40 − 3 reserved = 37 available');
    expect(row(stdout, 'POOL')).toEqual(['POOL', 'DRIVER', 'MAX', 'PROCESSES', 'TOTAL']);
    // the pool module loaded by the workers the entry point forks: 10 × 4
    expect(row(stdout, 'app/src/db.js:3')).toEqual(['app/src/db.js:3', 'pool', 'pg', '10', '× 4 cluster workers (app/src/server.js)', '40']);
    // a script run on its own: 5 × 1
    expect(row(stdout, 'app/src/jobs.js:4')).toEqual(['app/src/jobs.js:4', 'pool', 'mysql2-promise', '5', '× 1 process', '5']);
    expect(row(stdout, 'total')).toEqual(['total', '45']);
    expect(row(stdout, 'available')).toEqual(['available', '37']);
    expect(stdout).toContain('Over budget by 8: the pools can open 45 connections, and 37 are available');
    // a bar per pool, in proportion (scale: the larger of the total and the budget)
    const bars = stdout.split('\n').filter((l) => l.includes('app/src/')).map((l) => /[█▏▎▍▌▋▊▉]+$/.exec(l)?.[0].length ?? 0);
    expect(bars[0]).toBeGreaterThan(bars[1]! * 5);
  });

  it('--driver counts one server’s pools only', () => {
    const { status, stdout } = run('budget', 'app', '--max-connections', '40', '--reserved-connections', '3', '--driver', 'pg');
    expect(status).toBe(1);
    expect(stdout).not.toContain('jobs.js');
    expect(stdout).toContain('Over budget by 3: the pools can open 40 connections, and 37 are available');
  });
});

describe('within budget', () => {
  it('exits 0 and says what is left', () => {
    const { status, stdout, stderr } = run('budget', 'app', '--max-connections', '50', '--reserved-connections', '3');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toContain('Fits: the pools can open 45 connections, and 47 are available (2 to spare).');
  });

  it('exits 0 when what it can count fits, and says what it could not count and why', () => {
    const { status, stdout } = run('budget', 'unknown', '--max-connections', '40');
    expect(status).toBe(0);
    expect(row(stdout, 'unknown/src/reports.js:3')).toEqual(['unknown/src/reports.js:3', 'reports', 'pg', 'unknown', '× 1 process', '?']);
    expect(stdout).toContain('max unknown: it reads the environment (`process.env.REPORTS_POOL_MAX`)');
    expect(stdout).toContain('processes unknown: the worker count is one per CPU (`os.availableParallelism()`)');
    expect(stdout).toContain('Fits so far: 0 of 40, but 2 pools could not be counted');
    // --cpus states what the code cannot show
    const withCpus = run('budget', 'unknown', '--max-connections', '40', '--cpus', '9');
    expect(row(withCpus.stdout, 'unknown/src/server.js:9')).toEqual(['unknown/src/server.js:9', 'pool', 'pg', '5', '× 9 cluster workers', '45']);
    // over with what it can count: over, whatever the rest is
    expect(withCpus.status).toBe(1);
  });
});

describe('--json', () => {
  it('prints the whole report for CI', () => {
    const { status, stdout, stderr } = run('budget', 'app', '--max-connections', '40', '--reserved-connections', '3', '--json');
    expect(stderr).toBe('');
    expect(status).toBe(1);
    expect(JSON.parse(stdout)).toEqual({
      dir: 'app',
      budget: { maxConnections: 40, reservedConnections: 3, available: 37 },
      pools: [
        {
          file: 'app/src/db.js',
          line: 3,
          column: 21,
          name: 'pool',
          driver: 'pg',
          max: 10,
          maxFrom: 'literal',
          setting: 'max',
          processes: 4,
          processesFrom: '4 cluster workers (app/src/server.js)',
          total: 40,
          conditional: false,
        },
        {
          file: 'app/src/jobs.js',
          line: 4,
          column: 14,
          name: 'pool',
          driver: 'mysql2-promise',
          max: 5,
          maxFrom: 'literal',
          setting: 'connectionLimit',
          processes: 1,
          processesFrom: '1 process',
          total: 5,
          conditional: false,
        },
      ],
      total: 45,
      uncounted: 0,
      status: 'over',
      overBy: 8,
      drivers: ['mysql2-promise', 'pg'],
      onlyDrivers: [],
      filesLinted: 4,
      unreadable: [],
    });
  });

  it('gives unknown values as null with the reason', () => {
    const { status, stdout } = run('budget', 'unknown', '--max-connections', '40', '--json');
    expect(status).toBe(0);
    const report = JSON.parse(stdout) as { status: string; uncounted: number; pools: Array<Record<string, unknown>> };
    expect(report.status).toBe('incomplete');
    expect(report.uncounted).toBe(2);
    expect(report.pools[0]).toMatchObject({ file: 'unknown/src/reports.js', max: null, maxFrom: 'unknown: it reads the environment (`process.env.REPORTS_POOL_MAX`)', total: null });
    expect(report.pools[1]).toMatchObject({ file: 'unknown/src/server.js', max: 5, processes: null, total: null });
  });
});

describe('the budget from the project’s ESLint config', () => {
  it('reads settings["connection-hygiene"].budget from eslint.config.js in the directory, budget.processes included', () => {
    const { status, stdout, stderr } = run('budget', 'with-config');
    expect(stderr).toBe('');
    expect(status).toBe(1);
    expect(stdout).toContain('max_connections 30 − 2 reserved = 28 available');
    expect(row(stdout, 'with-config/src/worker.js:3')).toEqual(['with-config/src/worker.js:3', 'pool', 'pg', '8', '× 4 processes (budget.processes)', '32']);
    expect(stdout).toContain('Over budget by 4');
  });

  it('lets the command line override it', () => {
    const { status, stdout } = run('budget', 'with-config', '--max-connections', '40');
    expect(status).toBe(0);
    expect(stdout).toContain('max_connections 40 − 2 reserved = 38 available');
    const overridden = run('budget', 'with-config', '--processes', '2', '--json');
    expect(JSON.parse(overridden.stdout)).toMatchObject({ status: 'fits', total: 16, pools: [{ processes: 2, processesFrom: '2 processes (--processes)' }] });
  });
});

describe('bad input: exit 2 and one message, never a stack trace', () => {
  it.each([
    [['budget', 'app', '--max-connection', '40'], 'unknown option --max-connection; see --help for the options.'],
    [['budget', 'no-such-dir', '--max-connections', '40'], 'no such directory: no-such-dir'],
    [['budget', 'app/src/db.js', '--max-connections', '40'], 'not a directory: app/src/db.js'],
    [['budget', 'app', '--max-connections', 'forty'], '--max-connections must be a whole number of at least 1, got "forty".'],
    [['budget', 'app', '--max-connections', '40', '--reserved-connections', '-1'], '--reserved-connections must be a whole number of at least 0, got "-1".'],
    [['budget', 'app', '--max-connections', '1.5'], '--max-connections must be a whole number of at least 1, got "1.5".'],
    [['budget', 'app', '--max-connections'], '--max-connections needs a value.'],
    [['budget', 'app', '--max-connections', '10', '--reserved-connections', '10'], '--reserved-connections (10) must be less than --max-connections (10).'],
    [['budget', 'app', 'unknown'], 'one directory at most, got 2: app, unknown'],
    [['budget', 'app'], 'no budget: pass --max-connections <n>'],
    [['budget', 'app', '--max-connections', '40', '--driver', 'pgx'], '--driver pgx: no pool of that driver under app; the drivers found are mysql2-promise, pg.'],
    [['budget', 'bad-settings'], 'settings["connection-hygiene"].budget.maxConnections must be a whole number of at least 1, got "many".'],
    [['budgte'], 'unknown command "budgte"'],
  ])('%j', (args, message) => {
    const { status, stdout, stderr } = run(...args);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    const prefix = args[0] === 'budget' ? 'connection-hygiene budget: ' : 'connection-hygiene: ';
    expect(stderr.startsWith(prefix), stderr).toBe(true);
    expect(stderr).toContain(message);
    expect(stderr).not.toMatch(/^\s+at /m);
  });
});

describe('the example app and the README', () => {
  it('prints the table the README shows: examples/src/cluster.ts forks a worker per CPU, and every pool the workers load counts that many times', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Connection budget across the project'));
    const command = /```sh\ncd examples && npx connection-hygiene (budget [^\n]*)\n```/.exec(section);
    const shown = /```text\n([\s\S]*?)\n```/.exec(section);
    expect(command, 'the README shows the command it ran on the example').not.toBeNull();
    expect(shown, 'the README shows its output').not.toBeNull();
    const result = spawnSync(process.execPath, [bin, ...command![1]!.split(' ')], { cwd: join(root, 'examples'), encoding: 'utf8', timeout: 60_000 });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    const printed = result.stdout.trimEnd().split('\n').map((l) => l.trimEnd()).join('\n');
    expect(printed).toBe(shown![1]);
    expect(printed).toContain('src/db.ts:4  pool');
    expect(printed).toContain('× 4 cluster workers (src/cluster.ts)');
  });
});

describe('the project-wide multiplier (buildReport)', () => {
  const pool = (line: number, extra: Partial<PoolFact> = {}): PoolFact => ({
    kind: 'pool',
    line,
    column: 1,
    name: 'pool',
    driver: 'pg',
    driverTitle: 'node-postgres',
    size: { known: true, value: 10, from: 'literal', setting: 'max' },
    processes: { known: true, count: 1, words: '1 process' },
    configured: false,
    conditional: false,
    budget: null,
    ...extra,
  });
  const file = (imports: string[], spawns?: { count: number; words: string } | { reason: string }): FileFact => ({
    kind: 'file',
    spawns: spawns !== undefined,
    processes: spawns === undefined ? { known: true, count: 1, words: '1 process' } : 'reason' in spawns ? { known: false, reason: spawns.reason } : { known: true, ...spawns },
    imports,
  });
  const report = (files: Array<[string, { pools: PoolFact[]; file: FileFact | null }]>) =>
    buildReport({ files: new Map(files), budget: { maxConnections: 100, reservedConnections: 0 }, dir: '.', displayRoot: '/p', drivers: [], filesLinted: files.length, processesFlag: false, unreadable: [] } satisfies ReportInput);

  it('sums the processes of every spawning entry point that loads the module, through any chain of imports', () => {
    const r = report([
      ['/p/web.js', { pools: [], file: file(['/p/app.js'], { count: 4, words: '4 cluster workers' }) }],
      ['/p/app.js', { pools: [], file: file(['/p/db.js']) }],
      ['/p/threads.js', { pools: [], file: file(['/p/db.js'], { count: 2, words: '2 worker threads' }) }],
      ['/p/db.js', { pools: [pool(3)], file: null }],
      ['/p/cli.js', { pools: [pool(5)], file: file(['/p/app.js']) }],
    ]);
    expect(r.pools.map((p) => [p.file, p.processes, p.processesFrom, p.total])).toEqual([
      ['cli.js', 1, '1 process', 10],
      ['db.js', 6, '4 cluster workers (web.js) + 2 worker threads (threads.js)', 60],
    ]);
    expect(r.total).toBe(70);
  });

  it('keeps budget.processes, a spawning file’s own count and a serverless module’s unknown over what loads them', () => {
    const r = report([
      ['/p/web.js', { pools: [pool(9, { processes: { known: true, count: 4, words: '4 cluster workers' } })], file: file(['/p/a.js', '/p/b.js', '/p/c.js'], { count: 4, words: '4 cluster workers' }) }],
      ['/p/a.js', { pools: [pool(1, { configured: true, processes: { known: true, count: 2, words: '2 processes' } })], file: null }],
      ['/p/b.js', { pools: [pool(1, { processes: { known: false, reason: 'every concurrent invocation of the serverless `handler` has its own pool' } })], file: null }],
      ['/p/c.js', { pools: [pool(1)], file: null }],
    ]);
    expect(r.pools.map((p) => [p.file, p.processes, p.processesFrom])).toEqual([
      ['a.js', 2, '2 processes (budget.processes)'],
      ['b.js', null, 'unknown: every concurrent invocation of the serverless `handler` has its own pool'],
      ['c.js', 4, '4 cluster workers (web.js)'],
      ['web.js', 4, '4 cluster workers'],
    ]);
  });

  it('is unknown when a loading entry point’s count is', () => {
    const r = report([
      ['/p/web.js', { pools: [], file: file(['/p/db.js'], { reason: 'the worker count is one per CPU' }) }],
      ['/p/db.js', { pools: [pool(3)], file: null }],
    ]);
    expect(r.pools[0]).toMatchObject({ processes: null, processesFrom: 'unknown: web.js loads it: the worker count is one per CPU', total: null });
    expect(r.status).toBe('incomplete');
  });
});
