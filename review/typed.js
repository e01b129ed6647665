#!/usr/bin/env node
// Typed review (issue 16, item 5): lints one project of the real-code review set with the BUILT
// plugin twice — `recommended-type-checked` with a TypeScript program (parserOptions.project) and
// `recommended` untyped — on the same TypeScript files, and lists the findings only one mode reports
// (keyed by file, line and rule, like the verdicts), with the recorded `typedVerdicts` beside them.
//
// Usage: node review/typed.js --project owner/name --work <dir> [--json <file>] [--plugin <dir>]
//
// <dir> is a scratch directory OUTSIDE this repository holding a node_modules with the project's
// driver packages (and their typings) installed, e.g.
//   npm install --ignore-scripts --no-audit --no-fund --legacy-peer-deps pg @types/pg @types/node
// The project file's `typedSetup` says what to lint and how: `paths` (under the snapshot; default the
// project's `paths`), `compilerOptions` for the generated tsconfig (skipLibCheck is always on) and, as
// a note, the `packages` installed. The TypeScript files of those paths are copied from the snapshot
// (extracted by review/run.js into ~/.cache/connection-hygiene-review/) into <dir> under the same
// relative paths, so the keys match the project's verdicts. No fetched code is run or committed.
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { codeFiles, lintOne, newLinter, readText, root } from '../bench/lib.js';

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
};
const repo = option('--project');
const workArg = option('--work');
const work = workArg && resolve(workArg);
const jsonOut = option('--json');
const pluginDir = option('--plugin') ?? join(root, 'dist');
if (!repo || !work) {
  console.error('usage: node review/typed.js --project owner/name --work <dir> [--json <file>]');
  process.exit(2);
}
const [owner, name] = repo.split('/');
const projectFile = join(import.meta.dirname, 'projects', `${owner}+${name}.json`);
const project = JSON.parse(readFileSync(projectFile, 'utf8'));
const setup = project.typedSetup ?? {};
const cache = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'connection-hygiene-review');
const snapshot = join(cache, `${owner}+${name}@${project.commit.slice(0, 12)}`);
if (!existsSync(join(snapshot, '.extracted'))) {
  console.error(`${snapshot} is missing: run node review/run.js --project ${repo} first`);
  process.exit(2);
}
if (!existsSync(join(work, 'node_modules'))) {
  console.error(`${work}/node_modules is missing: install the project's driver packages there first`);
  process.exit(2);
}
if (!relative(root, work).startsWith('..')) {
  console.error('--work must be outside this repository');
  process.exit(2);
}

const SKIP_DIRS = /(^|\/)(node_modules|dist|build|out|coverage|vendor|\.next|\.nuxt|public|static|assets|bower_components|min)(\/|$)/;
const paths = setup.paths ?? project.paths ?? ['.'];
const rels = [];
const declarations = [];
for (const p of paths) {
  for (const file of codeFiles(join(snapshot, p), { maxBytes: 400_000, extensions: ['.ts', '.tsx', '.mts', '.cts'] })) {
    const rel = relative(snapshot, file);
    if (!SKIP_DIRS.test(rel)) rels.push(rel);
  }
  // .d.ts files of the project (module augmentations, ambient types): in the program, not linted
  const walk = (d) => {
    for (const e of existsSync(d) ? readdirSync(d, { withFileTypes: true }) : []) {
      const full = join(d, e.name);
      if (e.isDirectory() && e.name !== 'node_modules') walk(full);
      else if (e.isFile() && /\.d\.[mc]?ts$/.test(e.name)) declarations.push(relative(snapshot, full));
    }
  };
  walk(join(snapshot, p));
}
for (const rel of [...rels, ...declarations]) {
  mkdirSync(dirname(join(work, rel)), { recursive: true });
  copyFileSync(join(snapshot, rel), join(work, rel));
}
const tsconfig = join(work, 'tsconfig.typed-review.json');
writeFileSync(
  tsconfig,
  JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022',
        module: 'commonjs',
        moduleResolution: 'node',
        esModuleInterop: true,
        experimentalDecorators: true,
        emitDecoratorMetadata: true,
        resolveJsonModule: true,
        strict: true,
        jsx: 'react-jsx',
        types: ['node'],
        noEmit: true,
        ...setup.compilerOptions,
        skipLibCheck: true,
      },
      files: [...rels, ...declarations],
    },
    null,
    2,
  ),
);

