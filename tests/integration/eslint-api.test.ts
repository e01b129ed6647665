// The built plugin through the real `ESLint` class of ESLint 10 and ESLint 9, with every published
// config, over tests/fixtures/integration/. Expected findings come from `// expect: <ruleId>` markers
// on the reported lines (CONTRIBUTING.md, "Integration fixtures"); markers of rules that are not
// registered yet are ignored. Files named `*.correct.*` must be clean.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { ESLint as ESLint10 } from 'eslint';
import { ESLint as ESLint9 } from 'eslint-v9';
import { beforeAll, describe, expect, it } from 'vitest';
import { type BuiltPlugin, loadBuiltPlugin, root } from '../helpers/built-plugin.js';

const NAMESPACE = 'connection-hygiene';
const fixtures = join(root, 'tests', 'fixtures', 'integration');
const CONFIG_NAMES = ['recommended', 'strict', 'recommended-type-checked', 'all'] as const;
type ConfigName = (typeof CONFIG_NAMES)[number];

interface Finding {
  file: string;
  line: number;
  column: number;
  ruleId: string;
}

const key = (f: Pick<Finding, 'file' | 'line' | 'ruleId'>) => `${f.file}:${f.line} ${f.ruleId}`;

const fixtureFiles = readdirSync(fixtures).filter((f) => /\.(c|m)?(j|t)s$/.test(f)).sort();

/**
 * `// expect: a, b` markers: the rule ids expected on each line; `// expect-untyped: …` only without
 * type information (with it, typescript-eslint's no-floating-promises reports a plain dropped query).
 */
function markers(typed: boolean): { file: string; line: number; ruleId: string }[] {
  return fixtureFiles.flatMap((file) =>
    readFileSync(join(fixtures, file), 'utf8')
      .split('\n')
      .flatMap((text, i) => {
        const match = (typed ? /\/\/\s*expect:\s*(.+)$/ : /\/\/\s*expect(?:-untyped)?:\s*(.+)$/).exec(text);
        if (!match) return [];
        return (match[1] ?? '').split(',').map((ruleId) => ({ file, line: i + 1, ruleId: ruleId.trim() }));
      }),
  );
}

let plugin: BuiltPlugin;
beforeAll(async () => {
  plugin = await loadBuiltPlugin();
});

function overrideConfig(configName: ConfigName) {
  const typed = configName === 'recommended-type-checked';
  return [
    {
      files: ['**/*.ts'],
      languageOptions: {
        parser: tsParser,
        parserOptions: typed ? { projectService: true, tsconfigRootDir: fixtures } : {},
      },
    },
    plugin.configs[configName],
  ];
}

type LintResult = { filePath: string; messages: { ruleId: string | null; line: number; column: number; fatal?: boolean; message: string }[] };

async function lint(ESLint: typeof ESLint10 | typeof ESLint9, configName: ConfigName): Promise<Finding[]> {
  const eslint = new ESLint({
    cwd: fixtures,
    overrideConfigFile: true,
    // The same config objects go to both versions; the typings of the two packages differ slightly.
    overrideConfig: overrideConfig(configName) as never,
  });
  const results = (await eslint.lintFiles(['.'])) as LintResult[];
  const files = results.map((r) => r.filePath.slice(fixtures.length + 1)).sort();
  expect(files, 'every fixture is linted').toEqual(fixtureFiles);
  const findings: Finding[] = [];
  for (const result of results) {
    const file = result.filePath.slice(fixtures.length + 1);
    for (const m of result.messages) {
      if (m.fatal === true || m.ruleId === null) throw new Error(`${file}:${m.line}:${m.column} ${m.message}`);
      if (m.ruleId.startsWith(`${NAMESPACE}/`)) findings.push({ file, line: m.line, column: m.column, ruleId: m.ruleId });
    }
  }
  return findings.sort((a, b) => key(a).localeCompare(key(b)) || a.column - b.column);
}

describe.each(CONFIG_NAMES)('config %s', (configName) => {
  const found = new Map<string, Finding[]>();

  it.each([
    ['ESLint 10', ESLint10],
    ['ESLint 9', ESLint9],
  ] as const)('%s reports exactly the marked lines of the rules the config enables', async (version, ESLint) => {
    const enabled = new Set(Object.keys(plugin.configs[configName].rules ?? {}));
    const expected = markers(configName === 'recommended-type-checked').filter((m) => enabled.has(m.ruleId)).map(key).sort();
    const findings = await lint(ESLint, configName);
    found.set(version, findings);
    expect([...new Set(findings.map(key))].sort()).toEqual([...new Set(expected)]);
    expect(findings.filter((f) => f.file.includes('.correct.')), '*.correct.* files are clean').toEqual([]);
  });

  it('ESLint 9 and ESLint 10 agree on every finding (rule, line, column)', async () => {
    const v10 = found.get('ESLint 10') ?? (await lint(ESLint10, configName));
    const v9 = found.get('ESLint 9') ?? (await lint(ESLint9, configName));
    expect(v9).toEqual(v10);
  });
});

describe('fixture markers', () => {
  it('name only rules of this plugin', () => {
    for (const m of markers(false)) expect(m.ruleId).toMatch(new RegExp(`^${NAMESPACE}/[a-z-]+$`));
  });

  it('are never in *.correct.* files', () => {
    expect(markers(false).filter((m) => m.file.includes('.correct.'))).toEqual([]);
  });
});
