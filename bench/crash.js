#!/usr/bin/env node
// `npm run bench:crash` — crash-freeness (issue §4): lints with ALL of the plugin's rules on
//   - every .js/.mjs/.cjs/.ts file under the benchmark install's node_modules (bench/install.js),
//   - the TypeScript sources (.ts/.tsx/.mts/.cts) that the packages of bench/ts-packages.json publish
//     (`install.js --list ts-packages`; each package's own files, not its dependencies), with
//     @typescript-eslint/parser, untyped,
//   - the generated sources with every AST node type next to driver leases (bench/ts-node-types.js),
//     untyped and with `typeAware` (type information from a tsconfig),
//   - the pathological inputs (5,000-deep nesting, a 5 MB file, 10,000 leases in one function),
// and requires zero exceptions from the plugin and no stack overflow, within a time budget. Writes
// bench/CRASH.md.
// `--ci`: a deterministic sample of the files (every n-th: about 1,500 JavaScript files, every 7th
// TypeScript file), the generated sources and the pathological inputs; prints the summary and writes
// nothing. Exit code 1 on any exception or budget overrun.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ensureInstalled, pinnedPackages } from './install.js';
import { codeFiles, lintOne, loadPlugin, NAMESPACE, newLinter, packageOf, readText, root, TS_EXTENSIONS } from './lib.js';
import { nodeTypeCoverage, UNPRODUCIBLE, writeNodeTypeFiles } from './ts-node-types.js';

const ci = process.argv.includes('--ci');
const PATHOLOGICAL_BUDGET_MS = 120_000;
const TS_CI_STEP = 7;
const plugin = await loadPlugin();
const rules = plugin.configs.all.rules;
const linter = newLinter();
const every = (files, step) => files.filter((_, i) => i % step === 0);

/** Lints `files` with every rule; an exception thrown while linting is a crash. */
function lintAll(label, files, base, options = {}) {
  const run = { files: files.length, crashes: [], unparsable: [], findings: 0, bytes: 0, ms: 0 };
  console.error(`crash: ${label}: ${files.length} files under ${base}, ${Object.keys(rules).length} rules`);
  const start = performance.now();
  files.forEach((file, i) => {
    let text;
    try {
      text = readText(file);
    } catch {
      return;
    }
    run.bytes += text.length;
    const result = lintOne(linter, text, file, { plugin, rules, ...options });
    if (result.error) run.crashes.push({ file: relative(base, file), error: result.error });
    else if (result.fatal) run.unparsable.push(relative(base, file));
    else run.findings += result.messages.filter((m) => m.ruleId).length;
    if ((i + 1) % 2000 === 0) console.error(`  ${i + 1}/${files.length} (${run.crashes.length} crashes)`);
  });
  run.ms = performance.now() - start;
  return run;
}

const nodeModules = join(ensureInstalled(), 'node_modules');
const jsEverything = codeFiles(nodeModules).filter((f) => /\.(?:[cm]?js|ts)$/.test(f));
const jsStep = ci ? Math.max(1, Math.floor(jsEverything.length / 1500)) : 1;
const js = lintAll('JavaScript', every(jsEverything, jsStep), nodeModules);

const tsPackages = pinnedPackages('ts-packages');
const tsModules = join(ensureInstalled({ list: 'ts-packages' }), 'node_modules');
const tsEverything = Object.keys(tsPackages).flatMap((p) => codeFiles(join(tsModules, p), { nested: false, extensions: TS_EXTENSIONS }));
const tsStep = ci ? TS_CI_STEP : 1;
const ts = lintAll('TypeScript', every(tsEverything, tsStep), tsModules);
const filesPerPackage = new Map();
for (const file of tsEverything) {
  const name = packageOf(file, tsModules);
  filesPerPackage.set(name, (filesPerPackage.get(name) ?? 0) + 1);
}

const coverage = nodeTypeCoverage();
const generatedDir = join(root, '.cache', 'ts-node-types');
const generatedFiles = writeNodeTypeFiles(generatedDir);
const generated = lintAll('generated, untyped', generatedFiles, generatedDir);
const generatedTyped = lintAll('generated, typeAware', generatedFiles, generatedDir, {
  parserOptions: { project: join(generatedDir, 'tsconfig.json'), tsconfigRootDir: generatedDir },
  settings: { [NAMESPACE]: { typeAware: true } },
});
const corpusRuns = [js, ts, generated, generatedTyped];

