import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { isFunction, isInside, skipWrappers, walkSubtree } from './ast.js';
import { memberKey } from './provenance.js';

type Node = TSESTree.Node;
type Variable = TSESLint.Scope.Variable;

export type LoopStatement =
  | TSESTree.ForStatement
  | TSESTree.ForInStatement
  | TSESTree.ForOfStatement
  | TSESTree.WhileStatement
  | TSESTree.DoWhileStatement;

/**
 * Where a node runs once per item: the body (or per-iteration head part) of a loop statement, or a
 * per-item callback (`xs.map(x => …)`, `xs.forEach(…)`, `Array.from(xs, x => …)`).
 */
export type LoopContext =
  | {
      readonly kind: 'loop';
      readonly node: LoopStatement;
      /** the loop statement, or the labelled statement around it: the statement a hoist goes before */
      readonly statement: TSESTree.Statement;
    }
  | {
      readonly kind: 'callback';
      /** the per-item call: `xs.map(…)` */
      readonly node: TSESTree.CallExpression;
      readonly fn: TSESTree.FunctionLike;
      readonly method: string;
    };

/** Array and iterator methods whose first argument runs once per item (not driver facts: JavaScript's own). */
const PER_ITEM_METHODS: ReadonlySet<string> = new Set([
  'forEach',
  'map',
  'flatMap',
  'filter',
  'reduce',
  'reduceRight',
  'some',
  'every',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
]);

/**
 * The nearest loop or per-item callback that runs `node` once per iteration, or null. The walk
 * stops at a function boundary, except that a callback passed as an argument (`.then(cb)`,
 * `new Promise(cb)`) or an IIFE runs where it is written, so a pool in a callback inside a loop is
 * in the loop; a function that is declared, assigned or a method runs when it is called, so a pool
 * in it is not in the loop that declares it.
 */
export function loopContext(node: Node): LoopContext | null {
  let child: Node = node;
  let current: Node | undefined = node.parent;
  while (current) {
    switch (current.type) {
      case 'ForStatement':
        if (child !== current.init) return { kind: 'loop', node: current, statement: labelled(current) };
        break;
      case 'ForInStatement':
      case 'ForOfStatement':
        if (child === current.body || child === current.left) return { kind: 'loop', node: current, statement: labelled(current) };
        break;
      case 'WhileStatement':
      case 'DoWhileStatement':
        return { kind: 'loop', node: current, statement: labelled(current) };
      case 'ArrowFunctionExpression':
      case 'FunctionExpression': {
        const callback = perItemCallback(current);
        if (callback !== null) return callback;
        const parent = current.parent;
        const isArgument = (parent?.type === 'CallExpression' || parent?.type === 'NewExpression') && parent.arguments.includes(current);
        const isIife = parent?.type === 'CallExpression' && parent.callee === current;
        if (!isArgument && !isIife) return null;
        break;
      }
      case 'FunctionDeclaration':
      case 'ClassBody':
        return null;
      default:
        break;
    }
    child = current;
    current = current.parent;
  }
  return null;
}

/** `xs.map(fn)`, `xs.forEach(fn)`, `Array.from(xs, fn)`: the per-item callback context of `fn`. */
export function perItemCallback(fn: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression): LoopContext | null {
  const call = fn.parent;
  if (call?.type !== 'CallExpression') return null;
  const callee = skipWrappers(call.callee);
  if (callee.type !== 'MemberExpression') return null;
  const method = memberKey(callee);
  if (method === null) return null;
  if (PER_ITEM_METHODS.has(method) && call.arguments[0] === fn) return { kind: 'callback', node: call, fn, method };
  const object = skipWrappers(callee.object);
  if (method === 'from' && object.type === 'Identifier' && object.name === 'Array' && call.arguments[1] === fn) {
    return { kind: 'callback', node: call, fn, method: 'Array.from' };
  }
  return null;
}

function labelled(loop: LoopStatement): TSESTree.Statement {
  let statement: TSESTree.Statement = loop;
  while (statement.parent?.type === 'LabeledStatement') statement = statement.parent;
  return statement;
}

/** Words for a loop context, for messages: "`for…of` loop", "`map` callback". */
export function describeLoop(context: LoopContext): string {
  if (context.kind === 'callback') return `\`${context.method}\` callback`;
  switch (context.node.type) {
    case 'ForStatement':
      return '`for` loop';
    case 'ForInStatement':
      return '`for…in` loop';
    case 'ForOfStatement':
      return context.node.await ? '`for await…of` loop' : '`for…of` loop';
    case 'WhileStatement':
      return '`while` loop';
    default:
      return '`do…while` loop';
  }
}

