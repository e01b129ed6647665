#!/usr/bin/env node
// The real-code review: lints each project of review/projects/*.json (read-only snapshots of public
// repositories, fetched outside this repository) with the `recommended` rules of the BUILT plugin,
// untyped, and compares the findings with the verdicts and hand-found defects recorded there.
// Prints precision per rule, recall on the known defects, the distribution across projects, the
// verdicts whose finding is gone, and the findings with no verdict yet. No fetched code is committed:
// a project file holds repository, commit, paths, verdicts and defects only.
//
// Usage: node review/run.js [--project owner/name] [--plugin <dir with src/index.js>] [--json <file>]
//        [--unjudged]   (print every unjudged finding with its source line)
// Snapshots: $CONNECTION_HYGIENE_MIRROR (default /work/.mirror)/<owner>+<name>/repo, a bare git
// directory; the commit is extracted once into ${XDG_CACHE_HOME:-~/.cache}/connection-hygiene-review/.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { codeFiles, lintOne, newLinter, readText, root } from '../bench/lib.js';

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
};
const onlyProject = option('--project');
const pluginDir = option('--plugin') ?? join(root, 'dist');
const jsonOut = option('--json');
const showUnjudged = args.includes('--unjudged');

const mirror = process.env.CONNECTION_HYGIENE_MIRROR ?? '/work/.mirror';
const cache = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'connection-hygiene-review');
const SKIP_DIRS = /(^|\/)(node_modules|dist|build|out|coverage|vendor|\.next|\.nuxt|public|static|assets|bower_components|min)(\/|$)/;

const projectsDir = join(import.meta.dirname, 'projects');
const projects = readdirSync(projectsDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ file: join(projectsDir, f), ...JSON.parse(readFileSync(join(projectsDir, f), 'utf8')) }))
  .filter((p) => !onlyProject || p.repo === onlyProject);
if (projects.length === 0) {
  console.error(onlyProject ? `no project ${onlyProject} in review/projects/` : 'no projects in review/projects/');
  process.exit(2);
}

const plugin = (await import(pathToFileURL(join(pluginDir, 'src', 'index.js')).href)).default;
const rules = plugin.configs.recommended.rules;
const linter = newLinter();

/** Extracts `paths` of the project's commit (once) and returns the directory. */
function snapshot(project) {
  const [owner, name] = project.repo.split('/');
  const dir = join(cache, `${owner}+${name}@${project.commit.slice(0, 12)}`);
  if (existsSync(join(dir, '.extracted'))) return dir;
  const gitDir = join(mirror, `${owner}+${name}`, 'repo');
  if (!existsSync(gitDir)) throw new Error(`${project.repo}: no snapshot at ${gitDir}; fetch github:${project.repo} first`);
  mkdirSync(dir, { recursive: true });
  const tar = execFileSync('git', ['--git-dir', gitDir, 'archive', project.commit, '--', ...(project.paths ?? ['.'])], {
    maxBuffer: 1 << 30,
  });
  execFileSync('tar', ['-x', '-C', dir], { input: tar, maxBuffer: 1 << 30 });
  writeFileSync(join(dir, '.extracted'), project.commit);
  return dir;
}

