// The built plugin as an oxlint JS plugin (DESIGN.md §5: "the same rules must run … as an oxlint JS
// plugin"). `node_modules/.bin/oxlint` runs with a generated `.oxlintrc.json` (in a temp dir) whose
// `jsPlugins` names dist/src/index.js by absolute path, oxlint's built-in plugins and categories off, and
// the plugin's rules of one config on; its `--format json` output must give the same findings as ESLint
// with the same rules over the same files.
//
// oxlint has no type information, so ESLint runs WITHOUT type-aware resolution here (the example's own
// eslint.config.js turns it on; that run is covered by the example and tests/type-aware/). Every rule of
// the plugin works without types, so every rule of the config is compared.
//
// Conventions of oxlint's JSON output (checked below, not assumed): `code` is `<plugin>(<rule>)`,
// `filename` is relative to the working directory, and `labels[0].span` gives `offset` and `length` in
// UTF-8 BYTES and a 1-based `line`, with `column` counted in UTF-8 bytes too (oxc-project/oxc#9110),
// where ESLint counts UTF-16 code units. Positions are converted from the byte offsets before comparing;
// tests/fixtures/integration/unicode.ts has non-ASCII text before a finding on the same line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { type BuiltPlugin, distIndex, loadBuiltPlugin, root } from '../helpers/built-plugin.js';

const NAMESPACE = 'connection-hygiene';
const oxlintBin = join(root, 'node_modules', '.bin', 'oxlint');

interface Finding {
  file: string;
  ruleId: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}

interface OxlintJson {
  diagnostics: Array<{
    message: string;
    code: string;
    severity: string;
    filename: string;
    labels: Array<{ span: { offset: number; length: number; line: number; column: number } }>;
  }>;
  number_of_files: number;
  number_of_rules: number;
}

const plugin: BuiltPlugin = await loadBuiltPlugin();
const temp = mkdtempSync(join(tmpdir(), 'connection-hygiene-oxlint-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const key = (f: Finding) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`;
const sortFindings = (list: Finding[]) => list.sort((a, b) => key(a).localeCompare(key(b)));

/** Line and column (1-based, UTF-16 code units as ESLint counts them) of a UTF-8 byte offset. */
function positionOfByte(bytes: Buffer, byteOffset: number): { line: number; column: number } {
  const before = bytes.subarray(0, byteOffset).toString('utf8');
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: before.length - lineStart + 1 };
}

/** The rule ids a config enables. */
function rulesOf(configName: 'strict' | 'all'): string[] {
  return Object.keys(plugin.configs[configName].rules ?? {}).sort();
}

interface OxlintRun {
  findings: Finding[];
  /** oxlint's own line/column fields, next to the positions ESLint's convention gives */
  raw: Array<{ file: string; line: number; column: number; byteColumn: number; utf16: { line: number; column: number } }>;
  json: OxlintJson;
}

function runOxlint(target: string, configName: 'strict' | 'all'): OxlintRun {
  const dir = mkdtempSync(join(temp, `${configName}-`));
  const config = join(dir, '.oxlintrc.json');
  writeFileSync(
    config,
    JSON.stringify(
      {
        plugins: [],
        categories: { correctness: 'off' },
        jsPlugins: [distIndex],
        rules: Object.fromEntries(rulesOf(configName).map((rule) => [rule, 'error'])),
      },
      null,
      2,
    ),
  );
  const run = spawnSync(process.execPath, [oxlintBin, '-c', config, '--format', 'json', target], { cwd: root, encoding: 'utf8' });
  if (run.error) throw run.error;
  // exit status 1 means "found errors"; anything else is a failure to run
  if (run.status !== 0 && run.status !== 1) throw new Error(`oxlint exited with ${run.status}:\n${run.stderr}\n${run.stdout}`);
  const json = JSON.parse(run.stdout) as OxlintJson;
  const findings: Finding[] = [];
  const raw: OxlintRun['raw'] = [];
  for (const d of json.diagnostics) {
    const match = /^(.+)\((.+)\)$/.exec(d.code);
    if (!match) throw new Error(`oxlint diagnostic without a plugin rule: ${JSON.stringify(d)}`);
    const [, pluginName, rule] = match;
    const file = relative(root, resolve(root, d.filename));
    const label = d.labels[0];
    if (label === undefined) throw new Error(`oxlint diagnostic without a label: ${JSON.stringify(d)}`);
    const bytes = readFileSync(join(root, file));
    const start = positionOfByte(bytes, label.span.offset);
    const end = positionOfByte(bytes, label.span.offset + label.span.length);
    findings.push({ file, ruleId: `${pluginName}/${rule}`, ...start, endLine: end.line, endColumn: end.column, message: d.message });
    const lineStart = bytes.subarray(0, label.span.offset).lastIndexOf(0x0a) + 1;
    raw.push({ file, line: label.span.line, column: label.span.column, byteColumn: label.span.offset - lineStart + 1, utf16: start });
  }
  return { findings: sortFindings(findings), raw, json };
}

async function runEslint(target: string, configName: 'strict' | 'all'): Promise<{ findings: Finding[]; files: number }> {
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    // oxlint gives plugins no parser, so the project's own modules are not followed there (README, `followImports`)
    overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tsParser } }, plugin.configs[configName], { settings: { 'connection-hygiene': { followImports: false } } }] as never,
  });
  const results = await eslint.lintFiles([target]);
  const findings: Finding[] = [];
  for (const result of results) {
    for (const m of result.messages) {
      if (m.fatal === true || m.ruleId === null) throw new Error(`${result.filePath}:${m.line}:${m.column} ${m.message}`);
      if (!m.ruleId.startsWith(`${NAMESPACE}/`)) continue;
      findings.push({
        file: relative(root, result.filePath),
        ruleId: m.ruleId,
        line: m.line,
        column: m.column,
        endLine: m.endLine ?? m.line,
        endColumn: m.endColumn ?? m.column,
        message: m.message,
      });
    }
  }
  return { findings: sortFindings(findings), files: results.length };
}

