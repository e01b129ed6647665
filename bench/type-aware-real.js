#!/usr/bin/env node
// The cost of type-aware resolution on real typed projects (issue 16, item 4): published npm packages
// that ship their TypeScript sources with database code (bench/typed-packages.json, `projects`),
// installed into a cache outside the repository (bench/install.js --list typed-packages, with
// --ignore-scripts). Each project's sources are copied next to that install's node_modules (ESLint
// ignores node_modules) with a generated tsconfig.json, so driver imports resolve to the installed
// driver typings, and linted with `parserOptions.project`.
//
// Like bench/type-aware.js, each configuration runs in a fresh Node process (the TypeScript checker
// caches types, so a warm process would hide who paid for them), `--runs` times; times are ESLint
// `stats` rule times summed over files, medians over the processes:
//
//   nfp      @typescript-eslint/no-floating-promises alone (the reference typed rule)
//   untyped  the plugin's `recommended` rules, parsed with the same program, `typeAware` off
//   typed    the plugin's `recommended-type-checked` rules (`typeAware` on)
//   both     `recommended-type-checked` + no-floating-promises together (the usual real setup)
//
// Budget (issue 16): the type queries (checker calls and the resolver, timed inside the resolver,
// type-resolver.ts `typeQueryTime`) in `both` below 20% of no-floating-promises' time, on every
// project. Reported beside it: the whole plugin typed − untyped (`both` − `untyped`), as a share of
// the same. Also listed: the typed-only findings (typed findings whose rule, file, line and column
// the untyped lint does not report) and the findings only the untyped lint reports.
//
// Usage: npm run build && node bench/type-aware-real.js [--runs 5] [--only <id>] [--ci] [--keep]
//        node bench/type-aware-real.js --explain [--only <id>] [--top 15]
// `--ci`: one run; prints, writes nothing. Otherwise replaces the section between the markers in
// bench/RESULTS-type-aware.md (appended when missing) and prints it.
// `--plugin-root <dir>`: measure the build in <dir> (a copy of the repository with `dist/` built, e.g.
// `git archive HEAD` while the work tree is being edited) instead; `--label <text>` names it in the report.
// `--compare <dir>`: this build (or `--plugin-root`) against the build in <dir>, interleaved; prints only.
// `--setup`: only copies the projects and writes their tsconfig.json (prints their directories).
// `--explain`: one `both` lint per project with every type query timed on its own: the slowest
// queries (file:line, the method, the node's text, its answer), time per file, per method and per
// node text, and the typed gate's time; nothing is written.
// (a child is `node bench/type-aware-real.js --child <config> <dir> [--explain]`; it prints JSON)
import { execFileSync } from 'node:child_process';
import { NFP, typedCostConfig } from './lib.js';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureInstalled } from './install.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const LIST = 'typed-packages';
// `--plugin-root <dir>`: measure another build of the plugin (a copy of the repository with its own
// `dist/`, e.g. with a candidate change), on the same projects
const pluginRootFlag = process.argv.indexOf('--plugin-root');
const pluginRoot = pluginRootFlag > 0 ? process.argv[pluginRootFlag + 1] : root;
const distIndex = join(pluginRoot, 'dist', 'src', 'index.js');
const NS = 'connection-hygiene/';
const START = '<!-- bench/type-aware-real.js: start -->';
const END = '<!-- bench/type-aware-real.js: end -->';
const resultsFile = join(root, 'bench', 'RESULTS-type-aware.md');

const flag = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};

/** The projects of bench/typed-packages.json: `{ id, title, sources: { package: dir }, compilerOptions? }`. */
function projects() {
  return JSON.parse(readFileSync(join(root, 'bench', `${LIST}.json`), 'utf8')).projects;
}

const COMPILER_OPTIONS = {
  target: 'ES2022',
  lib: ['ES2023', 'DOM', 'DOM.Iterable'],
  module: 'ESNext',
  moduleResolution: 'Bundler',
  strict: true,
  esModuleInterop: true,
  resolveJsonModule: true,
  skipLibCheck: true,
  noEmit: true,
  types: ['node'],
};

/**
 * Copies a project's TypeScript files (`.ts`, `.tsx`, `.mts`, `.cts`, and the `.d.ts` files among
 * them, which the program needs but ESLint does not lint) to `<install>/typed-real/<id>-<pid>/<package>/…`
 * and writes its tsconfig.json. Returns the directory.
 */
