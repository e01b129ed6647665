import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type ts from 'typescript';
import { enclosingFunction, isFunction, isInside } from '../src/analysis/ast.js';
import { createPathTracker, mergeListeners, type PathEvent, type PathFrame } from '../src/analysis/code-paths.js';
import { getFileModel } from '../src/analysis/file-model.js';
import { memberKey } from '../src/analysis/provenance.js';
import { classifyQueryCall, queryCallText, queryMethodNames, returnsPromise, type QueryCall } from '../src/analysis/queries.js';
import { classifyReleaseCall, endingMethodNames, type ReleaseCall } from '../src/analysis/releases.js';
import { createRule } from '../src/create-rule.js';
import { withFixPolicy } from '../src/fixes/policy.js';

type Node = TSESTree.Node;
type Variable = TSESLint.Scope.Variable;

export type MessageIds = 'floating' | 'floatingBeforeRelease' | 'noRejectionHandler' | 'storedNeverAwaited' | 'pendingAtRelease' | 'awaitQuery';

/**
 * The roles whose queries this rule checks: queries on a lease or pool, on a transaction, and on a handle
 * whose operations each check out a connection (a MongoDB collection). The
 * scope parameter of a managed scope (`sql.begin(async (sql) => …)`, `ds.transaction(async (m) => …)`)
 * is checked too: the scope ends when its callback's promise settles, not when a floating query does.
 */
const CHECKED_ROLES: ReadonlySet<string> = new Set(['pool', 'lease', 'transaction', 'handle']);

/** What happens to a query's promise. */
type Fate =
  /** awaited, returned, yielded, handled, handed on, or `void`ed */
  | { readonly kind: 'handled' }
  /** dropped: an expression statement, a discarded operand */
  | { readonly kind: 'discarded'; readonly chained: boolean }
  /** stored in a local variable */
  | { readonly kind: 'stored'; readonly variable: Variable };

interface QueryEvent {
  readonly kind: 'query';
  readonly query: QueryCall;
  readonly lease: Variable;
  readonly fate: Fate;
}
interface ReleaseEvent {
  readonly kind: 'release';
  readonly release: ReleaseCall;
}
/** a read of a variable that holds a pending lease query */
interface ReadEvent {
  readonly kind: 'read';
  readonly variable: Variable;
}
type Data = QueryEvent | ReleaseEvent | ReadEvent;

