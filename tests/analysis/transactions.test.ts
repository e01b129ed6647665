import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { classifySqlText, classifySqlVerb, sqlTextOf, sqlVerbsOf, type SqlVerb } from '../../src/analysis/transactions.js';

/** Classifies the first argument of every `q(…)` call in `code`, in order. */
function classifyArguments(code: string, follow = true): Array<SqlVerb | null> {
  const found: Array<SqlVerb | null> = [];
  const rule: TSESLint.RuleModule<never, []> = {
    meta: { type: 'problem', messages: {}, schema: [] },
    defaultOptions: [],
    create(context) {
      return {
        CallExpression(node: TSESTree.CallExpression) {
          if (node.callee.type === 'Identifier' && node.callee.name === 'q') {
            found.push(classifySqlVerb(node.arguments[0], follow ? { sourceCode: context.sourceCode } : {}));
          }
        },
      };
    },
  };
  const linter = new Linter();
  const messages = linter.verify(code, [
    {
      languageOptions: { parser: tsParser, ecmaVersion: 'latest', sourceType: 'module' },
      plugins: { t: { rules: { classify: rule as never } } },
      rules: { 't/classify': 'error' },
    },
  ]);
  expect(messages.filter((m) => m.fatal)).toEqual([]);
  return found;
}

describe('classifySqlText', () => {
  it.each([
    ['BEGIN', 'begin'],
    ['begin', 'begin'],
    ['Begin;', 'begin'],
    ['  \n\tBEGIN  ', 'begin'],
    ['BEGIN WORK', 'begin'],
    ['BEGIN TRANSACTION', 'begin'],
    ['BEGIN TRAN', 'begin'],
    ['BEGIN ISOLATION LEVEL SERIALIZABLE', 'begin'],
    ['begin transaction isolation level repeatable read', 'begin'],
    ['BEGIN READ ONLY', 'begin'],
    ['BEGIN NOT DEFERRABLE', 'begin'],
    ['BEGIN IMMEDIATE', 'begin'],
    ['BEGIN EXCLUSIVE TRANSACTION', 'begin'],
    ['BEGIN DISTRIBUTED TRANSACTION', 'begin'],
    ['START TRANSACTION', 'begin'],
    ['start transaction with consistent snapshot', 'begin'],
    ['START TRANSACTION READ ONLY', 'begin'],
    ['-- open it\nBEGIN', 'begin'],
    ['/* tx */ BEGIN /* more */', 'begin'],
    ['/* a */ -- b\n  start /* c */ transaction', 'begin'],
    ['COMMIT', 'commit'],
    ['commit;', 'commit'],
    ['COMMIT WORK', 'commit'],
    ['COMMIT TRANSACTION', 'commit'],
    ['COMMIT TRAN', 'commit'],
    ['COMMIT AND CHAIN', 'commit'],
    ['END', 'commit'],
    ['end transaction', 'commit'],
    ['ROLLBACK', 'rollback'],
    ['rollback;', 'rollback'],
    ['ROLLBACK WORK', 'rollback'],
    ['ROLLBACK TRANSACTION', 'rollback'],
    ['ROLLBACK TRAN', 'rollback'],
    ['ABORT', 'rollback'],
    ['ROLLBACK AND NO CHAIN', 'rollback'],
    ['SAVEPOINT sp1', 'savepoint'],
    ['savepoint "my point"', 'savepoint'],
    ['RELEASE SAVEPOINT sp1', 'savepoint'],
    ['RELEASE sp1', 'savepoint'],
    ['ROLLBACK TO SAVEPOINT sp1', 'savepoint'],
    ['rollback to sp1', 'savepoint'],
    ['ROLLBACK TRANSACTION TO SAVEPOINT sp1', 'savepoint'],
    ['SAVE TRANSACTION sp1', 'savepoint'],
  ] as const)('%j → %s', (text, verb) => {
    expect(classifySqlText(text)).toBe(verb);
  });

  it.each([
    '',
    '   ',
    'SELECT 1',
    'INSERT INTO t VALUES (1)',
    "SELECT 'BEGIN'",
    'BEGINNING',
    'COMMITTED',
    'SET TRANSACTION ISOLATION LEVEL SERIALIZABLE',
    "COMMIT PREPARED 'x'",
    "ROLLBACK PREPARED 'x'",
    "PREPARE TRANSACTION 'x'",
    'BEGIN TRY SELECT 1 END TRY BEGIN CATCH SELECT 2 END CATCH',
    'BEGIN my_proc(:a); END;',
    'BEGIN NULL; END;',
    'DECLARE x NUMBER; BEGIN x := 1; END;',
    'DO $$ BEGIN PERFORM 1; END $$',
    'CREATE FUNCTION f() RETURNS void AS $$ BEGIN END; $$ LANGUAGE plpgsql',
    '-- BEGIN\nSELECT 1',
    '/* COMMIT */ SELECT 1',
    'END IF',
    'BEGIN\u0000',
  ])('%j → null', (text) => {
    expect(classifySqlText(text)).toBeNull();
  });

  it('gives the net effect of a multi-statement string', () => {
    expect(classifySqlText('BEGIN; INSERT INTO t VALUES (1)')).toBe('begin');
    expect(classifySqlText('BEGIN; INSERT INTO t VALUES (1); COMMIT')).toBe('commit');
    expect(classifySqlText('BEGIN; SAVEPOINT a')).toBe('begin');
    expect(classifySqlText("INSERT INTO t VALUES ('a;b'); COMMIT")).toBe('commit');
    expect(classifySqlText("SELECT ';COMMIT'")).toBeNull();
    expect(classifySqlText('SELECT 1 -- ; COMMIT')).toBeNull();
    expect(classifySqlText('SELECT $$;COMMIT$$')).toBeNull();
    expect(classifySqlText('SELECT $1; COMMIT')).toBe('commit');
    expect(sqlVerbsOf('BEGIN; SAVEPOINT a; ROLLBACK TO a; COMMIT')).toEqual(['begin', 'savepoint', 'savepoint', 'commit']);
    expect(sqlVerbsOf('BEGIN x := 1; END;')).toEqual([]);
  });
});

