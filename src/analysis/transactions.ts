import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { findVariable, skipWrappers } from './ast.js';
import { memberKey, type Provenance, type ShapeValue } from './provenance.js';

type Node = TSESTree.Node;

/**
 * What a transaction-control SQL statement does (DESIGN.md §2 "transaction"):
 * - `begin`: `BEGIN`, `BEGIN WORK|TRANSACTION|TRAN`, `BEGIN ISOLATION LEVEL …`, `BEGIN DEFERRED|IMMEDIATE|EXCLUSIVE`,
 *   `START TRANSACTION …`
 * - `commit`: `COMMIT [WORK|TRANSACTION|TRAN]`, `END [WORK|TRANSACTION]`
 * - `rollback`: `ROLLBACK [WORK|TRANSACTION|TRAN]`, `ABORT [WORK|TRANSACTION]`
 * - `savepoint`: `SAVEPOINT x`, `RELEASE [SAVEPOINT] x`, `ROLLBACK [WORK|TRANSACTION] TO [SAVEPOINT] x`, `SAVE TRAN[SACTION] x`
 *   — they neither open nor end the transaction.
 *
 * Not transaction control (→ `null`): PL/SQL and T-SQL blocks (`BEGIN … END;`, `BEGIN TRY`), two-phase
 * commit (`COMMIT PREPARED`, `ROLLBACK PREPARED`, `PREPARE TRANSACTION`), `SET TRANSACTION`, anything else.
 */
export type SqlVerb = 'begin' | 'commit' | 'rollback' | 'savepoint';

export interface ClassifyOptions {
  /**
   * Follow identifiers bound once (`const BEGIN = 'BEGIN'`) to their initialiser. Pass the
   * SourceCode (for scopes); without it identifiers are not followed.
   */
  readonly sourceCode?: Readonly<TSESLint.SourceCode>;
}

/** Property names of query-config objects that carry the SQL text: pg `{ text }`, mysql/mssql/oracledb `{ sql }`. */
const CONFIG_TEXT_KEYS: ReadonlySet<string> = new Set(['text', 'sql']);

/** Stands for a `${…}` substitution while classifying a template: never a keyword. */
const HOLE = '\u0000';

/**
 * Classifies the SQL an expression carries: a string literal, a template literal (substitutions
 * allowed where they cannot change the verb), a query-config object `{ text: 'BEGIN' }` /
 * `{ sql: 'BEGIN' }`, or a `const` bound to one of these (with `options.sourceCode`). Any letter
 * case, leading whitespace and `--`/`/* *\/` comments. A multi-statement string gives its net
 * effect: the last `begin`/`commit`/`rollback` it contains (`'BEGIN; …; COMMIT'` → `commit`), else
 * `savepoint` if it has one. Unknown text → `null`.
 */
export function classifySqlVerb(node: Node | null | undefined, options: ClassifyOptions = {}): SqlVerb | null {
  const text = sqlTextOf(node, options);
  return text === null ? null : classifySqlText(text);
}

/**
 * The SQL text an expression carries, as in {@link classifySqlVerb}, or null. Template
 * substitutions are replaced by a NUL character, which matches no keyword.
 */
export function sqlTextOf(node: Node | null | undefined, options: ClassifyOptions = {}, depth = 0): string | null {
  if (node == null || depth > 4) return null;
  const inner = skipWrappers(node);
  switch (inner.type) {
    case 'Literal':
      return typeof inner.value === 'string' ? inner.value : null;
    case 'TemplateLiteral':
      return templateText(inner);
    case 'TaggedTemplateExpression':
      // `sql\`BEGIN\`` (a tagged query) and `String.raw\`…\``: the template carries the text
      return templateText(inner.quasi);
    case 'ObjectExpression': {
      for (const property of inner.properties) {
        if (property.type !== 'Property' || property.computed || property.kind !== 'init') continue;
        const key = property.key.type === 'Identifier' ? property.key.name : property.key.type === 'Literal' ? String(property.key.value) : null;
        if (key !== null && CONFIG_TEXT_KEYS.has(key)) return sqlTextOf(property.value, options, depth + 1);
      }
      return null;
    }
    case 'Identifier': {
      if (options.sourceCode === undefined) return null;
      const variable = findVariable(options.sourceCode.getScope(inner), inner.name);
      const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (def?.type !== 'Variable') return null;
      const declarator = def.node;
      const declaration = declarator.parent;
      if (declaration.kind !== 'const' || declarator.id.type !== 'Identifier' || declarator.init == null) return null;
      return sqlTextOf(declarator.init, options, depth + 1);
    }
    default:
      return null;
  }
}

