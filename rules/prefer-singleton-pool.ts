import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { declaringFunction, holderOf, isFunction, skipWrappers, walkSubtree } from '../src/analysis/ast.js';
import { createPathTracker, mergeListeners, type PathEvent, type PathFrame } from '../src/analysis/code-paths.js';
import { enclosingFinally, inCatchClause, mayRejectOrThrow } from '../src/analysis/exception-safety.js';
import { getFileModel } from '../src/analysis/file-model.js';
import { calledOnceAtModuleLevel, isTestFile, isTestLifecycleHook, requestHandler } from '../src/analysis/handlers.js';
import { loopContext, readIdentifiers } from '../src/analysis/loops.js';
import { findHandOff, ownershipOptions } from '../src/analysis/ownership.js';
import {
  absorbingCreation,
  callbackDelivery,
  callStatement,
  carrierOf,
  creationBinding,
  creationName,
  endCalls,
  isReassigned,
  mayBeCreatedPerRequest,
  poolCreation,
  type CallbackDelivery,
  type CreationBinding,
  type PoolCreation,
} from '../src/analysis/pools.js';
import { memberKey } from '../src/analysis/provenance.js';
import { nullGuardedRelease } from '../src/analysis/release-sites.js';
import { anchorIn, classifyReleaseCall, endingMethodNames } from '../src/analysis/releases.js';
import { createRule } from '../src/create-rule.js';
import { moveToModuleLevel, movable, reindent, topLevelInsertionPoint } from '../src/fixes/hoist.js';
import { withFixPolicy } from '../src/fixes/policy.js';
import { statementsBetween } from '../src/fixes/statements.js';

type Node = TSESTree.Node;
type Variable = TSESLint.Scope.Variable;
type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression;

export type MessageIds = 'notCached' | 'endedOnSuccessOnly' | 'perRequest' | 'perInstance' | 'moveToModule' | 'lazySingleton' | 'globalThisCache';

/** How often the code around a creation runs. */
type RunContext =
  | { readonly kind: 'once' }
  | { readonly kind: 'handler'; readonly description: string }
  | { readonly kind: 'many'; readonly fn: FunctionNode; readonly description: string }
  | { readonly kind: 'instance'; readonly classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression; readonly viaField: boolean };

/** Where the created pool goes. */
type Destination =
  /** cached outside the function, returned, handed to a callee or stored: not this rule's concern */
  | { readonly kind: 'kept' }
  /** stored on `this` (a per-instance pool) */
  | { readonly kind: 'instance' }
  /** bound to a local variable */
  | { readonly kind: 'local'; readonly variable: Variable; readonly disposed: boolean }
  /** used and dropped: never ended */
  | { readonly kind: 'dropped' }
  /** something we cannot follow: stay silent */
  | { readonly kind: 'unknown' };

interface Create {
  readonly kind: 'create';
  readonly creation: PoolCreation;
  readonly variable: Variable;
  readonly context: Extract<RunContext, { kind: 'many' | 'instance' }>;
}
interface End {
  readonly kind: 'end';
  readonly variable: Variable;
}
type Data = Create | End;

const BLOCK_LIKE = new Set(['BlockStatement', 'Program', 'StaticBlock', 'SwitchCase']);
const STORING_METHODS = new Set(['set', 'push', 'add', 'unshift']);

