import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { LimitSetting, PoolLimits } from '../catalog/types.js';
import { isFunction, skipWrappers, walkSubtree } from './ast.js';
import { numberOf, uriParameter, type OptionsReader } from './options.js';

type Node = TSESTree.Node;
type Creation = TSESTree.CallExpression | TSESTree.NewExpression;

/**
 * A pool's worst case: the most connections it can hold open at once, from the catalog's `maxSize`
 * setting for its driver (`limits`) and the options the creation passes, as far as the file shows
 * them. Nothing here names a driver: the setting's path, default and overrides are catalog data.
 */
export type PoolSize =
  | {
      readonly kind: 'known';
      readonly value: number;
      /** where the number comes from */
      readonly from: 'literal' | 'const' | 'default' | 'connection string';
      /** the catalog setting that bounds the size (its path names it in messages) */
      readonly setting: LimitSetting;
      /** the path actually written or to write (`['pool', 'max']`, or an override such as `['extra', 'max']`) */
      readonly path: readonly string[];
      /** the written value to replace with another size, when there is one in the options object */
      readonly replace: Node | null;
      /** where to add the setting when it is not written: into an object literal, or as a new options argument */
      readonly insert: { readonly into: TSESTree.ObjectExpression; readonly path: readonly string[] } | { readonly argument: number } | null;
    }
  | {
      readonly kind: 'unknown';
      /** "it reads the environment (`process.env.PG_MAX`)", for explanations */
      readonly reason: string;
    };

/** Where the settings of one pool creation are, as far as the file shows. */
export type PoolOptions =
  /** an options object (in place or bound in this file) */
  | { readonly kind: 'object'; readonly object: TSESTree.ObjectExpression }
  /** no options argument: the driver's defaults apply; a new argument goes at `index` */
  | { readonly kind: 'absent'; readonly index: number }
  /** a connection string written in the file carries the settings */
  | { readonly kind: 'uri'; readonly uri: string }
  | { readonly kind: 'unknown'; readonly reason: string };

/** The settings argument: the one the catalog names, or the last when it is an object and the catalog says options come last. */
export function poolOptions(node: Creation, limits: PoolLimits, reader: OptionsReader, sourceCode: Readonly<TSESLint.SourceCode>): PoolOptions {
  const args = node.arguments;
  if (args.some((a) => a.type === 'SpreadElement')) return { kind: 'unknown', reason: 'its arguments are spread' };
  let index = limits.optionsArgument;
  const last = args[args.length - 1];
  if (limits.optionsLast === true && last !== undefined && reader.objectOf(last) !== null) index = args.length - 1;
  const arg = args[index];
  if (arg !== undefined) {
    const object = reader.objectOf(arg);
    if (object !== null) return { kind: 'object', object };
    const uri = reader.stringOf(arg);
    if (uri !== null) return { kind: 'uri', uri };
    return { kind: 'unknown', reason: unseenReason(arg, sourceCode) };
  }
  // no options argument: an earlier connection string may carry the settings
  for (const earlier of args.slice(0, index)) {
    if (reader.objectOf(earlier) !== null) continue;
    const uri = reader.stringOf(earlier);
    if (uri !== null) return { kind: 'uri', uri };
    if (isValueOfUnknownKind(earlier)) return { kind: 'unknown', reason: `its connection string ${unseenReason(earlier, sourceCode).replace(/^its options /u, '')}` };
  }
  return { kind: 'absent', index };
}

/** The catalog's size settings of a pool: `maxSize` entries, in catalog order. */
export function sizeSettings(limits: PoolLimits | undefined): readonly LimitSetting[] {
  return limits === undefined ? [] : limits.settings.filter((s) => s.kind === 'maxSize');
}

/**
 * Whether a setting applies to these options (`LimitSetting.defaultBy`): TypeORM's `poolSize` with
 * `type: 'sqlite'` does not, and with a `type` the file does not show it cannot be told (`null`).
 */
export function settingApplies(setting: LimitSetting, object: TSESTree.ObjectExpression | null, reader: OptionsReader): boolean | null {
  const by = setting.defaultBy;
  if (by === undefined) return true;
  if (object === null) return null;
  const found = reader.lookup(object, by.path);
  if (found.kind !== 'found') return null;
  const value = reader.stringOf(found.value);
  if (value === null) return null;
  return Object.hasOwn(by.values, value);
}

