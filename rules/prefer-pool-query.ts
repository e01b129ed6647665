import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { skipWrappers } from '../src/analysis/ast.js';
import { getFileModel } from '../src/analysis/file-model.js';
import type { ShapeValue } from '../src/analysis/provenance.js';
import { classifyQueryCall, isSessionStatement, queryMethodNames, type QueryCall } from '../src/analysis/queries.js';
import { classifyReleaseCall, endingMethodNames } from '../src/analysis/releases.js';
import { classifySqlVerb, sqlTextOf } from '../src/analysis/transactions.js';
import { createRule } from '../src/create-rule.js';
import { rewriteToPoolQuery } from '../src/fixes/pool-query.js';
import { followingStatements } from '../src/fixes/try-finally.js';

type Node = TSESTree.Node;
type Variable = TSESLint.Scope.Variable;

export type MessageIds = 'preferPoolQuery';

export default createRule<[], MessageIds>({
  name: 'prefer-pool-query',
  meta: {
    type: 'suggestion',
    docs: {
      description: "Prefer the pool's managed one-shot query over leasing a connection for a single query",
      recommended: 'strict',
    },
    fixable: 'code',
    schema: [],
    messages: {
      preferPoolQuery: '`{{name}}` is leased only to run one query and be released; `{{replacement}}` on the pool does the same and releases the connection for you.',
    },
  },
  create(context) {
    const model = getFileModel(context);
    if (model === null) return {};
    const { provenance, catalog, sourceCode } = model;
    const names = queryMethodNames(catalog);
    const endings = endingMethodNames(catalog);
    const text = (node: Node): string => sourceCode.getText(node);

    function onDeclaration(declaration: TSESTree.VariableDeclaration): void {
      if (declaration.declarations.length !== 1 || (declaration.kind !== 'const' && declaration.kind !== 'let')) return;
      const declarator = declaration.declarations[0]!;
      if (declarator.id.type !== 'Identifier' || declarator.init == null) return;
      const init = skipWrappers(declarator.init);
      const acquire = skipWrappers(init.type === 'AwaitExpression' ? init.argument : init);
      if (acquire.type !== 'CallExpression' || acquire.arguments.length > 0) return;
      const lease = provenance.shape(init);
      if (lease === null || lease.promise || lease.origin !== acquire || lease.scoped || lease.ref.shape.role !== 'lease') return;
      const callee = skipWrappers(acquire.callee);
      if (callee.type !== 'MemberExpression' || !isStable(callee.object)) return;
      const pool = provenance.shape(callee.object);
      if (pool === null || pool.promise || pool.ref.shape.role !== 'pool') return;
      const variable = sourceCode.getDeclaredVariables(declarator)[0];
      if (variable === undefined) return;

      const following = followingStatements(declaration);
      const next = following?.[0];
      if (next === undefined) return;
      let kept: Node;
      let releaseStatement: Node;
      let last: Node;
      if (next.type === 'TryStatement') {
        // guarded: `try { <one statement> } finally { c.release(); }`
        if (next.handler != null || next.finalizer == null || next.block.body.length !== 1 || next.finalizer.body.length !== 1) return;
        kept = next.block.body[0]!;
        if (kept.type !== 'ReturnStatement' && kept.type !== 'ExpressionStatement') return;
        releaseStatement = next.finalizer.body[0]!;
        last = next;
      } else {
        // unguarded: `<one statement>; c.release();`
        const after = following![1];
        if (after === undefined || next.type === 'ReturnStatement' || next.type === 'ThrowStatement') return;
        if (next.type !== 'ExpressionStatement' && next.type !== 'VariableDeclaration') return;
        kept = next;
        releaseStatement = after;
        last = after;
      }
      if (!releasesPlainly(releaseStatement, variable)) return;
      const query = singleQuery(variable, kept, lease);
      if (query === null) return;
      if (!poolRunsSame(query, pool)) return;
      if (declaresName(kept, rootName(callee.object))) return;

      const poolText = text(callee.object);
      const target = query.method === null ? poolText : `${poolText}.${query.method}`;
      const replacement = query.node.type === 'TaggedTemplateExpression' ? `${target}\`…\`` : `${target}(…)`;
      context.report({
        node: acquire,
        messageId: 'preferPoolQuery',
        data: { name: variable.name, replacement },
        fix: (fixer) => rewriteToPoolQuery(fixer, sourceCode, { acquisition: declaration, last, kept, receiver: query.receiverNode, poolText }),
      });
    }

    /** `c.release();` / `await c.release();` — a plain release (not `release(err)`, not a discard). */
    function releasesPlainly(statement: Node, variable: Variable): boolean {
      if (statement.type !== 'ExpressionStatement') return false;
      const expression = skipWrappers(statement.expression.type === 'AwaitExpression' ? statement.expression.argument : statement.expression);
      if (expression.type !== 'CallExpression' || expression.arguments.length > 0) return false;
      const release = classifyReleaseCall(expression, provenance, endings);
      return release !== null && release.variable === variable && !release.discards;
    }

    /**
     * The one query in `kept` when the lease is used for nothing else: every reference to the lease
     * is the query's receiver or the release, and the query is awaited directly.
     */
    function singleQuery(variable: Variable, kept: Node, lease: ShapeValue): QueryCall | null {
      const uses = variable.references.filter((r) => !r.init);
      if (uses.length !== 2) return null;
      const inKept = uses.filter((r) => within(r.identifier as Node, kept));
      if (inKept.length !== 1) return null;
      const id = inKept[0]!.identifier as Node;
      const parent = id.parent;
      let node: Node | undefined;
      if (parent?.type === 'TaggedTemplateExpression' && parent.tag === id) node = parent;
      else if (parent?.type === 'MemberExpression' && parent.object === id) {
        const outer = parent.parent;
        if (outer?.type === 'CallExpression' && outer.callee === parent) node = outer;
        if (outer?.type === 'TaggedTemplateExpression' && outer.tag === parent) node = outer;
      }
      if (node === undefined || (node.type !== 'CallExpression' && node.type !== 'TaggedTemplateExpression')) return null;
      const query = classifyQueryCall(node, provenance, names);
      if (query === null || query.receiverNode !== id || query.receiver.ref.shape !== lease.ref.shape || query.callback) return null;
      if (node.parent?.type !== 'AwaitExpression') return null;
      if (node.type === 'CallExpression' && node.arguments.some((a) => a.type === 'SpreadElement' ? false : submitsCursor(a))) return null;
      // transaction control, session settings, LISTEN … belong on a lease
      if (classifySqlVerb(query.sql, { sourceCode }) !== null) return null;
      const sql = sqlTextOf(query.sql, { sourceCode });
      if (sql !== null && isSessionStatement(sql)) return null;
      return query;
    }

    /** A Cursor or QueryStream argument (a submittable): the pool's one-shot would never release it. */
    function submitsCursor(argument: Node): boolean {
      const inner = skipWrappers(argument);
      if (inner.type === 'NewExpression') return true;
      return provenance.shape(inner)?.ref.shape.role === 'cursor';
    }

    /** The pool offers the same one-shot call: the same method in its `queries`, or its own tagged template. */
    function poolRunsSame(query: QueryCall, pool: ShapeValue): boolean {
      if (query.method === null) return pool.ref.shape.taggedQuery !== undefined;
      return (pool.ref.shape.queries ?? []).includes(query.method);
    }

    return { VariableDeclaration: onDeclaration };
  },
});

