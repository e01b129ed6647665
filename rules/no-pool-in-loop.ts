import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { enclosingFunction, enclosingStatement, holderOf, isFunction, isInside, skipWrappers, walkSubtree } from '../src/analysis/ast.js';
import { getFileModel } from '../src/analysis/file-model.js';
import { describeLoop, exitsIterationAfter, exitsPastLoop, isPlainValue, iterationBody, iterationMutated, iterationReads, loopContext, type LoopContext } from '../src/analysis/loops.js';
import { findHandOff, ownershipOptions } from '../src/analysis/ownership.js';
import {
  absorbingCreation,
  callStatement,
  creationBinding,
  creationName,
  endCalls,
  isReassigned,
  knownMethods,
  methodCalls,
  poolCreation,
  wrappingCarrier,
  type CreationBinding,
  type PoolCreation,
} from '../src/analysis/pools.js';
import { endingMethodNames } from '../src/analysis/releases.js';
import { createRule } from '../src/create-rule.js';
import { hoistAround } from '../src/fixes/hoist.js';
import { withFixPolicy } from '../src/fixes/policy.js';

type Node = TSESTree.Node;
type Variable = TSESLint.Scope.Variable;

export type MessageIds = 'createdInLoop' | 'createdInLoopNotEnded' | 'createdPerItem' | 'hoist';

/** A hoist plan: what moves before the loop, what moves after it, and whether it is safe enough to autofix. */
interface Plan {
  readonly moved: readonly Node[];
  readonly after: readonly Node[];
  readonly anchor: Node;
  readonly safe: boolean;
}

const BLOCK_LIKE = new Set(['BlockStatement', 'Program', 'StaticBlock', 'SwitchCase']);

