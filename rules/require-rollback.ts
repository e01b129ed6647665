import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { declaringFunction, holderOf, isFunction, isInside, skipWrappers, walkSubtree } from '../src/analysis/ast.js';
import { createPathTracker, describeJump, mergeListeners, type PathEvent, type PathFrame } from '../src/analysis/code-paths.js';
import { enclosingFinally, inCatchClause, mayThrow } from '../src/analysis/exception-safety.js';
import { getFileModel } from '../src/analysis/file-model.js';
import { findHandOff, ownershipOptions } from '../src/analysis/ownership.js';
import type { ShapeValue } from '../src/analysis/provenance.js';
import { classifyReleaseCall, endingMethodNames } from '../src/analysis/releases.js';
import { classifyTransactionCall } from '../src/analysis/transactions.js';
import { createRule } from '../src/create-rule.js';
import { withFixPolicy } from '../src/fixes/policy.js';
import { blockStatementOf, freshName, statementsBetween } from '../src/fixes/statements.js';
import { followingStatements, indentOf } from '../src/fixes/try-finally.js';

type Node = TSESTree.Node;
type Variable = TSESLint.Scope.Variable;

export type MessageIds =
  | 'neverEnded'
  | 'skippedByJump'
  | 'skippedByBranch'
  | 'releasedWhileOpen'
  | 'noRollbackOnError'
  | 'disposeCommits'
  | 'addCatch';

interface Begin {
  readonly kind: 'begin';
  readonly node: TSESTree.CallExpression;
  readonly variable: Variable;
  readonly shape: ShapeValue;
  /** the text that rolls back, without `await`: `client.query('ROLLBACK')`, `trx.rollback()` */
  readonly rollbackText: string | null;
  /** the transaction is an object of its own (knex `trx`), ended by its own commit/rollback */
  readonly object: boolean;
}

interface End {
  readonly kind: 'end';
  readonly variable: Variable;
  readonly call: TSESTree.CallExpression;
  readonly how: 'commit' | 'rollback' | 'discard';
}

interface Release {
  readonly kind: 'release';
  readonly variable: Variable;
  readonly call: TSESTree.CallExpression;
}

type Data = Begin | End | Release;