export default createRule<[], MessageIds>({
  name: 'no-floating-query',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require queries on a lease or pool to be awaited, returned or handled',
      recommended: 'recommended',
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: [],
    messages: {
      floating: 'The promise of `{{call}}` is neither awaited, returned nor handled, so its failure goes unnoticed and nothing waits for it; `await` it.',
      floatingBeforeRelease:
        'The promise of `{{call}}` is not awaited, so the query may still be running when `{{release}}` at line {{line}} gives `{{name}}` back to the pool; `await` it first.',
      noRejectionHandler: '`{{call}}` is chained with `.then()` or `.finally()` but never with a rejection handler, so its failure goes unnoticed; `await` it or add `.catch()`.',
      storedNeverAwaited: 'The promise of `{{call}}` is stored in `{{variable}}` but never awaited or handled; `await` it.',
      pendingAtRelease:
        '`{{call}}` may still be pending when `{{release}}` at line {{line}} gives `{{name}}` back to the pool: `{{variable}}` is awaited only afterwards.',
      awaitQuery: 'Await the query: `await {{call}}`.',
    },
  },
  create(context) {
    const model = getFileModel(context);
    if (model === null) return {};
    const { provenance, catalog, sourceCode, settings } = model;
    const names = queryMethodNames(catalog);
    const endings = endingMethodNames(catalog);
    const text = (node: Node): string => sourceCode.getText(node);
    /** identifiers that read a variable holding a pending lease query, with that variable */
    const watchedReads = new Map<Node, Variable>();

    const tracker = createPathTracker<Data>(onEnd);
    /** Type-aware mode: `typeAware` on and the parser gave a program (the setting alone is not enough). */
    const typed = model.types != null;

    /** Whether the checker types the expression as a native `Promise` or a subclass of one (for any union member). */
    function isPromise(node: Node): boolean {
      const services = sourceCode.parserServices;
      const program = services?.program;
      const tsNode = services?.esTreeNodeToTSNodeMap?.get(node as never) as ts.Node | undefined;
      if (program == null || tsNode === undefined) return false;
      const checker = program.getTypeChecker();
      const seen = new Set<ts.Type>();
      const check = (type: ts.Type): boolean => {
        if (seen.has(type) || seen.size > 50) return false;
        seen.add(type);
        if (type.isUnion()) return type.types.some(check);
        if (type.getSymbol()?.getName() === 'Promise') return true;
        const target = (type as ts.Type & { target?: ts.Type }).target ?? type;
        return target.isClassOrInterface() && (checker.getBaseTypes(target) ?? []).some(check);
      };
      return check(checker.getTypeAtLocation(tsNode));
    }

    function onQuery(node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression): void {
      const query = classifyQueryCall(node, provenance, names);
      if (query === null || !returnsPromise(query, provenance)) return;
      if (!CHECKED_ROLES.has(query.receiver.ref.shape.role) && query.receiver.scoped !== 'managed') return;
      const fate = fateOf(node, (declarator) => sourceCode.getDeclaredVariables(declarator)[0] ?? null);
      if (fate.kind === 'handled') return;
      const lease = leaseVariable(query);
      if (lease !== null) {
        // decided when the function's code path ends: is a release of the lease reachable before it is awaited?
        if (fate.kind === 'stored') for (const ref of fate.variable.references) if (!ref.init && ref.isRead()) watchedReads.set(ref.identifier, fate.variable);
        tracker.record(node, { kind: 'query', query, lease, fate });
        return;
      }
      reportFloating(query, fate, null);
    }

    function onRelease(node: TSESTree.CallExpression): void {
      const release = classifyReleaseCall(node, provenance, endings);
      if (release !== null) tracker.record(node, { kind: 'release', release });
    }

    function onIdentifier(node: TSESTree.Identifier): void {
      const variable = watchedReads.get(node);
      if (variable !== undefined) tracker.record(node, { kind: 'read', variable });
    }

    function onEnd(frame: PathFrame<Data>): void {
      for (const event of frame.events) {
        if (event.data.kind !== 'query') continue;
        const { query, lease, fate } = event.data;
        const releases = frame.events.filter((e): e is PathEvent<ReleaseEvent> => e.data.kind === 'release' && e.data.release.variable === lease);
        if (fate.kind === 'stored') {
          const variable = fate.variable;
          const blocks = (e: PathEvent<Data>): boolean => e.data.kind === 'read' && e.data.variable === variable;
          const early = releases.find((r) => frame.reaches(event, r, blocks) && !readInTryOf(r, variable));
          if (early !== undefined && hasRead(variable)) {
            const release = early.data.release;
            context.report({
              node: query.node,
              messageId: 'pendingAtRelease',
              data: { call: queryCallText(query, text), release: `${release.calleeText}()`, line: String(release.call.loc.start.line), name: lease.name, variable: variable.name },
            });
            continue;
          }
          reportFloating(query, fate, null);
          continue;
        }
        const early = releases.find((r) => frame.reaches(event, r));
        reportFloating(query, fate, early?.data.release ?? null);
      }
    }

    function reportFloating(query: QueryCall, fate: Fate, release: ReleaseCall | null): void {
      const call = queryCallText(query, text);
      if (fate.kind === 'stored') {
        if (hasRead(fate.variable)) return;
        context.report(withFixPolicy({ node: query.node, messageId: 'storedNeverAwaited', data: { call, variable: fate.variable.name }, suggest: awaitSuggestion(query, call) }, settings));
        return;
      }
      if (fate.kind !== 'discarded') return;
      // With types (recommended-type-checked), a dropped promise with no lease released under it is
      // what @typescript-eslint/no-floating-promises reports on the same line: leave it to that rule.
      // Only a native Promise (or a subclass), which it checks by default; lazy thenables (Knex
      // builders) it does not see, so they stay reported here.
      if (release === null && typed && isPromise(droppedExpression(query.node))) return;
      const suggest = awaitSuggestion(query, call);
      if (release !== null) {
        const lease = release.variable.name;
        context.report(
          withFixPolicy(
            { node: query.node, messageId: 'floatingBeforeRelease', data: { call, release: `${release.calleeText}()`, line: String(release.call.loc.start.line), name: lease }, suggest },
            settings,
          ),
        );
        return;
      }
      context.report(withFixPolicy({ node: query.node, messageId: fate.chained ? 'noRejectionHandler' : 'floating', data: { call }, suggest }, settings));
    }

    function awaitSuggestion(query: QueryCall, call: string): Array<TSESLint.SuggestionReportDescriptor<MessageIds>> {
      const fn = enclosingFunction(query.node);
      if (fn === null || !fn.async || !isFunction(fn)) return [];
      return [{ messageId: 'awaitQuery', data: { call }, fix: (fixer) => fixer.insertTextBefore(query.node, 'await ') }];
    }

    /** The lease variable a query runs on (`client` in `client.query(…)`), when the receiver is a lease held in a variable. */
    function leaseVariable(query: QueryCall): Variable | null {
      if (query.receiver.ref.shape.role !== 'lease' || query.receiverNode.type !== 'Identifier') return null;
      return provenance.findVariable(query.receiverNode);
    }

    function hasRead(variable: Variable): boolean {
      return variable.references.some((r) => !r.init && r.isRead());
    }

    /** A release in the `finally` of a `try` whose block reads the variable: the ordinary `try { await p } finally { release }`. */
    function readInTryOf(release: PathEvent<ReleaseEvent>, variable: Variable): boolean {
      for (let n: Node | undefined = release.node; n != null && !isFunction(n); n = n.parent) {
        const parent: Node | undefined = n.parent;
        if (parent?.type === 'TryStatement' && parent.finalizer === n) {
          if (variable.references.some((r) => !r.init && r.isRead() && isInside(r.identifier, parent.block))) return true;
        }
      }
      return false;
    }

    return mergeListeners(tracker.listeners, {
      CallExpression(node) {
        onQuery(node);
        onRelease(node);
      },
      TaggedTemplateExpression: onQuery,
      Identifier: onIdentifier,
    });
  },
});

