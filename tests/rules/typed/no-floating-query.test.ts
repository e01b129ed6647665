// no-floating-query with type information (recommended-type-checked): next to typescript-eslint's
// `no-floating-promises`, each dropped query is reported once. A dropped native Promise with no lease
// released under it is left to no-floating-promises; what only this rule sees stays: a query still
// pending when its lease is released (`floatingBeforeRelease`, `pendingAtRelease`), a stored promise
// never awaited, and lazy thenables (Knex builders) that no-floating-promises does not check by default.
// (In tests/rules/typed/, not tests/rules/: every tests/rules/*.test.ts is a runRuleTests corpus.)
import { join } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import tsPlugin from '@typescript-eslint/eslint-plugin';
import { Linter } from 'eslint';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import rule from '../../../rules/no-floating-query.js';
import { root } from '../../helpers/built-plugin.js';

const fixtureDir = join(root, 'tests', 'fixtures', 'typed');
const fileName = join(fixtureDir, '__cases__', 'floating.ts');
const configFile = ts.readConfigFile(join(fixtureDir, 'tsconfig.json'), (f) => ts.sys.readFile(f));
const options = { ...ts.parseJsonConfigFileContent(configFile.config, ts.sys, fixtureDir).options, noEmit: true };
const base = ts.createCompilerHost(options, true);

function program(code: string): ts.Program {
  const host: ts.CompilerHost = {
    ...base,
    fileExists: (f) => f === fileName || base.fileExists(f),
    readFile: (f) => (f === fileName ? code : base.readFile(f)),
    getSourceFile: (f, language) => (f === fileName ? ts.createSourceFile(f, code, language, true) : base.getSourceFile(f, language)),
  };
  return ts.createProgram({ rootNames: [fileName], options, host });
}

/** `line messageId` of both rules, with or without the plugin's typeAware setting and a program. */
function lint(code: string, typeAware: boolean): string[] {
  const messages = new Linter({ configType: 'flat' }).verify(
    code,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tsParser, parserOptions: typeAware ? { programs: [program(code)] } : {} },
        plugins: { t: { rules: { 'no-floating-query': rule as never } }, ts: tsPlugin as never },
        settings: { 'connection-hygiene': { typeAware } },
        rules: { 't/no-floating-query': 'error', ...(typeAware ? { 'ts/no-floating-promises': 'error' } : {}) },
      },
    ],
    fileName,
  );
  const fatal = messages.find((m) => m.fatal === true || m.ruleId === null);
  if (fatal) throw new Error(fatal.message);
  return messages.map((m) => `${m.line} ${m.ruleId}/${m.messageId}`);
}

const pg = `import { Pool } from 'pg';\nconst pool = new Pool();\n`;

describe('no-floating-query with type information', () => {
  it('a dropped pool query: reported once, by no-floating-promises', () => {
    const code = `${pg}export async function f() {\n  pool.query('SELECT 1');\n}\n`;
    expect(lint(code, false)).toEqual(['4 t/no-floating-query/floating']);
    expect(lint(code, true)).toEqual(['4 ts/no-floating-promises/floatingVoid']);
  });

  it('a .then() chain without a rejection handler: reported once, by no-floating-promises', () => {
    const code = `${pg}export function f() {\n  pool.query('SELECT 1').then((r) => r.rows);\n}\n`;
    expect(lint(code, false)).toEqual(['4 t/no-floating-query/noRejectionHandler']);
    expect(lint(code, true)).toEqual(['4 ts/no-floating-promises/floatingVoid']);
  });

  it('a query dropped before the release of its lease: still reported, the part only this rule sees', () => {
    const code = `${pg}export async function f() {\n  const client = await pool.connect();\n  try {\n    client.query('SELECT 1');\n  } finally {\n    client.release();\n  }\n}\n`;
    expect(lint(code, true)).toContain('6 t/no-floating-query/floatingBeforeRelease');
  });

  it('a stored query awaited only after the release: still reported', () => {
    const code = `${pg}export async function f() {\n  const client = await pool.connect();\n  const p = client.query('SELECT 1');\n  client.release();\n  return (await p).rows;\n}\n`;
    expect(lint(code, true)).toEqual(['5 t/no-floating-query/pendingAtRelease']);
  });

  it('a stored query never awaited: still reported (no-floating-promises does not look at variables)', () => {
    const code = `${pg}export function f() {\n  const p = pool.query('SELECT 1');\n}\n`;
    expect(lint(code, true)).toEqual(['4 t/no-floating-query/storedNeverAwaited']);
  });

  it('a lazy Knex builder (a thenable, not a Promise): still reported, no-floating-promises does not check thenables by default', () => {
    const code = `import knex from 'knex';\nconst db = knex({ client: 'pg' });\nexport async function f() {\n  await db.transaction(async (trx) => {\n    trx.raw('UPDATE users SET archived = true');\n  });\n}\n`;
    expect(lint(code, true)).toEqual(['5 t/no-floating-query/floating']);
  });
});