const plugin = (await import(pathToFileURL(join(pluginDir, 'src', 'index.js')).href)).default;
const modes = {
  untyped: { rules: plugin.configs.recommended.rules },
  typed: {
    rules: plugin.configs['recommended-type-checked'].rules,
    settings: plugin.configs['recommended-type-checked'].settings,
    parserOptions: { project: tsconfig, tsconfigRootDir: work },
  },
};
const key = (f) => `${f.file}:${f.line} ${f.rule}`;
const out = { repo, commit: project.commit, files: rels.length, modes: {} };
for (const [mode, options] of Object.entries(modes)) {
  const linter = newLinter();
  const started = process.hrtime.bigint();
  const findings = [];
  const crashes = [];
  let parseErrors = 0;
  for (const rel of rels) {
    const file = join(work, rel);
    const text = readText(file);
    const result = lintOne(linter, text, file, { plugin, ...options });
    if (result.error) {
      crashes.push({ file: rel, message: result.error.message.split('\n')[0] });
      continue;
    }
    const lines = text.split('\n');
    for (const m of result.messages) {
      if (m.fatal) parseErrors++;
      if (m.fatal || !m.ruleId) continue;
      findings.push({
        file: rel,
        line: m.line,
        column: m.column,
        rule: m.ruleId.replace(/^connection-hygiene\//, ''),
        message: m.message,
        source: (lines[m.line - 1] ?? '').trim().slice(0, 160),
      });
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  out.modes[mode] = { seconds: Number(seconds.toFixed(1)), findings, crashes, parseErrors };
}

/** Findings of `a` whose key `b` does not have (as many times). */
const minus = (a, b) => {
  const left = new Map();
  for (const f of b) left.set(key(f), (left.get(key(f)) ?? 0) + 1);
  return a.filter((f) => {
    const n = left.get(key(f)) ?? 0;
    if (n > 0) left.set(key(f), n - 1);
    return n === 0;
  });
};
const typedVerdicts = new Map((project.typedVerdicts ?? []).map((v) => [key(v), v]));
out.typedOnly = minus(out.modes.typed.findings, out.modes.untyped.findings).map((f) => ({ ...f, verdict: typedVerdicts.get(key(f))?.verdict ?? 'unjudged' }));
out.untypedOnly = minus(out.modes.untyped.findings, out.modes.typed.findings);

console.log(`${repo} @ ${project.commit.slice(0, 12)}: ${rels.length} TypeScript files (+${declarations.length} .d.ts in the program)`);
for (const [mode, r] of Object.entries(out.modes)) {
  console.log(`  ${mode}: ${r.findings.length} findings, ${r.crashes.length} crashes, ${r.parseErrors} parse errors, ${r.seconds} s`);
  for (const c of r.crashes) console.log(`    crash ${c.file}: ${c.message}`);
}
const judged = out.typedOnly.filter((f) => f.verdict !== 'unjudged');
const trueCount = judged.filter((f) => f.verdict === 'true').length;
console.log(`  typed-only: ${out.typedOnly.length} (${trueCount} true of ${judged.length} judged)`);
for (const f of out.typedOnly) console.log(`    [${f.verdict}] ${f.file}:${f.line}:${f.column} ${f.rule} — ${f.message}\n        ${f.source}`);
console.log(`  untyped-only: ${out.untypedOnly.length}`);
for (const f of out.untypedOnly) console.log(`    ${f.file}:${f.line}:${f.column} ${f.rule} — ${f.message}\n        ${f.source}`);
const seen = new Set(out.typedOnly.map(key));
for (const [k, v] of typedVerdicts) if (!seen.has(k)) console.log(`  typed verdict whose finding is gone: [${v.verdict}] ${k}`);
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(out, null, 2));