function setup(project, install) {
  // one directory per run (a second run at the same time must not remove the first one's files)
  const dir = join(install, 'typed-real', `${project.id}-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [pkg, sub] of Object.entries(project.sources)) {
    const from = join(install, 'node_modules', pkg, sub);
    if (!existsSync(from)) throw new Error(`${project.id}: ${from} is missing (is ${pkg} in bench/${LIST}.json's packages?)`);
    const to = join(dir, pkg.replace('/', '__'), sub);
    cpSync(from, to, {
      recursive: true,
      filter: (source) => {
        const name = relative(from, source);
        if (name === '') return true;
        if (/(^|[\\/])node_modules$/u.test(name)) return false;
        // a package's build output beside its sources (`sources: { pkg: '.' }`)
        if (sub === '.' && /^(?:dist|lib|build|bin|esm|cjs)$/u.test(name)) return false;
        return statSync(source).isDirectory() || /\.(?:[mc]?tsx?)$/u.test(name);
      },
    });
  }
  const compilerOptions = { ...COMPILER_OPTIONS, ...project.compilerOptions };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'] }, null, 2) + '\n');
  return dir;
}

// ---------------------------------------------------------------------------------------------------
// child: one lint, JSON on stdout

async function child(config, dir, explain) {
  const { ESLint } = await import('eslint');
  const tsParser = (await import('@typescript-eslint/parser')).default;
  const tsPlugin = (await import('@typescript-eslint/eslint-plugin')).default;
  const plugin = (await import(pathToFileURL(distIndex).href)).default;
  const resolver = await import(pathToFileURL(join(pluginRoot, 'dist', 'src', 'analysis', 'type-resolver.js')).href);
  const { getFileModel, typedGateCount } = await import(pathToFileURL(join(pluginRoot, 'dist', 'src', 'analysis', 'file-model.js')).href);
  // files the plugin builds a model for (asked at Program:exit, after the plugin's rules built it)
  let admitted = 0;
  const admittedFiles = [];
  const gate = {
    meta: { type: 'problem', schema: [] },
    create: (context) => ({
      'Program:exit': () => {
        if (getFileModel(context) === null) return;
        admitted++;
        admittedFiles.push(relative(dir, context.filename));
      },
    }),
  };
  // --explain: builds the model first (so the typed gate's time is seen on its own) and times every
  // query of the file's TypeQueries one by one
  const queries = [];
  const gates = [];
  const explainRule = {
    meta: { type: 'problem', schema: [] },
    // in create(): the plugin's rules build the model in theirs, and this rule is created first
    create(context) {
      const before = resolver.typeQueryTime();
      const start = performance.now();
      const model = getFileModel(context);
      gates.push({ file: relative(dir, context.filename), ms: performance.now() - start, gateQueryMs: resolver.typeQueryTime() - before, admitted: model !== null });
      const types = model?.types;
      if (!types || types.__explained) return {};
      const text = context.sourceCode.text;
      for (const method of Object.keys(types)) {
        const original = types[method];
        types[method] = (...args) => {
          const node = args[0];
          // who asked: the plugin's frames (dist/src/analysis, dist/rules), not ESLint's
          const stack = new Error().stack
            .split('\n')
            .slice(2)
            .map((l) => l.trim().replace(/^at /u, '').replace(/\(file:\/\/\S*\/dist\//u, '('))
            .filter((l) => !l.includes('node_modules') && !l.includes('bench/'))
            .slice(0, 8)
            .join(' < ');
          const count = resolver.typeQueryCount();
          const t0 = performance.now();
          const answer = original(...args);
          const ms = performance.now() - t0;
          const snippet = node?.range ? text.slice(node.range[0], Math.min(node.range[1], node.range[0] + 70)).replace(/\s+/gu, ' ') : '';
          const shown =
            answer === null || answer === undefined ? String(answer)
            : typeof answer === 'object' ? `${answer.ref?.driver?.id ?? ''}.${answer.ref?.name ?? '?'}${answer.promise ? ' (promise)' : ''}`
            : String(answer);
          queries.push({ file: relative(dir, context.filename), line: node?.loc?.start.line ?? 0, method, node: node?.type ?? '', snippet, ms, checkerCalls: resolver.typeQueryCount() - count, answer: shown, stack });
          return answer;
        };
      }
      types.__explained = true;
      return {};
    },
  };
  const { rules, settings } = typedCostConfig(plugin, config);
  const extra = config === 'nfp' ? {} : { 'bench/gate': 'error', ...(explain ? { 'bench/explain': 'error' } : {}) };
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    errorOnUnmatchedPattern: false,
    stats: true,
    overrideConfig: [
      { ignores: ['**/*.d.ts', '**/*.d.mts', '**/*.d.cts'] },
      {
        files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'],
        languageOptions: { parser: tsParser, parserOptions: { project: './tsconfig.json', tsconfigRootDir: dir } },
        linterOptions: { reportUnusedDisableDirectives: 'off', noInlineConfig: true },
        plugins: { 'connection-hygiene': plugin, '@typescript-eslint': tsPlugin, bench: { rules: { gate, explain: explainRule } } },
        settings,
        // the explain rule first, so the model is built (and its queries wrapped) before the plugin's rules run
        rules: { ...(explain ? { 'bench/explain': 'error' } : {}), ...rules, ...extra },
      },
    ],
  });
  const started = process.hrtime.bigint();
  const results = await eslint.lintFiles(['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts']);
  const wall = Number(process.hrtime.bigint() - started) / 1e6;
  const ruleTimes = {};
  let parse = 0;
  const findings = [];
  let crashes = 0;
  for (const result of results) {
    for (const m of result.messages) {
      if (m.ruleId?.startsWith(NS)) findings.push({ file: relative(dir, result.filePath), line: m.line, column: m.column, rule: m.ruleId.slice(NS.length), message: m.message });
      else if (m.fatal) crashes++;
    }
    for (const pass of result.stats?.times.passes ?? []) {
      parse += pass.parse?.total ?? 0;
      for (const [rule, time] of Object.entries(pass.rules ?? {})) ruleTimes[rule] = (ruleTimes[rule] ?? 0) + time.total;
    }
  }
  const pluginTime = Object.entries(ruleTimes).filter(([r]) => r.startsWith(NS)).reduce((sum, [, t]) => sum + t, 0);
  const out = {
    config,
    files: results.length,
    fatal: crashes,
    wall,
    parse,
    plugin: pluginTime,
    nfp: ruleTimes[NFP] ?? 0,
    ruleTimes,
    findings,
    admitted,
    admittedFiles,
    typedGate: typedGateCount(),
    typeTime: resolver.typeQueryTime(),
    typeQueries: resolver.typeQueryCount(),
    skips: resolver.typeQuerySkips(),
  };
  if (explain) Object.assign(out, { queries, gates });
  process.stdout.write(JSON.stringify(out));
}

// ---------------------------------------------------------------------------------------------------
// parent

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function runChild(config, dir, explain = false, plugin = pluginRoot) {
  const args = [fileURLToPath(import.meta.url), '--child', config, dir, '--plugin-root', plugin, ...(explain ? ['--explain'] : [])];
  return JSON.parse(execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 }));
}

