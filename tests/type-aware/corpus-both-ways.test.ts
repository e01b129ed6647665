// The whole rule test corpus, both ways: every valid and invalid case of every tests/rules/*.test.ts
// is linted (1) without type information, (2) with `typeAware` on but no program (TS parser without
// a project, and espree for plain JS) and (3) with `typeAware` on and a real TypeScript program in
// which the case imports the real driver typings. (2) must equal (1) exactly: no program, no type
// query, same results. (3) must report every finding of (1) at the same place with the same
// messageId: type information only ever adds findings.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import type { RunTests } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import * as espree from 'espree';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { typeQueryCount } from '../../src/analysis/type-resolver.js';
import { isPlainJavaScript, ruleTestCollector, type AnyRule } from '../rule-tester.js';
import { fixtureDir, root } from './typed-project.js';

interface Collected {
  readonly name: string;
  readonly rule: AnyRule;
  readonly tests: RunTests<string, readonly unknown[]>;
}

const collected: Collected[] = [];
ruleTestCollector.collect = (name, rule, tests) => collected.push({ name, rule, tests });
const ruleFiles = readdirSync(join(root, 'tests', 'rules')).filter((f) => f.endsWith('.test.ts')).sort();
for (const file of ruleFiles) await import(join(root, 'tests', 'rules', file));
ruleTestCollector.collect = null;

/** A virtual directory inside the typed fixture project, so cases resolve the real driver packages. */
const caseDir = join(fixtureDir, '__cases__');

/** One TypeScript program per case, reusing the driver typings' source files between cases. */
class CaseHost {
  private readonly options: ts.CompilerOptions;
  private readonly base: ts.CompilerHost;
  private readonly cache = new Map<string, ts.SourceFile | undefined>();
  private previous: ts.Program | undefined;

  constructor() {
    const configFile = ts.readConfigFile(join(fixtureDir, 'tsconfig.json'), (f) => ts.sys.readFile(f));
    this.options = { ...ts.parseJsonConfigFileContent(configFile.config, ts.sys, fixtureDir).options, noEmit: true, allowJs: true, jsx: ts.JsxEmit.Preserve };
    this.base = ts.createCompilerHost(this.options, true);
  }

  program(fileName: string, code: string): ts.Program {
    const host: ts.CompilerHost = {
      ...this.base,
      fileExists: (f) => f === fileName || this.base.fileExists(f),
      readFile: (f) => (f === fileName ? code : this.base.readFile(f)),
      getSourceFile: (f, languageVersion) => {
        if (f === fileName) return ts.createSourceFile(f, code, languageVersion, true);
        if (!this.cache.has(f)) this.cache.set(f, this.base.getSourceFile(f, languageVersion));
        return this.cache.get(f);
      },
    };
    this.previous = ts.createProgram({ rootNames: [fileName], options: this.options, host, oldProgram: this.previous });
    return this.previous;
  }
}

type Case = { code: string; options?: readonly unknown[]; settings?: Record<string, unknown>; filename?: string; name?: string };

function caseOf(c: string | Case): Case {
  return typeof c === 'string' ? { code: c } : c;
}

function fileNameOf(c: Case): string {
  const base = c.filename ? c.filename.split(/[\\/]/u).pop()! : 'file.ts';
  return join(caseDir, base);
}

function settingsWith(c: Case, typeAware: boolean): Record<string, unknown> {
  const own = (c.settings?.['connection-hygiene'] ?? {}) as Record<string, unknown>;
  return { ...c.settings, 'connection-hygiene': { ...own, typeAware } };
}

type Finding = string;

type Mode = 'untyped' | 'no-program' | 'program-without-setting' | 'typed' | 'espree' | 'espree-typeAware';