/** The expression that is dropped: the query through wrappers and its `.then(f)`/`.finally()` chain. */
function droppedExpression(query: Node): Node {
  let node = query;
  for (;;) {
    const parent = node.parent;
    if (parent === undefined) return node;
    if (parent.type === 'ChainExpression' || parent.type === 'TSNonNullExpression' || parent.type === 'TSAsExpression' || parent.type === 'TSSatisfiesExpression' || parent.type === 'TSTypeAssertion') {
      node = parent;
      continue;
    }
    if (parent.type === 'MemberExpression' && parent.object === node && parent.parent?.type === 'CallExpression' && parent.parent.callee === parent) {
      const method = memberKey(parent);
      if (method === 'then' || method === 'finally') {
        node = parent.parent;
        continue;
      }
    }
    return node;
  }
}

/**
 * Where a query's promise goes, climbing through value-preserving wrappers: awaited, returned,
 * yielded, chained with a rejection handler, handed to a call, stored, `void`ed (handled), or dropped.
 */
function fateOf(query: Node, declared: (declarator: TSESTree.VariableDeclarator) => Variable | null): Fate {
  let node = query;
  let chained = false;
  for (;;) {
    const parent = node.parent;
    if (parent === undefined) return { kind: 'handled' };
    switch (parent.type) {
      case 'ChainExpression':
      case 'TSNonNullExpression':
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSTypeAssertion':
        node = parent;
        continue;
      case 'ExpressionStatement':
        return { kind: 'discarded', chained };
      case 'SequenceExpression':
        if (parent.expressions[parent.expressions.length - 1] !== node) return { kind: 'discarded', chained };
        node = parent;
        continue;
      case 'ConditionalExpression':
        if (parent.test === node) return { kind: 'handled' };
        node = parent;
        continue;
      case 'LogicalExpression':
        if (parent.left === node) return { kind: 'handled' };
        node = parent;
        continue;
      case 'MemberExpression': {
        if (parent.object !== node) return { kind: 'handled' };
        const call = parent.parent;
        if (call?.type !== 'CallExpression' || call.callee !== parent) return { kind: 'handled' };
        const method = memberKey(parent);
        if (method === 'then' && call.arguments.length < 2) {
          chained = true;
          node = call;
          continue;
        }
        if (method === 'finally') {
          chained = true;
          node = call;
          continue;
        }
        return { kind: 'handled' };
      }
      case 'VariableDeclarator': {
        if (parent.init !== node || parent.id.type !== 'Identifier' || chained) return { kind: 'handled' };
        const declaration = parent.parent;
        if (declaration.type !== 'VariableDeclaration' || declaration.kind === 'using' || declaration.kind === 'await using') return { kind: 'handled' };
        const variable = declared(parent);
        return variable === null ? { kind: 'handled' } : { kind: 'stored', variable };
      }
      default:
        return { kind: 'handled' };
    }
  }
}