/** The default of a setting for these options: `defaultBy` when it applies, else `default`. */
function defaultOf(setting: LimitSetting, options: PoolOptions, reader: OptionsReader): number | null | undefined {
  const by = setting.defaultBy;
  if (by === undefined) return setting.default;
  if (options.kind !== 'object') return undefined;
  const found = reader.lookup(options.object, by.path);
  const value = found.kind === 'found' ? reader.stringOf(found.value) : null;
  return value !== null && Object.hasOwn(by.values, value) ? by.values[value] : undefined;
}

/**
 * The effective maximum of a pool: a literal, a `const`, a connection-string parameter, or the
 * driver's default; or unknown (it reads the environment, it comes from elsewhere). `null` when the
 * catalog records no size for the pool, or the size setting does not apply to these options.
 */
export function poolSize(node: Creation, limits: PoolLimits | undefined, reader: OptionsReader, sourceCode: Readonly<TSESLint.SourceCode>): PoolSize | null {
  const setting = sizeSettings(limits)[0];
  if (setting === undefined || limits === undefined) return null;
  const options = poolOptions(node, limits, reader, sourceCode);
  if (options.kind === 'unknown') return { kind: 'unknown', reason: options.reason };
  const applies = settingApplies(setting, options.kind === 'object' ? options.object : null, reader);
  if (applies === false) return null;
  if (applies === null) return { kind: 'unknown', reason: `its default depends on \`${setting.defaultBy!.path.join('.')}\`, which the file does not show` };
  const name = setting.path.join('.');
  switch (options.kind) {
    case 'absent': {
      const value = defaultOf(setting, options, reader);
      if (value === null || value === undefined) return { kind: 'unknown', reason: `\`${name}\` has no bounded default` };
      return { kind: 'known', value, from: 'default', setting, path: setting.path, replace: null, insert: { argument: options.index } };
    }
    case 'uri': {
      const raw = uriParameter(options.uri, setting.path[setting.path.length - 1]!);
      if (raw === undefined) {
        const value = defaultOf(setting, options, reader);
        if (value === null || value === undefined) return { kind: 'unknown', reason: `\`${name}\` has no bounded default` };
        return { kind: 'known', value, from: 'default', setting, path: setting.path, replace: null, insert: null };
      }
      const value = raw === null ? NaN : Number(raw);
      if (!Number.isFinite(value)) return { kind: 'unknown', reason: `the connection string sets \`${name}\` to something other than a number` };
      return { kind: 'known', value, from: 'connection string', setting, path: setting.path, replace: null, insert: null };
    }
    case 'object': {
      for (const path of setting.overriddenBy ?? []) {
        const found = reader.lookup(options.object, path);
        if (found.kind === 'unknown') return { kind: 'unknown', reason: `\`${path.join('.')}\` may be set by an object the file does not show` };
        if (found.kind === 'found') return fromValue(found.value, setting, path, reader, sourceCode);
      }
      const found = reader.lookup(options.object, setting.path);
      if (found.kind === 'unknown') return { kind: 'unknown', reason: `\`${name}\` may be set by an object the file does not show` };
      if (found.kind === 'found') return fromValue(found.value, setting, setting.path, reader, sourceCode);
      const value = defaultOf(setting, options, reader);
      if (value === null || value === undefined) return { kind: 'unknown', reason: `\`${name}\` has no bounded default` };
      return { kind: 'known', value, from: 'default', setting, path: setting.path, replace: null, insert: { into: found.into, path: found.path } };
    }
  }
}

/** The number a written size stands for. */
function fromValue(node: Node, setting: LimitSetting, path: readonly string[], reader: OptionsReader, sourceCode: Readonly<TSESLint.SourceCode>): PoolSize {
  const evaluated = evaluate(node, reader, sourceCode, 0);
  if (typeof evaluated === 'string') return { kind: 'unknown', reason: evaluated };
  return { kind: 'known', value: evaluated.value, from: evaluated.viaConst ? 'const' : 'literal', setting, path, replace: evaluated.exact ? node : null, insert: null };
}

interface Evaluated {
  readonly value: number;
  readonly viaConst: boolean;
  /** the node stands for exactly this number (a conditional's worst case does not) */
  readonly exact: boolean;
}

