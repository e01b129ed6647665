import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { declaringFunction, holderOf, isFunction, isInside, promiseStaticMethod, skipWrappers } from '../src/analysis/ast.js';
import { createPathTracker, describeJump, mergeListeners, type Escape, type PathEvent, type PathFrame } from '../src/analysis/code-paths.js';
import { catchCoverage, finallyCoverage, inCatchClause, lazyOpenings, mayRejectOrThrow, mayThrow, mayThrowInPractice, type SafeCall } from '../src/analysis/exception-safety.js';
import { getFileModel } from '../src/analysis/file-model.js';
import { isTestFile, runsOncePerProcess } from '../src/analysis/handlers.js';
import { loopContext } from '../src/analysis/loops.js';
import { isSubscriber } from '../src/analysis/pools.js';
import { openCursorsAt, pendingInTry } from '../src/analysis/in-use.js';
import { findHandOff, ownershipOptions, type HandOff } from '../src/analysis/ownership.js';
import { memberKey, type ShapeValue } from '../src/analysis/provenance.js';
import type { ShapeSpec } from '../src/catalog/types.js';
import { finallyReleasesOnJump, nullGuardedRelease, releaseOnceGuard, triedRelease } from '../src/analysis/release-sites.js';
import { anchorIn, classifyReleaseCall, endingMethodNames, RELEASED_ROLES, type AnchorKind, type ReleaseCall } from '../src/analysis/releases.js';
import { createRule } from '../src/create-rule.js';
import { awaitUsingRuns } from '../src/fixes/await-using.js';
import { withFixPolicy } from '../src/fixes/policy.js';
import { blockStatementOf, moveIntoFinallyFix, statementsBetween } from '../src/fixes/statements.js';
import { followingStatements, removeStatementLine, wrapInTryFinally } from '../src/fixes/try-finally.js';

type Node = TSESTree.Node;
type Variable = TSESLint.Scope.Variable;

export type MessageIds =
  | 'neverReleased'
  | 'leakedBeforeReturn'
  | 'discarded'
  | 'skippedByJump'
  | 'skippedByBranch'
  | 'reacquiredInLoop'
  | 'releasedOnlyInCatch'
  | 'releasedInCallback'
  | 'notExceptionSafe'
  | 'finallyThrowsFirst'
  | 'unguardedRelease'
  | 'releasedWhilePending'
  | 'releasedBeforeCursorDone'
  | 'wrapInTryFinally'
  | 'awaitQuery'
  | 'useAwaitUsing'
  | 'guardRelease';

interface Acquire {
  readonly kind: 'acquire';
  readonly node: TSESTree.CallExpression | TSESTree.NewExpression | TSESTree.FunctionLike;
  readonly value: ShapeValue;
  /** the variable the resource is bound to (a callback-form parameter, for callback acquisitions) */
  readonly variable: Variable | null;
  readonly binding: 'variable' | 'bare' | 'disposed' | 'handed-off' | 'other';
  readonly callback: boolean;
}

interface Release {
  readonly kind: 'release';
  readonly variable: Variable;
  readonly release: ReleaseCall | null;
  /** how the release relates to the holding function's paths */
  readonly anchor: AnchorKind | 'direct' | 'error-guard' | 'nested';
  readonly event?: string;
  /** for a release inside callbacks: the callbacks between it and the holding function */
  readonly nestedIn?: readonly Node[];
  /** not a call of its own: the `finally` a `break`/`continue` runs, or a release-once guard */
  readonly synthetic?: 'jump' | 'guard';
}

/** the start of a callback, so paths inside it can be checked */
interface Enter {
  readonly kind: 'enter';
}

type Data = Acquire | Release | Enter;


