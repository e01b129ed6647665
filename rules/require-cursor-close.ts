import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { declaringFunction, holderOf, isFunction, isInside, skipWrappers } from '../src/analysis/ast.js';
import { createPathTracker, describeJump, mergeListeners, type PathEvent, type PathFrame } from '../src/analysis/code-paths.js';
import {
  closingMethods,
  cursorOpening,
  cursorPropertyNames,
  isDatabaseStreamSource,
  isPipelineCall,
  loopCanExitEarly,
  readsInLoopHead,
  sourceLease,
  stallingStreamCallback,
  STREAM_HAND_OFF_METHODS,
} from '../src/analysis/cursors.js';
import { enclosingFinally, lazyOpenings, mayThrow } from '../src/analysis/exception-safety.js';
import { getFileModel } from '../src/analysis/file-model.js';
import { findHandOff, ownershipOptions } from '../src/analysis/ownership.js';
import { memberKey, type ShapeValue } from '../src/analysis/provenance.js';
import { classifyReleaseCall, endingMethodNames } from '../src/analysis/releases.js';
import { createRule } from '../src/create-rule.js';
import { withFixPolicy } from '../src/fixes/policy.js';
import { blockStatementOf, moveIntoFinallyFix, statementsBetween } from '../src/fixes/statements.js';
import { followingStatements, wrapInTryFinally } from '../src/fixes/try-finally.js';

type Node = TSESTree.Node;
type Variable = TSESLint.Scope.Variable;

export type MessageIds =
  | 'neverClosed'
  | 'stalledPipeline'
  | 'discarded'
  | 'skippedByJump'
  | 'skippedByBranch'
  | 'notExceptionSafe'
  | 'leaseReleasedFirst'
  | 'submittedToPool'
  | 'closeInFinally';

interface Open {
  readonly kind: 'open';
  readonly node: Node;
  readonly value: ShapeValue;
  readonly variable: Variable;
  /** read from a result's property (`result.resultSet`), which the driver leaves unset for some statements */
  readonly fromProperty?: boolean;
}

interface Close {
  readonly kind: 'close';
  readonly variable: Variable;
  /** the closing call (`cursor.close()`), when it is one */
  readonly call: TSESTree.CallExpression | null;
  /** the cursor is finished when this returns: awaited, synchronous, or a loop that read it to the end */
  readonly complete: boolean;
  /** not a close: the branch of `if (!rs)` where there is no cursor (nothing to close on that path) */
  readonly absent?: boolean;
}

interface LeaseRelease {
  readonly kind: 'lease-release';
  readonly lease: Variable;
  readonly call: TSESTree.CallExpression;
}

type Data = Open | Close | LeaseRelease;