export default createRule<[], MessageIds>({
  name: 'no-pool-in-loop',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow creating a pool or a direct connection inside a loop or a per-item callback',
      recommended: 'recommended',
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: [],
    messages: {
      createdInLoop: '`{{name}}` opens a new {{what}} {{where}} and ends it again, paying the connection setup each time; create it once before the loop and end it after the loop.',
      createdInLoopNotEnded:
        '`{{name}}` opens a new {{what}} {{where}} and never ends it, so connections pile up until the server refuses more; create it once before the loop.',
      createdPerItem:
        '`{{name}}` opens a new {{what}} {{where}} from `{{variable}}`, which changes every iteration; keep one {{what}} per distinct `{{variable}}` in a cache (a `Map` keyed by it) created outside the loop.',
      hoist: 'Create `{{name}}` once before the loop{{andEnd}}.',
    },
  },
  create(context) {
    const model = getFileModel(context);
    if (model === null) return {};
    const { provenance, catalog, sourceCode, settings } = model;
    const names = endingMethodNames(catalog);
    const findVariable = (id: TSESTree.Identifier): Variable | null => provenance.findVariable(id);

    function onCreation(node: TSESTree.CallExpression | TSESTree.NewExpression): void {
      // the loop first: a syntactic walk up to the enclosing function, so calls outside loops never
      // reach provenance (in typed mode, its receiver queries)
      const loop = loopContext(node);
      if (loop === null) return;
      const creation = poolCreation(node, provenance);
      if (creation === null || creation.value.ref.shape.lifetime === 'free' || creation.value.moduleSingleton === true) return;
      // `new PrismaClient({ adapter })` over `new PrismaPg(…)` in the same loop: the outer creation is reported
      const outer = absorbingCreation(node, provenance, sourceCode);
      if (outer !== null && loopContext(outer.node)?.node === loop.node) return;

      if (returnedFromIteration(creation, loop)) return;

      const name = creationName(creation, sourceCode);
      const where = loop.kind === 'loop' ? `on every iteration of this ${describeLoop(loop)}` : `on every call of this ${describeLoop(loop)}`;
      const binding = creationBinding(node, sourceCode);
      const group = creationGroup(creation, binding, loop);
      const perItem = group.reads.find((v) => !group.variables.has(v));
      if (perItem !== undefined) {
        context.report({ node, messageId: 'createdPerItem', data: { name, what: creation.words, where, variable: perItem.name } });
        return;
      }
      const ends = binding !== null ? endCalls(binding.variable, provenance, names) : [];
      const messageId = ends.length > 0 ? 'createdInLoop' : 'createdInLoopNotEnded';
      const data = { name, what: creation.words, where };
      const plan = binding !== null ? planHoist(creation, binding, group, ends, loop) : null;
      if (plan === null) {
        context.report({ node, messageId, data });
        return;
      }
      const andEnd = plan.after.length > 0 ? ` and move \`${ends.map((c) => `${sourceCode.getText(skipWrappers(c.callee))}()`)[0]}\` after it` : '';
      const fix = (fixer: TSESLint.RuleFixer): TSESLint.RuleFix[] => hoistAround(fixer, sourceCode, plan.moved, plan.anchor, plan.after);
      if (plan.safe) {
        context.report({ node, messageId, data, fix });
        return;
      }
      context.report(withFixPolicy({ node, messageId, data, suggest: [{ messageId: 'hoist', data: { name, andEnd }, fix }] }, settings));
    }

    /**
     * A connect-retry loop: the created value (or an object constructed around it, `new Driver(new
     * Client(o))`) is returned from the iteration that made it, on every normal path, so the loop
     * runs again only when connecting failed: not a pool per iteration.
     */
    function returnedFromIteration(creation: PoolCreation, loop: LoopContext): boolean {
      const value = wrappingCarrier(creation.node);
      const parent = value.parent;
      if (parent?.type === 'ReturnStatement') return exitsIterationAfter(parent, creation.node, loop);
      // a retry loop: `for (;;) { try { pool = await createPool(o); break; } catch { await sleep(1000); } }`
      // keeps the pool in an outer variable and leaves the loop on success
      if (parent?.type === 'AssignmentExpression' && parent.right === value && parent.parent?.type === 'ExpressionStatement') {
        const statement = parent.parent;
        const block = statement.parent;
        if (block?.type !== 'BlockStatement' && block?.type !== 'SwitchCase') return false;
        const list: Node[] = block.type === 'BlockStatement' ? block.body : block.consequent;
        const next = list[list.indexOf(statement) + 1];
        const target = skipWrappers(parent.left);
        const kept = target.type === 'MemberExpression' || (target.type === 'Identifier' && !isInside(provenance.findVariable(target)?.defs[0]?.node ?? loop.node, loop.node));
        return kept && (next?.type === 'BreakStatement' || next?.type === 'ReturnStatement');
      }
      if (parent?.type !== 'VariableDeclarator' || parent.init !== value || parent.id.type !== 'Identifier') return false;
      const variable = provenance.findVariable(parent.id);
      if (variable === null) return false;
      const handOff = findHandOff(variable, holderOf(creation.node), ownershipOptions(provenance, settings, names));
      if (handOff?.kind !== 'returned' || handOff.node.type !== 'ReturnStatement') return false;
      return holderOf(handOff.node) === holderOf(creation.node) && exitsIterationAfter(handOff.node, creation.node, loop);
    }

    /**
     * The creation with the pool creations it absorbs that are declared in the same loop body
     * (`const adapter = new PrismaPg(…)` before `new PrismaClient({ adapter })`), and every variable
     * declared inside the loop that their arguments read.
     */
    function creationGroup(creation: PoolCreation, binding: CreationBinding | null, loop: LoopContext): { statements: Node[]; variables: Set<Variable>; reads: Variable[]; plain: boolean } {
      const statements: Node[] = [];
      const variables = new Set<Variable>();
      const reads: Variable[] = [];
      let plain = true;
      const visit = (node: TSESTree.CallExpression | TSESTree.NewExpression, own: CreationBinding | null): void => {
        if (own !== null) {
          statements.unshift(own.declaration);
          variables.add(own.variable);
        }
        for (const arg of node.arguments) {
          // an argument the loop changes (`options.host = …` each pass) makes hoisting change behaviour
          if (!isPlainValue(arg) || iterationMutated(arg, loop, findVariable).length > 0) plain = false;
          for (const variable of iterationReads(arg, loop, findVariable)) {
            if (variables.has(variable) || reads.includes(variable)) continue;
            const inner = absorbedCreationOf(variable, node);
            if (inner !== null) visit(inner.creation.node, inner.binding);
            else reads.push(variable);
          }
        }
      };
      visit(creation.node, binding);
      return { statements, variables, reads, plain };
    }

    /** A variable bound to a pool creation that `outer` takes as an argument: `adapter` in `new PrismaClient({ adapter })`. */
    function absorbedCreationOf(variable: Variable, outer: Node): { creation: PoolCreation; binding: CreationBinding } | null {
      const def = variable.defs[0];
      if (def?.type !== 'Variable') return null;
      const init = (def.node).init;
      if (!init) return null;
      let inner: Node = skipWrappers(init);
      if (inner.type === 'AwaitExpression') inner = skipWrappers(inner.argument);
      const creation = poolCreation(inner, provenance);
      if (creation === null || absorbingCreation(creation.node, provenance, sourceCode)?.node !== outer) return null;
      const binding = creationBinding(creation.node, sourceCode);
      return binding === null ? null : { creation, binding };
    }

    function planHoist(creation: PoolCreation, binding: CreationBinding, group: ReturnType<typeof creationGroup>, ends: TSESTree.CallExpression[], loop: LoopContext): Plan | null {
      const body = iterationBody(loop);
      if (body === null) return null;
      if (group.statements.some((s) => s.parent !== body)) return null;
      if (binding.declaration.kind !== 'const' && binding.declaration.kind !== 'let') return null;
      const anchor = loop.kind === 'loop' ? loop.statement : enclosingStatement(loop.node);
      if (anchor === null || anchor.parent === undefined || !BLOCK_LIKE.has(anchor.parent.type)) return null;
      for (const variable of group.variables) if (nameTaken(variable)) return null;

      // `client.connect()` / `ds.initialize()` right after the creation move with it; a method the catalog does not know stops the fix
      const shape = creation.value.ref.shape;
      const known = knownMethods(shape);
      const open = new Set(shape.open ?? []);
      const moved = [...group.statements];
      const variable = binding.variable;
      let next = (body.body as Node[]).indexOf(binding.declaration) + 1;
      for (const use of methodCalls(variable)) {
        if (use.method === null || use.call === null) continue;
        if (!known.has(use.method)) return null;
        if (!open.has(use.method)) continue;
        const statement = use.call ? callStatement(use.call) : null;
        if (statement === null || statement.parent !== body || body.body[next] !== statement) return null;
        moved.push(statement);
        next += 1;
      }
      const after: Node[] = [];
      for (const end of ends) {
        const statement = callStatement(end);
        if (statement === null || statement.parent !== body) return null;
        after.push(statement);
      }
      if (after.length > 1) return null;
      if (after.length > 0 && loop.kind === 'callback' && !callbackFinishesBeforeNextStatement(loop)) return null;
      const movedText = [...moved, ...after].some((s) => containsAwait(s));
      if (movedText && loop.kind === 'callback' && !awaitAllowedAt(anchor)) return null;
      const exits = after.length > 0 ? exitsPastLoop(loop) : [];
      return { moved, after, anchor, safe: group.plain && !isReassigned(variable) && exits.length === 0 };
    }

    /** A variable of the same name is visible where the hoisted declaration would go. */
    function nameTaken(variable: Variable): boolean {
      for (let scope = variable.scope.upper; scope !== null; scope = scope.upper) {
        if (scope.set.has(variable.name)) return true;
        if (scope.type === 'global' && scope.through.some((r) => r.identifier.name === variable.name)) return true;
      }
      return false;
    }

    /** The per-item callbacks have all finished when the statement after the call runs: sync callbacks, or `await Promise.all(xs.map(…))`. */
    function callbackFinishesBeforeNextStatement(loop: Extract<LoopContext, { kind: 'callback' }>): boolean {
      if (!loop.fn.async && !loop.fn.generator) return true;
      const all = loop.node.parent;
      if (all?.type !== 'CallExpression' || all.arguments[0] !== loop.node) return false;
      const callee = skipWrappers(all.callee);
      if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return false;
      const object = skipWrappers(callee.object);
      const isPromiseAll = object.type === 'Identifier' && object.name === 'Promise' && (callee.property.name === 'all' || callee.property.name === 'allSettled');
      return isPromiseAll && all.parent?.type === 'AwaitExpression';
    }

    function awaitAllowedAt(anchor: Node): boolean {
      const fn = enclosingFunction(anchor);
      return fn === null ? sourceCode.ast.sourceType === 'module' : fn.async;
    }

    function containsAwait(statement: Node): boolean {
      if (isFunction(statement)) return false;
      let found = false;
      walkSubtree(statement, (node) => {
        if (found) return false;
        found = node.type === 'AwaitExpression' || (node.type === 'VariableDeclaration' && node.kind === 'await using');
        return !found;
      });
      return found;
    }

    return {
      NewExpression: onCreation,
      CallExpression: onCreation,
    };
  },
});
