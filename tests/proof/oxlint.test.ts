// The built plugin as an oxlint JS plugin (issue §5): `oxlint` (from npm) with `jsPlugins` pointing at
// dist/src/index.js lints the example app and reports the same findings (rule, file, line, column) as
// ESLint does for every syntactic rule (all of them: type-aware resolution is off in both runs).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { type BuiltPlugin, distIndex, loadBuiltPlugin, root } from '../helpers/built-plugin.js';

const examples = join(root, 'examples');
const oxlint = join(root, 'node_modules', '.bin', 'oxlint');
const NAMESPACE = 'connection-hygiene';

let plugin: BuiltPlugin;
beforeAll(async () => {
  plugin = await loadBuiltPlugin();
});

interface Finding {
  rule: string;
  file: string;
  line: number;
  column: number;
}
const key = (f: Finding) => `${f.file}:${f.line}:${f.column} ${f.rule}`;

async function eslintFindings(): Promise<Finding[]> {
  const eslint = new ESLint({
    cwd: examples,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
      { files: ['**/*.ts', '**/*.js'], plugins: { [NAMESPACE]: plugin as unknown as ESLint.Plugin }, rules: plugin.configs.all.rules },
    ],
  });
  const results = await eslint.lintFiles(['src']);
  return results.flatMap((r) =>
    r.messages
      .filter((m) => m.ruleId?.startsWith(`${NAMESPACE}/`))
      .map((m) => ({ rule: m.ruleId!.slice(NAMESPACE.length + 1), file: relative(examples, r.filePath), line: m.line, column: m.column })),
  );
}

function oxlintFindings(): Finding[] {
  const dir = join(root, 'node_modules', '.cache', 'connection-hygiene-oxlint');
  mkdirSync(dir, { recursive: true });
  const config = join(dir, '.oxlintrc.json');
  const rules = Object.fromEntries(Object.keys(plugin.rules).map((r) => [`${NAMESPACE}/${r}`, 'error']));
  writeFileSync(config, JSON.stringify({ jsPlugins: [distIndex], categories: { correctness: 'off' }, plugins: [], rules }, null, 2));
  const run = spawnSync(oxlint, ['-c', config, '--format', 'json', 'src'], { cwd: examples, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (run.error) throw run.error;
  const out = JSON.parse(run.stdout) as {
    diagnostics: Array<{ code: string; filename: string; message: string; labels: Array<{ span: { line: number; column: number } }> }>;
  };
  return out.diagnostics.map((d) => {
    const match = /^([\w-]+)\(([\w-]+)\)$/.exec(d.code);
    if (!match || match[1] !== NAMESPACE) throw new Error(`unexpected oxlint diagnostic ${d.code}: ${d.message}`);
    return { rule: match[2]!, file: d.filename, line: d.labels[0]!.span.line, column: d.labels[0]!.span.column };
  });
}

describe('oxlint JS plugin', () => {
  it('reports the same findings as ESLint on the example app', async () => {
    const fromEslint = (await eslintFindings()).map(key).sort();
    const fromOxlint = oxlintFindings().map(key).sort();
    expect(fromEslint.length).toBeGreaterThan(0);
    expect(fromOxlint).toEqual(fromEslint);
  });
});