/** An expression that gives the same pool when evaluated again: `pool`, `this.pool`, `db.pool`. */
function isStable(node: Node): boolean {
  const inner = skipWrappers(node);
  if (inner.type === 'Identifier' || inner.type === 'ThisExpression') return true;
  return inner.type === 'MemberExpression' && !inner.computed && inner.property.type === 'Identifier' && isStable(inner.object);
}

function rootName(node: Node): string | null {
  let inner = skipWrappers(node);
  while (inner.type === 'MemberExpression') inner = skipWrappers(inner.object);
  return inner.type === 'Identifier' ? inner.name : null;
}

/** Whether a kept declaration declares `name` (moving it would shadow the pool). */
function declaresName(statement: Node, name: string | null): boolean {
  if (name === null || statement.type !== 'VariableDeclaration') return false;
  const binds = (pattern: Node | null): boolean => {
    if (pattern === null) return false;
    switch (pattern.type) {
      case 'Identifier':
        return pattern.name === name;
      case 'AssignmentPattern':
        return binds(pattern.left);
      case 'RestElement':
        return binds(pattern.argument);
      case 'ArrayPattern':
        return pattern.elements.some((e) => binds(e));
      case 'ObjectPattern':
        return pattern.properties.some((p) => binds(p.type === 'Property' ? p.value : p));
      default:
        return false;
    }
  };
  return statement.declarations.some((d) => binds(d.id));
}

function within(inner: Node, outer: Node): boolean {
  return inner.range[0] >= outer.range[0] && inner.range[1] <= outer.range[1];
}