export default createRule<[], MessageIds>({
  name: 'require-release',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require leases and direct connections to be released on every path out of the function that acquired them',
      recommended: 'recommended',
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: [],
    messages: {
      neverReleased: '`{{name}}` is acquired here but never released; release it with `{{release}}` on every path.',
      leakedBeforeReturn:
        '`{{name}}` is returned to the caller at line {{line}}, but when something before that `return` throws, nobody has it and nobody releases it; release it with `{{release}}` in a `catch` that rethrows.',
      discarded: 'This {{role}} is acquired and then dropped, so it can never be released.',
      skippedByJump: '{{jump}} at line {{line}} leaves with `{{name}}` still held: `{{release}}` is skipped on that path.',
      skippedByBranch: 'A path through this function reaches its end without `{{release}}`: `{{name}}` is released in some branches only.',
      reacquiredInLoop: 'The loop comes back to line {{line}} and acquires again while `{{name}}` is still held; release it before the next iteration.',
      releasedOnlyInCatch: '`{{name}}` is released only in `catch`, so every call that succeeds leaks it; release it in `finally`.',
      releasedInCallback: '`{{release}}` runs only inside a callback that may never run ({{where}}), so `{{name}}` can leak.',
      notExceptionSafe: '`{{release}}` at line {{line}} is skipped when something between the acquisition and the release throws; release `{{name}}` in `finally`.',
      finallyThrowsFirst: 'The `finally` block runs a statement that can throw (line {{line}}) before `{{release}}`; if it throws, `{{name}}` leaks.',
      unguardedRelease: '`{{release}}` runs in `finally` even when the acquisition inside the `try` failed, and then throws on `undefined`; guard it with `?.`.',
      releasedWhilePending:
        'This query is returned without `await` inside the `try`, so `{{release}}` in the `finally` at line {{line}} gives `{{name}}` back while the query is still running; `await` it.',
      releasedBeforeCursorDone:
        'This {{what}} is neither consumed nor closed before `{{release}}` at line {{line}}, so `{{name}}` goes back to the pool while the {{what}} still uses it; finish or close it first.',
      awaitQuery: 'Await the query: `return await …`.',
      wrapInTryFinally: 'Wrap the rest of the block in `try { … } finally { {{release}} }`.',
      useAwaitUsing: 'Bind `{{name}}` with `await using` so it is disposed on every path.',
      guardRelease: 'Guard the release: `{{guarded}}`.',
    },
  },
  create(context) {
    const model = getFileModel(context);
    if (model === null) return {};
    const { provenance, catalog, sourceCode, settings } = model;
    const names = endingMethodNames(catalog);
    /** releases inside nested functions, waiting for the call in the holding function they hang on */
    const anchored = new Map<Node, Release[]>();
    /** `.then(…)` calls whose success callback releases these variables (for a `.catch` chained on them) */
    const releasedOnSuccess = new Map<Node, Set<Variable>>();
    /** callback-form guards: `if (err) return …` consequents, keyed by node, with the lease they free */
    const errorGuards = new Map<Node, Variable>();
    /** inside a callback, a path that skips the release of an outer resource: callback → variable → escape */
    const innerEscapes = new Map<Node, Map<Variable, Escape>>();

    const tracker = createPathTracker<Data>((frame) => {
      checkCallbackPaths(frame);
      // the releases of each variable, grouped once per function (not filtered per acquisition)
      const releasesOf = new Map<Variable, Array<PathEvent<Release>>>();
      for (const event of frame.events) {
        if (event.data.kind !== 'release' || event.data.anchor === 'nested') continue;
        const list = releasesOf.get(event.data.variable) ?? [];
        list.push(event as PathEvent<Release>);
        releasesOf.set(event.data.variable, list);
      }
      for (const event of frame.events) {
        if (event.data.kind === 'acquire') check(frame, event as PathEvent<Acquire>, releasesOf);
      }
    });

    function recordRelease(release: ReleaseCall): void {
      const variable = release.variable;
      const holder = declaringFunction(variable) ?? sourceCode.ast;
      if (holderOf(release.call) === holder) {
        tracker.record(release.call, { kind: 'release', variable, release, anchor: 'direct' });
        return;
      }
      tracker.record(release.call, { kind: 'release', variable, release, anchor: 'nested' });
      const anchor = anchorIn(release.call, holder, provenance);
      if (anchor === null) return;
      const nestedIn: Node[] = [];
      for (let fn = holderOf(release.call); fn !== holder && fn !== sourceCode.ast; fn = holderOf(fn)) nestedIn.push(fn);
      const list = anchored.get(anchor.node) ?? [];
      list.push({ kind: 'release', variable, release, anchor: anchor.kind, event: anchor.event, nestedIn });
      anchored.set(anchor.node, list);
    }

    /** In a callback that releases an outer resource, is the release on every path of the callback? */
    function checkCallbackPaths(frame: PathFrame<Data>): void {
      const enter = frame.events.find((e) => e.data.kind === 'enter');
      if (enter === undefined) return;
      const variables = new Set<Variable>();
      for (const e of frame.events) if (e.data.kind === 'release' && e.data.anchor === 'nested') variables.add(e.data.variable);
      for (const variable of variables) {
        const escape = frame.findEscape(enter, (e) => e.data.kind === 'release' && e.data.variable === variable);
        if (escape === null) continue;
        const map = innerEscapes.get(frame.node) ?? new Map<Variable, Escape>();
        map.set(variable, escape);
        innerEscapes.set(frame.node, map);
      }
    }

    function innerEscapeOf(release: Release): Escape | null {
      for (const fn of release.nestedIn ?? []) {
        const escape = innerEscapes.get(fn)?.get(release.variable);
        if (escape) return escape;
      }
      return null;
    }

    function onCall(node: TSESTree.CallExpression | TSESTree.NewExpression): void {
      const waiting = anchored.get(node);
      if (waiting !== undefined) {
        anchored.delete(node);
        // `.then(() => release(), () => release())`, `.then(() => release()).catch(() => release())`:
        // one of the two runs on every outcome
        const both = new Set(waiting.filter((r) => r.anchor === 'maybe' && r.event === undefined).map((r) => r.variable));
        const callee = node.type === 'CallExpression' ? skipWrappers(node.callee) : null;
        if (callee?.type === 'MemberExpression' && memberKey(callee) === 'catch') {
          for (const variable of releasedOnSuccess.get(skipWrappers(callee.object)) ?? []) both.add(variable);
        }
        if (both.size > 0) releasedOnSuccess.set(node, both);
        for (const release of waiting) {
          const covers = both.has(release.variable) && waiting.some((r) => r.variable === release.variable && r.anchor === 'failure' && r.event === undefined);
          tracker.record(node, covers ? { ...release, anchor: 'always' } : release);
        }
      }
      if (node.type === 'CallExpression') {
        const release = classifyReleaseCall(node, provenance, names);
        if (release !== null) {
          recordRelease(release);
          return;
        }
      }
      const value = provenance.shape(node);
      if (value === null || value.origin !== node || value.scoped || !RELEASED_ROLES.has(value.ref.shape.role)) return;
      const { binding, variable } = bindingOf(node);
      // a direct connection kept at module level is the process's long-lived client
      if (value.ref.shape.role === 'connection' && holderOf(node) === sourceCode.ast && binding === 'variable') return;
      tracker.record(node, { kind: 'acquire', node, value, variable, binding, callback: false });
    }

    function onFunction(fn: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression): void {
      if (fn.parent?.type === 'CallExpression' && fn.parent.callee !== fn) tracker.record(fn, { kind: 'enter' });
      for (const param of fn.params) {
        if (param.type !== 'Identifier') continue;
        const variable = provenance.findVariable(param);
        // a callback-scoped lease comes from the catalog's callback parameters: no type query for every parameter
        const value = variable ? provenance.variableSyntax(variable) : null;
        if (variable === null || value?.kind !== 'shape' || value.scoped !== 'callback' || !RELEASED_ROLES.has(value.ref.shape.role)) continue;
        tracker.record(fn, { kind: 'acquire', node: fn, value, variable, binding: 'variable', callback: true });
        const errorParam = fn.params[0];
        if (errorParam?.type === 'Identifier' && errorParam !== param) {
          const errorVariable = provenance.findVariable(errorParam);
          for (const ref of errorVariable?.references ?? []) {
            const guard = guardingIf(ref.identifier);
            if (guard !== null) errorGuards.set(guard.consequent, variable);
            // `if (!err) { …; conn.release() } else { … }`: the `else` is the error branch
            const negated = negatingIf(ref.identifier);
            if (negated?.alternate) errorGuards.set(negated.alternate, variable);
          }
        }
        // `if (conn) { …; conn.release() } else { cb(err) }`: on the `else` branch there is no connection
        for (const ref of variable.references) {
          const id = ref.identifier as Node;
          if (id.parent?.type === 'IfStatement' && id.parent.test === id && id.parent.alternate) errorGuards.set(id.parent.alternate, variable);
          const negated = negatingIf(id);
          if (negated !== null) errorGuards.set(negated.consequent, variable);
        }
      }
    }

    /** `break`/`continue` out of `try { … } finally { release }`: code path analysis skips the `finally`, so record its releases here. */
    function onJump(node: TSESTree.BreakStatement | TSESTree.ContinueStatement): void {
      for (const release of finallyReleasesOnJump(node, provenance, names)) {
        const holder = declaringFunction(release.variable) ?? sourceCode.ast;
        if (holderOf(release.call) !== holder || holderOf(node) !== holder) continue;
        tracker.record(node, { kind: 'release', variable: release.variable, release, anchor: 'direct', synthetic: 'jump' });
      }
    }

    /** `if (!released) { released = true; client.release() }`: every path through it has released. */
    function onIf(node: TSESTree.IfStatement): void {
      const release = releaseOnceGuard(node, provenance, names)?.release ?? nullGuardedRelease(node, provenance, names);
      if (release === null) return;
      const holder = declaringFunction(release.variable) ?? sourceCode.ast;
      if (holderOf(release.call) !== holder) return;
      tracker.record(node, { kind: 'release', variable: release.variable, release, anchor: 'direct', synthetic: 'guard' });
    }

    /** `try { await conn.close() } catch (e) { … }`: the path into the `catch` is a failed release. */
    function onTry(node: TSESTree.TryStatement): void {
      const release = triedRelease(node, provenance, names);
      if (release === null) return;
      const holder = declaringFunction(release.variable) ?? sourceCode.ast;
      if (holderOf(node) !== holder) return;
      tracker.record(node, { kind: 'release', variable: release.variable, release, anchor: 'direct', synthetic: 'guard' });
    }

    /** `client?.release()`: the short-circuit path is the one where nothing was acquired. */
    function onChain(node: TSESTree.ChainExpression): void {
      if (node.expression.type !== 'CallExpression') return;
      const release = classifyReleaseCall(node.expression, provenance, names);
      if (release === null) return;
      const holder = declaringFunction(release.variable) ?? sourceCode.ast;
      if (holderOf(node) !== holder) return;
      tracker.record(node, { kind: 'release', variable: release.variable, release, anchor: 'direct', synthetic: 'guard' });
    }

    function onGuard(node: Node): void {
      const variable = errorGuards.get(node);
      if (variable !== undefined) tracker.record(node, { kind: 'release', variable, release: null, anchor: 'error-guard' });
    }

    function check(frame: PathFrame<Data>, event: PathEvent<Acquire>, releasesOf: ReadonlyMap<Variable, Array<PathEvent<Release>>>): void {
      const acquire = event.data;
      const reportNode = acquire.callback ? callbackParamNode(acquire) : acquire.node;
      const role = acquire.value.ref.shape.role === 'connection' ? 'direct connection' : acquire.value.ref.shape.role;
      if (acquire.binding === 'bare') {
        context.report({ node: reportNode, messageId: 'discarded', data: { role } });
        return;
      }
      if (acquire.binding !== 'variable' || acquire.variable === null) return;
      const variable = acquire.variable;
      const holder = frame.node;
      const name = variable.name;
      if (!acquire.callback && declaringFunction(variable) !== (holder.type === 'Program' ? null : holder)) return; // stored in outer state
      const handOff = findHandOff(variable, holder, ownershipOptions(provenance, settings, names));
      if (handOff !== null) {
        checkGapBeforeReturn(acquire, variable, handOff, holder);
        return;
      }

      const releases = releasesOf.get(variable) ?? [];
      if (keptAlive(acquire, variable, holder, releases)) return;
      const releaseText = releaseCode(acquire, false) ?? 'its release';
      const firstRelease = releases.find((r) => r.data.release !== null)?.data.release ?? null;
      const shownRelease = firstRelease ? shownCall(firstRelease) : releaseText;
      const data = { name, release: shownRelease };

      if (releases.filter((r) => r.data.anchor !== 'error-guard').length === 0) {
        if (capturedByClosure(variable, holder)) return;
        context.report(withFixPolicy({ node: reportNode, messageId: 'neverReleased', data: { name, release: releaseText }, suggest: suggestions(acquire) }, settings));
        return;
      }

      const listenerEvents = new Set(releases.filter((r) => r.data.event !== undefined).map((r) => r.data.event));
      const coveredByListeners = [...listenerEvents].some((e) => e === 'end' || e === 'finish') && (listenerEvents.has('error') || listenerEvents.has('close'));
      const closes = (e: PathEvent<Data>): boolean =>
        e.data.kind === 'release' &&
        e.data.variable === variable &&
        innerEscapeOf(e.data) === null &&
        (e.data.anchor === 'direct' || e.data.anchor === 'always' || e.data.anchor === 'finally' || e.data.anchor === 'error-guard' || (coveredByListeners && (e.data.anchor === 'maybe' || e.data.anchor === 'failure')));
      const escape = frame.findEscape(event, closes);
      if (escape !== null) {
        // a `throw` out of a one-shot script ends the process, as any exception does there (or a test)
        if (escape.jump?.type === 'ThrowStatement' && exceptionEndsTheRun(holder)) return;
        // released in a callback of a call we cannot follow (`async.each(items, step, () => done())`):
        // whether it runs on the path that seems to skip it is unknown, so stay silent
        if (escape.jump === null && releases.some((r) => r.data.anchor === 'captured')) return;
        // acquired once before a loop and released inside it: no-double-release reports the release
        // on every iteration, which is the defect; the path that skips the loop is not another one
        if (releasesOnlyInLoop(acquire, releases)) return;
        reportEscape(acquire, reportNode, escape, releases, data);
        return;
      }
      if (acquire.callback) {
        checkPromisedLease(acquire, releases, data);
        return;
      }
      checkExceptionSafety(acquire, releases, holder, data);
      checkInUse(acquire, releases, holder, data);
    }

    /** Released while still in use: a query returned un-awaited from the `try`, a cursor or stream still open. */
    /** `client.release()`, `pool.release(resource)` (a release that takes the resource shows it). */
    function shownCall(release: ReleaseCall): string {
      const args = release.call.arguments;
      const takesResource = args.length === 1 && args[0]!.type === 'Identifier' && provenance.findVariable(args[0]!) === release.variable;
      return `${sourceCode.getText(release.call.callee)}(${takesResource ? sourceCode.getText(args[0]) : ''})`;
    }

    function checkInUse(acquire: Acquire, releases: Array<PathEvent<Release>>, holder: Node, data: { name: string; release: string }): void {
      const variable = acquire.variable!;
      const shape = acquire.value.ref.shape;
      const seen = new Set<Node>();
      for (const r of releases) {
        if (r.data.anchor !== 'direct' || r.data.release === null || r.data.synthetic !== undefined) continue;
        const call = r.data.release.call;
        const line = String(call.loc.start.line);
        const release = `${sourceCode.getText(call.callee)}()`;
        for (const pending of pendingInTry(call, variable, shape, provenance)) {
          if (seen.has(pending.call)) continue;
          seen.add(pending.call);
          const ret = returnOf(pending.call);
          const suggest: Array<TSESLint.SuggestionReportDescriptor<MessageIds>> =
            ret !== null && isFunction(holder) && holder.async ? [{ messageId: 'awaitQuery', fix: (fixer) => fixer.insertTextBefore(ret, 'await ') }] : [];
          context.report(withFixPolicy({ node: pending.call, messageId: 'releasedWhilePending', data: { name: data.name, release, line }, suggest }, settings));
        }
        for (const open of openCursorsAt(call, variable, provenance)) {
          if (seen.has(open.call)) continue;
          seen.add(open.call);
          context.report({ node: open.call, messageId: 'releasedBeforeCursorDone', data: { name: data.name, release, line, what: cursorWord(open.value.ref.name) } });
        }
      }
    }

    /** The argument of the `return` that returns a pending query, when it is a call chain `await` can prefix. */
    function returnOf(call: Node): Node | null {
      for (let node: Node | undefined = call.parent; node !== undefined && !isFunction(node); node = node.parent) {
        if (node.type === 'ReturnStatement') {
          const argument = node.argument ? skipWrappers(node.argument) : null;
          return argument?.type === 'CallExpression' ? node.argument : null;
        }
      }
      return null;
    }

    function reportEscape(acquire: Acquire, node: Node, outer: Escape, releases: Array<PathEvent<Release>>, data: { name: string; release: string }): void {
      const suggest = suggestions(acquire);
      // a release inside a callback that one path of the callback skips: name that path
      const inner = releases.map((r) => innerEscapeOf(r.data)).find((e) => e !== null && e.jump !== null);
      const escape = outer.jump === null && inner ? inner : outer;
      const direct = releases.filter((r) => r.data.anchor === 'direct');
      if (direct.length > 0 && direct.every((r) => inCatchClause(r.node, sourceCode.ast))) {
        context.report(withFixPolicy({ node, messageId: 'releasedOnlyInCatch', data, suggest }, settings));
        return;
      }
      const deferred = releases.find((r) => r.data.anchor === 'maybe' || r.data.anchor === 'failure');
      if (direct.length === 0 && deferred !== undefined) {
        const where = deferred.data.event !== undefined ? `the '${deferred.data.event}' listener` : `the callback passed at line ${deferred.node.loc.start.line}`;
        context.report({ node, messageId: 'releasedInCallback', data: { name: data.name, release: data.release, where } });
        return;
      }
      if (escape.jump !== null) {
        context.report(withFixPolicy({ node, messageId: 'skippedByJump', data: { name: data.name, release: data.release, jump: describeJump(escape.jump), line: String(escape.jump.loc.start.line) }, suggest }, settings));
        return;
      }
      if (escape.exit === 'reacquire') {
        context.report(withFixPolicy({ node, messageId: 'reacquiredInLoop', data: { name: data.name, release: data.release, line: String(acquire.node.loc.start.line) }, suggest }, settings));
        return;
      }
      context.report(withFixPolicy({ node, messageId: 'skippedByBranch', data, suggest }, settings));
    }

    /**
     * A pool or direct connection this function never ends and that lives on: a subscriber kept open
     * for its listeners, or one passed to a callee that keeps it (`createAdapter(pub, sub)`).
     */
    function keptAlive(acquire: Acquire, variable: Variable, holder: Node, releases: ReadonlyArray<PathEvent<Release>>): boolean {
      const shape = acquire.value.ref.shape;
      // `const p = pool.connect(); …; const client = await p`: the lease is held under another name
      if (acquire.value.promise && variable.references.some((r) => awaitedIntoBinding(r.identifier))) return true;
      if (shape.role === 'lease' || releases.some((r) => r.data.release !== null)) return false;
      if (isSubscriber(variable, shape)) return true;
      return findHandOff(variable, holder, { ...ownershipOptions(provenance, settings, names), calleesKeep: true }) !== null;
    }

    /**
     * A factory that returns what it acquired (`const c = new Client(cfg); await c.connect(); await
     * c.query(setup); return c`): when a statement between the acquisition and the `return` throws,
     * the caller never gets it and nothing releases it. Opening calls (`connect()`) and a lazy lease's
     * opening leak nothing; a `try` around both whose `catch` or `finally` releases it covers the gap.
     */
    function checkGapBeforeReturn(acquire: Acquire, variable: Variable, handOff: HandOff, holder: Node): void {
      if (acquire.callback || handOff.kind !== 'returned' || handOff.node.type !== 'ReturnStatement' || holderOf(handOff.node) !== holder) return;
      const node = acquire.node as TSESTree.CallExpression | TSESTree.NewExpression;
      const between = statementsBetween(node, handOff.node);
      if (between === null) return;
      const gap = between.filter((s) => !isInside(handOff.node, s) && !isInside(node, s));
      const shape = acquire.value.ref.shape;
      const opening = new Set([...(shape.open ?? []), ...(shape.lazy ?? [])]);
      const safe: SafeCall = (call) => {
        const callee = skipWrappers(call.callee);
        // `await connect()` where `const connect = promisify(conn.connect.bind(conn))`: the opening by its name
        if (callee.type === 'Identifier') return opening.has(callee.name);
        if (callee.type !== 'MemberExpression' || !opening.has(memberKey(callee) ?? '')) return false;
        // `await conn.promise().connect()`: the same connection through its promise twin (`produces` of the same role)
        let object = skipWrappers(callee.object);
        while (object.type === 'CallExpression' && object.callee.type === 'MemberExpression' && sameRoleWrapper(acquire.value.ref, memberKey(object.callee))) object = skipWrappers(object.callee.object);
        return object.type === 'Identifier' && provenance.findVariable(object) === variable;
      };
      const throwing = gap.find((s) => mayRejectOrThrow(s, safe));
      if (throwing === undefined) return;
      for (let n: Node | undefined = node.parent; n != null && n !== holder; n = n.parent) {
        if (n.type === 'TryStatement' && isInside(handOff.node, n.block) && releasesIn([n.handler, n.finalizer], variable)) return;
      }
      const release = releaseCode(acquire, false);
      if (release === null) return;
      context.report({ node, messageId: 'leakedBeforeReturn', data: { name: variable.name, line: String(handOff.node.loc.start.line), release } });
    }

    /** `conn.promise()` on a mysql2 connection: a method that gives the same resource in another shape of its role. */
    function sameRoleWrapper(ref: ShapeValue['ref'], method: string | null): boolean {
      return (ref.shape.produces ?? []).some((p) => p.method === method && catalog.shape(ref.driver, p.shape)?.shape.role === ref.shape.role);
    }

    /** Whether one of these blocks calls a release of `variable`. */
    function releasesIn(blocks: ReadonlyArray<Node | null>, variable: Variable): boolean {
      return variable.references.some((r) => {
        const call = r.identifier.parent?.parent;
        return call?.type === 'CallExpression' && blocks.some((b) => b !== null && isInside(call, b)) && classifyReleaseCall(call, provenance, names)?.variable === variable;
      });
    }

    function releasesOnlyInLoop(acquire: Acquire, releases: ReadonlyArray<PathEvent<Release>>): boolean {
      const calls = releases.map((r) => r.data.release?.call).filter((c): c is TSESTree.CallExpression => c !== undefined);
      return calls.length > 0 && calls.every((call) => {
        const loop = loopContext(call);
        return loop !== null && !isInside(acquire.node, loop.node);
      });
    }

    /**
     * A one-shot script (an exception ends the process, and the connection with it) or a test (an
     * exception fails it): a release skipped only by an exception is not reported there
     * (docs/rules/require-release.md, "What is not reported").
     */
    function exceptionEndsTheRun(holder: Node): boolean {
      return isTestFile(context.filename) || runsOncePerProcess(holder, sourceCode.ast, provenance);
    }

    /** A lazy lease's opening calls on `variable` (`qr.connect()`): the lease begins there, so their failure leaks nothing. */
    function lazyOpening(variable: Variable, value: ShapeValue): SafeCall {
      const openings = new Set<Node>(lazyOpenings(variable, value.ref.shape));
      return (call) => openings.has(call);
    }

    /**
     * `pending.then(async (conn) => { await conn.query(setup); return fn(conn).then(release, release); })`:
     * a lease delivered by a promise to a `.then` callback is held from the callback's first statement,
     * so a statement before the one that releases it (directly or through a chain) skips the release
     * when it throws.
     */
    function checkPromisedLease(acquire: Acquire, releases: Array<PathEvent<Release>>, data: { name: string; release: string }): void {
      const fn = acquire.node as TSESTree.FunctionLike;
      const call = fn.parent;
      const thenCallback = call?.type === 'CallExpression' && call.arguments[0] === fn && call.callee.type === 'MemberExpression' && memberKey(call.callee) === 'then';
      if (!thenCallback || fn.body?.type !== 'BlockStatement' || releases.some((r) => r.data.anchor === 'finally') || exceptionEndsTheRun(fn)) return;
      const body = fn.body.body;
      const at = body.findIndex((statement) => releases.some((r) => isInside(r.node, statement)));
      if (at <= 0) return;
      const safe = lazyOpening(acquire.variable!, acquire.value);
      if (!body.slice(0, at).some((statement) => mayThrowInPractice(statement, safe))) return;
      const first = releases.map((r) => r.data.release?.call).find((c) => c !== undefined) ?? releases[0]!.node;
      context.report({ node: callbackParamNode(acquire), messageId: 'notExceptionSafe', data: { name: data.name, release: data.release, line: String(first.loc.start.line) } });
    }

    function checkExceptionSafety(acquire: Acquire, releases: Array<PathEvent<Release>>, holder: Node, data: { name: string; release: string }): void {
      if (exceptionEndsTheRun(holder)) return;
      const variable = acquire.variable!;
      const node = acquire.node as TSESTree.CallExpression | TSESTree.NewExpression;
      if (releases.some((r) => r.data.anchor === 'finally')) return;
      const direct = releases.filter((r) => r.data.anchor === 'direct' && r.data.release !== null);
      if (direct.length === 0) return;
      // `ctx.waitUntil(client.end())`: a Workers/edge request's I/O ends with the request, whatever throws
      if (direct.some((r) => isWaitUntilArgument(r.data.release!.call))) return;
      const releaseCalls = new Set<Node>(direct.map((r) => r.data.release!.call));
      const safe = lazyOpening(variable, acquire.value);
      const uses = variable.references
        .map((r) => r.identifier as Node)
        .filter((id) => id.range[0] > node.range[1] && ![...releaseCalls].some((c) => isInside(id, c)));
      for (const release of direct) {
        const call = release.data.release!.call;
        const coverage = finallyCoverage(call, node, uses, holder, safe);
        if (coverage === null) continue;
        if (coverage.throwsBeforeRelease !== null) {
          context.report({ node, messageId: 'finallyThrowsFirst', data: { name: data.name, release: data.release, line: String(coverage.throwsBeforeRelease.loc.start.line) } });
          return;
        }
        if (coverage.acquiredInside && !isGuarded(call, variable)) {
          const callee = skipWrappers(call.callee) as TSESTree.MemberExpression;
          const guarded = `${sourceCode.getText(callee.object)}?.${sourceCode.getText(callee.property)}(${call.arguments.map((a) => sourceCode.getText(a)).join(', ')})`;
          context.report(
            withFixPolicy(
              {
                node: call,
                messageId: 'unguardedRelease',
                data,
                suggest: callee.type === 'MemberExpression' && !callee.computed ? [{ messageId: 'guardRelease', data: { guarded }, fix: (fixer) => fixer.replaceText(call, guarded) }] : [],
              },
              settings,
            ),
          );
        }
        return;
      }
      // released on every path of a `try` that releases in its `catch` too: `try { …; release() } catch (e) { release(e); throw e }`
      const inCatch = direct.filter((r) => inCatchClause(r.data.release!.call, holder));
      const normal = direct.filter((r) => !inCatchClause(r.data.release!.call, holder));
      for (const r of inCatch) {
        const tryStatement = catchCoverage(r.data.release!.call, node, uses, holder, safe);
        if (tryStatement === null) continue;
        const ignore = new Set<Node>(direct.map((d) => d.data.release!.call));
        const covered = normal.every((d) => {
          const call = d.data.release!.call;
          if (isInside(call, tryStatement.block)) return true;
          const gap = statementsBetween(tryStatement, call);
          return gap !== null && !gap.some((s) => mayThrow(s, ignore));
        });
        if (covered) return;
      }
      // released on every explicit path, but not in `finally`: an exception in between skips it
      const first = direct[0]!.data.release!.call;
      const between = statementsBetween(node, first);
      if (between === null || !between.some((s) => mayThrowInPractice(s, safe))) return;
      const fix = moveFix(node, first, direct.length);
      context.report({
        node,
        messageId: 'notExceptionSafe',
        data: { name: data.name, release: data.release, line: String(first.loc.start.line) },
        ...(fix ? { fix } : {}),
        // the autofix is the wrap; the other suggestions (`await using`) stay on offer
        suggest: fix ? suggestions(acquire).filter((x) => x.messageId !== 'wrapInTryFinally') : suggestions(acquire),
      });
    }

    /**
     * The autofix: move the single release at the end of the acquiring block into a `finally` that
     * covers the statements since the acquisition. A trailing `return` of a value computed without
     * calls moves into the `try` too (the success path is unchanged: same order of effects, same value).
     */
    function moveFix(node: Node, releaseCall: TSESTree.CallExpression, releaseCount: number): TSESLint.ReportFixFunction | null {
      return releaseCount === 1 ? moveIntoFinallyFix(sourceCode, node, releaseCall) : null;
    }

    /**
     * The code that releases an acquisition: `client.release()`, `pool.release(resource)` for
     * resources released through their pool, and `await session.close()` when the catalog says the
     * release returns a promise and `awaitable` (the holding function is async).
     */
    function releaseCode(acquire: Acquire, awaitable: boolean): string | null {
      const shape = acquire.value.ref.shape;
      const name = acquire.variable?.name;
      if (name === undefined) return null;
      const method = shape.release?.[0] ?? shape.discard?.[0];
      let code: string | null = null;
      let async = false;
      if (method !== undefined) {
        code = `${name}.${method}()`;
        async = (shape.asyncRelease ?? []).includes(method);
      } else if (acquire.node.type === 'CallExpression') {
        // `const resource = await pool.acquire()` → `pool.release(resource)`
        const callee = skipWrappers(acquire.node.callee);
        const owner = callee.type === 'MemberExpression' ? provenance.shape(callee.object) : null;
        const by = owner?.ref.shape.releasesArgument?.[0];
        if (owner !== null && by !== undefined && callee.type === 'MemberExpression' && isPlainPath(callee.object)) {
          code = `${sourceCode.getText(callee.object)}.${by}(${name})`;
          async = (owner.ref.shape.asyncRelease ?? []).includes(by);
        }
      }
      if (code === null) return null;
      const fn = holderOf(acquire.node);
      return awaitable && async && isFunction(fn) && fn.async ? `await ${code}` : code;
    }

    function suggestions(acquire: Acquire): Array<TSESLint.SuggestionReportDescriptor<MessageIds>> {
      const suggest: Array<TSESLint.SuggestionReportDescriptor<MessageIds>> = [];
      if (acquire.callback || acquire.variable === null) return suggest;
      const variable = acquire.variable;
      const node = acquire.node as Node;
      const statement = blockStatementOf(node);
      if (statement === null) return suggest;
      const following = followingStatements(statement);
      const topLevelReleases = new Set((following ?? []).filter((s) => s.type === 'ExpressionStatement' && isReleaseOf(s, variable)));
      const allReleases = releaseCallsOf(variable);
      if (following !== null && following.length > topLevelReleases.size && allReleases.length === topLevelReleases.size) {
        const code = releaseCode(acquire, true);
        const finalizer = topLevelReleases.size > 0 ? sourceCode.getText([...topLevelReleases][0]) : code !== null ? `${code};` : null;
        if (finalizer !== null) {
          suggest.push({
            messageId: 'wrapInTryFinally',
            data: { release: finalizer },
            fix: (fixer) => wrapInTryFinally(fixer, sourceCode, following, finalizer, topLevelReleases),
          });
        }
      }
      const dispose = acquire.value.ref.shape.dispose;
      const fn = holderOf(node);
      if (
        statement.type === 'VariableDeclaration' && statement.kind === 'const' && statement.declarations.length === 1 &&
        // only where the result runs: TypeScript (lowered by tsc) or JavaScript for Node 24+ (src/fixes/await-using.ts)
        awaitUsingRuns(context) &&
        !(dispose?.commitsOpenTransaction === true && beginsTransaction(variable, acquire.value.ref.shape)) && isFunction(fn) && fn.async &&
        allReleases.length === topLevelReleases.size &&
        // type-aware: the real type's `[Symbol.asyncDispose]` decides, not the catalog's version table
        (provenance.asyncDisposable(node) ?? dispose?.symbol === 'asyncDispose')
      ) {
        suggest.push({
          messageId: 'useAwaitUsing',
          data: { name: variable.name },
          fix: (fixer) => [fixer.replaceText(sourceCode.getFirstToken(statement)!, 'await using'), ...[...topLevelReleases].map((s) => removeStatementLine(fixer, sourceCode, s))],
        });
      }
      return suggest;
    }

    /** Whether a transaction is begun on the variable (`queryRunner.startTransaction()`, `query('BEGIN')`). */
    function beginsTransaction(variable: Variable, shape: ShapeSpec): boolean {
      const begin = new Set(shape.transaction?.begin ?? []);
      return variable.references.some((r) => {
        const member = (r.identifier as Node).parent;
        if (member?.type !== 'MemberExpression' || member.parent?.type !== 'CallExpression' || member.parent.callee !== member) return false;
        const method = memberKey(member);
        if (method !== null && begin.has(method)) return true;
        const first = member.parent.arguments[0];
        return shape.transaction?.sql === true && first?.type === 'Literal' && typeof first.value === 'string' && /^\s*(begin|start\s+transaction)\b/iu.test(first.value);
      });
    }

    function releaseCallsOf(variable: Variable): TSESTree.CallExpression[] {
      const calls: TSESTree.CallExpression[] = [];
      for (const reference of variable.references) {
        let node = reference.identifier as Node;
        while (node.parent && node.parent.type !== 'CallExpression' && node.parent.type !== 'ExpressionStatement' && !isFunction(node.parent)) node = node.parent;
        const call = node.parent;
        if (call?.type === 'CallExpression' && classifyReleaseCall(call, provenance, names)?.variable === variable) calls.push(call);
      }
      return calls;
    }

    function isReleaseOf(statement: TSESTree.ExpressionStatement, variable: Variable): boolean {
      const expression = skipWrappers(statement.expression.type === 'AwaitExpression' ? statement.expression.argument : statement.expression);
      if (expression.type !== 'CallExpression') return false;
      const release = classifyReleaseCall(expression, provenance, names);
      return release?.variable === variable;
    }

    function isGuarded(call: TSESTree.CallExpression, variable: Variable): boolean {
      if (call.callee.type === 'ChainExpression' || (call.callee.type === 'MemberExpression' && call.callee.optional) || call.optional) return true;
      if (call.parent?.type === 'ChainExpression') return true;
      // up to the `finally` block that holds the release (an inner `try { release } catch {}` does not stop the walk)
      for (let n: Node | undefined = call.parent; n && !isFunction(n) && !(n.parent?.type === 'TryStatement' && n.parent.finalizer === n); n = n.parent) {
        if (n.type === 'IfStatement' || n.type === 'LogicalExpression' || n.type === 'ConditionalExpression') {
          const test = n.type === 'LogicalExpression' ? n.left : n.test;
          if (variable.references.some((r) => isInside(r.identifier, test))) return true;
        }
      }
      return false;
    }

    function bindingOf(call: Node): { binding: Acquire['binding']; variable: Variable | null } {
      let node = call;
      for (;;) {
        const parent = node.parent!;
        if (parent.type === 'AwaitExpression' || parent.type === 'TSNonNullExpression' || parent.type === 'TSAsExpression' || parent.type === 'ChainExpression') {
          node = parent;
          continue;
        }
        if (parent.type === 'VariableDeclarator' && parent.init === node) {
          const declaration = parent.parent;
          if (declaration.kind === 'using' || declaration.kind === 'await using') return { binding: 'disposed', variable: null };
          if (parent.id.type !== 'Identifier') return { binding: 'other', variable: null };
          return { binding: 'variable', variable: sourceCode.getDeclaredVariables(parent)[0] ?? null };
        }
        if (parent.type === 'AssignmentExpression' && parent.right === node) {
          if (parent.left.type !== 'Identifier') return { binding: 'handed-off', variable: null };
          return { binding: 'variable', variable: provenance.findVariable(parent.left) };
        }
        if (parent.type === 'ExpressionStatement') return { binding: 'bare', variable: null };
        if (parent.type === 'UnaryExpression' && parent.operator === 'void') return { binding: 'bare', variable: null };
        if (parent.type === 'MemberExpression' && parent.object === node && node !== call) {
          // `(await pool.connect()).query(…)`: used once and lost
          return parent.parent?.type === 'CallExpression' ? { binding: 'bare', variable: null } : { binding: 'other', variable: null };
        }
        if (parent.type === 'ReturnStatement' || parent.type === 'YieldExpression' || parent.type === 'ArrowFunctionExpression') {
          return { binding: 'handed-off', variable: null };
        }
        return { binding: 'other', variable: null };
      }
    }


    /** a reference inside a nested function that is not a recognised release site: the closure owns it */
    function capturedByClosure(variable: Variable, holder: Node): boolean {
      return variable.references.some((r) => holderOf(r.identifier) !== holder && !r.init);
    }

    function callbackParamNode(acquire: Acquire): Node {
      const fn = acquire.node as TSESTree.FunctionLike;
      return fn.params.find((p) => p.type === 'Identifier' && p.name === acquire.variable?.name) ?? fn;
    }

    return mergeListeners(tracker.listeners, {
      'CallExpression:exit': onCall,
      'NewExpression:exit': onCall,
      ArrowFunctionExpression: onFunction,
      FunctionExpression: onFunction,
      BreakStatement: onJump,
      ContinueStatement: onJump,
      IfStatement: onIf,
      ChainExpression: onChain,
      TryStatement: onTry,
      'IfStatement > BlockStatement.consequent': onGuard,
      'IfStatement > ReturnStatement.consequent': onGuard,
      'IfStatement > ExpressionStatement.consequent': onGuard,
      'IfStatement > ThrowStatement.consequent': onGuard,
      'IfStatement > BlockStatement.alternate': onGuard,
      'IfStatement > ReturnStatement.alternate': onGuard,
      'IfStatement > ExpressionStatement.alternate': onGuard,
      'IfStatement > ThrowStatement.alternate': onGuard,
    });
  },
});