function lint(rule: Collected, c: Case, mode: Mode, host: CaseHost): Finding[] {
  const linter = new Linter({ configType: 'flat' });
  const fileName = fileNameOf(c);
  const typed = mode === 'typed' || mode === 'program-without-setting';
  const parser = mode === 'espree' || mode === 'espree-typeAware' ? espree : tsParser;
  const parserOptions: Record<string, unknown> = typed ? { programs: [host.program(fileName, c.code)] } : {};
  const messages = linter.verify(
    c.code,
    [
      {
        files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs', '**/*.mts', '**/*.cts'],
        languageOptions: { parser: parser, ecmaVersion: 'latest', sourceType: 'module', parserOptions },
        plugins: { t: { rules: { [rule.name]: rule.rule as never } } },
        settings: settingsWith(c, mode === 'typed' || mode === 'no-program' || mode === 'espree-typeAware'),
        rules: { [`t/${rule.name}`]: ['error', ...(c.options ?? [])] as Linter.RuleEntry },
      },
    ],
    fileName,
  );
  if (messages.some((m) => m.ruleId === null && !m.fatal)) throw new Error(`${rule.name} (${mode}): ${messages.map((m) => m.message).join('; ')}`);
  return messages.map((m) => (m.fatal ? `FATAL ${m.message}` : `${m.line}:${m.column} ${m.messageId ?? m.message}`)).sort();
}

describe('the rule test corpus, with and without type information', () => {
  const host = new CaseHost();

  it('collects every rule test file', () => {
    expect(collected.map((c) => c.name).sort()).toEqual(ruleFiles.map((f) => f.replace(/\.test\.ts$/u, '')).sort());
  });

  /** type queries the typed runs made, over every rule's corpus */
  let typedQueries = 0;

  for (const rule of collected) {
    const cases = [...rule.tests.valid.map(caseOf), ...rule.tests.invalid.map((c) => caseOf(c as Case))];

    it(`${rule.name}: without the setting or without a program, results are the syntactic ones and no type query is made`, () => {
      const before = typeQueryCount();
      for (const c of cases) {
        const untyped = lint(rule, c, 'untyped', host);
        expect(lint(rule, c, 'no-program', host), c.name ?? c.code).toEqual(untyped);
        expect(lint(rule, c, 'program-without-setting', host), c.name ?? c.code).toEqual(untyped);
        if (isPlainJavaScript(c.code)) expect(lint(rule, c, 'espree-typeAware', host), c.name ?? c.code).toEqual(lint(rule, c, 'espree', host));
      }
      expect(typeQueryCount()).toBe(before);
    });

    it(`${rule.name}: with a program, the findings contain every untyped finding (${cases.length} cases)`, () => {
      const before = typeQueryCount();
      const added: string[] = [];
      for (const c of cases) {
        const untyped = lint(rule, c, 'untyped', host);
        const typed = lint(rule, c, 'typed', host);
        expect(typed.filter((f) => f.startsWith('FATAL')), c.name ?? c.code).toEqual([]);
        // with types, a plain dropped query is typescript-eslint's no-floating-promises' finding (no-floating-query.md)
        const handedOver = (f: string): boolean => rule.name === 'no-floating-query' && / (?:floating|noRejectionHandler)$/u.test(f);
        const missing = untyped.filter((f) => !typed.includes(f) && !handedOver(f));
        expect(missing, `${c.name ?? c.code}\ntyped: ${typed.join(', ')}`).toEqual([]);
        for (const f of typed) if (!untyped.includes(f)) added.push(`${c.name ?? '(unnamed)'}: ${f}`);
      }
      // a rule whose cases all resolve through the syntax needs no type query; the total is checked below
      typedQueries += typeQueryCount() - before;
      // typed-only findings are allowed (type information sees more); list them for review
      if (added.length > 0) console.info(`${rule.name}: ${added.length} typed-only finding(s):\n  ${added.join('\n  ')}`);
    });
  }

  it('the typed runs really asked the TypeScript checker', () => {
    expect(typedQueries).toBeGreaterThan(0);
  });
});