function templateText(template: TSESTree.TemplateLiteral): string | null {
  let text = '';
  for (let i = 0; i < template.quasis.length; i++) {
    const cooked = template.quasis[i]!.value.cooked;
    if (cooked == null) return null;
    text += cooked;
    if (i < template.expressions.length) text += HOLE;
  }
  return text;
}

/** Classifies SQL text (see {@link classifySqlVerb}). */
export function classifySqlText(text: string): SqlVerb | null {
  let last: SqlVerb | null = null;
  let savepoint = false;
  for (const statement of splitStatements(text)) {
    const verb = classifyStatement(statement);
    if (verb === 'block') return null;
    if (verb === 'savepoint') savepoint = true;
    else if (verb !== null) last = verb;
  }
  return last ?? (savepoint ? 'savepoint' : null);
}

/** The verbs each statement of a (possibly multi-statement) SQL text performs, in order. */
export function sqlVerbsOf(text: string): SqlVerb[] {
  const verbs: SqlVerb[] = [];
  for (const statement of splitStatements(text)) {
    const verb = classifyStatement(statement);
    if (verb === 'block') return [];
    if (verb !== null) verbs.push(verb);
  }
  return verbs;
}

/** Words that may follow `BEGIN` when it starts a transaction (PostgreSQL, MySQL, SQLite, SQL Server). */
const BEGIN_FOLLOWERS: ReadonlySet<string> = new Set([
  'work',
  'transaction',
  'tran',
  'isolation',
  'read',
  'deferrable',
  'not',
  'deferred',
  'immediate',
  'exclusive',
  'distributed',
]);

/** Words that may follow `COMMIT`/`ROLLBACK`/`END`/`ABORT` when they end the current transaction. */
const END_FOLLOWERS: ReadonlySet<string> = new Set(['work', 'transaction', 'tran', 'and', 'release', 'no', 'comment', 'write', 'force']);

/** A statement that opens a procedural block (`BEGIN … END;`, `DECLARE …`, `DO $$ … $$`): its inner `;` split nothing. */
type Block = 'block';

function classifyStatement(statement: string): SqlVerb | Block | null {
  const words = leadingWords(statement, 4);
  const [first, second, third] = words;
  switch (first) {
    case 'begin':
      // `BEGIN;` / `BEGIN TRANSACTION` / `BEGIN ISOLATION LEVEL …`, not a PL/SQL or T-SQL block (`BEGIN x := 1; END;`, `BEGIN TRY`)
      if (second === undefined) return restIsEmpty(statement, 1) ? 'begin' : 'block';
      return BEGIN_FOLLOWERS.has(second) ? 'begin' : 'block';
    case 'declare':
    case 'do':
    case 'create':
      return 'block';
    case 'start':
      return second === 'transaction' ? 'begin' : null;
    case 'commit':
    case 'end':
      if (second === 'prepared') return null;
      if (second === undefined) return restIsEmpty(statement, 1) ? 'commit' : null;
      if (first === 'end' && second !== 'work' && second !== 'transaction') return null;
      return END_FOLLOWERS.has(second) ? 'commit' : null;
    case 'rollback':
    case 'abort': {
      if (second === 'prepared') return null;
      const to = second === 'to' || ((second === 'work' || second === 'transaction' || second === 'tran') && third === 'to');
      if (to) return first === 'rollback' ? 'savepoint' : null;
      if (second === undefined) return restIsEmpty(statement, 1) ? 'rollback' : null;
      // T-SQL `ROLLBACK TRAN name`
      return END_FOLLOWERS.has(second) ? 'rollback' : null;
    }
    case 'savepoint':
    case 'release':
      // a name follows (`SAVEPOINT sp1`, `RELEASE SAVEPOINT \${name}`)
      return restIsEmpty(statement, 1) ? null : 'savepoint';
    case 'save':
      return second === 'tran' || second === 'transaction' ? 'savepoint' : null;
    default:
      return null;
  }
}

/** Splits on `;` outside quotes and comments. Each piece keeps its comments (stripped when read). */
function splitStatements(text: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "'" || c === '"' || c === '`') {
      const close = text.indexOf(c, i + 1);
      i = close === -1 ? text.length : close + 1;
    } else if (c === '-' && text[i + 1] === '-') {
      const close = text.indexOf('\n', i);
      i = close === -1 ? text.length : close + 1;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close === -1 ? text.length : close + 2;
    } else if (c === '$') {
      // PostgreSQL dollar quoting: `$$ … $$`, `$tag$ … $tag$` (a `$1` parameter is not a quote)
      const match = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/u.exec(text.slice(i));
      if (match === null) {
        i++;
      } else {
        const close = text.indexOf(match[0], i + match[0].length);
        i = close === -1 ? text.length : close + match[0].length;
      }
    } else if (c === ';') {
      statements.push(text.slice(start, i));
      start = ++i;
    } else {
      i++;
    }
  }
  statements.push(text.slice(start));
  return statements;
}