/** The `if` whose consequent runs on error: `if (err)`, `if (err != null)`, `if (err || !conn)`. */
function guardingIf(id: Node): TSESTree.IfStatement | null {
  let node = id;
  const parent = node.parent;
  if (parent?.type === 'BinaryExpression' && (parent.operator === '!=' || parent.operator === '!==')) node = parent;
  if (node.parent?.type === 'LogicalExpression' && node.parent.operator === '||') node = node.parent;
  return node.parent?.type === 'IfStatement' && node.parent.test === node ? node.parent : null;
}

/** The `if` whose test is `!id` (or `id == null`): its consequent runs when `id` is absent. */
function negatingIf(id: Node): TSESTree.IfStatement | null {
  const parent = id.parent;
  const test = parent?.type === 'UnaryExpression' && parent.operator === '!' ? parent : parent?.type === 'BinaryExpression' && (parent.operator === '==' || parent.operator === '===') && parent.right.type === 'Literal' && parent.right.value === null ? parent : null;
  return test?.parent?.type === 'IfStatement' && test.parent.test === test ? test.parent : null;
}

/** `pool`, `this.pool`, `db.pool`: safe to repeat in a fix. */
function isPlainPath(node: Node): boolean {
  const inner = skipWrappers(node);
  if (inner.type === 'Identifier' || inner.type === 'ThisExpression') return true;
  return inner.type === 'MemberExpression' && !inner.computed && inner.property.type === 'Identifier' && isPlainPath(inner.object);
}

