// Type-aware resolution on the typed fixture project: every `probe(x)` line says what provenance
// must resolve `x` to with type information (`// expect typed: …`: only then) and in both modes
// (`// expect: …`). The syntactic run must resolve typed-only probes to nothing.
import { relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ESLint } from 'eslint';
import { fixtureDir, fixtureFiles, fixtureText, lintFixture } from './typed-project.js';

const EXPECT = /\/\/ expect( typed)?: (.+)$/u;

function expectations(mode: 'typed' | 'untyped'): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of fixtureFiles()) {
    fixtureText(file).split('\n').forEach((line, i) => {
      const match = EXPECT.exec(line);
      if (!match) return;
      const typedOnly = match[1] !== undefined;
      out.set(`${file}:${i + 1}`, mode === 'untyped' && typedOnly ? 'none' : match[2]!.trim());
    });
  }
  return out;
}

function probes(results: ESLint.LintResult[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const result of results) {
    for (const message of result.messages) {
      if (message.fatal) throw new Error(`${result.filePath}: ${message.message}`);
      if (message.ruleId === 'test/probe') out.set(`${relative(fixtureDir, result.filePath)}:${message.line}`, message.message);
    }
  }
  return out;
}

describe('type-aware resolution on the typed fixture project', () => {
  let typed: ESLint.LintResult[];
  let untyped: ESLint.LintResult[];
  beforeAll(async () => {
    [typed, untyped] = await Promise.all([lintFixture('typed'), lintFixture('untyped')]);
  });

  it('resolves every probe as its comment says, with type information', () => {
    const got = probes(typed);
    const want = expectations('typed');
    expect(Object.fromEntries([...want.keys()].map((k) => [k, got.get(k) ?? 'none (file model not built)']))).toEqual(Object.fromEntries(want));
  });

  it('without type information, typed-only probes resolve to nothing and the others agree', () => {
    const got = probes(untyped);
    const want = expectations('untyped');
    expect(Object.fromEntries([...want.keys()].map((k) => [k, got.get(k) ?? 'none']))).toEqual(Object.fromEntries(want));
  });

  it('knows which functions own the lease parameter they are given (the @releases convention)', () => {
    const ownership = typed.flatMap((r) => r.messages.filter((m) => m.ruleId === 'test/ownership').map((m) => `${relative(fixtureDir, r.filePath)}: ${m.message}`));
    expect(ownership.sort()).toEqual([
      'db.ts: closeQuietly: owns',
      'db.ts: describeClient: borrows',
      'db.ts: finish: owns',
      'db.ts: instrument: borrows',
      'mongo.ts: withSessionParameter: borrows',
      'mysql-users.ts: callbackAlias: owns',
      'mysql-users.ts: promiseAlias: borrows',
      'mysql.ts: useCallbackConnection: owns',
      'mysql.ts: usePromiseConnection: borrows',
      'users.ts: borrowedParameter: borrows',
    ]);
    expect(untyped.some((r) => r.messages.some((m) => m.ruleId === 'test/ownership'))).toBe(false);
  });
});