/** A number an expression stands for, or why it cannot be told. Never throws. */
function evaluate(node: Node, reader: OptionsReader, sourceCode: Readonly<TSESLint.SourceCode>, depth: number): Evaluated | string {
  if (depth > 8) return 'it is computed';
  const inner = skipWrappers(node);
  const literal = numberOf(inner);
  if (literal !== null) return { value: literal, viaConst: false, exact: true };
  if (inner.type === 'ConditionalExpression') return worstOf(inner, reader, sourceCode, depth);
  const env = environmentRead(inner);
  if (env !== null) return `it reads the environment (\`${shorten(sourceCode.getText(env))}\`)`;
  if (inner.type === 'Literal' && typeof inner.value === 'string' && inner.value.trim() !== '' && Number.isFinite(Number(inner.value))) {
    return { value: Number(inner.value), viaConst: false, exact: true };
  }
  if (inner.type === 'Identifier') {
    const init = reader.constInitOf(inner);
    if (init === null) return `\`${inner.name}\` is not a constant of this file`;
    const value = evaluate(init, reader, sourceCode, depth + 1);
    return typeof value === 'string' ? value : { ...value, viaConst: true };
  }
  return 'it is computed by an expression the rule does not evaluate';
}

/** `cond ? a : b`: the worst case of the two (the condition may read anything). */
function worstOf(node: TSESTree.ConditionalExpression, reader: OptionsReader, sourceCode: Readonly<TSESLint.SourceCode>, depth: number): Evaluated | string {
  const a = evaluate(node.consequent, reader, sourceCode, depth + 1);
  if (typeof a === 'string') return a;
  const b = evaluate(node.alternate, reader, sourceCode, depth + 1);
  if (typeof b === 'string') return b;
  return { value: Math.max(a.value, b.value), viaConst: a.viaConst || b.viaConst, exact: false };
}

/** The `process.env…` (`import.meta.env…`, `Deno.env`, `Bun.env`) read inside an expression, or null. */
export function environmentRead(root: Node): Node | null {
  let found: Node | null = null;
  walkSubtree(root, (n) => {
    if (found !== null) return false;
    if (n.type !== 'MemberExpression') return;
    const object = skipWrappers(n.object);
    const key = !n.computed && n.property.type === 'Identifier' ? n.property.name : null;
    if (key !== 'env') return;
    const isEnvHolder =
      (object.type === 'Identifier' && ['process', 'Deno', 'Bun'].includes(object.name)) ||
      (object.type === 'MetaProperty' && object.meta.name === 'import');
    if (!isEnvHolder) return;
    // the whole `process.env.NAME` / `process.env['NAME']` when there is one
    const parent = n.parent;
    found = parent?.type === 'MemberExpression' && parent.object === n ? parent : n;
    return false;
  });
  return found;
}

