import * as vitest from 'vitest';
import { RuleTester } from '@typescript-eslint/rule-tester';

// Wire @typescript-eslint/rule-tester to vitest (docs/packages/Rule_Tester.mdx, "Vitest").
RuleTester.afterAll = vitest.afterAll;
RuleTester.describe = vitest.describe;
RuleTester.describeSkip = vitest.describe.skip;
RuleTester.it = vitest.it;
RuleTester.itOnly = vitest.it.only;
RuleTester.itSkip = vitest.it.skip;

// ESLint's own RuleTester (plain-JS cases under espree) uses the same hooks.
import { RuleTester as EslintRuleTester } from 'eslint';
const eslintTester = EslintRuleTester as unknown as { describe: unknown; it: unknown; itOnly: unknown };
eslintTester.describe = vitest.describe;
eslintTester.it = vitest.it;
eslintTester.itOnly = vitest.it.only;
