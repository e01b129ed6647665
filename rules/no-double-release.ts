import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { declaringFunction, holderOf, isFunction, isInside, skipWrappers } from '../src/analysis/ast.js';
import { createPathTracker, mergeListeners, type PathEvent, type PathFrame } from '../src/analysis/code-paths.js';
import { enclosingFinally } from '../src/analysis/exception-safety.js';
import { getFileModel } from '../src/analysis/file-model.js';
import { isPromiseQuery, promiseFate } from '../src/analysis/in-use.js';
import { memberKey, type ShapeValue } from '../src/analysis/provenance.js';
import { finallyReleasesOnJump, mayThrowAfterInTry, releaseOnceGuard, tryToCatch } from '../src/analysis/release-sites.js';
import { anchorIn, classifyReleaseCall, endingMethods, endingMethodNames, OWNED_ROLES, type AnchorKind, type ReleaseCall } from '../src/analysis/releases.js';
import { createRule } from '../src/create-rule.js';
import { withFixPolicy } from '../src/fixes/policy.js';

type Node = TSESTree.Node;
type Variable = TSESLint.Scope.Variable;

export type MessageIds = 'releasedTwice' | 'releasedAgainInLoop' | 'usedAfterRelease' | 'pendingAtRelease' | 'removeEarlierRelease' | 'awaitQuery';

interface Release {
  readonly kind: 'release';
  readonly variable: Variable;
  /** the release call (for an anchored release: one of the calls inside the callback) */
  readonly call: TSESTree.CallExpression;
  /** the release as shown in messages: `client.release()`, `pool.release(resource)` */
  readonly calleeText: string;
  /** `direct`, or how the callback that holds the release relates to this function */
  readonly anchor: AnchorKind | 'direct';
  readonly event?: string;
  /** `jump`: the `finally` a `break`/`continue` runs (the real call is elsewhere) */
  readonly synthetic?: 'jump';
  /** the flag of the release-once guard around it */
  readonly guard?: string;
}

interface Use {
  readonly kind: 'use';
  readonly variable: Variable;
  readonly call: TSESTree.CallExpression;
  /** the promise of this query is neither awaited nor handed on */
  readonly pending: boolean;
  readonly awaited: boolean;
}

/** the variable gets a new value (a new acquisition, a reassignment): earlier releases no longer apply */
interface Rebind {
  readonly kind: 'rebind';
  readonly variable: Variable;
}

type Data = Release | Use | Rebind;

