import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { getFileModel } from '../../src/analysis/file-model.js';

/**
 * A probe rule: every `probe(expr)` call reports what provenance says `expr` is
 * (`driver:Shape`, with `promise` when not yet awaited), or `unknown`.
 */
const probeRule: TSESLint.RuleModule<'value', []> = {
  meta: { type: 'problem', schema: [], messages: { value: '{{value}}' } },
  defaultOptions: [],
  create(context) {
    const model = getFileModel(context);
    if (model === null) return {};
    return {
      CallExpression(node: TSESTree.CallExpression) {
        if (node.callee.type !== 'Identifier' || node.callee.name !== 'probe') return;
        const value = model.provenance.resolve(node.arguments[0]!);
        let text = 'unknown';
        if (value?.kind === 'shape') text = `${value.ref.driver.id}:${value.ref.name}${value.promise ? ' promise' : ''}${value.scoped ? ` ${value.scoped}` : ''}`;
        else if (value?.kind === 'module') text = `module ${value.targets[0]!.driver.id} [${value.path.join('.')}]`;
        else if (value?.kind === 'releaser') text = `releaser ${value.ref.name}`;
        context.report({ node, messageId: 'value', data: { value: text } });
      },
    };
  },
};

function probe(code: string, parser: 'ts' | 'js' = 'ts'): string[] {
  const linter = new Linter();
  const messages = linter.verify(code, [
    {
      files: ['**/*.ts', '**/*.js'],
      ...(parser === 'ts' ? { languageOptions: { parser: tsParser } } : {}),
      plugins: { probe: { rules: { probe: probeRule as never } } },
      rules: { 'probe/probe': 'error' },
    },
  ], parser === 'ts' ? 'file.ts' : 'file.js');
  return messages.map((m) => m.message);
}

describe('provenance', () => {
  it('follows ESM named, default and namespace imports', () => {
    expect(
      probe(`import { Pool } from 'pg';
import pg from 'pg';
import * as ns from 'pg';
probe(new Pool()); probe(new pg.Pool()); probe(new ns.Pool()); probe(new pg.native.Pool()); probe(new pg.Client());`),
    ).toEqual(['pg:Pool', 'pg:Pool', 'pg:Pool', 'pg:Pool', 'pg:Client']);
  });

  it('follows CommonJS require with destructuring and aliases', () => {
    expect(
      probe(`const { Pool: P } = require('pg');
const pg = require('pg');
const Alias = pg.Pool;
const pool = new P();
const other = pool;
probe(other); probe(new Alias()); probe(new (require('pg').Pool)());`, 'js'),
    ).toEqual(['pg:Pool', 'pg:Pool', 'pg:Pool']);
  });

  it('follows leases through await, let assignments, class fields and callback parameters', () => {
    expect(
      probe(`import { Pool } from 'pg';
const pool = new Pool();
class Repo {
  pool = new Pool();
  constructor(private other: Pool) {}
  async run() { probe(this.pool); probe(this.other); const c = await this.pool.connect(); probe(c); }
}
async function f() {
  let client;
  client = await pool.connect();
  probe(client);
  probe(pool.connect());
  pool.connect((err, c2, done) => { probe(c2); probe(done); });
}`),
    ).toEqual(['pg:Pool', 'pg:Pool', 'pg:PoolClient', 'pg:PoolClient', 'pg:PoolClient promise', 'pg:PoolClient callback', 'releaser PoolClient']);
  });

  it('resolves lazy singletons and globalThis caches', () => {
    expect(
      probe(`import { Pool } from 'pg';
let pool: Pool | undefined;
export function get() { pool ??= new Pool(); probe(pool); }
const g = globalThis as unknown as { pool?: Pool };
export const shared = g.pool ?? new Pool();
probe(shared);`),
    ).toEqual(['pg:Pool', 'pg:Pool']);
  });

  it('reads parameter type annotations that name a driver type', () => {
    expect(
      probe(`import type { PoolClient } from 'pg';
import * as pg from 'pg';
export function a(client: PoolClient) { probe(client); }
export function b(client: pg.PoolClient | undefined) { probe(client); }
export function c(client: Promise<PoolClient>) { probe(client); }`),
    ).toEqual(['pg:PoolClient', 'pg:PoolClient', 'pg:PoolClient promise']);
  });

  it('resolves pg-cursor submitted to a client', () => {
    expect(
      probe(`import Cursor from 'pg-cursor';
import { Pool } from 'pg';
const pool = new Pool();
async function f() { const c = await pool.connect(); probe(c.query(new Cursor('select 1'))); }`),
    ).toEqual(['pg-cursor:Cursor']);
  });

  it('chooses among exports of the same path by their argument conditions', () => {
    expect(
      probe(`import oracledb from 'oracledb';
async function f() {
  probe(await oracledb.getConnection({ user: 'u', password: 'p', connectString: 'db' }));
  probe(await oracledb.getConnection());
}`),
    ).toEqual(['oracledb:StandaloneConnection', 'oracledb:Connection']);
  });

  it('does not guess: unknown receivers, shadowed require and same-named methods stay unknown', () => {
    expect(
      probe(`function require(x) { return x; }
const pg = require('pg');
const pool = { connect() {} };
probe(new pg.Pool()); probe(pool.connect()); probe(somethingElse.connect());`, 'js'),
    ).toEqual(['unknown', 'unknown', 'unknown']);
  });

  it('returns no model for files without database imports', () => {
    expect(probe(`probe(new Pool());`)).toEqual([]);
  });
});
