#!/usr/bin/env node
// Every node type of typescript-eslint's AST next to database code, for the crash corpus
// (bench/crash.js): two generated sources, `node-types.ts` and `node-types-jsx.tsx` (JSX needs .tsx, and
// `<T>x` assertions are not allowed there), that import pg, mysql2, typeorm and pg-cursor and put
// every construct inside or beside a function that holds a lease (pg `pool.connect()`, mysql2
// `getConnection()`, a TypeORM query runner), so each rule's analysis meets each node type. The check
// parses both with @typescript-eslint/parser and requires every member of AST_NODE_TYPES to occur,
// except UNPRODUCIBLE (which must not occur, so the list stays true when typescript-eslint changes).
// Usage: node bench/ts-node-types.js [dir]   → checks coverage; writes the files (and a tsconfig.json) to dir
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

const MODIFIER = 'typescript-estree records modifiers as flags (accessibility, static, readonly, declare, async, abstract, export) and never creates this node since v6; the member stays in the enum for compatibility';
/** Members of AST_NODE_TYPES that no .ts/.tsx source produces, with the reason. */
export const UNPRODUCIBLE = Object.fromEntries(
  ['TSAbstractKeyword', 'TSAsyncKeyword', 'TSDeclareKeyword', 'TSExportKeyword', 'TSPrivateKeyword', 'TSProtectedKeyword', 'TSPublicKeyword', 'TSReadonlyKeyword', 'TSStaticKeyword'].map((t) => [t, MODIFIER]),
);

// One lease per function, drivers in turn: released only on success (a finding, so reports and fixes
// run too), released in finally, and a TypeORM transaction. The body uses the lease as `c`.
const leases = [
  (name, body) => `export async function ${name}(pool: Pool) {\n  const c = await pool.connect();\n${body}\n  c.release();\n}\n`,
  (name, body) => `export async function ${name}() {\n  const c = await mysqlPool.getConnection();\n  try {\n${body}\n  } finally {\n    c.release();\n  }\n}\n`,
  (name, body) => `export async function ${name}(ds: DataSource) {\n  const c = ds.createQueryRunner();\n  await c.connect();\n  await c.startTransaction();\n${body}\n  await c.commitTransaction();\n  await c.release();\n}\n`,
];
const withLeases = (bodies) => bodies.map((body, i) => leases[i % leases.length](`lease${i}`, body)).join('\n');

const header = `import pg, { Pool, type PoolClient, type PoolConfig } from 'pg';
import * as mysql from 'mysql2/promise';
import { DataSource, Entity, Column } from 'typeorm';
`;

// Statement and expression bodies, each inside a lease.
const bodies = [
  `  label: for (let i = 0, j = 10; i < j; i++, j--) {
    if (i === 3) continue label;
    else if (i > 5) break label;
    for (const key in { a: 1 }) await c.query(key);
    for await (const row of [c.query('select 1')]) void row;
  }
  let n = 0;
  while (n < 3) n += 1;
  do { n--; } while (n > 0);
  ;
  debugger;`,
  `  switch (typeof c) {
    case 'object': await c.query('select 1'); break;
    default: throw new Error('no connection');
  }
  try { await c.query('select 2'); } catch (error) { console.error(error); } finally { console.log('done'); }
  with (Math) { void max(1, 2); }`,
  `  const [first, , ...others] = [1, 2, 3];
  const { a = 1, b: { d }, ...rest } = { a: 2, b: { d: 3 }, e: 4 };
  const value = first > 0 && (others.length || a) ? d ?? rest : -first;
  const text = sql\`select \${value} from t where x = \${String(a)}\`;
  await c.query(text);
  void (a, d);
  let m = 0;
  m += ++m;
  const maybe = (c as unknown as { x?: { y?(): number } }).x?.y?.();
  void maybe!;`,
  `  const repo = new UserRepository(new Pool(), 'users');
  await repo.query('select 5');
  for (const id of [1, 2]) {
    const loopPool = new Pool({ max: 1 });
    await loopPool.query('select $1', [id]);
  }
  c.query('select 6');
  const cursor = c.query(new pgCursor('select 7'));
  void cursor;`,
  `  using tx = { [Symbol.dispose]() {} };
  await using conn = { async [Symbol.asyncDispose]() { await c.query('select 4'); } };
  function* gen() { yield 1; yield* [2, 3]; }
  void [tx, conn, ...gen()];`,
  `  const cfg = { max: 1, ...{ idleTimeoutMillis: 10 } } satisfies PoolConfig;
  const Box = class<T> { constructor(public v: T) {} };
  const mk = makeBox<string>;
  const f = function named(this: unknown, ...args: number[]) { return args.length; };
  const g = async () => (await import('pg')).default;
  const url = import.meta.url;
  void [cfg, new Box(1), mk, f(1), g, url, <Pool>(c as unknown)];
  await c.query('select 3');`,
];

