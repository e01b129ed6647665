#!/usr/bin/env node
// `npm run bench` — the plugin on real published packages (bench/packages.json, installed into a cache
// outside the repository by bench/install.js) with the `recommended` config, plus generated files:
//   - the plugin's share of ESLint's total time (ESLint `stats`), target ≤ 5%
//   - the plugin's time per file on files with no database import, target ≤ 0.05 ms
//   - time growth on files with 500/1000/2000/4000 leasing functions, each doubling ≤ 2.3×
//   - peak RSS of the lint with and without the plugin (child processes), ≤ 10% more
//   - bench/type-aware.js's output, when that script exists
//   - bench/editor.js: editor latency through the ESLint language server (printed after the report)
// Writes bench/RESULTS.md and bench/findings.md (every finding, grouped by rule).
// `--ci`: a CI-sized run (a subset of the packages, fewer repetitions); prints the table and writes
// nothing. The exit code is non-zero when the plugin throws, or (with `--strict`) when a target is missed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ensureInstalled, pinnedPackages } from './install.js';
import { leaseFunctions } from './generate.js';
import { codeFiles, lintOne, loadDriverImportTest, loadPlugin, median, newLinter, packageOf, readText, root, splitTimes } from './lib.js';

const ci = process.argv.includes('--ci');
const strict = process.argv.includes('--strict');
const CI_PACKAGES = ['connect-pg-simple', 'pg-boss', '@fastify/postgres', 'express-mysql-session', 'connect-mongo', 'postgrator', 'pg-listen', 'umzug'];

const plugin = await loadPlugin();
const recommended = plugin.configs.recommended.rules;
const importsDriver = await loadDriverImportTest();
const dir = ensureInstalled();
const nodeModules = join(dir, 'node_modules');
const packages = Object.keys(pinnedPackages()).filter((p) => !ci || CI_PACKAGES.includes(p));
const files = packages.flatMap((p) => codeFiles(join(nodeModules, p), { nested: false, maxBytes: 2_000_000 }));
const log = (...args) => console.error(...args);
log(`bench: ${files.length} files from ${packages.length} packages (${ci ? 'CI run' : 'full run'}), rules: ${Object.keys(recommended).join(', ')}`);

// ---- 1. real packages, recommended config, ESLint stats --------------------------------------------------
const linter = newLinter();
const texts = new Map(files.map((f) => [f, readText(f)]));
// warm-up (JIT, catalog construction) on a slice, not measured
for (const file of files.slice(0, 40)) lintOne(linter, texts.get(file), file, { plugin, rules: recommended, stats: true });

let total = 0;
let pluginTime = 0;
let parseTime = 0;
let noDbFiles = 0;
let noDbPlugin = 0;
let unparsable = 0;
const crashes = [];
const findings = [];
const perRule = {};
const rounds = ci ? 1 : 2;
for (let round = 0; round < rounds; round++) {
  for (const file of files) {
    const text = texts.get(file);
    const result = lintOne(linter, text, file, { plugin, rules: recommended, stats: true });
    if (result.error) {
      if (round === 0) crashes.push({ file, error: result.error });
      continue;
    }
    if (result.fatal) {
      if (round === 0) unparsable++;
      continue;
    }
    const t = splitTimes(result.times);
    total += t.total;
    pluginTime += t.plugin;
    parseTime += t.parse;
    for (const [rule, ms] of Object.entries(t.perRule)) perRule[rule] = (perRule[rule] ?? 0) + ms;
    if (!importsDriver(text)) {
      if (round === 0) noDbFiles++;
      noDbPlugin += t.plugin;
    }
    if (round === 0) for (const m of result.messages) if (m.ruleId) findings.push({ file, message: m, line: text.split('\n')[m.line - 1] ?? '' });
  }
}
const share = pluginTime / total;
const perNoDbFile = noDbPlugin / rounds / Math.max(1, noDbFiles);
log(`share ${(share * 100).toFixed(2)}%  no-db ${perNoDbFile.toFixed(4)} ms/file  findings ${findings.length}  crashes ${crashes.length}`);

