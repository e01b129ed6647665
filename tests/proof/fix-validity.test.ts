// Fixes that compile (issue §2): a fixture project typed against the real driver packages
// (tests/fixtures/fix-validity, one file per invalid shape). For every file: `eslint --fix` (with the
// default `autofix: "safe"` and with `autofix: "all"`), and separately each suggestion, must leave
// code that parses, passes `tsc --noEmit` (the project's tsconfig, through the TypeScript language
// service with the fixed text in place of the file), and lints with nothing new — the rule/message
// pairs of `recommended` rules (defects) after the change are a sub-multiset of those before. A fix may
// make code simple enough for a `strict`-only simplification (e.g. awaiting the one floating query of a
// lease makes it a `prefer-pool-query` case): such follow-ups are printed, not failed.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { type BuiltPlugin, loadBuiltPlugin, root } from '../helpers/built-plugin.js';

const NAMESPACE = 'connection-hygiene';
const project = join(root, 'tests', 'fixtures', 'fix-validity');
const files = readdirSync(project).filter((f) => f.endsWith('.ts')).sort();

let plugin: BuiltPlugin;
let service: ts.LanguageService;
const overrides = new Map<string, string>();
const versions = new Map<string, number>();

function createService(): ts.LanguageService {
  const configPath = join(project, 'tsconfig.json');
  const parsed = ts.parseJsonConfigFileContent(ts.readConfigFile(configPath, (f) => ts.sys.readFile(f)).config, ts.sys, project);
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => parsed.fileNames,
    getScriptVersion: (f) => String(versions.get(f) ?? 0),
    getScriptSnapshot: (f) => {
      const text = overrides.get(f) ?? ts.sys.readFile(f);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => project,
    getCompilationSettings: () => parsed.options,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: (f) => overrides.has(f) || ts.sys.fileExists(f),
    readFile: (f) => overrides.get(f) ?? ts.sys.readFile(f),
    readDirectory: (...args) => ts.sys.readDirectory(...args),
    directoryExists: (d) => ts.sys.directoryExists(d),
    getDirectories: (d) => ts.sys.getDirectories(d),
  };
  return ts.createLanguageService(host, ts.createDocumentRegistry());
}

/** tsc's errors for `file` with `text` in place of its contents. */
function typeErrors(file: string, text: string): string[] {
  const path = join(project, file);
  overrides.set(path, text);
  versions.set(path, (versions.get(path) ?? 0) + 1);
  try {
    const diagnostics = [...service.getSyntacticDiagnostics(path), ...service.getSemanticDiagnostics(path)];
    return diagnostics.map((d) => {
      const pos = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
      return `${file}:${pos ? pos.line + 1 : '?'} TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
  } finally {
    overrides.delete(path);
    versions.set(path, (versions.get(path) ?? 0) + 1);
  }
}

function config(autofix: 'safe' | 'all'): Linter.Config[] {
  return [
    { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
    {
      files: ['**/*.ts'],
      plugins: { [NAMESPACE]: plugin as unknown as NonNullable<Linter.Config['plugins']>[string] },
      rules: plugin.configs.all.rules,
      settings: { [NAMESPACE]: { autofix } },
    },
  ];
}

function lint(file: string, text: string, autofix: 'safe' | 'all' = 'safe'): Linter.LintMessage[] {
  const messages = new Linter({ cwd: project }).verify(text, config(autofix), join(project, file));
  const fatal = messages.find((m) => m.fatal || m.ruleId === null);
  if (fatal) throw new Error(`${file}: does not parse: ${fatal.line}:${fatal.column} ${fatal.message}\n${text}`);
  return messages.filter((m) => m.ruleId?.startsWith(`${NAMESPACE}/`));
}

/** rule/messageId pairs in `after` beyond those in `before` */
function newFindings(before: Linter.LintMessage[], after: Linter.LintMessage[]): string[] {
  const pool = before.map((m) => `${m.ruleId}/${m.messageId}`);
  const extra: string[] = [];
  for (const m of after) {
    const k = `${m.ruleId}/${m.messageId}`;
    const i = pool.indexOf(k);
    if (i >= 0) pool.splice(i, 1);
    else extra.push(`${k} at ${m.line}:${m.column}: ${m.message}`);
  }
  return extra;
}

beforeAll(async () => {
  plugin = await loadBuiltPlugin();
  service = createService();
});

describe('fix validity: typed fixture project', () => {
  it('type-checks as written', () => {
    expect(files.flatMap((f) => typeErrors(f, readFileSync(join(project, f), 'utf8')))).toEqual([]);
  });

  it.each(files.filter((f) => !f.startsWith('generated')))('%s: every fix and suggestion parses, type-checks and lints clean', (file) => {
    const original = readFileSync(join(project, file), 'utf8');
    const before = lint(file, original);
    expect(before.length, `${file} is an invalid shape: the plugin reports it`).toBeGreaterThan(0);
    const problems: string[] = [];
    const check = (label: string, text: string, baseline: Linter.LintMessage[]) => {
      let after: Linter.LintMessage[];
      try {
        after = lint(file, text);
      } catch (error) {
        problems.push(`${label}: ${(error as Error).message}`);
        return;
      }
      for (const e of typeErrors(file, text)) problems.push(`${label}: ${e}`);
      const recommended = plugin.configs.recommended.rules as Record<string, unknown>;
      for (const n of newFindings(baseline, after)) {
        if (n.split('/').slice(0, 2).join('/') in recommended) problems.push(`${label}: new finding ${n}`);
        else console.log(`${file}: ${label}: follow-up strict finding ${n}`);
      }
    };
    let variants = 0;
    for (const autofix of ['safe', 'all'] as const) {
      const fixed = new Linter({ cwd: project }).verifyAndFix(original, config(autofix), join(project, file));
      if (fixed.fixed) {
        variants++;
        check(`eslint --fix (autofix: ${autofix})`, fixed.output, before);
      }
    }
    for (const m of before) {
      for (const [i, s] of (m.suggestions ?? []).entries()) {
        variants++;
        const text = original.slice(0, s.fix.range[0]) + s.fix.text + original.slice(s.fix.range[1]);
        check(`${m.ruleId} suggestion ${i + 1} "${s.desc}"`, text, before);
      }
    }
    if (variants === 0) console.log(`${file}: no fix or suggestion offered (${before.map((m) => m.ruleId).join(', ')})`);
    expect(problems).toEqual([]);
  });
});