const tsSource = `${header}import pgCursor = require('pg-cursor');
import pkg from './package.json' with { type: 'json' };
export * from 'pg';
export * as mysqlTypes from 'mysql2';
export { pkg, Pool as PgPool };

const mysqlPool = mysql.createPool({ connectionLimit: 5 });
declare const sql: (strings: TemplateStringsArray, ...values: unknown[]) => string;
declare function makeBox<T>(value: T): { value: T };

declare module 'pg' {
  interface PoolClient { tag?: string }
}
declare global {
  var sharedPool: Pool | undefined;
}
export namespace Db {
  export const pool = new Pool({ max: 2 });
  export namespace Inner.Deep { export const depth = 2; }
  export import Cursor = pgCursor;
  export async function one(text: string) {
    const c = await pool.connect();
    try { return await c.query(text); } finally { c.release(); }
  }
}
import Deep = Db.Inner.Deep;
export as namespace ConnectionHygieneNodeTypes;

export enum Mode { Read = 'r', Write = 'w' }
export const enum Flag { A = 1 << 0, B = A | 2 }

interface Base<T> { base?: T }
interface Other { other?: string }
export interface Repo<T> extends Base<T>, Other {
  (text: string): Promise<T>;
  new (pool: Pool): Repo<T>;
  readonly [key: string]: unknown;
  find?(id: number): Promise<T | null>;
  client: PoolClient;
}
type Row = { id: number; name: string; big: bigint; ok: boolean; sym: symbol; obj: object; u: undefined; nv: never; a: any; un: unknown; v: void };
type Named = [first: string, second?: number, ...rest: boolean[]];
type Plain = [string, number?, ...boolean[]];
type Awaited2<T> = T extends Promise<infer U> ? U : never;
type Partial2<T> = { readonly [K in keyof T]?: T[K] };
type Channel = \`pool-\${string}\`;
type Lit = 'a' | 1 | true | -1;
type Config = import('pg').PoolConfig;
type QueryFn = typeof Db.pool.query;
type OnClient = (c: PoolClient) => void;
type PoolCtor = abstract new (...args: unknown[]) => Pool;
type Wide = Row & { extra: string[] };
type Upper<S extends string> = intrinsic;
export type { Named, Plain, Awaited2, Partial2, Channel, Lit, Config, QueryFn, OnClient, PoolCtor, Wide, Upper, Deep };

export function isClient(x: unknown): x is PoolClient {
  return typeof x === 'object' && x !== null && 'release' in x;
}
export function connectTo(url: string): Pool;
export function connectTo(config: PoolConfig): Pool;
export function connectTo(x: string | PoolConfig) {
  return new Pool(typeof x === 'string' ? { connectionString: x } : x);
}

function Injectable(): ClassDecorator { return () => {}; }
function Inject(_token: string): ParameterDecorator { return () => {}; }
function Log(_target: object, _key: string | symbol, descriptor: PropertyDescriptor) { return descriptor; }
class Model { protected created = Date.now(); }

@Injectable()
@Entity()
export class UserRepository extends Model implements Other {
  static #instances = 0;
  static { UserRepository.#instances += 1; }
  accessor cached: Pool | undefined;
  declare readonly other?: string;
  @Column() name2 = '';
  constructor(@Inject('POOL') private readonly pool: Pool, public name = 'users') { super(); }
  query(text: string): Promise<unknown>;
  query(text: string, values: unknown[]): Promise<unknown>;
  async query(text: string, values?: unknown[]) {
    const c = await this.pool.connect();
    const result = await c.query(text, values);
    c.release();
    return result;
  }
  @Log get size() { return UserRepository.#instances; }
  set size(_v: number) {}
  self(): this { return this; }
  #lease() { return this.pool.connect(); }
  override toString() { return super.toString() + this.name; }
}
export abstract class Store {
  abstract readonly pool: Pool;
  abstract connect(): Promise<PoolClient>;
  abstract accessor limit: number;
}

${withLeases(bodies)}
export = Db;
`;