const key = (file, line, rule) => `${file}:${line} ${rule}`;
const shortRule = (rule) => rule.replace(/^connection-hygiene\//, '');
const perRule = new Map(); // rule → { true, false, debatable, unjudged }
const tally = (rule, kind) => {
  const row = perRule.get(rule) ?? { true: 0, false: 0, debatable: 0, unjudged: 0 };
  row[kind]++;
  perRule.set(rule, row);
};
const report = { projects: [] };
let defectsKnown = 0;
let defectsFound = 0;
const gone = [];
const unjudged = [];
const missed = [];

for (const project of projects) {
  const dir = snapshot(project);
  const files = codeFiles(dir, { maxBytes: 400_000 }).filter((f) => !SKIP_DIRS.test(relative(dir, f)) && !/\.min\.js$/.test(f));
  const findings = [];
  let crashes = 0;
  for (const file of files) {
    const text = readText(file);
    const result = lintOne(linter, text, file, { plugin, rules });
    if (result.error) {
      crashes++;
      console.error(`${project.repo} ${relative(dir, file)}: ${result.error.message}`);
      continue;
    }
    const lines = text.split('\n');
    for (const m of result.messages) {
      if (m.fatal || !m.ruleId) continue;
      findings.push({ file: relative(dir, file), line: m.line, column: m.column, rule: shortRule(m.ruleId), message: m.message, source: (lines[m.line - 1] ?? '').trim().slice(0, 160) });
    }
  }
  const verdicts = new Map((project.verdicts ?? []).map((v) => [key(v.file, v.line, v.rule), v]));
  const seen = new Set();
  const counts = { findings: findings.length, true: 0, false: 0, debatable: 0, unjudged: 0 };
  for (const f of findings) {
    const v = verdicts.get(key(f.file, f.line, f.rule));
    const kind = v ? v.verdict : 'unjudged';
    if (v) seen.add(key(f.file, f.line, f.rule));
    else unjudged.push({ repo: project.repo, ...f });
    f.verdict = kind;
    counts[kind]++;
    tally(f.rule, kind);
  }
  for (const [k, v] of verdicts) if (!seen.has(k)) gone.push({ repo: project.repo, ...v, key: k });
  const found = new Set(findings.map((f) => key(f.file, f.line, f.rule)));
  for (const d of project.defects ?? []) {
    defectsKnown++;
    if (found.has(key(d.file, d.line, d.rule))) defectsFound++;
    else missed.push({ repo: project.repo, ...d });
  }
  report.projects.push({ repo: project.repo, commit: project.commit, files: files.length, crashes, ...counts, findingsList: findings });
}

const pct = (a, b) => (b === 0 ? '—' : `${((100 * a) / b).toFixed(1)}%`);
console.log('\n## Findings per project (recommended, untyped)\n');
console.log('| project | files | findings | true | false | debatable | unjudged | defects found |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const p of report.projects) {
  const project = projects.find((q) => q.repo === p.repo);
  const known = (project.defects ?? []).length;
  const miss = missed.filter((m) => m.repo === p.repo).length;
  console.log(`| ${p.repo} | ${p.files} | ${p.findings} | ${p.true} | ${p.false} | ${p.debatable} | ${p.unjudged} | ${known - miss}/${known} |`);
}
console.log('\n## Precision per rule (true / judged; debatable counts as not true)\n');
console.log('| rule | true | false | debatable | unjudged | precision |');
console.log('|---|---:|---:|---:|---:|---:|');
const total = { true: 0, false: 0, debatable: 0, unjudged: 0 };
for (const [rule, row] of [...perRule].sort()) {
  for (const k of Object.keys(total)) total[k] += row[k];
  console.log(`| ${rule} | ${row.true} | ${row.false} | ${row.debatable} | ${row.unjudged} | ${pct(row.true, row.true + row.false + row.debatable)} |`);
}
console.log(`| **all** | ${total.true} | ${total.false} | ${total.debatable} | ${total.unjudged} | ${pct(total.true, total.true + total.false + total.debatable)} |`);
console.log(`\nRecall on defects found by hand: ${defectsFound}/${defectsKnown} (${pct(defectsFound, defectsKnown)})`);
if (missed.length) {
  console.log('\n## Known defects not reported\n');
  for (const d of missed) console.log(`- ${d.repo} ${d.file}:${d.line} ${d.rule} — ${d.reason}`);
}
if (gone.length) {
  console.log('\n## Verdicts whose finding is gone (a gone `true` is a lost true finding)\n');
  for (const v of gone) console.log(`- [${v.verdict}] ${v.repo} ${v.key} — ${v.reason}`);
}
console.log(`\n## Findings with no verdict yet: ${unjudged.length}`);
if (showUnjudged) for (const f of unjudged) console.log(`- ${f.repo} ${f.file}:${f.line}:${f.column} ${f.rule} — ${f.message}\n    ${f.source}`);
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ ...report, unjudged, gone, missed }, null, 2));
const crashes = report.projects.reduce((n, p) => n + p.crashes, 0);
if (crashes) {
  console.error(`\n${crashes} file(s) crashed a rule`);
  process.exitCode = 1;
}