/** The node whose extent holds everything declared per iteration: the loop statement, or the callback. */
export function iterationScope(context: LoopContext): Node {
  return context.kind === 'loop' ? context.node : context.fn;
}

/** The statements the loop body runs per iteration, when the body is a block. */
export function iterationBody(context: LoopContext): TSESTree.BlockStatement | null {
  const body: Node | null | undefined = context.kind === 'loop' ? context.node.body : context.fn.body;
  return body?.type === 'BlockStatement' ? body : null;
}

/**
 * The variables that `node` reads and that are declared inside the loop (the loop variable, a
 * callback's parameters, anything declared in the body), excluding those declared inside `node`
 * itself (a factory function's own locals).
 */
export function iterationReads(node: Node, context: LoopContext, findVariable: (id: TSESTree.Identifier) => Variable | null): Variable[] {
  const scope = iterationScope(context);
  const found: Variable[] = [];
  for (const id of readIdentifiers(node)) {
    const variable = findVariable(id);
    const declaration = variable?.defs[0]?.name as Node | undefined;
    if (variable === null || declaration === undefined) continue;
    if (isInside(declaration, node)) continue;
    if (isInside(declaration, scope) && !found.includes(variable)) found.push(variable);
  }
  return found;
}

/**
 * The variables that `node` reads, declared outside the loop, that the loop may change on each
 * iteration: assigned (`options = …`), a member assigned or updated (`options.host = …`,
 * `options.n++`), or passed to a call that could mutate it. A creation reading one of them
 * depends on the iteration even though the variable is declared outside.
 */
export function iterationMutated(node: Node, context: LoopContext, findVariable: (id: TSESTree.Identifier) => Variable | null): Variable[] {
  const scope = iterationScope(context);
  const found: Variable[] = [];
  for (const id of readIdentifiers(node)) {
    const variable = findVariable(id);
    if (variable === null || found.includes(variable)) continue;
    // declared in the loop: `iterationReads` covers it
    const declaration = variable.defs[0]?.name as Node | undefined;
    if (declaration !== undefined && isInside(declaration, scope)) continue;
    const changed = variable.references.some((reference) => {
      const ref = reference.identifier as Node;
      if (!isInside(ref, scope) || isInside(ref, node)) return false;
      if (reference.isWrite()) return true;
      let target: Node = ref;
      while (target.parent?.type === 'MemberExpression' && target.parent.object === target) target = target.parent;
      const parent = target.parent;
      if (target !== ref && parent?.type === 'AssignmentExpression' && parent.left === target) return true;
      if (target !== ref && parent?.type === 'UpdateExpression') return true;
      return (parent?.type === 'CallExpression' || parent?.type === 'NewExpression') && parent.arguments.includes(target as TSESTree.CallExpressionArgument);
    });
    if (changed) found.push(variable);
  }
  return found;
}

/** Identifiers in expression positions under `root` (not property keys or member names). */
export function readIdentifiers(root: Node): TSESTree.Identifier[] {
  const ids: TSESTree.Identifier[] = [];
  const visit = (node: Node | null | undefined, parent: Node | null): void => {
    if (!node) return;
    if (node.type === 'Identifier') {
      if (parent?.type === 'MemberExpression' && parent.property === node && !parent.computed) return;
      if ((parent?.type === 'Property' || parent?.type === 'PropertyDefinition' || parent?.type === 'MethodDefinition') && parent.key === node && !parent.computed) {
        if (!(parent.type === 'Property' && parent.shorthand)) return;
      }
      ids.push(node);
      return;
    }
    for (const key of Object.keys(node)) {
      if (key === 'parent' || key === 'typeAnnotation' || key === 'typeArguments' || key === 'returnType' || key === 'typeParameters') continue;
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) for (const v of value) visit(v as Node, node);
      else if (value && typeof value === 'object' && typeof (value as Node).type === 'string') visit(value as Node, node);
    }
  };
  visit(root, root.parent ?? null);
  return ids;
}

/**
 * Whether evaluating `node` once before the loop instead of once per iteration is unobservable:
 * literals, identifiers, member reads, templates, object and array literals, operators and
 * function literals — no calls, `new`, `await`, assignments, updates or `this`.
 */