const tsxSource = `${header}const pool = new Pool({ max: 5 });
const mysqlPool = mysql.createPool({ connectionLimit: 5 });
declare const Foo: { Bar: (props: object) => unknown };
declare namespace JSX { interface IntrinsicElements { [name: string]: unknown } }

export default async function Users(props: { id: number; ds: DataSource }) {
  const c = await pool.connect();
  const { rows } = await c.query('select id, name from users where id = $1', [props.id]);
  c.release();
  const kids = rows.map((r: { id: number }) => r.id);
  return (
    <>
      <ul className="users" {...props} xlink:href="#u">
        {/* every row */}
        {rows.map((r: { id: number; name: string }) => <li key={r.id}>{r.name}</li>)}
        <Foo.Bar onClick={async () => { const leaked = await mysqlPool.getConnection(); await leaked.query('select 1'); }} />
        <svg:rect width={1} />
        {...kids}
      </ul>
      text
    </>
  );
}

${withLeases([`  const view = <p title={String(await c.query('select 1'))}>{1}</p>;\n  void view;`])}`;

/** The generated sources: [{ name, text }]. */
export function nodeTypeSources() {
  return [
    { name: 'node-types.ts', text: tsSource },
    { name: 'node-types-jsx.tsx', text: tsxSource },
  ];
}

/** Node types of AST_NODE_TYPES the sources lack (`missing`) and UNPRODUCIBLE ones they contain (`unexpected`). */
export function nodeTypeCoverage(sources = nodeTypeSources()) {
  const seen = new Set();
  const walk = (value) => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (!value || typeof value !== 'object') return;
    if (typeof value.type === 'string') seen.add(value.type);
    for (const [key, child] of Object.entries(value)) if (key !== 'parent' && key !== 'tokens' && key !== 'comments') walk(child);
  };
  for (const { name, text } of sources) walk(tsParser.parseForESLint(text, { filePath: name, range: true, loc: true }).ast);
  const all = Object.values(AST_NODE_TYPES);
  return {
    total: all.length,
    missing: all.filter((t) => !seen.has(t) && !(t in UNPRODUCIBLE)),
    unexpected: all.filter((t) => seen.has(t) && t in UNPRODUCIBLE),
  };
}

/** Writes the sources and a tsconfig.json (for type-aware linting) into `dir`; returns the source paths. */
export function writeNodeTypeFiles(dir) {
  mkdirSync(dir, { recursive: true });
  const compilerOptions = { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', jsx: 'preserve', strict: true, experimentalDecorators: true, skipLibCheck: true, noEmit: true, types: ['node'] };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['node-types.ts', 'node-types-jsx.tsx'] }, null, 2) + '\n');
  return nodeTypeSources().map(({ name, text }) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { total, missing, unexpected } = nodeTypeCoverage();
  console.log(`${total - missing.length - Object.keys(UNPRODUCIBLE).length} of ${total} node types present; ${Object.keys(UNPRODUCIBLE).length} unproducible: ${Object.keys(UNPRODUCIBLE).join(', ')}`);
  if (missing.length) console.error(`missing: ${missing.join(', ')}`);
  if (unexpected.length) console.error(`listed as unproducible but present: ${unexpected.join(', ')}`);
  if (process.argv[2]) console.log(writeNodeTypeFiles(process.argv[2]).join('\n'));
  if (missing.length || unexpected.length) process.exitCode = 1;
}
