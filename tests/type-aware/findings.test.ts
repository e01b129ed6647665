// The plugin's findings on the typed fixture project, with `recommended-type-checked` and with
// `recommended`. A line comment `finding: <rule> <messageId>` marks a finding of both modes;
// `typed-finding: …` one that only type information reveals (wrappers across modules, injected
// services, imported pools, subclasses and aliases of driver types). For the rules named in markers
// the findings are exactly the marked ones; for every rule, the typed findings contain the untyped ones.
import { relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ESLint } from 'eslint';
import { fixtureDir, fixtureFiles, fixtureText, lintFixture } from './typed-project.js';

const MARKER = /\/\/ (typed-)?finding: (\S+) (\S+)/u;

function marked(mode: 'typed' | 'untyped'): { findings: string[]; rules: Set<string> } {
  const findings: string[] = [];
  const rules = new Set<string>();
  for (const file of fixtureFiles()) {
    fixtureText(file).split('\n').forEach((line, i) => {
      const match = MARKER.exec(line);
      if (!match) return;
      rules.add(`connection-hygiene/${match[2]}`);
      if (mode === 'typed' || match[1] === undefined) findings.push(`${file}:${i + 1} connection-hygiene/${match[2]} ${match[3]}`);
    });
  }
  return { findings: findings.sort(), rules };
}

function found(results: ESLint.LintResult[], rules?: Set<string>): string[] {
  const out: string[] = [];
  for (const result of results) {
    for (const message of result.messages) {
      if (message.fatal) throw new Error(`${result.filePath}: ${message.message}`);
      if (message.ruleId === null || !message.ruleId.startsWith('connection-hygiene/')) continue;
      if (rules !== undefined && !rules.has(message.ruleId)) continue;
      out.push(`${relative(fixtureDir, result.filePath)}:${message.line} ${message.ruleId} ${message.messageId}`);
    }
  }
  return out.sort();
}

describe('findings on the typed fixture project', () => {
  let typed: ESLint.LintResult[];
  let untyped: ESLint.LintResult[];
  beforeAll(async () => {
    [typed, untyped] = await Promise.all([lintFixture('typed'), lintFixture('untyped')]);
  });

  it('recommended-type-checked reports exactly the marked findings', () => {
    const { findings, rules } = marked('typed');
    expect(found(typed, rules)).toEqual(findings);
  });

  it('recommended reports exactly the findings marked for both modes', () => {
    const { findings, rules } = marked('untyped');
    expect(found(untyped, rules)).toEqual(findings);
  });

  it('every untyped finding of every rule is also a typed finding, at the same place', () => {
    const typedFindings = new Set(found(typed));
    const missing = found(untyped).filter((f) => !typedFindings.has(f));
    expect(missing).toEqual([]);
  });
});

describe('`await using` suggestions follow the real type', () => {
  it('offers `await using` where the type has [Symbol.asyncDispose] even though the catalog entry has no dispose', async () => {
    const results = await lintFixture('typed');
    const users = results.find((r) => r.filePath.endsWith(`${'/'}users.ts`))!;
    const suggestionsAt = (needle: string): string[] => {
      const line = users.source!.split('\n').findIndex((l) => l.includes(needle)) + 1;
      const message = users.messages.find((m) => m.line === line && m.ruleId === 'connection-hygiene/require-release');
      return (message?.suggestions ?? []).map((s) => s.messageId ?? '');
    };
    expect(suggestionsAt('await getDisposableClient()')).toContain('useAwaitUsing');
    expect(suggestionsAt('await getClient(); // typed-finding: require-release neverReleased')).not.toContain('useAwaitUsing');
  });
});
