import { RuleTester as TypeScriptRuleTester, type RunTests } from '@typescript-eslint/rule-tester';
import type { TSESLint } from '@typescript-eslint/utils';
import { RuleTester as EslintRuleTester } from 'eslint';
import * as espree from 'espree';

type AnyRule = TSESLint.RuleModule<string, readonly unknown[]>;

const assertionOptions = { requireLocation: true, requireData: true } as const;

/** Whether ESLint's default parser (espree) reads the code: then it is plain JS and runs under both parsers. */
export function isPlainJavaScript(code: string): boolean {
  try {
    espree.parse(code, { ecmaVersion: 'latest', sourceType: 'module' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs a rule's cases under @typescript-eslint/parser, and every case that is plain JavaScript
 * again under ESLint's default parser (espree) with ESLint's own RuleTester: the rules must find
 * the same things in both. Every invalid case must give messageId, data and full location.
 */
export function runRuleTests<MessageIds extends string, Options extends readonly unknown[]>(
  name: string,
  rule: TSESLint.RuleModule<MessageIds, Options>,
  tests: RunTests<MessageIds, Options>,
): void {
  if (ruleTestCollector.collect !== null) {
    ruleTestCollector.collect(name, rule, tests);
    return;
  }
  new TypeScriptRuleTester().run(name, rule, { ...tests, assertionOptions });
  const code = (c: string | { code: string }): string => (typeof c === 'string' ? c : c.code);
  const valid = tests.valid.filter((c) => isPlainJavaScript(code(c)));
  const invalid = tests.invalid.filter((c) => isPlainJavaScript(c.code));
  if (valid.length + invalid.length === 0) return;
  new EslintRuleTester({ languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } }).run(
    `${name} (espree)`,
    rule as unknown as Parameters<EslintRuleTester['run']>[1],
    { valid, invalid, assertionOptions } as unknown as Parameters<EslintRuleTester['run']>[2],
  );
}

export type { AnyRule };

/**
 * Hook for tests/type-aware/corpus-both-ways.test.ts: while `collect` is set, `runRuleTests` hands
 * each rule's cases to it instead of running them, so the whole rule corpus can be re-run with and
 * without type information without editing the rule test files.
 */
export const ruleTestCollector: {
  collect: ((name: string, rule: AnyRule, tests: RunTests<string, readonly unknown[]>) => void) | null;
} = { collect: null };