const key = (f) => `${f.rule} ${f.file}:${f.line}:${f.column}`;

function measure(project, dir, runs) {
  const configs = ['nfp', 'untyped', 'typed', 'both'];
  const samples = Object.fromEntries(configs.map((c) => [c, []]));
  const started = Date.now();
  for (let i = 0; i < runs; i++) {
    // configurations interleaved, so a noisy stretch of the machine hits all of them
    for (const config of configs) samples[config].push(runChild(config, dir));
    console.error(`  ${project.id}: run ${i + 1}/${runs} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  const med = (config, k) => median(samples[config].map((s) => s[k]));
  const untypedFindings = samples.untyped[0].findings;
  const typedFindings = samples.typed[0].findings;
  const untypedKeys = new Set(untypedFindings.map(key));
  const typedKeys = new Set(typedFindings.map(key));
  return {
    project,
    runs,
    seconds: (Date.now() - started) / 1000,
    files: samples.typed[0].files,
    fatal: samples.typed[0].fatal,
    admittedUntyped: samples.untyped[0].admitted,
    admittedTyped: samples.both[0].admitted,
    typedGate: samples.both[0].typedGate,
    queries: samples.both[0].typeQueries,
    skips: samples.both[0].skips,
    nfp: med('nfp', 'nfp'),
    nfpBoth: med('both', 'nfp'),
    untyped: med('untyped', 'plugin'),
    typed: med('typed', 'plugin'),
    both: med('both', 'plugin'),
    typeTimeBoth: med('both', 'typeTime'),
    typeTimeTyped: med('typed', 'typeTime'),
    parse: med('nfp', 'parse'),
    wall: med('nfp', 'wall'),
    spread: {
      nfp: samples.nfp.map((s) => s.nfp),
      typeTimeBoth: samples.both.map((s) => s.typeTime),
      both: samples.both.map((s) => s.plugin),
      untyped: samples.untyped.map((s) => s.plugin),
    },
    ruleTimes: Object.keys({ ...samples.untyped[0].ruleTimes, ...samples.typed[0].ruleTimes })
      .filter((r) => r.startsWith(NS))
      .sort()
      .map((r) => ({ rule: r, untyped: median(samples.untyped.map((s) => s.ruleTimes[r] ?? 0)), typed: median(samples.both.map((s) => s.ruleTimes[r] ?? 0)) })),
    untypedFindings,
    typedFindings,
    typedOnly: typedFindings.filter((f) => !untypedKeys.has(key(f))),
    untypedOnly: untypedFindings.filter((f) => !typedKeys.has(key(f))),
  };
}

const ms = (x) => `${x.toFixed(1)} ms`;
const share = (x, of) => `${((100 * x) / of).toFixed(1)}%`;

function report(measured, runs, totalSeconds) {
  const lines = [
    START,
    '## Real typed projects (`npm run bench:typed`)',
    '',
    `Generated by \`node bench/type-aware-real.js --runs ${runs}\` on ${new Date().toISOString().slice(0, 10)} (Node ${process.version}, plugin ${flag('--label', pluginRoot === root ? 'built from this work tree' : `built in ${pluginRoot}`)}); the whole run took ${Math.round(totalSeconds / 60)} min.`,
    `Published packages that ship their TypeScript sources with database code, pinned in \`bench/${LIST}.json\`, installed with`,
    '`--ignore-scripts` into a cache outside the repository; each project\'s sources are copied next to that install\'s',
    '`node_modules` with a generated `tsconfig.json` (`moduleResolution: Bundler`, `skipLibCheck`), so driver imports resolve to the',
    'installed driver typings, and linted with `parserOptions.project`. Every configuration runs in a fresh Node process;',
    `times are ESLint \`stats\` rule times summed over files, medians of ${runs} processes per configuration. The budget: the`,
    'plugin\'s type queries (checker calls and the resolver, timed inside the resolver, and the typed gate\'s import-graph',
    'walk) below 20% of `@typescript-eslint/no-floating-promises` (alone, same files), with both in the same lint',
    '(`recommended-type-checked` + no-floating-promises), on every project. Beside it: the whole plugin typed − untyped',
    '(plugin rule time in that lint minus the `recommended` rules\' time on the same program with `typeAware` off).',
    '"Analysed": files the plugin builds a model for (all others cost one text check); "typed gate": those of them',
    'admitted only because the program\'s import graph reaches a driver from a binding they import, or they import a',
    'driver type name.',
    "The machine was shared (2 cores, load 4–6): a project's share moved by up to ±25% between runs (slonik 16–22%, Effect SQL 31–47%).",
    '',
    '| project | files | analysed untyped → typed (typed gate) | type queries | query time | no-floating-promises | queries / nfp | typed − untyped | (typed − untyped) / nfp | findings untyped → typed |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...measured.map((m) => {
      const extra = m.both - m.untyped;
      const ok = (100 * m.typeTimeBoth) / m.nfp < 20 ? '✅' : '❌';
      return `| ${m.project.title} | ${m.files} | ${m.admittedUntyped} → ${m.admittedTyped} (${m.typedGate}) | ${m.queries} | ${ms(m.typeTimeBoth)} | ${ms(m.nfp)} | **${share(m.typeTimeBoth, m.nfp)}** ${ok} | ${ms(extra)} | ${share(extra, m.nfp)} | ${m.untypedFindings.length} → ${m.typedFindings.length} |`;
    }),
    '',
    'Per project: the processes\' values (query time next to no-floating-promises; no-floating-promises alone; plugin',
    'rules typed next to no-floating-promises; plugin rules untyped), and the per-rule medians.',
    '',
  ];
  for (const m of measured) {
    const list = (xs) => xs.map((x) => x.toFixed(0)).join(', ');
    lines.push(
      `### ${m.project.title}`,
      '',
      `${m.files} files linted (${Object.keys(m.project.sources).join(', ')}), ${m.fatal} parse errors; ${m.skips} expressions ruled out without asking the checker (\`ruledOut\`).`,
      `Query ms per process: ${list(m.spread.typeTimeBoth)}; no-floating-promises: ${list(m.spread.nfp)}; plugin typed: ${list(m.spread.both)}; plugin untyped: ${list(m.spread.untyped)}.`,
      `Within the same lint (less exposed to the machine's noise): type queries ${ms(m.typeTimeBoth)} against no-floating-promises' ${ms(m.nfpBoth)} there = ${share(m.typeTimeBoth, m.nfpBoth)}.`,
      `Type queries without no-floating-promises in the lint: ${ms(m.typeTimeTyped)} = ${share(m.typeTimeTyped, m.nfp)} (the plugin then pays the checker's warm-up); plugin typed alone ${ms(m.typed)}.`,
      '',
      '| rule | untyped | typed (next to no-floating-promises) |',
      '|---|---:|---:|',
      ...m.ruleTimes.map((r) => `| ${r.rule} | ${ms(r.untyped)} | ${ms(r.typed)} |`),
      '',
    );
  }
  lines.push('### Typed-only findings', '');
  const typedOnly = measured.flatMap((m) => m.typedOnly.map((f) => ({ ...f, project: m.project.id })));
  if (typedOnly.length === 0) lines.push('None: on these projects typed mode reports nothing the untyped lint does not.', '');
  else {
    lines.push('| project | file:line | rule | message |', '|---|---|---|---|');
    for (const f of typedOnly) lines.push(`| ${f.project} | ${f.file.replace('__', '/')}:${f.line} | ${f.rule} | ${f.message.replaceAll('|', '\\|')} |`);
    lines.push('');
  }
  const untypedOnly = measured.flatMap((m) => m.untypedOnly.map((f) => ({ ...f, project: m.project.id })));
  if (untypedOnly.length > 0) {
    lines.push('Findings only the untyped lint reports:', '', '| project | file:line | rule | message |', '|---|---|---|---|');
    for (const f of untypedOnly) lines.push(`| ${f.project} | ${f.file.replace('__', '/')}:${f.line} | ${f.rule} | ${f.message.replaceAll('|', '\\|')} |`);
    lines.push('');
  }
  lines.push(END);
  return lines.join('\n');
}