const pathological = [
  { kind: 'deep', name: '5,000-deep nesting' },
  { kind: 'large', name: '5 MB file' },
  { kind: 'leases', name: '10,000 leases in one function' },
];
const pathologicalResults = [];
for (const p of pathological) {
  const measured = {};
  for (const mode of ['base', 'plugin']) {
    const child = spawnSync(process.execPath, ['--stack-size=7000', join(import.meta.dirname, 'pathological-child.js'), p.kind, mode], {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
      timeout: PATHOLOGICAL_BUDGET_MS * 2,
    });
    const line = child.stdout.trim().split('\n').pop();
    measured[mode] = child.status === 0 && line ? JSON.parse(line) : { ms: NaN, error: `exit ${child.status ?? child.signal}: ${child.stderr.slice(-1000)}`, fatal: null, findings: 0, bytes: 0 };
  }
  const r = measured.plugin;
  const error = r.error ? new Error(r.error) : r.fatal ? new Error(`does not parse: ${r.fatal}`) : null;
  pathologicalResults.push({ name: p.name, bytes: r.bytes, ms: r.ms, baseMs: measured.base.ms, error, findings: r.findings });
  console.error(`  ${p.name}: ${(r.ms / 1000).toFixed(1)} s with the plugin, ${(measured.base.ms / 1000).toFixed(1)} s without${error ? ` ERROR ${error.message}` : ''}`);
}

const generatedBroken = [generated, generatedTyped].some((r) => r.unparsable.length > 0) || coverage.missing.length > 0 || coverage.unexpected.length > 0;
const failed = corpusRuns.some((r) => r.crashes.length > 0) || generatedBroken || pathologicalResults.some((p) => p.error || p.ms > PATHOLOGICAL_BUDGET_MS);
const row = (what, r) =>
  `| ${what} | ${r.files} (${(r.bytes / 1e6).toFixed(r.bytes < 1e6 ? 2 : 0)} MB; ${r.unparsable.length} unparsable, skipped) | ${r.crashes.length} exceptions, ${r.findings} findings, ${(r.ms / 1000).toFixed(r.ms < 10_000 ? 1 : 0)} s |`;
const generatedWhat = `every AST node type (${coverage.total - Object.keys(UNPRODUCIBLE).length} of ${coverage.total}; ${coverage.missing.length ? `❌ missing ${coverage.missing.join(', ')}` : `the other ${Object.keys(UNPRODUCIBLE).length} are modifier keywords typescript-estree never creates`}) next to pg, mysql2 and TypeORM leases (bench/ts-node-types.js), .ts and .tsx`;
const summary = [
  `| run | files | result |`,
  `|---|---|---|`,
  row(`every code file under the benchmark install's node_modules${ci ? ` (every ${jsStep}th)` : ''}, all rules`, js),
  row(`the TypeScript sources of ${Object.keys(tsPackages).length} packages (bench/ts-packages.json)${ci ? ` (every ${tsStep}th)` : ''}, all rules, @typescript-eslint/parser untyped`, ts),
  row(`${generatedWhat}, all rules, untyped`, generated),
  row(`the same, all rules with \`typeAware\` (type information from a tsconfig, types of the installed drivers)`, generatedTyped),
  ...pathologicalResults.map(
    (p) => `| ${p.name} (${(p.bytes / 1e6).toFixed(2)} MB, node --stack-size=7000) | 1 | ${p.error ? `❌ ${p.error.message.split('\n')[0]}` : `${p.ms > PATHOLOGICAL_BUDGET_MS ? '❌ over budget:' : '✅'} ${(p.ms / 1000).toFixed(1)} s with the plugin (${(p.baseMs / 1000).toFixed(1)} s parser + one core rule; budget ${PATHOLOGICAL_BUDGET_MS / 1000} s), ${p.findings} findings`} |`,
  ),
].join('\n');
console.log(summary);
const crashes = corpusRuns.flatMap((r) => r.crashes);
for (const c of crashes) console.error(`\nCRASH in ${c.file}:\n${c.error.stack}`);
for (const r of [generated, generatedTyped]) for (const f of r.unparsable) console.error(`generated file does not parse: ${f}`);
if (!ci) {
  const packages = Object.entries(tsPackages)
    .map(([name, version]) => `\`${name}\` ${version} (${filesPerPackage.get(name) ?? 0})`)
    .join(', ');
  const unparsable = ts.unparsable.map((f) => `\`${f}\``).join(', ');
  writeFileSync(
    join(import.meta.dirname, 'CRASH.md'),
    `# Crash-freeness\n\nGenerated by \`npm run bench:crash\` (bench/crash.js) on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}. Do not edit by hand.\n\n${summary}\n\n` +
      `TypeScript packages (version, files linted): ${packages}.${unparsable ? ` Unparsable: ${unparsable}.` : ''}\n\n` +
      `${crashes.map((c) => `- \`${c.file}\`: ${c.error.message.split('\n')[0]}`).join('\n')}\n`,
  );
}
if (failed) process.exitCode = 1;