export default createRule<[], MessageIds>({
  name: 'no-double-release',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow releasing a lease twice on one path, and using it after its release',
      recommended: 'recommended',
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: [],
    messages: {
      releasedTwice: '`{{release}}` releases `{{name}}` a second time on one path: `{{first}}` at line {{line}} releases it too; keep a single release that runs once on every path.',
      releasedAgainInLoop: '`{{release}}` runs on every iteration of the loop, but `{{name}}` is acquired once, before the loop; it is released again on the next iteration.',
      usedAfterRelease: '`{{use}}` runs after `{{release}}` at line {{line}} has released `{{name}}` on some path; by then the connection may belong to another caller.',
      pendingAtRelease: 'This query is not awaited, so it is still running when `{{release}}` at line {{line}} gives `{{name}}` back; `await` it first.',
      removeEarlierRelease: 'Remove the earlier `{{first}}` at line {{line}} and keep the one in `finally`.',
      awaitQuery: 'Await the query.',
    },
  },
  create(context) {
    const model = getFileModel(context);
    if (model === null) return {};
    const { provenance, catalog, sourceCode, settings } = model;
    const names = endingMethodNames(catalog);
    /** anchored releases waiting for the call in the holding function that receives their callback */
    const anchored = new Map<Node, Release[]>();
    /** release-once guards: the release call → the flag */
    const guarded = new Map<Node, string>();

    const tracker = createPathTracker<Data>(onEnd);


    function holderOfVariable(variable: Variable): Node {
      return declaringFunction(variable) ?? sourceCode.ast;
    }

    /** A lease or direct connection variable this rule follows. */
    function tracked(variable: Variable | null): ShapeValue | null {
      if (variable === null) return null;
      const value = provenance.variableShape(variable);
      if (value === null || value.promise || value.scoped === 'managed' || !OWNED_ROLES.has(value.ref.shape.role)) return null;
      return value;
    }

    function onCall(node: TSESTree.CallExpression): void {
      const release = classifyReleaseCall(node, provenance, names);
      // the call itself runs before the callbacks it is given
      const use = release === null ? useOf(node) : null;
      if (use !== null) tracker.record(node, use);
      onAnchor(node);
      if (release !== null) recordRelease(release);
      else recordOwningCall(node);
    }

    /**
     * With type information, passing the lease to a function that takes ownership of it (its JSDoc
     * says `@releases`, or its body releases the parameter) releases it: releasing it again after
     * that call is a second release.
     */
    function recordOwningCall(node: TSESTree.CallExpression): void {
      node.arguments.forEach((arg, index) => {
        const inner = skipWrappers(arg);
        if (inner.type !== 'Identifier') return;
        const variable = provenance.findVariable(inner);
        if (tracked(variable) === null || !provenance.takesOwnership(node, index)) return;
        const calleeText = `${sourceCode.getText(node.callee)}(${inner.name})`;
        tracker.record(node, { kind: 'release', variable: variable!, call: node, calleeText, anchor: 'direct' });
      });
    }

    /** Releases inside callbacks given to this call: one event per variable (releases within one callback are checked in its own paths). */
    function onAnchor(node: TSESTree.CallExpression | TSESTree.NewExpression): void {
      const waiting = anchored.get(node);
      if (waiting === undefined) return;
      anchored.delete(node);
      const seen = new Set<Variable>();
      for (const release of waiting) {
        if (seen.has(release.variable)) continue;
        seen.add(release.variable);
        tracker.record(node, release);
      }
    }

    function recordRelease(release: ReleaseCall): void {
      const variable = release.variable;
      // leases and direct connections only (ending a pool twice is another matter)
      if (tracked(variable) === null) return;
      const holder = holderOfVariable(variable);
      const data: Release = { kind: 'release', variable, call: release.call, calleeText: shown(release), anchor: 'direct', guard: guarded.get(release.call) };
      // in the function that runs it: releases twice within one callback
      tracker.record(release.call, data);
      if (holderOf(release.call) === holder) return;
      const anchor = anchorIn(release.call, holder, provenance);
      if (anchor === null || anchor.kind === 'captured') return;
      const list = anchored.get(anchor.node) ?? [];
      list.push({ ...data, anchor: anchor.kind, event: anchor.event });
      anchored.set(anchor.node, list);
    }

    /** `client.release()`, `done()`, `pool.release(resource)` (a release that takes the resource shows it). */
    function shown(release: ReleaseCall): string {
      const args = release.call.arguments;
      const takesResource = args.length === 1 && args[0]!.type === 'Identifier' && provenance.findVariable(args[0]!) === release.variable;
      return `${release.calleeText}(${takesResource ? sourceCode.getText(args[0]) : ''})`;
    }

    /** `client.query(…)` and other calls of the lease's own methods (not its release). */
    function useOf(call: TSESTree.CallExpression): Use | null {
      const callee = skipWrappers(call.callee);
      if (callee.type !== 'MemberExpression') return null;
      const object = skipWrappers(callee.object);
      if (object.type !== 'Identifier') return null;
      const method = memberKey(callee);
      if (method === null) return null;
      const variable = provenance.findVariable(object);
      const value = tracked(variable);
      if (value === null || endingMethods(value.ref.shape).includes(method) || (value.ref.shape.statusMethods ?? []).includes(method)) return null;
      const shape = value.ref.shape;
      const isQuery = (shape.queries ?? []).includes(method) && (shape.queryResult ?? 'promise') === 'promise' && isPromiseQuery(call, provenance);
      const fate = isQuery ? promiseFate(call) : 'other';
      return { kind: 'use', variable: variable!, call, pending: isQuery && fate === 'floating', awaited: fate === 'awaited' };
    }

    function onRebind(id: Node, variable: Variable | null): void {
      if (id.type === 'Identifier' && tracked(variable) !== null) tracker.record(id, { kind: 'rebind', variable: variable! });
    }

    /** The variable a declarator declares, from the scope manager (no scope search per declaration). */
    function declaredVariable(declarator: TSESTree.VariableDeclarator, id: TSESTree.Identifier): Variable | null {
      return sourceCode.getDeclaredVariables(declarator).find((v) => v.identifiers.includes(id)) ?? null;
    }

    function onJump(node: TSESTree.BreakStatement | TSESTree.ContinueStatement): void {
      for (const release of finallyReleasesOnJump(node, provenance, names)) {
        if (holderOf(release.call) !== holderOf(node)) continue;
        tracker.record(node, { kind: 'release', variable: release.variable, call: release.call, calleeText: shown(release), anchor: 'direct', synthetic: 'jump' });
      }
    }

    function onIf(node: TSESTree.IfStatement): void {
      const guard = releaseOnceGuard(node, provenance, names);
      if (guard !== null) guarded.set(guard.release.call, guard.flag);
    }

    function onEnd(frame: PathFrame<Data>): void {
      const byVariable = new Map<Variable, Array<PathEvent<Data>>>();
      for (const event of frame.events) {
        const list = byVariable.get(event.data.variable) ?? [];
        list.push(event);
        byVariable.set(event.data.variable, list);
      }
      for (const [variable, events] of byVariable) {
        const releases = events.filter((e): e is PathEvent<Release> => e.data.kind === 'release');
        if (releases.length === 0) continue;
        const rebinds = (e: PathEvent<Data>): boolean => e.data.kind === 'rebind' && e.data.variable === variable;
        checkDoubleReleases(frame, variable, releases, rebinds);
        checkUses(frame, variable, releases, events.filter((e): e is PathEvent<Use> => e.data.kind === 'use'), rebinds);
      }
    }

    function checkDoubleReleases(frame: PathFrame<Data>, variable: Variable, releases: Array<PathEvent<Release>>, rebinds: (e: PathEvent<Data>) => boolean): void {
      const real = releases.filter((r) => r.data.synthetic === undefined);
      const reported = new Set<Node>();
      for (const second of real) {
        if (reported.has(second.data.call)) continue;
        for (const first of real) {
          if (first !== second && first.data.call === second.data.call) continue;
          if (excused(first.data, second.data)) continue;
          if (!frame.reaches(first, second, rebinds)) continue;
          reported.add(second.data.call);
          const release = second.data.calleeText;
          if (first === second) {
            context.report({ node: second.data.call, messageId: 'releasedAgainInLoop', data: { release, name: variable.name } });
          } else {
            const firstText = first.data.calleeText;
            const line = String(first.data.call.loc.start.line);
            const suggest = removeFirst(first.data, second.data, firstText, line);
            context.report(
              withFixPolicy({ node: second.data.call, messageId: 'releasedTwice', data: { release, name: variable.name, first: firstText, line }, suggest }, settings),
            );
          }
          break;
        }
      }
    }

    /** Pairs that cannot both run: exclusive listeners and callbacks, a release-once guard, the `try` → `catch` edge after a final release. */
    function excused(first: Release, second: Release): boolean {
      if (first.anchor !== 'direct' && second.anchor !== 'direct') {
        if (first.event !== undefined && second.event !== undefined) {
          if (first.event !== second.event && first.event !== 'close' && second.event !== 'close') return true;
        } else if (new Set([first.anchor, second.anchor]).size === 2 && [first.anchor, second.anchor].every((a) => a === 'maybe' || a === 'failure')) {
          return true;
        }
      }
      if (second.guard !== undefined && (first.guard === second.guard || setsFlagNear(first.call, second.guard))) return true;
      return afterLastThrow(first.call, second.call);
    }

    /** `a` is the last thing that can throw in a `try` block and `b` is in its `catch`: the implicit edge cannot be taken after `a`. */
    function afterLastThrow(a: Node, b: Node): boolean {
      const tryStatement = tryToCatch(a, b);
      return tryStatement !== null && !mayThrowAfterInTry(a, tryStatement, new Set([a]));
    }

    /** `released = true` in the block that holds the release. */
    function setsFlagNear(call: Node, flag: string): boolean {
      let statement: Node = call;
      while (statement.parent && statement.parent.type !== 'BlockStatement' && statement.parent.type !== 'Program' && !isFunction(statement.parent)) statement = statement.parent;
      const block = statement.parent;
      if (block?.type !== 'BlockStatement' && block?.type !== 'Program') return false;
      return (block.body as Node[]).some(
        (s) =>
          s.type === 'ExpressionStatement' &&
          s.expression.type === 'AssignmentExpression' &&
          sourceCode.getText(s.expression.left) === flag &&
          s.expression.right.type === 'Literal' &&
          s.expression.right.value === true,
      );
    }

    function removeFirst(first: Release, second: Release, firstText: string, line: string): Array<TSESLint.SuggestionReportDescriptor<MessageIds>> {
      const statement = first.call.parent;
      if (first.anchor !== 'direct' || second.anchor !== 'direct' || statement?.type !== 'ExpressionStatement' || statement.expression !== first.call) return [];
      const tryStatement = enclosingFinally(second.call, holderOf(second.call));
      if (tryStatement === null || !(isInside(first.call, tryStatement.block) || (tryStatement.handler !== null && isInside(first.call, tryStatement.handler)))) return [];
      const parent = statement.parent;
      if (parent?.type !== 'BlockStatement') return [];
      return [
        {
          messageId: 'removeEarlierRelease',
          data: { first: firstText, line },
          fix: (fixer) => {
            const before = sourceCode.getTokenBefore(statement, { includeComments: true });
            const start = before ? before.range[1] : statement.range[0];
            return fixer.removeRange([start, statement.range[1]]);
          },
        },
      ];
    }

    function checkUses(
      frame: PathFrame<Data>,
      variable: Variable,
      releases: Array<PathEvent<Release>>,
      uses: Array<PathEvent<Use>>,
      rebinds: (e: PathEvent<Data>) => boolean,
    ): void {
      const before = releases.filter((r) => r.data.anchor === 'direct' || r.data.anchor === 'finally' || r.data.anchor === 'always');
      for (const use of uses) {
        const release = before.find((r) => !afterLastThrow(r.data.call, use.data.call) && frame.reaches(r, use, rebinds));
        if (release === undefined) continue;
        const callee = skipWrappers(use.data.call.callee);
        context.report({
          node: use.data.call,
          messageId: 'usedAfterRelease',
          data: { use: `${sourceCode.getText(callee)}()`, release: release.data.calleeText, line: String(release.data.call.loc.start.line), name: variable.name },
        });
      }
      // a query still running when the release runs (a later awaited query on the lease waits for it: drivers queue them)
      const awaitedUses = new Set(uses.filter((u) => u.data.awaited));
      for (const use of uses) {
        if (!use.data.pending) continue;
        const blocks = (e: PathEvent<Data>): boolean => rebinds(e) || awaitedUses.has(e as PathEvent<Use>);
        const release = releases.find((r) => r.data.anchor === 'direct' && r.data.synthetic === undefined && frame.reaches(use, r, blocks));
        if (release === undefined) continue;
        const statement = use.data.call.parent;
        const fn = holderOf(use.data.call);
        const suggest: Array<TSESLint.SuggestionReportDescriptor<MessageIds>> =
          statement?.type === 'ExpressionStatement' && statement.expression === use.data.call && isFunction(fn) && fn.async
            ? [{ messageId: 'awaitQuery', fix: (fixer) => fixer.insertTextBefore(use.data.call, 'await ') }]
            : [];
        context.report(
          withFixPolicy(
            {
              node: use.data.call,
              messageId: 'pendingAtRelease',
              data: { release: release.data.calleeText, line: String(release.data.call.loc.start.line), name: variable.name },
              suggest,
            },
            settings,
          ),
        );
      }
    }

    return mergeListeners(tracker.listeners, {
      IfStatement: onIf,
      'CallExpression:exit': onCall,
      'NewExpression:exit': onAnchor,
      'VariableDeclarator:exit'(node: TSESTree.VariableDeclarator) {
        if (node.init !== null && node.id.type === 'Identifier') onRebind(node.id, declaredVariable(node, node.id));
      },
      'AssignmentExpression:exit'(node: TSESTree.AssignmentExpression) {
        if (node.left.type === 'Identifier') onRebind(node.left, provenance.findVariable(node.left));
      },
      BreakStatement: onJump,
      ContinueStatement: onJump,
    });
  },
});