export default createRule<[], MessageIds>({
  name: 'require-rollback',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require transactions to be rolled back on error and ended on every path before the lease is released',
      recommended: 'recommended',
    },
    // suggestions only; `fixable` because `settings["connection-hygiene"].autofix: "all"` applies them under --fix
    fixable: 'code',
    hasSuggestions: true,
    schema: [],
    messages: {
      neverEnded: 'The transaction begun here on `{{name}}` is never committed or rolled back, so its locks and snapshot stay with the connection.',
      skippedByJump: '{{jump}} at line {{line}} leaves with the transaction on `{{name}}` still open: neither commit nor rollback runs on that path.',
      skippedByBranch: 'A path through this function reaches its end with the transaction on `{{name}}` still open: it is committed or rolled back in some branches only.',
      releasedWhileOpen: '`{{release}}` gives `{{name}}` back with the transaction begun at line {{line}} still open; the next borrower inherits it. Commit or roll back first.',
      noRollbackOnError: 'The transaction begun here on `{{name}}` is not rolled back when a statement before its commit (line {{line}}) throws; add a `catch` that runs `{{rollback}}` and rethrows.',
      disposeCommits: '`await using` disposes `{{name}}` by committing an open transaction, so an exception before line {{line}} commits half the work; add a `catch` that runs `{{rollback}}` and rethrows.',
      addCatch: 'Add `catch ({{error}}) { {{rollback}}; throw {{error}}; }`.',
    },
  },
  create(context) {
    const model = getFileModel(context);
    if (model === null) return {};
    const { provenance, catalog, sourceCode, settings } = model;
    const names = endingMethodNames(catalog);
    /** holders with a transaction begun in this file: ends and releases are only tracked for them */
    const holders = new Set<Variable>();

    const tracker = createPathTracker<Data>((frame) => {
      for (const event of frame.events) if (event.data.kind === 'begin') check(frame, event as PathEvent<Begin>);
    });



    function variableOf(node: Node): Variable | null {
      const inner = skipWrappers(node);
      return inner.type === 'Identifier' ? provenance.findVariable(inner) : null;
    }

    function onCall(node: TSESTree.CallExpression): void {
      const verb = classifyTransactionCall(node, provenance, { sourceCode });
      if (verb !== null) {
        const variable = variableOf(verb.holder);
        if (variable === null) return;
        if (verb.verb === 'begin') {
          const role = verb.shape.ref.shape.role;
          if (role === 'pool' || role === 'handle' || verb.shape.scoped === 'managed') return;
          const rollback = verb.sql ? `${sourceCode.getText(verb.holder)}.${verb.method}('ROLLBACK')` : rollbackCall(verb.shape, sourceCode.getText(verb.holder));
          holders.add(variable);
          tracker.record(node, { kind: 'begin', node, variable, shape: verb.shape, rollbackText: rollback, object: false });
        } else if (verb.verb === 'commit' || verb.verb === 'rollback') {
          if (holders.has(variable)) tracker.record(node, { kind: 'end', variable, call: node, how: verb.verb });
        }
        return;
      }
      const release = classifyReleaseCall(node, provenance, names);
      if (release !== null && holders.has(release.variable)) {
        tracker.record(node, release.discards ? { kind: 'end', variable: release.variable, call: node, how: 'discard' } : { kind: 'release', variable: release.variable, call: node });
        return;
      }
      // a transaction object produced without a callback: `await db.transaction()`, `session.beginTransaction()`
      const value = provenance.createdShape(node);
      if (value === null || value.origin !== node || value.scoped !== undefined || value.ref.shape.role !== 'transaction') return;
      if ((value.ref.shape.transaction?.begin ?? []).length > 0) return; // begun later by its own verb (mssql `tx.begin()`)
      const variable = boundVariable(node);
      if (variable === null) return;
      holders.add(variable);
      tracker.record(node, { kind: 'begin', node, variable, shape: value, rollbackText: rollbackCall(value, variable.name), object: true });
    }

    function rollbackCall(shape: ShapeValue, holderText: string): string | null {
      const method = shape.ref.shape.transaction?.rollback?.[0];
      return method ? `${holderText}.${method}()` : null;
    }

    function check(frame: PathFrame<Data>, event: PathEvent<Begin>): void {
      const begin = event.data;
      const { variable } = begin;
      const holder = frame.node;
      const name = variable.name;
      // acquired here (a parameter or an outer variable belongs to the caller)
      const ownedHere = (declaringFunction(variable) ?? sourceCode.ast) === holder && variable.defs[0]?.type !== 'Parameter';
      // ends or releases inside nested functions (callback APIs, promise chains): not ours to judge
      if (variable.references.some((r) => holderOf(r.identifier) !== holder && isEndingReference(r.identifier))) return;
      if (ownedHere && findHandOff(variable, holder, ownershipOptions(provenance, settings, names))) return;
      if (begin.object && disposedBinding(variable)) return; // `await using trx`: its dispose ends it
      const ends = frame.events.filter((e): e is PathEvent<End> => e.data.kind === 'end' && e.data.variable === variable);
      const ended = (e: PathEvent<Data>): boolean => e.data.kind === 'end' && e.data.variable === variable;
      const awaitText = awaitPrefix(begin, ends);
      const rollback = begin.rollbackText !== null ? `${awaitText}${begin.rollbackText}` : null;

      if (ends.length === 0) {
        // a helper that only begins the transaction on a lease it was given: the caller ends it
        if (!ownedHere && !begin.object) return;
        context.report({ node: begin.node, messageId: 'neverEnded', data: { name } });
        return;
      }
      const escape = frame.findEscape(event, ended);
      if (escape !== null) {
        const release = frame.events.find(
          (e): e is PathEvent<Release> =>
            e.data.kind === 'release' && e.data.variable === variable && enclosingFinally(e.node, holder) === null && frame.reaches(event, e, ended),
        );
        if (release !== undefined) {
          context.report({
            node: release.data.call,
            messageId: 'releasedWhileOpen',
            data: { name, release: `${sourceCode.getText(release.data.call.callee)}()`, line: String(begin.node.loc.start.line) },
          });
        } else if (escape.jump !== null) {
          context.report({ node: begin.node, messageId: 'skippedByJump', data: { name, jump: describeJump(escape.jump), line: String(escape.jump.loc.start.line) } });
        } else {
          context.report({ node: begin.node, messageId: 'skippedByBranch', data: { name } });
        }
        return;
      }
      checkErrorPath(begin, ends, holder, rollback);
    }

    /** The exception path: something between BEGIN and the commit throws; is the transaction rolled back (or the connection discarded)? */
    function checkErrorPath(begin: Begin, ends: Array<PathEvent<End>>, holder: Node, rollback: string | null): void {
      const normal = ends.filter((e) => !inCatchClause(e.node, holder) && enclosingFinally(e.node, holder) === null);
      if (normal.length === 0) return;
      const first = normal[0]!;
      if (protectedByTry(begin, first.node, holder)) return;
      const between = statementsBetween(begin.node, first.node);
      if (between !== null && !between.some((s) => mayThrow(s))) return;
      if (between === null && !mayThrowBetween(begin.node, first.node, holder)) return;
      const line = String(first.node.loc.start.line);
      const shown = rollback ?? 'a rollback';
      const suggest = rollback !== null ? catchSuggestion(begin, first.node, rollback) : [];
      const messageId = disposedBinding(begin.variable) && begin.shape.ref.shape.dispose?.commitsOpenTransaction ? 'disposeCommits' : 'noRollbackOnError';
      context.report(withFixPolicy({ node: begin.node, messageId, data: { name: begin.variable.name, line, rollback: shown }, suggest }, settings));
    }

    /**
     * A `try` around the work whose `catch` rolls back (or discards the connection), or whose
     * `finally` rolls back, discards, or releases a holder whose release rolls back.
     */
    function protectedByTry(begin: Begin, end: Node, holder: Node): boolean {
      for (let n: Node | undefined = end.parent; n !== undefined && n !== holder; n = n.parent) {
        if (n.type !== 'TryStatement' || !isInside(end, n.block)) continue;
        const covers = isInside(begin.node, n.block) || beginRightBefore(begin.node, n);
        if (!covers) continue;
        if (n.handler && rollsBackIn(n.handler.body, begin)) return true;
        if (n.finalizer && rollsBackIn(n.finalizer, begin)) return true;
      }
      return false;
    }

    /** `BEGIN` then, with nothing that can throw in between, the `try`. */
    function beginRightBefore(beginNode: Node, tryStatement: TSESTree.TryStatement): boolean {
      const statement = blockStatementOf(beginNode);
      if (statement === null || statement.parent !== tryStatement.parent) return false;
      const following = followingStatements(statement);
      const index = following?.indexOf(tryStatement) ?? -1;
      return index >= 0 && !following!.slice(0, index).some((s) => mayThrow(s));
    }

    function rollsBackIn(block: Node, begin: Begin): boolean {
      const rollsBackOnRelease = begin.shape.ref.shape.transaction?.releaseWhileOpen === 'rolls-back';
      for (const reference of begin.variable.references) {
        const id = reference.identifier as Node;
        if (!isInside(id, block)) continue;
        const call = callOn(id);
        if (call === null) continue;
        const verb = classifyTransactionCall(call, provenance, { sourceCode });
        if (verb?.verb === 'rollback') return true;
        const release = classifyReleaseCall(call, provenance, names);
        if (release !== null && release.variable === begin.variable && (release.discards || rollsBackOnRelease)) return true;
      }
      return false;
    }

    /** The call whose receiver (or argument, for `pool.releaseConnection(conn)` and `done(err)`) is this reference. */
    function callOn(id: Node): TSESTree.CallExpression | null {
      let node = id;
      while (node.parent && (node.parent.type === 'TSNonNullExpression' || node.parent.type === 'TSAsExpression' || node.parent.type === 'ChainExpression')) node = node.parent;
      const parent = node.parent;
      if (parent?.type === 'MemberExpression' && parent.object === node) {
        let member: Node = parent;
        if (member.parent?.type === 'ChainExpression') member = member.parent;
        return member.parent?.type === 'CallExpression' && member.parent.callee === member ? member.parent : null;
      }
      if (parent?.type === 'CallExpression' && parent.callee !== node) return parent;
      return null;
    }

    function isEndingReference(id: Node): boolean {
      const call = callOn(id);
      if (call === null) return false;
      const verb = classifyTransactionCall(call, provenance, { sourceCode });
      if (verb !== null && verb.verb !== 'savepoint') return true;
      return classifyReleaseCall(call, provenance, names) !== null;
    }

    /** When the statements are not in one block: whether anything in the function between the two nodes can throw. */
    function mayThrowBetween(from: Node, to: Node, holder: Node): boolean {
      const body = isFunction(holder) ? holder.body : holder;
      const ignore = new Set<Node>([from, to]);
      let found = false;
      walkSubtree(body, (n) => {
        if (found || ignore.has(n)) return false;
        if (n.range[1] <= from.range[1] || n.range[0] >= to.range[0]) {
          if (!(n.range[0] <= from.range[1] && n.range[1] >= to.range[0])) return false;
        }
        if ((n.type === 'CallExpression' || n.type === 'AwaitExpression' || n.type === 'NewExpression' || n.type === 'ThrowStatement') && n.range[0] > from.range[1] && n.range[1] < to.range[0] && !isInside(to, n)) {
          found = mayThrow(n);
        }
        return !found;
      });
      return found;
    }

    function awaitPrefix(begin: Begin, ends: Array<PathEvent<End>>): string {
      const fn = holderOf(begin.node);
      if (!isFunction(fn) || !fn.async) return '';
      const awaited = (n: Node): boolean => n.parent?.type === 'AwaitExpression';
      return awaited(begin.node) || ends.some((e) => awaited(e.data.call)) ? 'await ' : '';
    }

    /**
     * The suggestion: insert `catch (error) { <rollback>; throw error; }` into the `try` (without a
     * catch) that holds both the begin and the commit, or wrap the statements from after the begin
     * through the commit in a new `try … catch` (only when nothing declared there is used later; also
     * when the transaction is declared inside that `try`, where a `catch` could not reach it).
     */
    function catchSuggestion(begin: Begin, end: Node, rollback: string): Array<TSESLint.SuggestionReportDescriptor<MessageIds>> {
      const error = freshName(sourceCode, begin.node, 'error');
      const data = { error, rollback };
      for (let n: Node | undefined = end.parent; n != null && !isFunction(n); n = n.parent) {
        if (n.type !== 'TryStatement') continue;
        // a `catch` cannot see a transaction declared inside the `try` block: wrap the statements instead
        if (begin.variable.defs.some((def) => isInside(def.name, n.block))) break;
        if (n.handler === null && n.finalizer !== null && (isInside(begin.node, n.block) || beginRightBefore(begin.node, n))) {
          const indent = indentOf(sourceCode, n);
          const tryStatement = n;
          return [
            {
              messageId: 'addCatch',
              data,
              fix: (fixer) => fixer.insertTextAfter(tryStatement.block, ` catch (${error}) {\n${indent}  ${rollback};\n${indent}  throw ${error};\n${indent}}`),
            },
          ];
        }
        return [];
      }
      const statement = blockStatementOf(begin.node);
      const endStatement = blockStatementOf(end);
      if (statement === null || endStatement === null || statement.parent !== endStatement.parent) return [];
      const following = followingStatements(statement)!;
      const last = following.indexOf(endStatement);
      if (last < 0) return [];
      const wrapped = following.slice(0, last + 1);
      const after = following.slice(last + 1);
      if (declaresUsedLater(wrapped, after)) return [];
      const indent = indentOf(sourceCode, wrapped[0]!);
      const first = wrapped[0]!;
      const lastNode = wrapped[wrapped.length - 1]!;
      return [
        {
          messageId: 'addCatch',
          data,
          fix: (fixer) =>
            fixer.replaceTextRange(
              [first.range[0], lastNode.range[1]],
              `try {\n${indent}  ${sourceCode.text.slice(first.range[0], lastNode.range[1])}\n${indent}} catch (${error}) {\n${indent}  ${rollback};\n${indent}  throw ${error};\n${indent}}`,
            ),
        },
      ];
    }

    function declaresUsedLater(wrapped: readonly Node[], after: readonly Node[]): boolean {
      for (const statement of wrapped) {
        if (statement.type !== 'VariableDeclaration' && statement.type !== 'FunctionDeclaration' && statement.type !== 'ClassDeclaration') continue;
        for (const variable of sourceCode.getDeclaredVariables(statement)) {
          if (variable.references.some((r) => after.some((s) => isInside(r.identifier, s)))) return true;
        }
      }
      return false;
    }

    function disposedBinding(variable: Variable): boolean {
      const def = variable.defs[0];
      return def?.type === 'Variable' && ((def.parent as TSESTree.VariableDeclaration | null)?.kind === 'await using' || (def.parent as TSESTree.VariableDeclaration | null)?.kind === 'using');
    }

    /** `const trx = await db.transaction()` / `trx = await db.transaction()`, or `await using trx = …`. */
    function boundVariable(call: Node): Variable | null {
      let node = call;
      while (node.parent && (node.parent.type === 'AwaitExpression' || node.parent.type === 'TSNonNullExpression' || node.parent.type === 'TSAsExpression' || node.parent.type === 'ChainExpression')) node = node.parent;
      const parent = node.parent;
      if (parent?.type === 'VariableDeclarator' && parent.init === node && parent.id.type === 'Identifier') return sourceCode.getDeclaredVariables(parent)[0] ?? null;
      if (parent?.type === 'AssignmentExpression' && parent.right === node && parent.left.type === 'Identifier') return provenance.findVariable(parent.left);
      return null;
    }

    return mergeListeners(tracker.listeners, { 'CallExpression:exit': onCall });
  },
});