// ---- 1b. the strict budget rule, with a budget configured (it is off without one) --------------------------
const budgetRule = 'connection-hygiene/no-connection-budget-overflow';
const budgetOptions = { plugin, rules: { [budgetRule]: 'error' }, settings: { 'connection-hygiene': { budget: { maxConnections: 100, reservedConnections: 3, processes: 4 } } }, stats: true };
let budgetTime = 0;
let budgetTotal = 0;
let budgetFindings = 0;
for (const file of files) {
  const result = lintOne(linter, texts.get(file), file, budgetOptions);
  if (result.error) {
    crashes.push({ file, error: result.error });
    continue;
  }
  if (result.fatal) continue;
  const t = splitTimes(result.times);
  budgetTime += t.perRule[budgetRule] ?? 0;
  budgetTotal += t.total;
  budgetFindings += result.messages.filter((m) => m.ruleId === budgetRule).length;
}
log(`budget rule ${budgetTime.toFixed(1)} ms of ${budgetTotal.toFixed(0)} ms, ${budgetFindings} findings`);

// ---- 2. growth with file size ------------------------------------------------------------------------
const sizes = [500, 1000, 2000, 4000];
const growth = [];
for (const n of sizes) {
  const text = leaseFunctions(n);
  const file = join(root, `bench-generated-${n}.js`);
  const samples = [];
  let reports = 0;
  for (let i = 0; i < (ci ? 3 : 5); i++) {
    const result = lintOne(linter, text, file, { plugin, rules: recommended, stats: true });
    if (result.error) throw result.error;
    samples.push(splitTimes(result.times).plugin);
    reports = result.messages.filter((m) => m.ruleId).length;
  }
  growth.push({ n, ms: median(samples), reports, bytes: text.length });
}
const ratios = growth.slice(1).map((g, i) => g.ms / growth[i].ms);
log(`growth ${growth.map((g) => `${g.n}:${g.ms.toFixed(1)}ms`).join(' ')} ratios ${ratios.map((r) => r.toFixed(2)).join(' ')}`);