export default createRule<[], MessageIds>({
  name: 'prefer-singleton-pool',
  meta: {
    type: 'problem',
    docs: {
      description: 'Prefer one shared pool per process over pools created in functions that run many times',
      recommended: 'recommended',
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: [],
    messages: {
      notCached:
        '`{{name}}` creates a new pool every time {{fn}} runs, and that pool is not cached outside the function, not returned and not ended on every path; create it once at module level or cache it lazily.',
      perRequest: '`{{name}}` creates a new pool on every request to {{handler}}, so every request pays the connection setup; create the pool once at module level and share it.',
      endedOnSuccessOnly:
        '`{{name}}` creates a new pool every time {{fn}} runs and ends it at line {{line}} only when nothing before that throws, so every failing call leaves a pool and its connections open; create it once at module level, or end it in `finally`.',
      perInstance:
        '`{{name}}` creates a new pool for every instance of `{{className}}`, and `{{className}}` is instantiated inside a function at line {{line}}; create the pool once at module level and share it.',
      moveToModule: 'Move `{{name}}` to a module-level `const`{{andEnd}}.',
      lazySingleton: 'Create `{{name}}` lazily once: a module-level `let` set with `??=`{{andEnd}}.',
      globalThisCache: 'Cache `{{name}}` on `globalThis`, so that hot reloading in development reuses it{{andEnd}}.',
    },
  },
  create(context) {
    const model = getFileModel(context);
    if (model === null) return {};
    const { provenance, catalog, sourceCode, settings } = model;
    const names = endingMethodNames(catalog);
    const program = sourceCode.ast;
    const filename = context.filename;
    /** local pools being followed, by variable */
    const followed = new Set<Variable>();
    /** local pools whose end sits in a callback we cannot place on the function's paths */
    const uncertain = new Set<Variable>();
    /** ends inside `.finally()`/driver callbacks, waiting for the call in the holding function */
    const anchored = new Map<Node, Variable[]>();

    const tracker = createPathTracker<Data>((frame) => {
      for (const event of frame.events) if (event.data.kind === 'create') checkPaths(frame, event as PathEvent<Create>);
    });

    function onCallExit(node: TSESTree.CallExpression | TSESTree.NewExpression): void {
      const waiting = anchored.get(node);
      if (waiting !== undefined) {
        anchored.delete(node);
        for (const variable of waiting) tracker.record(node, { kind: 'end', variable });
      }
      if (node.type === 'CallExpression' && followed.size > 0) onEndCall(node);
      onCreation(node);
    }

    function onEndCall(call: TSESTree.CallExpression): void {
      const release = classifyReleaseCall(call, provenance, names);
      if (release === null || !followed.has(release.variable)) return;
      const holder = (declaringFunction(release.variable) ?? program);
      if (holderOf(call) === holder) {
        tracker.record(call, { kind: 'end', variable: release.variable });
        return;
      }
      const anchor = anchorIn(call, holder, provenance);
      if (anchor !== null && (anchor.kind === 'finally' || anchor.kind === 'always')) {
        anchored.set(anchor.node, [...(anchored.get(anchor.node) ?? []), release.variable]);
      } else {
        uncertain.add(release.variable);
      }
    }

    /** `if (pool) await pool.close()` / `pool?.end()`: the skipping branch is the one where no pool was made. */
    function onGuardedEnd(node: TSESTree.IfStatement | TSESTree.ChainExpression): void {
      if (followed.size === 0) return;
      const release =
        node.type === 'IfStatement'
          ? nullGuardedRelease(node, provenance, names)
          : node.expression.type === 'CallExpression'
            ? classifyReleaseCall(node.expression, provenance, names)
            : null;
      if (release === null || !followed.has(release.variable)) return;
      if (holderOf(node) !== (declaringFunction(release.variable) ?? program)) return;
      tracker.record(node, { kind: 'end', variable: release.variable });
    }

    function onCreation(node: TSESTree.CallExpression | TSESTree.NewExpression): void {
      const creation = poolCreation(node, provenance);
      if (creation === null || creation.role !== 'pool' || creation.value.moduleSingleton === true) return;
      if (mayBeCreatedPerRequest(creation.value, program)) return;
      if (loopContext(node) !== null) return; // no-pool-in-loop reports it
      if (absorbingCreation(node, provenance, sourceCode) !== null) return;
      const run = runContext(node);
      if (run.kind === 'once') return;
      const destination = destinationOf(node, creation);
      if (destination.kind === 'kept' || destination.kind === 'unknown') return;
      const name = creationName(creation, sourceCode);

      if (run.kind === 'handler') {
        report(creation, 'perRequest', { name, handler: run.description });
        return;
      }
      if (run.kind === 'instance' || destination.kind === 'instance') {
        const classNode = run.kind === 'instance' ? run.classNode : enclosingClass(node);
        if (classNode === null) return;
        if (destination.kind !== 'instance' && !(run.kind === 'instance' && run.viaField)) {
          if (destination.kind === 'local' && run.kind === 'instance') follow(creation, destination, run);
          return;
        }
        const inside = instantiationInFunction(classNode);
        if (inside === null) return;
        const className = classNode.id?.name ?? 'this class';
        context.report({ node, messageId: 'perInstance', data: { name, className, line: String(inside.loc.start.line) } });
        return;
      }
      if (destination.kind === 'dropped') {
        report(creation, 'notCached', { name, fn: run.description });
        return;
      }
      follow(creation, destination, run);
    }

    function follow(creation: PoolCreation, destination: Extract<Destination, { kind: 'local' }>, run: Extract<RunContext, { kind: 'many' | 'instance' }>): void {
      if (destination.disposed) return;
      followed.add(destination.variable);
      tracker.record(creation.node, { kind: 'create', creation, variable: destination.variable, context: run });
    }

    function checkPaths(frame: PathFrame<Data>, event: PathEvent<Create>): void {
      const { variable, creation, context: run } = event.data;
      if (uncertain.has(variable)) return;
      const escape = frame.findEscape(event, (e) => e.data.kind === 'end' && e.data.variable === variable);
      const fn = run.kind === 'many' ? run.description : 'the constructor';
      if (escape !== null) {
        report(creation, 'notCached', { name: variable.name, fn });
        return;
      }
      // ended on every path, but only when nothing before the end throws (in a test, that fails the test)
      if (isTestFile(context.filename)) return;
      const unsafeEnd = endSkippedByException(creation, variable, frame.node);
      if (unsafeEnd !== null) report(creation, 'endedOnSuccessOnly', { name: variable.name, fn, line: String(unsafeEnd.loc.start.line) });
    }

    /**
     * `const client = await MongoClient.connect(url); await client.db().command(cmd); await client.close();`:
     * the end runs only when nothing between the creation and it throws (an `await` or a `throw`), so
     * every failing call leaves a pool open. An end in `finally`, in a `catch` as well, or in
     * `.finally()` covers it. Returns the end call that an exception skips, or null.
     */
    function endSkippedByException(creation: PoolCreation, variable: Variable, holder: Node): TSESTree.CallExpression | null {
      const ends = endCalls(variable, provenance, names);
      if (ends.length === 0 || ends.some((end) => enclosingFinally(end, holder) !== null || inCatchClause(end, holder) || holderOf(end) !== holder)) return null;
      const first = ends.reduce((a, b) => (a.range[0] <= b.range[0] ? a : b));
      const between = statementsBetween(creation.node, first);
      if (between === null) return null;
      return between.some((s) => !isInsideNode(creation.node, s) && !isInsideNode(first, s) && mayRejectOrThrow(s)) ? first : null;
    }

    function report(creation: PoolCreation, messageId: 'notCached' | 'perRequest' | 'endedOnSuccessOnly', data: Record<string, string>): void {
      context.report(withFixPolicy({ node: creation.node, messageId, data, suggest: suggestions(creation) }, settings));
    }

    /** How often the code around `node` runs: walks out through callbacks and IIFEs to the function that decides. */
    function runContext(node: Node): RunContext {
      let child: Node = node;
      for (let current = node.parent; current; child = current, current = current.parent) {
        if (current.type === 'PropertyDefinition' && current.value === child) {
          if (current.static) continue;
          return { kind: 'instance', classNode: current.parent.parent, viaField: true };
        }
        if (!isFunction(current)) continue;
        const handler = requestHandler(current, filename);
        if (handler !== null) return { kind: 'handler', description: handler.description };
        if (isTestLifecycleHook(current)) return { kind: 'once' };
        const parent = current.parent;
        const isArgument = (parent?.type === 'CallExpression' || parent?.type === 'NewExpression') && parent.arguments.includes(current as TSESTree.CallExpressionArgument);
        const isIife = parent?.type === 'CallExpression' && parent.callee === current;
        if (isArgument || isIife) continue;
        if (parent?.type === 'MethodDefinition' && parent.kind === 'constructor') {
          return { kind: 'instance', classNode: parent.parent.parent, viaField: false };
        }
        if (calledOnceAtModuleLevel(current, program, provenance)) return { kind: 'once' };
        return { kind: 'many', fn: current, description: describeFunction(current) };
      }
      return { kind: 'once' };
    }

    /** Where the created value goes, and whether that keeps it beyond one run of the function. */
    function destinationOf(node: Node, creation: PoolCreation): Destination {
      const delivery = callbackDelivery(node, sourceCode);
      if (delivery !== null) return deliveredDestination(delivery, creation);
      let value = carrierOf(node);
      for (;;) {
        const parent = value.parent;
        if (parent === undefined) return { kind: 'unknown' };
        if ((parent.type === 'LogicalExpression' && parent.operator !== '&&') || (parent.type === 'ConditionalExpression' && parent.test !== value)) {
          value = carrierOf(parent);
          continue;
        }
        switch (parent.type) {
          case 'ReturnStatement':
          case 'YieldExpression':
            return { kind: 'kept' };
          case 'ArrowFunctionExpression':
            return parent.body === value ? { kind: 'kept' } : { kind: 'unknown' };
          case 'AssignmentExpression': {
            if (parent.right !== value) return { kind: 'unknown' };
            const target = skipWrappers(parent.left);
            if (target.type === 'MemberExpression') return rootIsThis(target) ? { kind: 'instance' } : { kind: 'kept' };
            if (target.type !== 'Identifier') return { kind: 'unknown' };
            const variable = provenance.findVariable(target);
            if (variable === null || (declaringFunction(variable) ?? program) !== holderOf(node)) return { kind: 'kept' };
            return localDestination(variable, false);
          }
          case 'VariableDeclarator': {
            if (parent.init !== value || parent.id.type !== 'Identifier') return { kind: 'unknown' };
            const binding = creationBinding(creation.node, sourceCode);
            const variable = binding?.variable ?? sourceCode.getDeclaredVariables(parent)[0];
            if (variable === undefined) return { kind: 'unknown' };
            const kind = (parent.parent).kind;
            return localDestination(variable, kind === 'using' || kind === 'await using');
          }
          case 'ExpressionStatement':
            return { kind: 'dropped' };
          case 'PropertyDefinition':
            return parent.value === value && !parent.static ? { kind: 'instance' } : { kind: 'kept' };
          case 'MemberExpression': {
            if (parent.object !== value) return { kind: 'unknown' };
            const call = parent.parent;
            if (call?.type !== 'CallExpression' || call.callee !== parent) return { kind: 'dropped' };
            const method = memberKey(parent);
            // `MongoClient.connect(url).then((client) => { this.client = client; })`
            if (method === 'then') return thenDestination(call, creation);
            // `.catch(…)`/`.finally(…)` pass the promise on; `mysql.createPool(o).promise()` wraps the same pool
            const wrapped = provenance.shape(call);
            const opensSelf = creation.value.ref.shape.openResolvesToSelf === true && (creation.value.ref.shape.open ?? []).includes(method ?? '');
            if (method === 'catch' || method === 'finally' || opensSelf || (wrapped !== null && (wrapped.ref.shape.role === 'pool' || wrapped.ref.shape.role === 'connection'))) {
              value = carrierOf(call);
              continue;
            }
            return { kind: 'dropped' };
          }
          case 'CallExpression':
          case 'NewExpression': {
            if (!parent.arguments.includes(value as TSESTree.CallExpressionArgument)) return { kind: 'unknown' };
            const callee = skipWrappers(parent.callee);
            if (callee.type === 'MemberExpression' && STORING_METHODS.has(memberKey(callee) ?? '')) return { kind: 'kept' };
            // `drizzle(new Pool())`: the pool lives as long as what the call returns; a bare call took it
            if (carrierOf(parent).parent?.type === 'ExpressionStatement') return { kind: 'kept' };
            value = carrierOf(parent);
            continue;
          }
          default:
            return { kind: 'unknown' };
        }
      }
    }

    /**
     * A pool handed to a callback (`MongoClient.connect(url, (err, client) => { this.db = client })`):
     * kept when the callback hands it off, never ended when nothing ends it, else beyond the paths we follow.
     */
    function deliveredDestination(delivery: CallbackDelivery, creation: PoolCreation): Destination {
      const { variable, callback } = delivery;
      if (variable === null) return { kind: 'unknown' };
      const handOff = findHandOff(variable, callback, ownershipOptions(provenance, settings, names));
      if (handOff !== null) return handOff.kind === 'stored' && storedOnThis(handOff.node) ? { kind: 'instance' } : { kind: 'kept' };
      if (variable.references.some((r) => !r.init && holderOf(r.identifier) !== callback)) return { kind: 'unknown' };
      if (endCalls(variable, provenance, names).length > 0) return { kind: 'unknown' };
      // the parameter of a module-level callback form (`MongoClient.connect(url, opts, (err, db) => …)`) has
      // no shape of its own: the created shape's end methods called on it (`db.close()`) end it
      const ends = new Set([...(creation.value.ref.shape.release ?? []), ...(creation.value.ref.shape.discard ?? [])]);
      const ended = variable.references.some((r) => {
        const member = r.identifier.parent;
        return member?.type === 'MemberExpression' && member.object === r.identifier && ends.has(memberKey(member) ?? '') && member.parent?.type === 'CallExpression';
      });
      return ended ? { kind: 'unknown' } : { kind: 'dropped' };
    }

    /** A promise of the pool followed into `.then((pool) => …)`: where the callback puts it. */
    function thenDestination(call: TSESTree.CallExpression, creation: PoolCreation): Destination {
      const callback = call.arguments[0];
      if (callback?.type !== 'ArrowFunctionExpression' && callback?.type !== 'FunctionExpression') return { kind: 'unknown' };
      const param = callback.params[0];
      if (param?.type !== 'Identifier') return { kind: 'unknown' };
      const variable = provenance.findVariable(param);
      if (variable === null) return { kind: 'unknown' };
      return deliveredDestination({ variable, callback }, creation);
    }

    function localDestination(variable: Variable, disposed: boolean): Destination {
      const holder = (declaringFunction(variable) ?? program);
      if (holder === program) return { kind: 'kept' };
      if (keptThroughOpening(variable, holder)) return { kind: 'kept' };
      const handOff = findHandOff(variable, holder, { ...ownershipOptions(provenance, settings, names), calleesKeep: true });
      if (handOff !== null) return handOff.kind === 'stored' && storedOnThis(handOff.node) ? { kind: 'instance' } : { kind: 'kept' };
      // a closure that outlives the call may keep it (`return () => pool.query(…)` is a hand-off above)
      if (variable.references.some((r) => !r.init && holderOf(r.identifier) !== holder && !isEndReference(r.identifier, variable))) {
        return { kind: 'unknown' };
      }
      return { kind: 'local', variable, disposed };
    }

    /**
     * Where the opening resolves to the pool itself, the pool leaves under the opening's result:
     * `return await db.initialize()`, or `connection = await client.connect(o)` with `connection`
     * handed off (returned, captured by a returned closure, stored).
     */
    function keptThroughOpening(variable: Variable, holder: Node): boolean {
      const shape = provenance.variableShape(variable)?.ref.shape;
      if (shape?.openResolvesToSelf !== true) return false;
      return variable.references.some((r) => {
        const member = r.identifier.parent;
        const call = member?.parent;
        if (member?.type !== 'MemberExpression' || call?.type !== 'CallExpression' || call.callee !== member || !(shape.open ?? []).includes(memberKey(member) ?? '')) return false;
        const carrier = carrierOf(call);
        const parent = carrier.parent;
        if (parent?.type === 'ReturnStatement' || (parent?.type === 'ArrowFunctionExpression' && parent.body === carrier)) return true;
        const target = parent?.type === 'VariableDeclarator' && parent.init === carrier ? parent.id : parent?.type === 'AssignmentExpression' && parent.right === carrier ? parent.left : null;
        if (target?.type !== 'Identifier') return false;
        const alias = provenance.findVariable(target);
        if (alias === null || alias === variable) return false;
        if ((declaringFunction(alias) ?? program) !== holder) return true;
        return findHandOff(alias, holder, { ...ownershipOptions(provenance, settings, names), calleesKeep: true }) !== null;
      });
    }

    function isEndReference(id: Node, variable: Variable): boolean {
      const member = id.parent;
      const call = member?.parent;
      return call?.type === 'CallExpression' && classifyReleaseCall(call, provenance, names)?.variable === variable;
    }

    function storedOnThis(node: Node): boolean {
      return node.type === 'AssignmentExpression' && node.left.type === 'MemberExpression' && rootIsThis(node.left);
    }

    function instantiationInFunction(classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression): TSESTree.NewExpression | null {
      const id = classNode.id ?? (classNode.parent?.type === 'VariableDeclarator' && classNode.parent.id.type === 'Identifier' ? classNode.parent.id : null);
      if (id === null) return null;
      const declared = classNode.type === 'ClassDeclaration' ? sourceCode.getDeclaredVariables(classNode) : classNode.parent?.type === 'VariableDeclarator' ? sourceCode.getDeclaredVariables(classNode.parent) : [];
      const variable = declared.find((v) => v.scope.block !== classNode) ?? null;
      for (const reference of variable?.references ?? []) {
        const ref = reference.identifier as Node;
        const parent = ref.parent;
        if (parent?.type !== 'NewExpression' || parent.callee !== ref) continue;
        if (enclosingFunctionOf(parent) !== null && !isInsideNode(parent, classNode)) return parent;
      }
      return null;
    }

    // ---- suggestions -------------------------------------------------------------------------

    function suggestions(creation: PoolCreation): Array<TSESLint.SuggestionReportDescriptor<MessageIds>> {
      const binding = creationBinding(creation.node, sourceCode);
      if (binding === null) return [];
      const { declaration, declarator, variable } = binding;
      if (!BLOCK_LIKE.has(declaration.parent?.type ?? '') || (declaration.kind !== 'const' && declaration.kind !== 'let') || isReassigned(variable)) return [];
      if (declarator.init == null || skipWrappers(declarator.init) !== creation.node) return [];
      const topStatement = topLevelStatement(declaration);
      if (topStatement === null) return [];
      const insertAt = topLevelInsertionPoint(sourceCode, topStatement);
      if (!resolvableAtModuleLevel(creation.node, insertAt)) return [];
      const ends = endCalls(variable, provenance, names).map((c) => callStatement(c));
      if (ends.some((s) => s === null || !BLOCK_LIKE.has(s.parent?.type ?? ''))) return [];
      const endStatements = ends as TSESTree.ExpressionStatement[];
      const andEnd = endStatements.length > 0 ? ` and drop \`${sourceCode.getText(skipWrappers(endStatements[0]!.expression.type === 'AwaitExpression' ? endStatements[0]!.expression.argument : endStatements[0]!.expression))}\`` : '';
      const name = variable.name;
      const creationText = sourceCode.getText(creation.node);
      const suggest: Array<TSESLint.SuggestionReportDescriptor<MessageIds>> = [];
      const typeScript = /\.[cm]?tsx?$/u.test(filename);
      const annotation = declarator.id.type === 'Identifier' && declarator.id.typeAnnotation ? sourceCode.getText(declarator.id.typeAnnotation.typeAnnotation) : null;
      const typeText = annotation ?? (typeScript ? inferredType(creation) : null);

      if (!nameTaken(name)) {
        const piece = movable(sourceCode, declaration);
        const own = sourceCode.getText(declaration);
        const declared = reindent(piece.text.replace(own, `const${own.slice(declaration.kind.length)}`), piece.indent, '');
        suggest.push({
          messageId: 'moveToModule',
          data: { name, andEnd },
          fix: (fixer) => moveToModuleLevel(fixer, sourceCode, declared, topStatement, endStatements, [], declaration),
        });
        if (!typeScript || typeText !== null) {
          const lazy = typeScript ? `let ${name}: ${typeText} | undefined;` : `let ${name};`;
          suggest.push({
            messageId: 'lazySingleton',
            data: { name, andEnd },
            fix: (fixer) => moveToModuleLevel(fixer, sourceCode, lazy, topStatement, endStatements, [[declaration, `${name} ??= ${creationText};`]]),
          });
        }
      }
      const cache = `globalFor${name[0]!.toUpperCase()}${name.slice(1)}`;
      if (looksLikeNextJs() && !nameTaken(cache) && (!typeScript || typeText !== null)) {
        const holder = typeScript ? `const ${cache} = globalThis as unknown as { ${name}?: ${typeText} };` : `const ${cache} = globalThis;`;
        const keyword = declaration.kind;
        const id = sourceCode.getText(declarator.id);
        suggest.push({
          messageId: 'globalThisCache',
          data: { name, andEnd },
          fix: (fixer) => moveToModuleLevel(fixer, sourceCode, holder, topStatement, endStatements, [[declaration, `${keyword} ${id} = (${cache}.${name} ??= ${creationText});`]]),
        });
      }
      return suggest;
    }

    /** `InstanceType<typeof Pool>` / `ReturnType<typeof mysql.createPool>` for a creation whose callee is a plain name path. */
    function inferredType(creation: PoolCreation): string | null {
      const node = creation.node;
      if (node.typeArguments !== undefined || creation.value.promise) return null;
      const callee = node.callee;
      if (!isNamePath(callee)) return null;
      const text = sourceCode.getText(callee);
      return node.type === 'NewExpression' ? `InstanceType<typeof ${text}>` : `ReturnType<typeof ${text}>`;
    }

    /** Every name the creation reads is declared at module level before `insertAt` (or is a global); no `this`, `await`, `super`. */
    function resolvableAtModuleLevel(node: TSESTree.CallExpression | TSESTree.NewExpression, insertAt: number): boolean {
      if (containsAny(node, new Set(['ThisExpression', 'Super', 'AwaitExpression', 'YieldExpression', 'MetaProperty']))) return false;
      for (const id of readIdentifiers(node)) {
        if (id.name === 'arguments') return false;
        const variable = provenance.findVariable(id);
        if (variable === null || variable.defs.length === 0) continue; // a global
        const def = variable.defs[0]!;
        if (def.name.range[0] >= node.range[0] && def.name.range[1] <= node.range[1]) continue; // declared inside (a factory's parameter)
        // module scope, the global scope, or the top-level scope of a CommonJS module
        if (variable.scope.block !== program) return false;
        if (def.type !== 'ImportBinding' && def.type !== 'FunctionName' && def.name.range[0] >= insertAt) return false;
      }
      return true;
    }

    function nameTaken(name: string): boolean {
      const globalScope = sourceCode.scopeManager?.globalScope;
      if (!globalScope) return true;
      if (globalScope.set.has(name) || globalScope.through.some((r) => r.identifier.name === name)) return true;
      return globalScope.childScopes.some((s) => s.type === 'module' && s.set.has(name));
    }

    function looksLikeNextJs(): boolean {
      const path = filename.replace(/\\/gu, '/');
      if (/(?:^|\/)(?:app\/.*\/route|pages\/api\/.*)\.[cm]?[jt]sx?$/u.test(path)) return true;
      return program.body.some((s) => s.type === 'ImportDeclaration' && (s.source.value === 'next' || s.source.value.startsWith('next/')));
    }

    function topLevelStatement(node: Node): Node | null {
      let current: Node = node;
      while (current.parent && current.parent !== program) current = current.parent;
      return current.parent === program ? current : null;
    }


    return mergeListeners(tracker.listeners, {
      'CallExpression:exit': onCallExit,
      'NewExpression:exit': onCallExit,
      IfStatement: onGuardedEnd,
      ChainExpression: onGuardedEnd,
    });
  },
});

function enclosingFunctionOf(node: Node): FunctionNode | null {
  for (let current = node.parent; current; current = current.parent) if (isFunction(current)) return current;
  return null;
}

function enclosingClass(node: Node): TSESTree.ClassDeclaration | TSESTree.ClassExpression | null {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'ClassDeclaration' || current.type === 'ClassExpression') return current;
  }
  return null;
}

function rootIsThis(node: TSESTree.MemberExpression): boolean {
  let current: Node = node;
  while (current.type === 'MemberExpression') current = skipWrappers(current.object);
  return current.type === 'ThisExpression';
}

function isInsideNode(inner: Node, outer: Node): boolean {
  return inner.range[0] >= outer.range[0] && inner.range[1] <= outer.range[1];
}

function isNamePath(node: Node): boolean {
  if (node.type === 'Identifier') return true;
  return node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier' && isNamePath(node.object);
}

function containsAny(root: Node, types: ReadonlySet<string>): boolean {
  let found = false;
  walkSubtree(root, (node) => {
    if (found) return false;
    found = types.has(node.type);
    return !found;
  });
  return found;
}

/** A function's name for messages. */
function describeFunction(fn: FunctionNode): string {
  if (fn.id) return `\`${fn.id.name}\``;
  const parent = fn.parent;
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return `\`${parent.id.name}\``;
  if ((parent?.type === 'MethodDefinition' || parent?.type === 'Property' || parent?.type === 'PropertyDefinition') && !parent.computed && parent.key.type === 'Identifier') {
    return `\`${parent.key.name}\``;
  }
  return 'this function';
}

export type { CreationBinding };