/** How to call a cursor shape in a message. */
function cursorWord(shapeName: string): string {
  if (/stream/iu.test(shapeName)) return 'stream';
  if (/result\s*set/iu.test(shapeName)) return 'result set';
  return 'cursor';
}




/** `const c = await p` / `c = await p` / `const c = await Promise.race([p, timeout])`: the awaited value bound to another name. */
function awaitedIntoBinding(id: Node): boolean {
  let node: Node = id;
  if (node.parent?.type === 'ArrayExpression' && node.parent.parent?.type === 'CallExpression' && isPromiseCombinator(node.parent.parent)) node = node.parent.parent;
  const awaited = node.parent;
  if (awaited?.type !== 'AwaitExpression') return false;
  const parent = awaited.parent;
  return (parent?.type === 'VariableDeclarator' && parent.init === awaited) || (parent?.type === 'AssignmentExpression' && parent.right === awaited);
}

/** `Promise.race(…)`, `Promise.any(…)`, `Promise.all(…)`. */
function isPromiseCombinator(call: TSESTree.CallExpression): boolean {
  return ['race', 'any', 'all'].includes(promiseStaticMethod(call) ?? '');
}

/** `ctx.waitUntil(client.end())`: the release is handed to the edge runtime's request lifetime. */
function isWaitUntilArgument(call: TSESTree.CallExpression): boolean {
  const parent = call.parent;
  return parent?.type === 'CallExpression' && parent.arguments.includes(call) && parent.callee.type === 'MemberExpression' && memberKey(parent.callee) === 'waitUntil';
}
