#!/usr/bin/env node
// The cost of type-aware resolution (docs/type-aware.md), standalone from the main benchmark.
//
// Lints, with ESLint `stats: true`, each configuration in a fresh Node process (the TypeScript checker
// caches types, so a warm process would hide who paid for them), `--runs` times, median per rule:
//   - the typed fixture project (tests/fixtures/typed, typed against the real driver packages), and N
//     copies of it in one program (`--scales`): every file is database code, most with a finding;
//   - real code: the TypeScript sources agenda 5.0.0 publishes (`lib/`, 53 files using mongodb),
//     from the benchmark's install (bench/install.js), type-checked against its installed dependencies;
//   - a generated application (written to a temporary directory, not the repository): 121 files
//     without database code that call `map`/`filter`/`find`/`get`/`min`/`max`/`extend`/`select`
//     (zod, arrays, Map, a query builder of its own) and 14 with, reaching pg only through the
//     project's own modules — the shape of the real projects where typed mode cost the most.
// Configurations:
//
//   nfp      @typescript-eslint/no-floating-promises alone (the reference typed rule)
//   untyped  the plugin's `recommended` rules, parsed with the same program, `typeAware` off
//   typed    the plugin's `recommended-type-checked` rules (`typeAware` on)
//   both     `recommended-type-checked` + no-floating-promises together (the usual real setup)
//
// The extra time of type-aware resolution is typed − untyped (the plugin's rules' time); the budget
// is 20% of no-floating-promises' time. Prints a table and writes bench/RESULTS-type-aware.md.
//
// Usage: npm run build && node bench/type-aware.js [--runs 5] [--scales 1,10] [--ci] [--only <title part>]
//        [--before <dir>] [--keep]
// `--ci`: one run, the fixture once and the real code; prints the tables, writes nothing.
// `--before <dir>`: also measure the build in <dir> (a copy of the repository before a change, with
// `npm run build` run in it) on the same projects, and add a before → after table.
// `--keep`: keep the generated projects (prints their directory). Also reported per project: how
// many files the plugin analyses (builds a file model for) with and without `typeAware`.
// (a child is `node bench/type-aware.js --child <config> <dir>`; it prints JSON)
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { ensureInstalled, pinnedPackages } from './install.js';
import { NFP, typedCostConfig } from './lib.js';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixtureDir = join(root, 'tests', 'fixtures', 'typed');

/** The projects to measure: the fixture at each scale, then the real code. */
function projects(scales) {
  return [
    ...scales.map((scale) => ({ title: scale === 1 ? 'The fixture project' : `The fixture project ×${scale}`, setup: () => fixtureCopies(scale) })),
    { title: `Real code: agenda ${pinnedPackages().agenda} (its published TypeScript sources, mongodb)`, setup: realCode },
    { title: 'A generated application: 121 files without database code (zod, arrays, Map, a query builder), 14 with (12 reaching pg only through its own modules)', setup: generatedApp },
  ];
}

/**
 * A generated TypeScript application, written to a temporary directory outside the repository (its
 * `node_modules` a link to the repository's, so `pg` and `zod` resolve as installed): the
 * shape of the real projects where typed mode cost the most. Most files have no database code but
 * call methods whose names the catalog also has (`map`, `filter`, `find`, `get`, `min`, `max`,

 * `extend`, `select`, `execute`); a few repositories reach `pg` only through the project's own
 * modules (`repos/*.ts` → `db/index.ts` re-exports → `db/pool.ts` imports pg), and services import
 * those repositories.
 */
