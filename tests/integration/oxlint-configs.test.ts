// The ready-made oxlint configs the package ships (configs/oxlint-<config>.json, written by
// `npm run update:oxlint-configs` from the built plugin, whose configs come from rule meta):
// - each file is exactly what the plugin's ESLint config of the same name enables;
// - a user's `.oxlintrc.json` that only `extends` the shipped file, from a project where the package is
//   installed in node_modules, loads the plugin and reports what ESLint reports with the same config
//   (rule and line; oxlint counts columns in UTF-8 bytes, see oxlint.test.ts).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltPlugin, loadBuiltPlugin, root } from '../helpers/built-plugin.js';

const NAMESPACE = 'connection-hygiene';
const OXLINT_CONFIGS = ['recommended', 'strict', 'all'] as const;
const oxlintBin = join(root, 'node_modules', '.bin', 'oxlint');
const target = 'tests/fixtures/integration';
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; files: string[]; scripts: Record<string, string> };

let plugin: BuiltPlugin;
let temp = '';

beforeAll(async () => {
  plugin = await loadBuiltPlugin();
  temp = mkdtempSync(join(tmpdir(), 'connection-hygiene-oxlint-configs-'));
  mkdirSync(join(temp, 'node_modules'));
  symlinkSync(root, join(temp, 'node_modules', pkg.name), 'dir');
});

afterAll(() => {
  if (temp) rmSync(temp, { recursive: true, force: true });
});

function shipped(name: string): { jsPlugins: string[]; rules: Record<string, string> } {
  return JSON.parse(readFileSync(join(root, 'configs', `oxlint-${name}.json`), 'utf8')) as { jsPlugins: string[]; rules: Record<string, string> };
}

const key = (f: { file: string; line: number; ruleId: string }) => `${f.file}:${f.line} ${f.ruleId}`;

function oxlintFindings(configName: string): string[] {
  const dir = mkdtempSync(join(temp, `${configName}-`));
  const config = join(dir, '.oxlintrc.json');
  // what the README tells users to write (their .oxlintrc.json sits next to node_modules)
  symlinkSync(join(temp, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(config, JSON.stringify({ extends: [`./node_modules/${pkg.name}/configs/oxlint-${configName}.json`] }));
  const run = spawnSync(process.execPath, [oxlintBin, '-c', config, '--format', 'json', target], { cwd: root, encoding: 'utf8' });
  if (run.error) throw run.error;
  if (run.status !== 0 && run.status !== 1) throw new Error(`oxlint exited with ${run.status}:\n${run.stderr}\n${run.stdout}`);
  const json = JSON.parse(run.stdout) as { diagnostics: Array<{ code: string; filename: string; labels: Array<{ span: { line: number } }> }> };
  return json.diagnostics
    .filter((d) => d.code.startsWith(`${NAMESPACE}(`))
    .map((d) => {
      const [, rule] = /^[^(]+\((.+)\)$/.exec(d.code) ?? [];
      return key({ file: relative(root, resolve(root, d.filename)), line: d.labels[0]?.span.line ?? 0, ruleId: `${NAMESPACE}/${rule}` });
    })
    .sort();
}

async function eslintFindings(configName: (typeof OXLINT_CONFIGS)[number]): Promise<string[]> {
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tsParser } }, plugin.configs[configName]] as never,
  });
  const results = await eslint.lintFiles([target]);
  return results
    .flatMap((r) =>
      r.messages.map((m) => {
        if (m.fatal === true || m.ruleId === null) throw new Error(`${r.filePath}:${m.line}:${m.column} ${m.message}`);
        return { file: relative(root, r.filePath), line: m.line, ruleId: m.ruleId };
      }),
    )
    .filter((f) => f.ruleId.startsWith(`${NAMESPACE}/`))
    .map(key)
    .sort();
}

describe('shipped oxlint configs', () => {
  it('are in the package (package.json "files") and have an update script', () => {
    expect(pkg.files).toContain('configs');
    expect(pkg.scripts['update:oxlint-configs']).toContain('scripts/oxlint-configs.js');
  });

  it.each(OXLINT_CONFIGS)('configs/oxlint-%s.json enables exactly the rules of the ESLint config, and loads the plugin by package name', (name) => {
    const expected = Object.keys(plugin.configs[name].rules ?? {}).sort();
    const config = shipped(name);
    expect(config.jsPlugins, 'run `npm run update:oxlint-configs`').toEqual([pkg.name]);
    expect(Object.keys(config.rules), 'run `npm run update:oxlint-configs`').toEqual(expected);
    expect(new Set(Object.values(config.rules))).toEqual(new Set(['error']));
    expect(Object.keys(shipped(name))).toEqual(['jsPlugins', 'rules']);
  });

  it.each(['recommended', 'strict'] as const)('a .oxlintrc.json that extends configs/oxlint-%s.json reports what ESLint reports', async (name) => {
    const oxlint = oxlintFindings(name);
    const eslint = [...new Set(await eslintFindings(name))];
    expect(oxlint.length, 'the fixtures have findings to compare').toBeGreaterThan(0);
    expect([...new Set(oxlint)]).toEqual(eslint);
  });
});