describe.each([
  // the example app, with the config its eslint.config.js uses (minus type-aware resolution)
  { target: 'examples/src', configName: 'strict' as const },
  { target: 'tests/fixtures/integration', configName: 'all' as const },
])('oxlint on $target ($configName rules)', ({ target, configName }) => {
  let oxlint: OxlintRun | undefined;
  let eslint: Awaited<ReturnType<typeof runEslint>> | undefined;
  const both = async () => {
    oxlint ??= runOxlint(target, configName);
    eslint ??= await runEslint(target, configName);
    return { oxlint, eslint };
  };

  it('loads the plugin and runs every rule of the config on every file ESLint lints', async () => {
    const { oxlint, eslint } = await both();
    expect(oxlint.json.number_of_rules).toBe(rulesOf(configName).length);
    expect(oxlint.json.number_of_files).toBe(eslint.files);
    expect(oxlint.findings.length, 'the target has findings to compare').toBeGreaterThan(0);
    for (const d of oxlint.json.diagnostics) expect(d.severity).toBe('error');
  });

  it('reports the same (rule, line, column) set as ESLint without type information', async () => {
    const { oxlint, eslint } = await both();
    expect(oxlint.findings.map(key)).toEqual(eslint.findings.map(key));
  });

  it('reports the same end positions and messages', async () => {
    const { oxlint, eslint } = await both();
    expect(oxlint.findings).toEqual(eslint.findings);
  });

  it("oxlint's own line field is ESLint's line, and its column counts UTF-8 bytes", async () => {
    const { oxlint } = await both();
    for (const r of oxlint.raw) {
      expect(r.line, `${r.file}`).toBe(r.utf16.line);
      expect(r.column, `${r.file}:${r.line}`).toBe(r.byteColumn);
    }
  });
});

describe('oxlint on non-ASCII lines', () => {
  it('counts columns in UTF-8 bytes where ESLint counts UTF-16 code units (tests/fixtures/integration/unicode.ts)', () => {
    const { raw } = runOxlint('tests/fixtures/integration/unicode.ts', 'all');
    const line = raw.find((r) => r.file.endsWith('unicode.ts'));
    expect(line).toBeDefined();
    // `héllo 👋` precedes the finding: é is 2 bytes / 1 unit, 👋 is 4 bytes / 2 units
    expect(line!.column - line!.utf16.column).toBe(3);
  });
});