function explain(project, dir, top) {
  const out = runChild('both', dir, true);
  const total = out.queries.reduce((s, q) => s + q.ms, 0);
  const gateMs = out.gates.reduce((s, g) => s + g.gateQueryMs, 0);
  console.log(`\n## ${project.title}\n`);
  console.log(`files ${out.files}, analysed ${out.admitted} (typed gate ${out.typedGate}); type queries ${out.typeQueries}, ${ms(out.typeTime)} (wrapped queries ${ms(total)} in ${out.queries.length} calls, typed gate ${ms(gateMs)}); no-floating-promises ${ms(out.nfp)}`);
  const group = (by) => {
    const map = new Map();
    for (const q of out.queries) {
      const k = by(q);
      const e = map.get(k) ?? { ms: 0, n: 0, calls: 0 };
      e.ms += q.ms;
      e.n++;
      e.calls += q.checkerCalls;
      map.set(k, e);
    }
    return [...map].sort((a, b) => b[1].ms - a[1].ms).slice(0, top);
  };
  const table = (title, rows) => {
    console.log(`\n${title}`);
    for (const [k, e] of rows) console.log(`  ${ms(e.ms).padStart(10)}  ${String(e.n).padStart(5)} asks ${String(e.calls).padStart(5)} checker calls  ${k}`);
  };
  table('by method', group((q) => q.method));
  table('by method and answer', group((q) => `${q.method} → ${q.answer}`));
  table('by file', group((q) => q.file));
  table('by node text', group((q) => `${q.method} ${q.node} \`${q.snippet}\``));
  console.log('\nslowest single queries');
  for (const q of [...out.queries].sort((a, b) => b.ms - a.ms).slice(0, top)) {
    console.log(`  ${ms(q.ms).padStart(10)}  ${q.file}:${q.line}  ${q.method}(${q.node}) \`${q.snippet}\` → ${q.answer} (${q.checkerCalls} checker calls)`);
    if (process.argv.includes('--stacks')) console.log(`              asked by ${q.stack}`);
  }
  console.log('\nslowest files to build a model for (the typed gate; its timed part)');
  for (const g of [...out.gates].sort((a, b) => b.ms - a.ms).slice(0, 5)) console.log(`  ${ms(g.ms).padStart(10)} (${ms(g.gateQueryMs)})  ${g.file} ${g.admitted ? 'admitted' : 'not admitted'}`);
}