function generatedApp() {
  const dir = mkdtempSync(join(tmpdir(), 'ch-type-aware-app-'));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const write = (name, text) => {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  };
  const compilerOptions = { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', strict: true, skipLibCheck: true, noEmit: true, types: ['node'] };
  write('tsconfig.json', JSON.stringify({ compilerOptions, include: ['src/**/*.ts'] }, null, 2));
  const SCHEMAS = 40;
  const LISTS = 40;
  const QUERIES = 40;
  const REPOS = 6;
  for (let i = 0; i < SCHEMAS; i++) {
    write(`src/schemas/schema${i}.ts`, `import { z } from 'zod';
${i > 0 ? `import { base${i - 1} } from './schema${i - 1}';\n` : ''}export const base${i} = z.object({ id: z.string().min(1).max(64), name: z.string().min(2), tags: z.array(z.string()).max(10) });
export const extended${i} = ${i > 0 ? `base${i - 1}` : `base${i}`}.extend({ age: z.number().int().min(0).max(150), email: z.string().email().optional() });
export const picked${i} = extended${i}.pick({ id: true, name: true }).extend({ note: z.string().min(0) });
export type Extended${i} = z.infer<typeof extended${i}>;
export function parse${i}(input: unknown): Extended${i} {
  const value = extended${i}.parse(input);
  const safe = picked${i}.safeParse(input);
  return safe.success ? { ...value, name: safe.data.name } : value;
}
`);
  }
  for (let i = 0; i < LISTS; i++) {
    write(`src/lists/list${i}.ts`, `import { parse${i}, type Extended${i} } from '../schemas/schema${i}';
const cache = new Map<string, Extended${i}>();
export function index${i}(rows: unknown[]): Map<string, Extended${i}> {
  const parsed = rows.map((row) => parse${i}(row)).filter((row) => row.name.length > 2);
  const sorted = [...parsed].sort((a, b) => a.name.localeCompare(b.name));
  const found = sorted.find((row) => row.tags.includes('x'));
  const oldest = Math.max(...sorted.map((row) => row.age));
  const youngest = Math.min(...sorted.map((row) => row.age));
  for (const row of sorted) cache.set(row.id, row);
  const hit = cache.get(found?.id ?? '');
  const values = Object.values(Object.fromEntries(cache)).map((row) => row.id);
  return new Map([[String(oldest - youngest), hit ?? sorted[0]!], ...values.map((id) => [id, cache.get(id)!] as const)]);
}
export async function all${i}(ids: string[]): Promise<string[]> {
  const settled = await Promise.all(ids.map(async (id) => JSON.stringify(cache.get(id) ?? null)));
  return settled.filter((text) => text !== 'null').slice(0, 10);
}
`);
  }
  // a query builder of the project's own (kysely is a cataloged driver, so its users are database code):
  // generic `select`/`where`/`orderBy`/`get`/`find`/`map` over typed rows, nothing reaches a driver
  write('src/query/builder.ts', `export interface Tables {
  person: { id: number; first_name: string; last_name: string | null; age: number };
  pet: { id: number; name: string; owner_id: number; species: 'dog' | 'cat' };
}
type Row<T extends keyof Tables> = Tables[T];
export class Query<T extends keyof Tables, S extends keyof Row<T> = keyof Row<T>> {
  constructor(readonly table: T, private readonly rows: Array<Row<T>> = [], private readonly columns: readonly S[] = []) {}
  select<K extends keyof Row<T>>(columns: readonly K[]): Query<T, K> {
    return new Query<T, K>(this.table, this.rows, columns);
  }
  where<K extends keyof Row<T>>(column: K, op: '=' | '>=' | '<=', value: Row<T>[K]): this {
    void column; void op; void value;
    return this;
  }
  orderBy(column: S): this {
    void column;
    return this;
  }
  async execute(): Promise<Array<Pick<Row<T>, S>>> {
    return this.rows.map((row) => Object.fromEntries(this.columns.map((c) => [c, row[c]])) as Pick<Row<T>, S>);
  }
  async executeTakeFirst(): Promise<Pick<Row<T>, S> | undefined> {
    return (await this.execute())[0];
  }
}
export const db = {
  selectFrom<T extends keyof Tables>(table: T): Query<T> {
    return new Query(table);
  },
  get<T extends keyof Tables>(table: T, id: number): Query<T> {
    return new Query(table).where('id' as keyof Row<T>, '=', id as never);
  },
};
`);
  for (let i = 0; i < QUERIES; i++) {
    write(`src/query/query${i}.ts`, `import { db } from './builder';
export async function owners${i}(minAge: number) {
  const rows = await db.selectFrom('person').select(['id', 'first_name', 'age']).where('age', '>=', minAge).orderBy('first_name').execute();
  const first = await db.selectFrom('pet').select(['id', 'name']).where('species', '=', 'cat').executeTakeFirst();
  const one = await db.get('person', ${i}).select(['id']).execute();
  const found = rows.find((row) => row.age > minAge);
  return rows.map((row) => ({ ...row, first: first?.name, one: one.length, found: found?.id })).filter((row) => row.first_name !== '');
}
`);
  }
  write('src/db/pool.ts', `import { Pool, type PoolClient } from 'pg';
export const pool = new Pool({ max: 10 });
export async function getClient(): Promise<PoolClient> {
  return pool.connect();
}
`);
  write('src/db/index.ts', `export { getClient, pool } from './pool';\n`);
  for (let i = 0; i < REPOS; i++) {
    write(`src/repos/repo${i}.ts`, `import { getClient } from '../db';
import { parse${i} } from '../schemas/schema${i}';
export async function load${i}(id: string) {
  const client = await getClient();${i % 2 === 0 ? '' : '\n  try {'}
  const result = await client.query('select * from items where id = $1', [id]);
  return result.rows.map((row) => parse${i}(row));${i % 2 === 0 ? '' : '\n  } finally {\n    client.release();\n  }'}
}
`);
    write(`src/services/service${i}.ts`, `import { load${i} } from '../repos/repo${i}';
import { index${i} } from '../lists/list${i}';
export async function show${i}(id: string) {
  const rows = await load${i}(id);
  return [...index${i}(rows).values()].map((row) => row.name);
}
`);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The fixture project, or N copies of it side by side (`.cache/type-aware-bench-xN/copyI/…`, one
 * tsconfig) so the checker's one-time warm-up (global and driver types) is spread over more files,
 * as in a real project.
 */
function fixtureCopies(scale) {
  if (scale === 1) return { dir: fixtureDir, cleanup: () => {} };
  const dir = join(root, '.cache', `type-aware-bench-x${scale}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(join(fixtureDir, 'tsconfig.json'), join(dir, 'tsconfig.json'));
  for (let i = 0; i < scale; i++) {
    cpSync(fixtureDir, join(dir, `copy${i}`), { recursive: true, filter: (source) => !source.endsWith('tsconfig.json') });
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * agenda's `lib/` copied next to the benchmark install's node_modules (outside node_modules, which
 * ESLint ignores), so its imports (mongodb, debug, …) resolve to the installed packages.
 */
function realCode() {
  const install = ensureInstalled({ quiet: true });
  const dir = join(install, 'typed-real');
  rmSync(dir, { recursive: true, force: true });
  cpSync(join(install, 'node_modules', 'agenda', 'lib'), join(dir, 'agenda'), { recursive: true });
  const compilerOptions = {
    target: 'ES2022',
    module: 'commonjs',
    moduleResolution: 'node',
    ignoreDeprecations: '6.0',
    strict: true,
    esModuleInterop: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
  };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['**/*.ts'] }, null, 2));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

// `--plugin-root <dir>`: measure another build of the plugin (a checkout with its own `dist/`), e.g. the
// version before a change, with the same projects
const pluginRootFlag = process.argv.indexOf('--plugin-root');
const pluginRoot = pluginRootFlag > 0 ? process.argv[pluginRootFlag + 1] : root;
const distIndex = join(pluginRoot, 'dist', 'src', 'index.js');
const NS = 'connection-hygiene/';

async function child(config, dir) {
  const { ESLint } = await import('eslint');
  const tsParser = (await import('@typescript-eslint/parser')).default;
  const tsPlugin = (await import('@typescript-eslint/eslint-plugin')).default;
  const plugin = (await import(pathToFileURL(distIndex).href)).default;
  const { typeQueryTime, typeQueryCount } = await import(pathToFileURL(join(pluginRoot, 'dist', 'src', 'analysis', 'type-resolver.js')).href);
  const { getFileModel } = await import(pathToFileURL(join(pluginRoot, 'dist', 'src', 'analysis', 'file-model.js')).href);
  // files the plugin builds a model for (asked at Program:exit, after the plugin's rules built it)
  let admitted = 0;
  const gate = {
    meta: { type: 'problem', schema: [] },
    create: (context) => ({ 'Program:exit': () => void (getFileModel(context) !== null && admitted++) }),
  };
  const { rules, settings } = typedCostConfig(plugin, config);
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    stats: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tsParser, parserOptions: { project: './tsconfig.json', tsconfigRootDir: dir } },
        plugins: { 'connection-hygiene': plugin, '@typescript-eslint': tsPlugin, bench: { rules: { gate } } },
        settings,
        rules: config === 'nfp' ? rules : { ...rules, 'bench/gate': 'error' },
      },
    ],
  });
  const started = process.hrtime.bigint();
  const results = await eslint.lintFiles(['**/*.ts']);
  const wall = Number(process.hrtime.bigint() - started) / 1e6;
  const ruleTimes = {};
  let parse = 0;
  let findings = 0;
  for (const result of results) {
    findings += result.messages.filter((m) => m.ruleId?.startsWith(NS)).length;
    for (const pass of result.stats?.times.passes ?? []) {
      parse += pass.parse?.total ?? 0;
      for (const [rule, time] of Object.entries(pass.rules ?? {})) ruleTimes[rule] = (ruleTimes[rule] ?? 0) + time.total;
    }
  }
  const plugin_ = Object.entries(ruleTimes).filter(([r]) => r.startsWith(NS)).reduce((sum, [, t]) => sum + t, 0);
  process.stdout.write(JSON.stringify({ config, files: results.length, wall, parse, plugin: plugin_, nfp: ruleTimes[NFP] ?? 0, ruleTimes, findings, admitted, typeTime: typeQueryTime(), typeQueries: typeQueryCount() }));
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function measure(project, runs, plugin = pluginRoot) {
  const { dir, cleanup } = project.setup();
  const configs = ['nfp', 'untyped', 'typed', 'both'];
  const samples = Object.fromEntries(configs.map((c) => [c, []]));
  for (let i = 0; i < runs; i++) {
    for (const config of configs) {
      const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', config, dir, '--plugin-root', plugin], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
      samples[config].push(JSON.parse(out));
    }
  }
  if (process.argv.includes('--keep')) console.error(`kept ${dir}`);
  else cleanup();
  const med = (config, key) => median(samples[config].map((s) => s[key]));
  const nfp = med('nfp', 'nfp');
  const untyped = med('untyped', 'plugin');
  const typed = med('typed', 'plugin');
  const bothPlugin = med('both', 'plugin');
  const extra = typed - untyped;
  const typeTime = med('typed', 'typeTime');
  const typeTimeBoth = med('both', 'typeTime');
  const extraBoth = bothPlugin - untyped;
  const pct = (x) => `${((100 * x) / nfp).toFixed(1)}%`;
  const ms = (x) => `${x.toFixed(1)} ms`;
  const files = samples.typed[0].files;
  const row = {
    title: project.title,
    files,
    findings: `${samples.untyped[0].findings} → ${samples.typed[0].findings}`,
    nfp,
    typeBoth: typeTimeBoth,
    extraBoth,
    findingsTyped: samples.typed[0].findings,
    admittedUntyped: samples.untyped[0].admitted,
    admittedTyped: samples.typed[0].admitted,
    queries: samples.typed[0].typeQueries,
    untyped,
    typed,
  };
  return {
    row,
    lines: [
      `## ${project.title} (${files} files)`,
      '',
      '| configuration | plugin rules | no-floating-promises | parse (all files) | findings |',
      '|---|---:|---:|---:|---:|',
      `| no-floating-promises alone | – | ${ms(nfp)} | ${ms(med('nfp', 'parse'))} | – |`,
      `| \`recommended\`, same program, \`typeAware\` off | ${ms(untyped)} | – | ${ms(med('untyped', 'parse'))} | ${samples.untyped[0].findings} |`,
      `| \`recommended-type-checked\` | ${ms(typed)} | – | ${ms(med('typed', 'parse'))} | ${samples.typed[0].findings} |`,
      `| \`recommended-type-checked\` + no-floating-promises | ${ms(bothPlugin)} | ${ms(med('both', 'nfp'))} | ${ms(med('both', 'parse'))} | ${samples.both[0].findings} |`,
      '',
      `Files the plugin analyses (builds a model for): ${samples.untyped[0].admitted} untyped, ${samples.typed[0].admitted} typed.`,
      `Type queries (${samples.typed[0].typeQueries}; checker calls and the resolver, timed inside the resolver): next to no-floating-promises ${ms(typeTimeBoth)} = ${pct(typeTimeBoth)}; alone ${ms(typeTime)} = ${pct(typeTime)} (alone, the plugin's first query pays the checker's warm-up that no-floating-promises pays otherwise).`,
      `Whole plugin, typed − untyped (type queries, plus the rules' work on the files only the typed pre-filter admits and on the findings only types reveal): next to no-floating-promises ${ms(extraBoth)} = ${pct(extraBoth)}; alone ${ms(extra)} = ${pct(extra)}.`,
      '',
      '| rule | untyped | typed |',
      '|---|---:|---:|',
      ...Object.keys(samples.typed[0].ruleTimes)
        .sort()
        .map((rule) => `| ${rule} | ${ms(median(samples.untyped.map((s) => s.ruleTimes[rule] ?? 0)))} | ${ms(median(samples.typed.map((s) => s.ruleTimes[rule] ?? 0)))} |`),
      '',
    ],
  };
}

/** The summary table: each project's cost next to no-floating-promises, against the 20% budget. */
function summary(rows) {
  const pct = (x, nfp) => (100 * x) / nfp;
  const cell = (x, nfp) => `${x.toFixed(1)} ms = ${pct(x, nfp).toFixed(1)}% ${pct(x, nfp) < 20 ? '✅' : '❌'}`;
  return [
    '| project | files | findings untyped → typed | no-floating-promises | type queries (the budget) | whole plugin, typed − untyped |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.title} | ${r.files} | ${r.findings} | ${r.nfp.toFixed(1)} ms | ${cell(r.typeBoth, r.nfp)} | ${r.extraBoth.toFixed(1)} ms = ${pct(r.extraBoth, r.nfp).toFixed(1)}% |`),
  ];
}

/** Before → after, per project: what the typed gate and the receiver filter change. */
function comparison(before, after) {
  const arrow = (a, b, f) => `${f(a)} → ${f(b)}`;
  const share = (r) => `${r.typeBoth.toFixed(1)} ms = ${((100 * r.typeBoth) / r.nfp).toFixed(1)}%`;
  const ratio = (r) => `${r.typed.toFixed(0)} / ${r.untyped.toFixed(0)} ms = ${(r.typed / r.untyped).toFixed(1)}×`;
  return [
    '| project | files analysed, typed (untyped) | type queries | query time next to no-floating-promises | plugin rules typed / untyped | typed findings |',
    '|---|---:|---:|---:|---:|---:|',
    ...after.map((a, i) => {
      const b = before[i];
      return `| ${a.title} | ${b.admittedTyped} → ${a.admittedTyped} (${a.admittedUntyped}) | ${arrow(b.queries, a.queries, String)} | ${share(b)} → ${share(a)} | ${ratio(b)} → ${ratio(a)} | ${arrow(b.findingsTyped, a.findingsTyped, String)} |`;
    }),
  ];
}

function main() {
  if (!existsSync(distIndex)) {
    console.error(`bench/type-aware.js needs the built plugin (${distIndex}): run \`npm run build\` first.`);
    process.exit(1);
  }
  const flag = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const ci = process.argv.includes('--ci');
  const runs = Number(flag('--runs', ci ? '1' : '5'));
  const scales = flag('--scales', ci ? '1' : '1,10').split(',').map(Number);
  const only = flag('--only', null);
  const selected = projects(scales).filter((project) => only === null || project.title.includes(only));
  const measured = selected.map((project) => measure(project, runs));
  // `--before <dir>`: the same projects with another build of the plugin (a copy of the repository
  // before a change, built), for a before/after table
  const beforeRoot = flag('--before', null);
  const before = beforeRoot === null ? [] : selected.map((project) => measure(project, runs, beforeRoot));
  const text = [
    '# Type-aware resolution: cost',
    '',
    `Generated by \`node bench/type-aware.js --runs ${runs} --scales ${scales.join(',')}${beforeRoot === null ? '' : ' --before <a built copy of the repository before the change>'}\` on ${new Date().toISOString().slice(0, 10)} (Node ${process.version}).`,
    'Each configuration runs in a fresh Node process (the TypeScript checker caches types, so a warm process would',
    `hide who paid for them); times are ESLint \`stats\` rule times summed over files, median of ${runs} run${runs === 1 ? '' : 's'}.`,
    'Budget: the time type-aware resolution adds — the type queries: checker calls and the resolver, timed inside',
    'the resolver — below 20% of `@typescript-eslint/no-floating-promises`, both in the same lint',
    '(typescript-eslint\'s `recommended-type-checked` includes that rule). Also shown, not judged: the whole plugin',
    'typed − untyped, which adds the rules\' ordinary analysis of the files and findings only types reveal (on the',
    'fixture nearly every file is database code that only types reveal, so this grows with the findings).',
    '"Files analysed" counts the files the plugin builds a model for (all others cost one text check). In typed',
    'mode a file is analysed when the syntactic gate admits it or a binding it imports is declared in a file that',
    'reaches a driver through the program\'s import graph (the typed gate, `src/analysis/file-model.ts`).',
    ...(beforeRoot === null ? [] : ['`Before`: the same code without the typed gate (a file was analysed in typed mode when it called any cataloged method name) and without the receiver filter (`ruledOut`).']),
    'The machine that produced these numbers was shared (2 cores, load 4–6): compare rows of one run, not runs.',
    '',
    ...summary(measured.map((m) => m.row)),
    '',
    ...(before.length === 0 ? [] : ['## Before and after the typed gate', '', ...comparison(before.map((m) => m.row), measured.map((m) => m.row)), '']),
    ...measured.flatMap((m) => m.lines),
  ].join('\n');
  if (!ci) {
    // keep the real-project section that bench/type-aware-real.js maintains between its markers
    const file = join(root, 'bench', 'RESULTS-type-aware.md');
    const previous = existsSync(file) ? readFileSync(file, 'utf8') : '';
    const start = previous.indexOf('<!-- bench/type-aware-real.js: start -->');
    const endMarker = '<!-- bench/type-aware-real.js: end -->';
    const end = previous.indexOf(endMarker);
    const kept = start >= 0 && end > start ? `\n${previous.slice(start, end + endMarker.length)}\n` : '';
    writeFileSync(file, `${text.trimEnd()}\n${kept}`);
  }
  console.log(text);
}

const childFlag = process.argv.indexOf('--child');
if (childFlag > 0) await child(process.argv[childFlag + 1], process.argv[childFlag + 2]);
else main();
