import * as vitest from 'vitest';
import { RuleTester } from '@typescript-eslint/rule-tester';

// Wire @typescript-eslint/rule-tester to vitest (docs/packages/Rule_Tester.mdx, "Vitest").
RuleTester.afterAll = vitest.afterAll;
RuleTester.describe = vitest.describe;
RuleTester.describeSkip = vitest.describe.skip;
RuleTester.it = vitest.it;
RuleTester.itOnly = vitest.it.only;
RuleTester.itSkip = vitest.it.skip;