/**
 * `--compare <dir>`: the build in <dir> against this one (or `--plugin-root`), processes interleaved
 * run by run (nfp, untyped, both with each build), so the machine's noise hits both alike. Prints a
 * table; writes nothing.
 */
function compare(project, dir, runs, other) {
  const builds = [pluginRoot, other];
  const nfp = [];
  const untyped = [];
  const both = builds.map(() => []);
  for (let i = 0; i < runs; i++) {
    nfp.push(runChild('nfp', dir).nfp);
    untyped.push(runChild('untyped', dir).plugin);
    builds.forEach((build, b) => both[b].push(runChild('both', dir, false, build)));
    console.error(`  ${project.id}: run ${i + 1}/${runs}`);
  }
  const n = median(nfp);
  const u = median(untyped);
  console.log(`\n${project.title}: no-floating-promises ${ms(n)} (${nfp.map((x) => x.toFixed(0)).join(', ')}), plugin untyped ${ms(u)}`);
  builds.forEach((build, b) => {
    const q = median(both[b].map((s) => s.typeTime));
    const p = median(both[b].map((s) => s.plugin));
    const s0 = both[b][0];
    console.log(`  ${build}: analysed ${s0.admitted} (typed gate ${s0.typedGate}), ${s0.typeQueries} type queries, ${ms(q)} = ${share(q, n)} (${both[b].map((s) => s.typeTime.toFixed(0)).join(', ')}); typed − untyped ${ms(p - u)} = ${share(p - u, n)}; findings ${s0.findings.length}`);
  });
  const keys = both.map((samples) => new Set(samples[0].findings.map(key)));
  for (const f of both[1][0].findings.filter((f) => !keys[0].has(key(f)))) console.log(`  only with ${other}: ${f.rule} ${f.file}:${f.line} ${f.message}`);
  for (const f of both[0][0].findings.filter((f) => !keys[1].has(key(f)))) console.log(`  only with ${pluginRoot}: ${f.rule} ${f.file}:${f.line} ${f.message}`);
}