function unseenReason(node: Node, sourceCode: Readonly<TSESLint.SourceCode>): string {
  const env = environmentRead(node);
  if (env !== null) return `it reads the environment (\`${shorten(sourceCode.getText(env))}\`)`;
  return 'its options come from elsewhere';
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** An argument that may be a connection string or a config we cannot see: an identifier, a member read, a call. */
function isValueOfUnknownKind(node: Node): boolean {
  return node.type !== 'ObjectExpression' && node.type !== 'ArrayExpression' && node.type !== 'ArrowFunctionExpression' && node.type !== 'FunctionExpression';
}

/**
 * Connection poolers recognised in a connection string or host (infrastructure, not drivers): a
 * pool of more than one connection per serverless invocation is fine behind one of them.
 */
const POOLERS: ReadonlyArray<{ readonly test: RegExp; readonly name: string }> = [
  // Prisma's flag for PgBouncer in transaction mode
  { test: /[?&]pgbouncer=true(?:&|$)/iu, name: 'PgBouncer (`pgbouncer=true`)' },
  // Neon's pooled endpoint: `ep-name-123456-pooler.region.aws.neon.tech`
  { test: /-pooler\./iu, name: 'Neon’s pooled endpoint (`-pooler` host)' },
  // Supabase's Supavisor: `aws-0-region.pooler.supabase.com`, transaction mode on port 6543
  { test: /\.pooler\.supabase\.com|:6543(?:[/?]|$)/iu, name: 'Supabase’s pooler (port 6543)' },
  // Prisma Accelerate / Prisma Postgres: `prisma://`, `prisma+postgres://`
  { test: /^prisma(?:\+[a-z]+)?:\/\//iu, name: 'Prisma Accelerate (`prisma://`)' },
  // RDS Proxy endpoints: `name.proxy-abc123.region.rds.amazonaws.com`
  { test: /\.proxy-[a-z0-9]+\./iu, name: 'RDS Proxy (`.proxy-` host)' },
];

/** Ports that mean a pooler when written as a `port` option (Supabase's transaction pooler). */
const POOLER_PORTS: ReadonlyMap<number, string> = new Map([[6543, 'Supabase’s pooler (port 6543)']]);

/** What the file shows about a pool's server address: a pooler, nothing, or something it cannot see. */
export interface ConnectionTarget {
  /** the pooler recognised, or null */
  readonly pooler: string | null;
  /** part of the address (a connection string, a host) comes from the environment or elsewhere */
  readonly unseen: boolean;
}

/**
 * Looks for a pooler in the creation's connection strings and host/port options: string arguments,
 * and the string (and `port`) values of its options objects, one level of nesting deep. Template
 * literals are read by their fixed parts (`postgres://${user}@ep-x-pooler.neon.tech/db`).
 */
export function connectionTarget(node: Creation, reader: OptionsReader): ConnectionTarget {
  let unseen = false;
  let pooler: string | null = null;
  const texts: string[] = [];
  const visitValue = (value: Node, depth: number): void => {
    const inner = skipWrappers(value);
    const text = reader.stringOf(inner);
    if (text !== null) {
      texts.push(text);
      return;
    }
    if (inner.type === 'TemplateLiteral') {
      texts.push(inner.quasis.map((q) => q.value.cooked ?? '').join('\u0000'));
      return;
    }
    const object = reader.objectOf(inner);
    if (object !== null) {
      if (depth < 2) visitObject(object, depth + 1);
      return;
    }
    if (environmentRead(inner) !== null || inner.type === 'Identifier' || inner.type === 'MemberExpression' || inner.type === 'CallExpression') unseen = true;
  };
  const visitObject = (object: TSESTree.ObjectExpression, depth: number): void => {
    for (const property of object.properties) {
      if (property.type === 'SpreadElement') {
        const spread = reader.objectOf(property.argument);
        if (spread === null) unseen = true;
        else if (depth < 2) visitObject(spread, depth + 1);
        continue;
      }
      const value = property.value as Node;
      const key = property.key.type === 'Identifier' && !property.computed ? property.key.name : null;
      const port = key === 'port' ? numberOf(value) : null;
      if (port !== null && POOLER_PORTS.has(port)) pooler ??= POOLER_PORTS.get(port)!;
      if (isFunctionValue(value)) continue;
      visitValue(value, depth);
    }
  };
  for (const arg of node.arguments) {
    if (arg.type === 'SpreadElement') {
      unseen = true;
      continue;
    }
    visitValue(arg, 0);
  }
  for (const text of texts) {
    const found = POOLERS.find((p) => p.test.test(text));
    if (found !== undefined) {
      pooler ??= found.name;
      break;
    }
  }
  return { pooler, unseen };
}

function isFunctionValue(node: Node): boolean {
  return node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression';
}

/** Created once per module load on every path: not inside a function, a branch or a loop. */
export function isUnconditional(node: Node): boolean {
  for (let current: Node | undefined = node.parent; current; current = current.parent) {
    if (isFunction(current)) return false;
    switch (current.type) {
      case 'IfStatement':
      case 'ConditionalExpression':
      case 'LogicalExpression':
      case 'SwitchCase':
      case 'TryStatement':
      case 'ForStatement':
      case 'ForInStatement':
      case 'ForOfStatement':
      case 'WhileStatement':
      case 'DoWhileStatement':
        return false;
      default:
    }
  }
  return true;
}

/** The analysis never stops the lint: a construct it does not expect gives the fallback (no finding). */
export function safely<T>(compute: () => T, fallback: T): T {
  try {
    return compute();
  } catch {
    return fallback;
  }
}
