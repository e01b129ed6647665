import rule from '../../rules/require-release.js';
import { runRuleTests } from '../rule-tester.js';

const pg = `import { Pool } from 'pg';\nconst pool = new Pool();\n`;

runRuleTests('require-release', rule, {
  valid: [
    {
      name: 'pg: released in finally',
      code: `${pg}export async function f() {
  const client = await pool.connect();
  try {
    return (await client.query('select 1')).rows;
  } finally {
    client.release();
  }
}`,
    },
  ],
  invalid: [
    {
      name: 'pg: never released',
      code: `${pg}export async function f() {
  const client = await pool.connect();
  return (await client.query('select 1')).rows;
}`,
      errors: [
        {
          messageId: 'neverReleased',
          data: { name: 'client', release: 'client.release()' },
          line: 4,
          column: 24,
          endLine: 4,
          endColumn: 38,
          suggestions: [
            {
              messageId: 'wrapInTryFinally',
              data: { release: 'client.release();' },
              output: `${pg}export async function f() {
  const client = await pool.connect();
  try {
  return (await client.query('select 1')).rows;
  } finally {
    client.release();
  }
}`,
            },
          ],
        },
      ],
    },
  ],
});