function main() {
  if (!existsSync(distIndex)) {
    console.error(`bench/type-aware-real.js needs the built plugin (${distIndex}): run \`npm run build\` first.`);
    process.exit(1);
  }
  const ci = process.argv.includes('--ci');
  const runs = Number(flag('--runs', ci ? '1' : '5'));
  const only = flag('--only', null);
  const started = Date.now();
  const install = ensureInstalled({ list: LIST });
  const selected = projects().filter((p) => only === null || only.split(',').includes(p.id));
  const dirs = selected.map((project) => setup(project, install));
  if (process.argv.includes('--setup')) {
    for (const dir of dirs) console.log(dir);
    return;
  }
  try {
    if (flag('--compare', null) !== null) {
      selected.forEach((project, i) => compare(project, dirs[i], runs, flag('--compare', null)));
      return;
    }
    if (process.argv.includes('--explain')) {
      selected.forEach((project, i) => explain(project, dirs[i], Number(flag('--top', '15'))));
      return;
    }
    const measured = selected.map((project, i) => measure(project, dirs[i], runs));
    const text = report(measured, runs, (Date.now() - started) / 1000);
    if (!ci && only === null) {
      const before = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : '# Type-aware resolution: cost\n';
      const at = before.indexOf(START);
      const end = before.indexOf(END);
      const next = at >= 0 && end > at ? before.slice(0, at) + text + before.slice(end + END.length) : `${before.trimEnd()}\n\n${text}\n`;
      writeFileSync(resultsFile, next);
    }
    console.log(text);
  } finally {
    if (process.argv.includes('--keep')) console.error(`kept ${dirs.join(', ')}`);
    else for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

const childFlag = process.argv.indexOf('--child');
if (childFlag > 0) await child(process.argv[childFlag + 1], process.argv[childFlag + 2], process.argv.includes('--explain'));
else main();