/** Removes leading whitespace and comments. */
function stripLeading(text: string): string {
  let rest = text;
  for (;;) {
    const trimmed = rest.replace(/^\s+/u, '');
    if (trimmed.startsWith('--')) {
      const close = trimmed.indexOf('\n');
      rest = close === -1 ? '' : trimmed.slice(close + 1);
    } else if (trimmed.startsWith('/*')) {
      const close = trimmed.indexOf('*/');
      rest = close === -1 ? '' : trimmed.slice(close + 2);
    } else {
      return trimmed;
    }
  }
}

/** The first `count` words (lower-cased), skipping whitespace and comments between them. */
function leadingWords(statement: string, count: number): string[] {
  const words: string[] = [];
  let rest = stripLeading(statement);
  while (words.length < count) {
    const match = /^[A-Za-z_][A-Za-z0-9_]*/u.exec(rest);
    if (match === null) break;
    words.push(match[0].toLowerCase());
    rest = stripLeading(rest.slice(match[0].length));
  }
  return words;
}

/** Whether nothing but whitespace and comments follows the first `wordCount` words. */
function restIsEmpty(statement: string, wordCount: number): boolean {
  let rest = stripLeading(statement);
  for (let i = 0; i < wordCount; i++) {
    const match = /^[A-Za-z_][A-Za-z0-9_]*/u.exec(rest);
    if (match === null) return false;
    rest = stripLeading(rest.slice(match[0].length));
  }
  return rest === '';
}

/** What a call does to a transaction, according to the catalog. */
export interface TransactionCall {
  readonly verb: SqlVerb;
  /** the object the transaction runs on (the lease, connection, session or transaction object) */
  readonly holder: TSESTree.Expression;
  /** the holder's shape */
  readonly shape: ShapeValue;
  /** the method called (`query`, `beginTransaction`, `commit`) */
  readonly method: string;
  /** sent as SQL text through a query method (`client.query('BEGIN')`) rather than a driver method */
  readonly sql: boolean;
}

/**
 * Classifies `holder.method(…)` as a transaction verb: SQL sent through one of the shape's
 * `queries` when its `transaction.sql` is set (`client.query('BEGIN')`, `db.exec('COMMIT')`), or a
 * method listed in `transaction.begin`/`commit`/`rollback` (`conn.beginTransaction()`,
 * `session.abortTransaction()`, `trx.rollback()`). The holder may be any shape, a pool included:
 * callers decide what a verb on a pool means (no-transaction-on-pool reports it).
 */
export function classifyTransactionCall(call: TSESTree.CallExpression, provenance: Provenance, options: ClassifyOptions = {}): TransactionCall | null {
  const callee = skipWrappers(call.callee);
  if (callee.type !== 'MemberExpression' || callee.object.type === 'Super') return null;
  const method = memberKey(callee);
  if (method === null) return null;
  const shape = provenance.shape(callee.object);
  if (shape === null || shape.promise) return null;
  const spec = shape.ref.shape;
  const verbs = spec.transaction;
  if (verbs === undefined) return null;
  if (verbs.begin?.includes(method)) return { verb: 'begin', holder: callee.object, shape, method, sql: false };
  if (verbs.commit?.includes(method)) return { verb: 'commit', holder: callee.object, shape, method, sql: false };
  if (verbs.rollback?.includes(method)) return { verb: 'rollback', holder: callee.object, shape, method, sql: false };
  if (verbs.sql === true && spec.queries?.includes(method)) {
    const verb = classifySqlVerb(call.arguments[0], options);
    if (verb !== null) return { verb, holder: callee.object, shape, method, sql: true };
  }
  return null;
}

/**
 * Classifies a tagged-template query as a transaction verb: `` sql`BEGIN` `` where the tag is a
 * shape with `taggedQuery` (vercel/postgres `sql`, neon). `method` is the empty string. The holder
 * may be a pool: callers decide.
 */
export function classifyTaggedTransaction(node: TSESTree.TaggedTemplateExpression, provenance: Provenance): TransactionCall | null {
  const shape = provenance.shape(node.tag);
  if (shape === null || shape.promise || shape.ref.shape.taggedQuery === undefined) return null;
  const verb = classifySqlVerb(node.quasi);
  return verb === null ? null : { verb, holder: node.tag, shape, method: '', sql: true };
}
