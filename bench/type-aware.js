#!/usr/bin/env node
// The cost of type-aware resolution (docs/type-aware.md), standalone from the main benchmark.
//
// Lints, with ESLint `stats: true`, each configuration in a fresh Node process (the TypeScript checker
// caches types, so a warm process would hide who paid for them), `--runs` times, median per rule:
//   - the typed fixture project (tests/fixtures/typed, typed against the real driver packages), and N
//     copies of it in one program (`--scales`): every file is database code, most with a finding;
//   - real code: the TypeScript sources agenda 5.0.0 publishes (`lib/`, 53 files using mongodb),
//     from the benchmark's install (bench/install.js), type-checked against its installed dependencies.
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
// Usage: npm run build && node bench/type-aware.js [--runs 5] [--scales 1,10] [--ci]
// `--ci`: one run, the fixture once and the real code; prints the tables, writes nothing.
// (a child is `node bench/type-aware.js --child <config> <dir>`; it prints JSON)
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { ensureInstalled, pinnedPackages } from './install.js';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixtureDir = join(root, 'tests', 'fixtures', 'typed');

/** The projects to measure: the fixture at each scale, then the real code. */
function projects(scales) {
  return [
    ...scales.map((scale) => ({ title: scale === 1 ? 'The fixture project' : `The fixture project ×${scale}`, setup: () => fixtureCopies(scale) })),
    { title: `Real code: agenda ${pinnedPackages().agenda} (its published TypeScript sources, mongodb)`, setup: realCode },
  ];
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

const distIndex = join(root, 'dist', 'src', 'index.js');
const NFP = '@typescript-eslint/no-floating-promises';
const NS = 'connection-hygiene/';

async function child(config, dir) {
  const { ESLint } = await import('eslint');
  const tsParser = (await import('@typescript-eslint/parser')).default;
  const tsPlugin = (await import('@typescript-eslint/eslint-plugin')).default;
  const plugin = (await import(pathToFileURL(distIndex).href)).default;
  const { typeQueryTime, typeQueryCount } = await import(pathToFileURL(join(root, 'dist', 'src', 'analysis', 'type-resolver.js')).href);
  const typedConfig = plugin.configs['recommended-type-checked'];
  const untypedConfig = plugin.configs.recommended;
  const rules =
    config === 'nfp' ? { [NFP]: 'error' }
    : config === 'untyped' ? untypedConfig.rules
    : config === 'typed' ? typedConfig.rules
    : { ...typedConfig.rules, [NFP]: 'error' };
  const settings = config === 'typed' || config === 'both' ? typedConfig.settings : {};
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    stats: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tsParser, parserOptions: { project: './tsconfig.json', tsconfigRootDir: dir } },
        plugins: { 'connection-hygiene': plugin, '@typescript-eslint': tsPlugin },
        settings,
        rules,
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
  process.stdout.write(JSON.stringify({ config, files: results.length, wall, parse, plugin: plugin_, nfp: ruleTimes[NFP] ?? 0, ruleTimes, findings, typeTime: typeQueryTime(), typeQueries: typeQueryCount() }));
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function measure(project, runs) {
  const { dir, cleanup } = project.setup();
  const configs = ['nfp', 'untyped', 'typed', 'both'];
  const samples = Object.fromEntries(configs.map((c) => [c, []]));
  for (let i = 0; i < runs; i++) {
    for (const config of configs) {
      const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', config, dir], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
      samples[config].push(JSON.parse(out));
    }
  }
  cleanup();
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
  const measured = projects(scales).map((project) => measure(project, runs));
  const text = [
    '# Type-aware resolution: cost',
    '',
    `Generated by \`node bench/type-aware.js --runs ${runs} --scales ${scales.join(',')}\` on ${new Date().toISOString().slice(0, 10)} (Node ${process.version}).`,
    'Each configuration runs in a fresh Node process (the TypeScript checker caches types, so a warm process would',
    `hide who paid for them); times are ESLint \`stats\` rule times summed over files, median of ${runs} run${runs === 1 ? '' : 's'}.`,
    'Budget: the time type-aware resolution adds — the type queries: checker calls and the resolver, timed inside',
    'the resolver — below 20% of `@typescript-eslint/no-floating-promises`, both in the same lint',
    '(typescript-eslint\'s `recommended-type-checked` includes that rule). Also shown, not judged: the whole plugin',
    'typed − untyped, which adds the rules\' ordinary analysis of the files and findings only types reveal (on the',
    'fixture nearly every file is database code that only types reveal, so this grows with the findings).',
    '',
    ...summary(measured.map((m) => m.row)),
    '',
    ...measured.flatMap((m) => m.lines),
  ].join('\n');
  if (!ci) writeFileSync(join(root, 'bench', 'RESULTS-type-aware.md'), text);
  console.log(text);
}

const childFlag = process.argv.indexOf('--child');
if (childFlag > 0) await child(process.argv[childFlag + 1], process.argv[childFlag + 2]);
else main();