describe('classifySqlVerb', () => {
  it('reads literals, templates, config objects and wrappers', () => {
    expect(
      classifyArguments(`
        q('BEGIN');
        q("commit");
        q(\`ROLLBACK\`);
        q(\`  begin
        \`);
        q({ text: 'BEGIN' });
        q({ sql: 'START TRANSACTION' });
        q({ 'text': 'COMMIT', values: [] });
        q('BEGIN' as const);
        q(\`BEGIN ISOLATION LEVEL \${level}\`);
        q(\`SAVEPOINT \${name}\`);
        q(sql\`ROLLBACK\`);
      `),
    ).toEqual(['begin', 'commit', 'rollback', 'begin', 'begin', 'begin', 'commit', 'begin', 'begin', 'savepoint', 'rollback']);
  });

  it('returns null for anything it cannot read', () => {
    expect(
      classifyArguments(`
        q(\`\${verb}\`);
        q(\`BEGIN \${rest}\`);
        q(verb);
        q({ [key]: 'BEGIN' });
        q({ values: ['BEGIN'] });
        q(42);
        q();
        q(...args);
        q('BEGIN' + x);
        q({ text });
      `),
    ).toEqual([null, null, null, null, null, null, null, null, null, null]);
  });

  it('follows const bindings only when given the source code', () => {
    const code = `
      const BEGIN = 'BEGIN';
      const config = { text: 'COMMIT' };
      let later = 'ROLLBACK';
      q(BEGIN);
      q(config);
      q(later);
    `;
    expect(classifyArguments(code)).toEqual(['begin', 'commit', null]);
    expect(classifyArguments(code, false)).toEqual([null, null, null]);
  });

  it('exposes the text it read', () => {
    expect(sqlTextOf(null)).toBeNull();
    expect(sqlTextOf({ type: 'Literal', value: 'BEGIN', raw: "'BEGIN'" } as TSESTree.Node)).toBe('BEGIN');
  });
});
