// The ❌ examples of the rule docs that use node-postgres, and the code the rule's fix (or first
// suggestion) turns them into, through ESLint's Linter with the built plugin.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import ts from 'typescript';
import type { BuiltPlugin } from '../helpers/built-plugin.js';
import { root } from '../helpers/built-plugin.js';
import { type DocExample, docExamples } from '../helpers/markdown.js';

export const NAMESPACE = 'connection-hygiene';
/** modules whose examples run against the real server */
export const PG_MODULES = ['pg', 'pg-cursor', 'pg-query-stream', 'pg-pool'];

export interface PgExample extends DocExample {
  rule: string;
  /** 1-based index among the doc's ❌ examples (all drivers), the key of its scenario */
  index: number;
  /** the marker line (`// ❌ Incorrect: …`) */
  title: string;
}

const IMPORT = /(?:\bfrom|\brequire\()\s*['"]([^'"]+)['"]/g;

export function usesPg(code: string): boolean {
  for (const m of code.matchAll(IMPORT)) if (PG_MODULES.includes(m[1] ?? '')) return true;
  return false;
}

/** Every ❌ example that imports a pg module, of every doc in docs/rules. */
export function pgIncorrectExamples(): PgExample[] {
  const dir = join(root, 'docs', 'rules');
  const out: PgExample[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.md')).sort()) {
    const rule = file.slice(0, -3);
    let index = 0;
    for (const example of docExamples(readFileSync(join(dir, file), 'utf8'))) {
      if (example.kind !== 'incorrect') continue;
      index++;
      if (usesPg(example.code)) out.push({ ...example, rule, index, title: example.code.split('\n')[0] ?? '' });
    }
  }
  return out;
}

function config(plugin: BuiltPlugin, example: Pick<PgExample, 'rule' | 'options' | 'settings'>): Linter.Config[] {
  return [
    { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
    {
      plugins: { [NAMESPACE]: plugin as unknown as NonNullable<Linter.Config['plugins']>[string] },
      rules: { [`${NAMESPACE}/${example.rule}`]: ['error', ...(example.options ?? [])] },
      ...(example.settings ? { settings: { [NAMESPACE]: example.settings } } : {}),
    },
  ];
}

export function filename(example: Pick<PgExample, 'rule' | 'lang' | 'line'>): string {
  const ext = example.lang === 'typescript' ? 'ts' : example.lang === 'javascript' ? 'js' : example.lang;
  return join(root, 'docs', 'rules', `${example.rule}.example-line-${example.line}.${ext}`);
}

export function lintExample(plugin: BuiltPlugin, example: Pick<PgExample, 'rule' | 'options' | 'settings' | 'lang' | 'line' | 'index'>, code: string): Linter.LintMessage[] {
  const messages = new Linter({ cwd: root }).verify(code, config(plugin, example), filename(example));
  const fatal = messages.find((m) => m.fatal === true || m.ruleId === null);
  if (fatal) throw new Error(`${example.rule} ❌#${example.index}: code does not parse: ${fatal.line}:${fatal.column} ${fatal.message}\n${code}`);
  return messages.filter((m) => m.ruleId === `${NAMESPACE}/${example.rule}`);
}

export interface Fixed {
  code: string;
  /** 'fix' (eslint --fix) or 'suggestion' (the first suggestion, applied by hand) */
  how: 'fix' | 'suggestion';
  /** the rule's findings on the fixed code */
  remaining: Linter.LintMessage[];
}

/** Applies the rule's autofix; when there is none, the first suggestion of each finding, one at a time. */
export function applyFix(plugin: BuiltPlugin, example: PgExample): Fixed | null {
  const linter = new Linter({ cwd: root });
  const fixed = linter.verifyAndFix(example.code, config(plugin, example), { filename: filename(example) });
  if (fixed.fixed) return { code: fixed.output, how: 'fix', remaining: lintExample(plugin, example, fixed.output) };
  let code = example.code;
  let applied = false;
  for (let round = 0; round < 10; round++) {
    const finding = lintExample(plugin, example, code).find((m) => (m.suggestions?.length ?? 0) > 0);
    if (!finding) break;
    const { fix } = finding.suggestions![0]!;
    code = code.slice(0, fix.range[0]) + fix.text + code.slice(fix.range[1]);
    applied = true;
  }
  return applied ? { code, how: 'suggestion', remaining: lintExample(plugin, example, code) } : null;
}

export interface Remedy extends Fixed {
  /** `fix`, or `suggestion <messageId>` (the n-th suggestion of every finding, applied round by round) */
  label: string;
}

/**
 * Every remedy the rule offers on an example: its autofix (when there is one), and for each suggestion
 * index n, the n-th suggestion of each finding (the first when a finding has fewer), applied one
 * finding at a time until no finding has suggestions left. Variants that yield the same code as an
 * earlier one are dropped.
 */
export type ExampleRef = Pick<PgExample, 'rule' | 'code' | 'options' | 'settings' | 'lang' | 'line' | 'index'>;

export function allRemedies(plugin: BuiltPlugin, ex: ExampleRef): Remedy[] {
  const out: Remedy[] = [];
  const linter = new Linter({ cwd: root });
  const fixed = linter.verifyAndFix(ex.code, config(plugin, ex), { filename: filename(ex) });
  if (fixed.fixed) out.push({ code: fixed.output, how: 'fix', label: 'fix', remaining: lintExample(plugin, ex, fixed.output) });
  const widest = Math.max(0, ...lintExample(plugin, ex, ex.code).map((m) => m.suggestions?.length ?? 0));
  for (let n = 0; n < widest; n++) {
    let code = ex.code;
    const ids: string[] = [];
    for (let round = 0; round < 10; round++) {
      const finding = lintExample(plugin, ex, code).find((m) => (m.suggestions?.length ?? 0) > 0);
      if (!finding) break;
      const suggestion = finding.suggestions![Math.min(n, finding.suggestions!.length - 1)]!;
      ids.push(suggestion.messageId ?? `#${n}`);
      code = code.slice(0, suggestion.fix.range[0]) + suggestion.fix.text + code.slice(suggestion.fix.range[1]);
    }
    if (out.some((r) => r.code === code)) continue;
    out.push({ code, how: 'suggestion', label: `suggestion ${[...new Set(ids)].join(' + ')}`, remaining: lintExample(plugin, ex, code) });
  }
  return out;
}

/** TypeScript/JavaScript example → ESM JavaScript that imports the tracked pg. */
export function toRunnableModule(code: string, trackedPg: string): string {
  const js = ts.transpileModule(code, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false, isolatedModules: true },
  }).outputText;
  return js.replace(/(\bfrom\s*|\bimport\s*\(\s*)(['"])pg\2/g, (_m, head: string, q: string) => `${head}${q}${trackedPg}${q}`);
}