export default createRule<[], MessageIds>({
  name: 'require-cursor-close',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require cursors, query streams and result sets to be consumed to the end or closed on every path',
      recommended: 'recommended',
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: [],
    messages: {
      neverClosed: '`{{name}}` is opened here but never read to the end or closed, so it keeps its connection busy; close it with `{{close}}` on every path, or iterate it with `for await`/`for…of`, which close it on every exit.',
      discarded: 'This cursor is opened and then dropped, so it can never be closed and keeps its connection busy.',
      skippedByJump: '{{jump}} at line {{line}} leaves with `{{name}}` still open: `{{close}}` is skipped on that path.',
      skippedByBranch: 'A path through this function reaches its end with `{{name}}` still open: `{{close}}` runs in some branches only.',
      notExceptionSafe: '`{{close}}` at line {{line}} is skipped when something between opening `{{name}}` and closing it throws; close it in `finally`, or iterate it with `for await`/`for…of`.',
      leaseReleasedFirst: '`{{release}}` gives `{{lease}}` back while `{{name}}` (opened on it at line {{line}}) is still open; close or finish `{{name}}` before releasing `{{lease}}`.',
      submittedToPool: 'A cursor submitted through the pool\'s `{{method}}()` holds one of its clients, and the pool never releases that client; lease a client, submit the cursor to it, and release the client after closing the cursor.',
      closeInFinally: 'Wrap the rest of the block in `try { … } finally { {{close}} }`.',
      stalledPipeline:
        'This database stream feeds a `pipeline()` whose async `{{step}}` (line {{line}}) calls `{{callback}}` only when its `await`s succeed; Node ignores the promise it returns, so a rejection never reaches `{{callback}}(err)`, the pipeline never settles and the stream keeps its connection. Catch the error and pass it to `{{callback}}(err)`.',
    },
  },
  create(context) {
    const model = getFileModel(context);
    if (model === null) return {};
    const { provenance, catalog, sourceCode, settings } = model;
    const names = endingMethodNames(catalog);
    const propertyNames = cursorPropertyNames(catalog);
    /** cursor variables whose every use we have seen, keyed for the closing checks */
    const opened = new Map<Variable, ShapeValue>();
    /** cursor variables read to exhaustion by a loop that cannot exit early */
    const exhausted = new Set<Variable>();
    /** leases with cursors opened on them: lease → cursor variables */
    const cursorsOnLease = new Map<Variable, Variable[]>();

    const tracker = createPathTracker<Data>((frame) => {
      for (const event of frame.events) if (event.data.kind === 'open') check(frame, event as PathEvent<Open>);
    });



    function cursorVariable(node: Node): Variable | null {
      const inner = skipWrappers(node);
      // `cursor.map(fn).sort(…)`: builders that return the same cursor
      if (inner.type === 'CallExpression' && inner.callee.type === 'MemberExpression') {
        const base = cursorVariable(inner.callee.object);
        const method = memberKey(inner.callee);
        if (base === null || method === null) return null;
        const ref = opened.get(base)!.ref;
        return (ref.shape.produces ?? []).some((p) => p.method === method && catalog.shape(ref.driver, p.shape)?.shape === ref.shape) ? base : null;
      }
      if (inner.type !== 'Identifier') return null;
      const variable = provenance.findVariable(inner);
      return variable !== null && opened.has(variable) ? variable : null;
    }

    function open(node: Node, value: ShapeValue, variable: Variable, opening: Node, fromProperty = false): void {
      opened.set(variable, value);
      tracker.record(node, { kind: 'open', node, value, variable, ...(fromProperty ? { fromProperty } : {}) });
      const lease = sourceLease(opening, provenance);
      if (lease !== null) cursorsOnLease.set(lease, [...(cursorsOnLease.get(lease) ?? []), variable]);
    }

    function onOpening(node: TSESTree.CallExpression | TSESTree.NewExpression): void {
      const opening = cursorOpening(node, provenance);
      if (opening === null) return;
      if (opening.submittedTo?.ref.shape.role === 'pool') {
        context.report({ node, messageId: 'submittedToPool', data: { method: opening.submitMethod! } });
        return;
      }
      const binding = bindingOf(node, opening.value);
      if (binding.kind === 'bare') {
        context.report({ node, messageId: 'discarded', data: {} });
        return;
      }
      if (binding.kind === 'variable') open(node, opening.value, binding.variable, node);
    }

    /** `const rs = (await conn.execute(…, { resultSet: true })).resultSet` / `const { resultSet } = await …` */
    function onDeclarator(node: TSESTree.VariableDeclarator): void {
      if (node.init == null) return;
      const declaration = node.parent;
      if (declaration.kind === 'using' || declaration.kind === 'await using') return;
      const targets: TSESTree.Identifier[] = [];
      if (node.id.type === 'Identifier') {
        const init = skipWrappers(node.init);
        if (init.type === 'MemberExpression' && propertyNames.has(memberKey(init) ?? '')) targets.push(node.id);
      } else if (node.id.type === 'ObjectPattern') {
        for (const property of node.id.properties) {
          if (property.type !== 'Property' || property.computed || property.value.type !== 'Identifier') continue;
          const key = property.key.type === 'Identifier' ? property.key.name : null;
          if (key !== null && propertyNames.has(key)) targets.push(property.value);
        }
      }
      for (const id of targets) {
        const variable = provenance.findVariable(id);
        const value = variable ? provenance.variableShape(variable) : null;
        if (variable === null || value === null || value.ref.shape.role !== 'cursor' || value.origin === null) continue;
        open(node, value, variable, value.origin, true);
      }
    }

    /** A call on or with a cursor variable that closes it, or a lease release. */
    function onCall(node: TSESTree.CallExpression): void {
      const callee = skipWrappers(node.callee);
      if (callee.type === 'MemberExpression') {
        const variable = cursorVariable(callee.object);
        const method = memberKey(callee);
        if (variable !== null && method !== null) {
          const shape = opened.get(variable)!.ref.shape;
          if (closingMethods(shape).includes(method)) {
            tracker.record(node, { kind: 'close', variable, call: node, complete: true });
          } else if ((shape.consumers ?? []).includes(method)) {
            tracker.record(node, { kind: 'close', variable, call: node, complete: isAwaited(node) });
          }
          return;
        }
      }
      if (isPipelineCall(node)) {
        checkStalledPipeline(node);
        for (const arg of node.arguments) {
          const variable = cursorVariable(arg);
          if (variable !== null) tracker.record(node, { kind: 'close', variable, call: null, complete: isAwaited(node) });
        }
        return;
      }
      const release = classifyReleaseCall(node, provenance, names);
      if (release !== null && cursorsOnLease.has(release.variable)) tracker.record(node, { kind: 'lease-release', lease: release.variable, call: node });
    }

    /** `pipeline(dbStream, new Transform({ transform: async (row, enc, cb) => { await save(row); cb(); } }))` */
    function checkStalledPipeline(call: TSESTree.CallExpression): void {
      const [source, ...steps] = call.arguments;
      if (source === undefined || !isDatabaseStreamSource(source, provenance)) return;
      for (const step of steps) {
        const fn = stallingStreamCallback(step);
        if (fn === null) continue;
        const key = fn.parent?.type === 'Property' && fn.parent.key.type === 'Identifier' ? fn.parent.key.name : 'transform';
        const callback = fn.params[fn.params.length - 1] as TSESTree.Identifier;
        context.report({ node: source, messageId: 'stalledPipeline', data: { step: key, line: String(fn.loc.start.line), callback: callback.name } });
        return;
      }
    }

    function onForOf(node: TSESTree.ForOfStatement): void {
      const variable = cursorVariable(node.right);
      if (variable !== null) tracker.record(node, { kind: 'close', variable, call: null, complete: true });
    }

    function onLoop(node: TSESTree.WhileStatement | TSESTree.DoWhileStatement | TSESTree.ForStatement): void {
      for (const variable of opened.keys()) {
        if (readsInLoopHead(node, variable) && !loopCanExitEarly(node)) exhausted.add(variable);
      }
    }

    function check(frame: PathFrame<Data>, event: PathEvent<Open>): void {
      const { variable, value } = event.data;
      if (exhausted.has(variable)) return;
      const holder = frame.node;
      if ((declaringFunction(variable) ?? sourceCode.ast) !== holder) return; // stored in outer state
      if (handedOn(variable, holder)) return;
      const closeMethod = closingMethods(value.ref.shape)[0];
      const name = variable.name;
      const closes = frame.events.filter((e): e is PathEvent<Close> => e.data.kind === 'close' && e.data.variable === variable);
      const closeCall = closes.find((c) => c.data.call !== null && closingMethods(value.ref.shape).includes(memberKey(skipWrappers(c.data.call.callee) as TSESTree.MemberExpression) ?? ''));
      const awaitClose = usesAwait(variable, holder) || (isFunction(holder) && holder.async && containsAwait(event.data.node));
      const closeText = closeCall ? `${sourceCode.getText(closeCall.data.call!)}` : closeMethod ? `${awaitClose ? 'await ' : ''}${name}.${closeMethod}()` : `for await (… of ${name})`;
      const data = { name, close: closeText };
      // a cursor read from a result's property may be unset: the `finally` (which also runs after an early
      // `return` that narrowed it) closes it through `?.`
      const dot = event.data.fromProperty === true ? '?.' : '.';
      const suggest = closeMethod ? suggestions(event.data, `${awaitClose ? 'await ' : ''}${name}${dot}${closeMethod}();`) : [];
      const reportNode = event.data.node;

      // a cursor that its lease's release closes (oracledb ResultSet): that release counts as its close
      const closedWithLease = value.ref.shape.closedWithLease === true;
      const leaseCloses = (e: PathEvent<Data>): boolean => closedWithLease && e.data.kind === 'lease-release' && (cursorsOnLease.get(e.data.lease) ?? []).includes(variable);
      const closedByLease = frame.events.some(leaseCloses);
      if (closes.every((c) => c.data.absent === true) && !closedByLease) {
        context.report(withFixPolicy({ node: reportNode, messageId: 'neverClosed', data, suggest }, settings));
        return;
      }
      const escape = frame.findEscape(event, (e) => (e.data.kind === 'close' && e.data.variable === variable) || leaseCloses(e));
      if (escape !== null) {
        if (escape.jump !== null) {
          context.report(withFixPolicy({ node: reportNode, messageId: 'skippedByJump', data: { ...data, jump: describeJump(escape.jump), line: String(escape.jump.loc.start.line) }, suggest }, settings));
        } else {
          context.report(withFixPolicy({ node: reportNode, messageId: 'skippedByBranch', data, suggest }, settings));
        }
        return;
      }
      // the lease it runs on is released before the cursor is finished (unless that release closes it)
      if (closedByLease && frame.events.some((e) => leaseCloses(e) && enclosingFinally(e.node, holder) !== null)) return;
      for (const release of closedWithLease ? [] : frame.events) {
        if (release.data.kind !== 'lease-release' || !(cursorsOnLease.get(release.data.lease) ?? []).includes(variable)) continue;
        if (enclosingFinally(release.node, holder) !== null) continue;
        if (frame.reaches(event, release, (e) => e.data.kind === 'close' && e.data.variable === variable && e.data.complete)) {
          context.report({
            node: release.data.call,
            messageId: 'leaseReleasedFirst',
            data: { release: `${sourceCode.getText(release.data.call.callee)}()`, lease: release.data.lease.name, name, line: String(reportNode.loc.start.line) },
          });
          return;
        }
      }
      checkExceptionSafety(event.data, closes, holder, data, suggest);
    }

    /** The first read that starts a lazy cursor (`await cursor.next()`), or null when the shape is not lazy or none is seen. */
    function firstLazyRead(openEvent: Open): TSESTree.CallExpression | null {
      return lazyOpenings(openEvent.variable, openEvent.value.ref.shape).find((call) => call.range[0] >= openEvent.node.range[1]) ?? null;
    }

    function checkExceptionSafety(
      openEvent: Open,
      closes: Array<PathEvent<Close>>,
      holder: Node,
      data: { name: string; close: string },
      suggest: Array<TSESLint.SuggestionReportDescriptor<MessageIds>>,
    ): void {
      if (closes.some((c) => enclosingFinally(c.node, holder) !== null)) return;
      // `for await` and `pipeline()` close on every exit, exceptions included
      if (closes.some((c) => c.data.call === null)) return;
      const first = closes[0];
      // closed only by its lease's release (oracledb): whether that runs on every path is require-release's finding
      if (first === undefined) return;
      // a lazy cursor holds nothing until its first read: the gap starts there (none when that read closes it)
      const start = firstLazyRead(openEvent);
      if (start === first.data.call) return;
      const between = statementsBetween(start ?? openEvent.node, first.node);
      if (between === null || !between.some((s) => mayThrow(s))) return;
      const fix = closes.length === 1 && first.data.call !== null ? moveIntoFinallyFix(sourceCode, openEvent.node, first.data.call) : null;
      context.report({
        node: openEvent.node,
        messageId: 'notExceptionSafe',
        data: { name: data.name, close: sourceCode.getText(first.node), line: String(first.node.loc.start.line) },
        ...(fix ? { fix } : {}),
        suggest: fix ? [] : suggest,
      });
    }

    /** Wrap the rest of the block in `try/finally`; existing top-level closes move into the `finally`. */
    function suggestions(openEvent: Open, finalizer: string): Array<TSESLint.SuggestionReportDescriptor<MessageIds>> {
      const statement = blockStatementOf(openEvent.node);
      if (statement === null) return [];
      const following = followingStatements(statement);
      if (following === null || following.length === 0) return [];
      const allCloses = closingCallsOf(openEvent.variable, openEvent.value);
      const topLevel = new Set(following.filter((s) => allCloses.some((c) => statementOfCall(c) === s)));
      if (topLevel.size !== allCloses.length || following.length === topLevel.size) return [];
      const text = topLevel.size > 0 ? movedCloseText([...topLevel][0]!, allCloses, openEvent.fromProperty === true) : finalizer;
      return [{ messageId: 'closeInFinally', data: { close: text }, fix: (fixer) => wrapInTryFinally(fixer, sourceCode, following, text, topLevel) }];
    }

    /** The text of a close statement moved into the `finally`; `rs.close()` becomes `rs?.close()` when `rs` may be unset. */
    function movedCloseText(statement: Node, closes: readonly TSESTree.CallExpression[], guard: boolean): string {
      const text = sourceCode.getText(statement);
      const call = closes.find((c) => statementOfCall(c) === statement);
      const member = call ? skipWrappers(call.callee) : null;
      if (!guard || member?.type !== 'MemberExpression' || member.optional || member.computed) return text;
      const at = member.object.range[1] - statement.range[0];
      return `${text.slice(0, at)}?${text.slice(at)}`;
    }

    function closingCallsOf(variable: Variable, value: ShapeValue): TSESTree.CallExpression[] {
      const calls: TSESTree.CallExpression[] = [];
      for (const reference of variable.references) {
        const member = reference.identifier.parent;
        if (member?.type !== 'MemberExpression' || member.object !== reference.identifier) continue;
        const call = member.parent;
        if (call?.type === 'CallExpression' && call.callee === member && closingMethods(value.ref.shape).includes(memberKey(member) ?? '')) calls.push(call);
      }
      return calls;
    }

    function statementOfCall(call: Node): Node | null {
      const parent = call.parent?.type === 'AwaitExpression' ? call.parent.parent : call.parent;
      return parent?.type === 'ExpressionStatement' ? parent : null;
    }

    /**
     * Handed on: returned, stored, passed to an ownership function (findHandOff), passed to any
     * other call (a response helper, `Readable.from`), given to stream listeners or `pipe()`, or
     * used inside a nested function (a listener or callback may close it).
     */
    function handedOn(variable: Variable, holder: Node): boolean {
      if (findHandOff(variable, holder, ownershipOptions(provenance, settings, names))) return true;
      for (const reference of variable.references) {
        const id = reference.identifier as Node;
        if (reference.init) continue;
        if (holderOf(id) !== holder) return true;
        let node = id;
        while (node.parent && (node.parent.type === 'TSAsExpression' || node.parent.type === 'TSNonNullExpression' || node.parent.type === 'ChainExpression')) node = node.parent;
        const parent = node.parent;
        if ((parent?.type === 'CallExpression' || parent?.type === 'NewExpression') && parent.callee !== node) {
          if (!(parent.type === 'CallExpression' && isPipelineCall(parent))) return true;
        }
        if (parent?.type === 'MemberExpression' && parent.object === node && STREAM_HAND_OFF_METHODS.has(memberKey(parent) ?? '')) return true;
        if (parent?.type === 'AssignmentExpression' && parent.right === node) return true;
        if (parent?.type === 'VariableDeclarator' && parent.init === node) return true; // an alias
        if (parent?.type === 'ReturnStatement' || parent?.type === 'YieldExpression' || parent?.type === 'Property' || parent?.type === 'ArrayExpression') return true;
      }
      return false;
    }

    /** Whether some use of the cursor is awaited (`await cursor.read(100)`): then its close returns a promise too. */
    function usesAwait(variable: Variable, holder: Node): boolean {
      if (!isFunction(holder) || !holder.async) return false;
      return variable.references.some((r) => {
        let node: Node = r.identifier;
        while (node.parent && (node.parent.type === 'MemberExpression' || node.parent.type === 'CallExpression') && isInside(r.identifier, node.parent)) {
          if (node.parent.type === 'CallExpression' && node.parent.callee !== node) break;
          node = node.parent;
        }
        return node.parent?.type === 'AwaitExpression';
      });
    }

    function bindingOf(call: Node, value: ShapeValue): { kind: 'variable'; variable: Variable } | { kind: 'bare' | 'other' } {
      let node = call;
      for (;;) {
        const parent = node.parent!;
        if (parent.type === 'AwaitExpression' || parent.type === 'TSNonNullExpression' || parent.type === 'TSAsExpression' || parent.type === 'ChainExpression' || parent.type === 'TSSatisfiesExpression') {
          node = parent;
          continue;
        }
        if (parent.type === 'VariableDeclarator' && parent.init === node) {
          const declaration = parent.parent;
          if (declaration.kind === 'using' || declaration.kind === 'await using') return { kind: 'other' };
          if (parent.id.type !== 'Identifier') return { kind: 'other' };
          const variable = sourceCode.getDeclaredVariables(parent)[0];
          return variable ? { kind: 'variable', variable } : { kind: 'other' };
        }
        if (parent.type === 'AssignmentExpression' && parent.right === node && parent.operator === '=' && parent.left.type === 'Identifier') {
          const variable = provenance.findVariable(parent.left);
          // only a local `let` assigned once here: anything else may be closed elsewhere
          if (variable === null || variable.references.filter((r) => r.isWrite()).length !== 1) return { kind: 'other' };
          return { kind: 'variable', variable };
        }
        if (parent.type === 'ExpressionStatement') return closableLater(value) ? { kind: 'bare' } : { kind: 'other' };
        return { kind: 'other' };
      }
    }

    /** A dropped cursor is a leak only when it is open from the start (a submitted cursor) or closes nothing lazily. */
    function closableLater(value: ShapeValue): boolean {
      return closingMethods(value.ref.shape).length > 0;
    }

    function containsAwait(node: Node): boolean {
      // the opening expression (a declarator's init, or the call's own binding) awaits its result
      let current: Node | null | undefined = node.type === 'VariableDeclarator' ? node.init : node.parent;
      for (let i = 0; current && i < 4; i++) {
        if (current.type === 'AwaitExpression') return true;
        if (current.type === 'MemberExpression' || current.type === 'TSAsExpression' || current.type === 'TSNonNullExpression') current = current.type === 'MemberExpression' ? current.object : current.expression;
        else return false;
      }
      return false;
    }

    function isAwaited(node: Node): boolean {
      let current = node;
      while (current.parent && (current.parent.type === 'TSAsExpression' || current.parent.type === 'TSNonNullExpression' || current.parent.type === 'ChainExpression')) current = current.parent;
      const parent = current.parent;
      return parent?.type === 'AwaitExpression' || parent?.type === 'ReturnStatement' || (parent?.type === 'ArrowFunctionExpression' && parent.body === current);
    }

    /** `if (!rs) return …` / `if (rs === undefined) …`: on that branch there is no cursor to close */
    const absentBranches = new Map<Node, Variable>();

    function onIf(node: TSESTree.IfStatement): void {
      const tested = absenceTest(node.test);
      if (tested === null) return;
      const variable = provenance.findVariable(tested);
      if (variable !== null && opened.has(variable)) absentBranches.set(node.consequent, variable);
    }

    function onAbsentBranch(node: Node): void {
      const variable = absentBranches.get(node);
      if (variable !== undefined) tracker.record(node, { kind: 'close', variable, call: null, complete: true, absent: true });
    }

    return mergeListeners(tracker.listeners, {
      IfStatement: onIf,
      'IfStatement > BlockStatement.consequent': onAbsentBranch,
      'IfStatement > ReturnStatement.consequent': onAbsentBranch,
      'IfStatement > ThrowStatement.consequent': onAbsentBranch,
      'IfStatement > ExpressionStatement.consequent': onAbsentBranch,
      'CallExpression:exit': (node: TSESTree.CallExpression) => {
        onCall(node);
        onOpening(node);
      },
      'NewExpression:exit': onOpening,
      'VariableDeclarator:exit': onDeclarator,
      ForOfStatement: onForOf,
      'WhileStatement:exit': onLoop,
      'DoWhileStatement:exit': onLoop,
      'ForStatement:exit': onLoop,
    });
  },
});

/** The identifier an `if` test finds absent: `!x`, `x == null`, `x === undefined`, `x === null`. */
function absenceTest(test: Node): TSESTree.Identifier | null {
  const inner = skipWrappers(test);
  if (inner.type === 'UnaryExpression' && inner.operator === '!') {
    const argument = skipWrappers(inner.argument);
    return argument.type === 'Identifier' ? argument : null;
  }
  if (inner.type !== 'BinaryExpression' || !['==', '==='].includes(inner.operator)) return null;
  const nullish = (n: Node): boolean => (n.type === 'Literal' && n.value === null) || (n.type === 'Identifier' && n.name === 'undefined');
  const [a, b] = [skipWrappers(inner.left), skipWrappers(inner.right)];
  if (a.type === 'Identifier' && nullish(b)) return a;
  if (b.type === 'Identifier' && nullish(a)) return b;
  return null;
}