// ---- 3. peak memory, child processes ---------------------------------------------------------------------
const listDir = mkdtempSync(join(tmpdir(), 'ch-bench-'));
const listFile = join(listDir, 'files.json');
writeFileSync(listFile, JSON.stringify(files.filter((f) => texts.get(f) !== undefined)));
const memory = { base: [], plugin: [] };
for (let i = 0; i < (ci ? 1 : 2); i++) {
  for (const mode of ['base', 'plugin']) {
    const child = spawnSync(process.execPath, [join(import.meta.dirname, 'lint-child.js'), listFile, mode], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (child.status !== 0) throw new Error(`lint-child ${mode} failed: ${child.stderr}`);
    memory[mode].push(JSON.parse(child.stdout.trim().split('\n').pop()));
  }
}
rmSync(listDir, { recursive: true, force: true });
const rssBase = median(memory.base.map((m) => m.maxRssKb));
const rssPlugin = median(memory.plugin.map((m) => m.maxRssKb));
const rssGrowth = rssPlugin / rssBase - 1;
log(`memory base ${(rssBase / 1024).toFixed(1)} MB, plugin ${(rssPlugin / 1024).toFixed(1)} MB (+${(rssGrowth * 100).toFixed(1)}%)`);

// ---- 4. type-aware cost (bench/type-aware.js, another engineer's) ----------------------------------------
let typeAware = null;
const typeAwareScript = join(import.meta.dirname, 'type-aware.js');
if (existsSync(typeAwareScript)) {
  const child = spawnSync(process.execPath, [typeAwareScript, ...(ci ? ['--ci'] : [])], { encoding: 'utf8', maxBuffer: 1 << 24, cwd: root });
  typeAware = child.status === 0 ? child.stdout.trim() : `bench/type-aware.js failed (exit ${child.status}):\n\n\`\`\`\n${(child.stderr || child.stdout).trim().slice(0, 2000)}\n\`\`\``;
}

// ---- report ---------------------------------------------------------------------------------------------
const pct = (x) => `${(x * 100).toFixed(2)}%`;
const verdict = (ok) => (ok ? '✅ met' : '❌ missed');
const targets = {
  share: share <= 0.05,
  noDb: perNoDbFile <= 0.05,
  growth: ratios.every((r) => r <= 2.3),
  memory: rssGrowth <= 0.1,
};
const table = [
  '| measure | result | target | |',
  '|---|---|---|---|',
  `| plugin share of ESLint's total time (${files.length - unparsable} files, \`recommended\`, ${rounds} round${rounds > 1 ? 's' : ''}) | ${pct(share)} (${pluginTime.toFixed(0)} ms of ${total.toFixed(0)} ms; parsing ${pct(parseTime / total)}) | ≤ 5% | ${verdict(targets.share)} |`,
  `| plugin time per file with no database import (${noDbFiles} files) | ${perNoDbFile.toFixed(4)} ms | ≤ 0.05 ms | ${verdict(targets.noDb)} |`,
  `| growth per doubling (500→4000 leasing functions) | ${ratios.map((r) => `${r.toFixed(2)}×`).join(', ')} | each ≤ 2.3× | ${verdict(targets.growth)} |`,
  `| peak RSS without → with the plugin (child processes, median of ${memory.base.length}) | ${(rssBase / 1024).toFixed(1)} MB → ${(rssPlugin / 1024).toFixed(1)} MB (${rssGrowth >= 0 ? '+' : ''}${pct(rssGrowth)}) | ≤ +10% | ${verdict(targets.memory)} |`,
  `| \`no-connection-budget-overflow\` (strict; budget 100 − 3, 4 processes), its share of a parse-only lint | ${pct(budgetTime / budgetTotal)} (${budgetTime.toFixed(1)} ms of ${budgetTotal.toFixed(0)} ms; ${budgetFindings} findings) | ≤ 5% | ${verdict(budgetTime / budgetTotal <= 0.05)} |`,
  `| exceptions thrown by the plugin | ${crashes.length} | 0 | ${verdict(crashes.length === 0)} |`,
].join('\n');

const growthTable = [
  '| functions | file size | plugin time (median) | findings | growth |',
  '|---|---|---|---|---|',
  ...growth.map((g, i) => `| ${g.n} | ${(g.bytes / 1024).toFixed(0)} KiB | ${g.ms.toFixed(2)} ms | ${g.reports} | ${i === 0 ? '' : `${ratios[i - 1].toFixed(2)}×`} |`),
].join('\n');

const ruleRows = Object.entries(perRule)
  .filter(([rule]) => rule.startsWith('connection-hygiene/'))
  .sort((a, b) => b[1] - a[1])
  .map(([rule, ms]) => `| \`${rule}\` | ${(ms / rounds).toFixed(1)} ms | ${findings.filter((f) => f.message.ruleId === rule).length} |`);

const byPackage = new Map();
for (const file of files) {
  const p = packageOf(file, nodeModules);
  const entry = byPackage.get(p) ?? { files: 0, db: 0, findings: 0 };
  entry.files++;
  if (importsDriver(texts.get(file))) entry.db++;
  byPackage.set(p, entry);
}
for (const f of findings) byPackage.get(packageOf(f.file, nodeModules)).findings++;
const versions = pinnedPackages();

const results = `# Benchmark results

Generated by \`npm run bench\` (bench/run.js) on ${new Date().toISOString().slice(0, 10)}, Node ${process.version},
ESLint ${(await import('eslint')).ESLint.version}, ${process.platform}/${process.arch}. Do not edit by hand.

The corpus is every JavaScript/TypeScript file (not \`.d.ts\`) shipped by ${packages.length} published packages with
database code, pinned in \`bench/packages.json\`, linted with the plugin's \`recommended\` config and the
parser only (no other rules), so the share below is the plugin's share of the whole lint (parsing included).

## Targets

${table}

## Time per rule

| rule | time per round | findings |
|---|---|---|
${ruleRows.join('\n')}

## Growth with file size

Generated modules where each function leases a \`pg\` client and releases it (every fourth one leaks on
an early return), linted with \`recommended\`:

${growthTable}

## Packages

| package | version | files | files importing a driver | findings |
|---|---|---|---|---|
${[...byPackage.entries()].map(([p, e]) => `| ${p} | ${versions[p]} | ${e.files} | ${e.db} | ${e.findings} |`).join('\n')}

${unparsable > 0 ? `${unparsable} files did not parse (as a module, CommonJS or script) and were skipped.\n\n` : ''}## Type-aware cost

${typeAware ?? '_bench/type-aware.js is not present yet._'}

## Findings

Every finding is listed in [findings.md](findings.md), grouped by rule, with its review.
`;

const findingsMd = [
  '# Findings on real packages',
  '',
  `Every finding of the \`recommended\` config on the packages of \`bench/packages.json\` (generated by \`npm run bench\`).`,
  'Paths are relative to the install\'s `node_modules/`. Reviews are in `bench/reviews.json` (keyed by',
  '`rule file:line`) and printed after each finding: **TP** true positive (in the README\'s "found in the wild"),',
  '**FP** false positive (a valid test case and a fix), **?** not reviewed yet.',
  '',
];
const reviews = existsSync(join(import.meta.dirname, 'reviews.json')) ? JSON.parse(readText(join(import.meta.dirname, 'reviews.json'))) : {};
const grouped = new Map();
for (const f of findings) {
  const list = grouped.get(f.message.ruleId) ?? [];
  list.push(f);
  grouped.set(f.message.ruleId, list);
}
for (const [rule, list] of [...grouped.entries()].sort()) {
  findingsMd.push(`## ${rule} (${list.length})`, '');
  for (const f of list) {
    const where = `${relative(nodeModules, f.file)}:${f.message.line}:${f.message.column}`;
    const key = `${rule} ${relative(nodeModules, f.file)}:${f.message.line}`;
    const review = reviews[key];
    findingsMd.push(`- \`${where}\` — ${f.message.message}`, `  \`${f.line.trim().slice(0, 160)}\``);
    findingsMd.push(`  - review: ${review ? `**${review.verdict}** ${review.note}` : '**?**'}`);
  }
  findingsMd.push('');
}
if (grouped.size === 0) findingsMd.push('No findings.', '');

console.log(table);
if (crashes.length > 0) {
  for (const c of crashes) console.error(`CRASH ${relative(nodeModules, c.file)}: ${c.error.stack}`);
  process.exitCode = 1;
}
if (ci) {
  console.log(`\nCI-sized sample (${files.length} files, one round, little JIT warm-up): indicative only; the targets are judged on the full run.`);
  if (typeAware !== null) console.log(`\n${typeAware}`);
  console.log(`\n${findings.length} findings (CI run; \`npm run bench\` writes bench/RESULTS.md and bench/findings.md).`);
} else {
  writeFileSync(join(import.meta.dirname, 'RESULTS.md'), results);
  writeFileSync(join(import.meta.dirname, 'findings.md'), findingsMd.join('\n'));
  console.log(`\nWrote bench/RESULTS.md and bench/findings.md (${findings.length} findings).`);
}
if (strict && !Object.values(targets).every(Boolean)) process.exitCode = 1;
spawnSync(process.execPath, [join(import.meta.dirname, 'editor.js'), ...(ci ? ['--ci'] : [])], { stdio: 'inherit', cwd: root }); // editor latency (bench/editor.js)