export function isPlainValue(node: Node): boolean {
  switch (node.type) {
    case 'Literal':
    case 'Identifier':
    case 'ArrowFunctionExpression':
    case 'FunctionExpression':
      return true;
    case 'TemplateLiteral':
      return node.expressions.every(isPlainValue);
    case 'MemberExpression':
      return isPlainValue(node.object) && (!node.computed || isPlainValue(node.property));
    case 'ObjectExpression':
      return node.properties.every((p) =>
        p.type === 'SpreadElement' ? isPlainValue(p.argument) : (!p.computed || isPlainValue(p.key)) && (p.kind === 'init' ? isPlainValue(p.value) : true),
      );
    case 'ArrayExpression':
      return node.elements.every((e) => e === null || isPlainValue(e.type === 'SpreadElement' ? e.argument : e));
    case 'UnaryExpression':
      return node.operator !== 'delete' && isPlainValue(node.argument);
    case 'BinaryExpression':
    case 'LogicalExpression':
      return node.left.type !== 'PrivateIdentifier' && isPlainValue(node.left) && isPlainValue(node.right);
    case 'ConditionalExpression':
      return isPlainValue(node.test) && isPlainValue(node.consequent) && isPlainValue(node.alternate);
    case 'TSAsExpression':
    case 'TSNonNullExpression':
    case 'TSSatisfiesExpression':
    case 'TSTypeAssertion':
      return isPlainValue(node.expression);
    default:
      return false;
  }
}

/**
 * Statements in the loop body (not in nested functions) that leave the loop without reaching the
 * statement after it: `return`, and `break`/`continue` to a label outside the loop. A `throw` is
 * not counted: an exception skipped the in-loop end as well.
 */
export function exitsPastLoop(context: LoopContext): Node[] {
  const scope = iterationScope(context);
  const body = context.kind === 'loop' ? context.node.body : context.fn.body;
  const labels = new Set<string>();
  for (let n: Node | undefined = context.kind === 'loop' ? context.node.parent : undefined; n?.type === 'LabeledStatement'; n = n.parent) labels.add(n.label.name);
  const exits: Node[] = [];
  if (body) walkSubtree(body, (node) => {
    if (isFunction(node) || node.type === 'ClassBody') return false;
    if (node.type === 'ReturnStatement' && context.kind === 'loop') exits.push(node);
    if ((node.type === 'BreakStatement' || node.type === 'ContinueStatement') && node.label && !labels.has(node.label.name) && !labelInside(node.label.name, node, scope)) {
      exits.push(node);
    }
    return true;
  });
  return exits;
}

function labelInside(name: string, from: Node, scope: Node): boolean {
  for (let n: Node | undefined = from.parent; n && n !== scope; n = n.parent) {
    if (n.type === 'LabeledStatement' && n.label.name === name) return true;
  }
  return false;
}

/**
 * Whether `exit` (a `return` in a loop body) leaves the loop on every normal path of the iteration
 * that reaches `from`: both sit in one block of the loop body, `exit` after the statement holding
 * `from`, and nothing from that statement to `exit` can `break`, `continue` or `return` first. Then
 * the loop runs again only when something in between throws (a connect-retry loop).
 */
export function exitsIterationAfter(exit: TSESTree.ReturnStatement, from: Node, context: LoopContext): boolean {
  if (context.kind !== 'loop' || !isInside(exit, context.node.body) || isFunctionBetween(exit, context.node)) return false;
  if (isInside(from, exit)) return !isFunctionBetween(from, exit); // `return new Driver(new Client(o))`
  const block = exit.parent;
  if (block.type !== 'BlockStatement') return false;
  let statement: Node = from;
  while (statement.parent !== undefined && statement.parent !== block) {
    if (isFunction(statement.parent) || statement.parent === context.node) return false;
    statement = statement.parent;
  }
  if (statement.parent !== block) return false;
  const start = block.body.indexOf(statement as TSESTree.Statement);
  const end = block.body.indexOf(exit);
  if (start < 0 || start >= end) return false;
  let jumps = false;
  for (const between of block.body.slice(start, end)) {
    walkSubtree(between, (node) => {
      if (node.type === 'BreakStatement' || node.type === 'ContinueStatement' || node.type === 'ReturnStatement') jumps = true;
      return !jumps;
    });
  }
  return !jumps;
}

function isFunctionBetween(inner: Node, outer: Node): boolean {
  for (let n = inner.parent; n !== undefined && n !== outer; n = n.parent) if (isFunction(n)) return true;
  return false;
}
