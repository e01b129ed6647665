import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

type Node = TSESTree.Node;

/** The variable `name` refers to from `scope`: the nearest enclosing scope that declares it (`null` for an undeclared global). */
export function findVariable(scope: TSESLint.Scope.Scope | null, name: string): TSESLint.Scope.Variable | null {
  for (let current = scope; current !== null; current = current.upper) {
    const variable = current.set.get(name);
    if (variable !== undefined) return variable;
  }
  return null;
}

/** Function-like nodes: declarations, expressions and arrows. */
export function isFunction(node: Node | null | undefined): node is TSESTree.FunctionLike & (TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression) {
  return node?.type === 'ArrowFunctionExpression' || node?.type === 'FunctionExpression' || node?.type === 'FunctionDeclaration';
}

/** Strips parentheses-free wrappers that do not change the value: `x!`, `x as T`, `<T>x`, `x satisfies T`, `a?.b`. */
export function skipWrappers(node: Node): Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case 'TSNonNullExpression':
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSTypeAssertion':
      case 'TSInstantiationExpression':
        current = current.expression;
        break;
      case 'ChainExpression':
        current = current.expression;
        break;
      default:
        return current;
    }
  }
}

/** The static key of a property, method or class member, or null for computed keys. */
export function propertyName(node: TSESTree.Property | TSESTree.PropertyDefinition | TSESTree.MethodDefinition): string | null {
  if (node.computed) return node.key.type === 'Literal' && typeof node.key.value === 'string' ? node.key.value : null;
  if (node.key.type === 'Identifier') return node.key.name;
  if (node.key.type === 'PrivateIdentifier') return `#${node.key.name}`;
  if (node.key.type === 'Literal') return String(node.key.value);
  return null;
}

/** The class element (method, property, static block) whose `this` a node sees, through arrows; null outside a class. */
function thisElement(node: Node): TSESTree.ClassElement | null {
  let current: Node = node;
  while (current.parent) {
    if (current.parent.type === 'ClassBody') return current as TSESTree.ClassElement;
    // `this` inside a non-arrow function that is not a method refers to something else
    if ((current.type === 'FunctionDeclaration' || current.type === 'FunctionExpression') && current.parent.type !== 'MethodDefinition') return null;
    current = current.parent;
  }
  return null;
}

/** The class `this` refers to at a node, or null. */
export function thisClass(node: Node): TSESTree.ClassDeclaration | TSESTree.ClassExpression | null {
  const element = thisElement(node);
  return element === null ? null : (element.parent as TSESTree.ClassBody).parent;
}

/**
 * The type annotation the class declares for `this.key` where `node` is: on an instance property
 * (`private pool: Pool`) or a constructor parameter property (`constructor(private readonly
 * dataSource: DataSource)`). Null in static code, or when the field is inherited or not annotated.
 */
export function thisFieldAnnotation(node: Node, key: string): TSESTree.TypeNode | null {
  const element = thisElement(node);
  if (element === null || element.type === 'StaticBlock' || ('static' in element && element.static)) return null;
  for (const member of (element.parent as TSESTree.ClassBody).body) {
    if (member.type === 'PropertyDefinition' && !member.static && propertyName(member) === key) return member.typeAnnotation?.typeAnnotation ?? null;
    if (member.type === 'MethodDefinition' && member.kind === 'constructor') {
      for (const param of member.value.params) {
        if (param.type === 'TSParameterProperty' && param.parameter.type === 'Identifier' && param.parameter.name === key) return param.parameter.typeAnnotation?.typeAnnotation ?? null;
      }
    }
  }
  return null;
}

/** The nearest enclosing function of a node, or null at module level. */
export function enclosingFunction(node: Node): TSESTree.FunctionLike | null {
  let current = node.parent;
  while (current) {
    if (isFunction(current)) return current;
    current = current.parent;
  }
  return null;
}

/** The node whose code path holds `node`: its nearest enclosing function, or the Program. */
export function holderOf(node: Node): Node {
  let current: Node = node;
  while (current.parent) {
    current = current.parent;
    if (isFunction(current)) return current;
  }
  return current;
}

/** The function (or null at module level) whose scope declares a variable. */
export function declaringFunction(variable: TSESLint.Scope.Variable): Node | null {
  let scope: TSESLint.Scope.Scope | null = variable.scope;
  while (scope !== null && scope.type !== 'function' && scope.type !== 'module' && scope.type !== 'global') scope = scope.upper;
  return scope?.type === 'function' ? scope.block : null;
}

/** Whether `inner` lies inside `outer` (or is it). */
export function isInside(inner: Node, outer: Node): boolean {
  return inner.range[0] >= outer.range[0] && inner.range[1] <= outer.range[1];
}

/** The statement that directly contains an expression, walking up through expressions only. */
export function enclosingStatement(node: Node): TSESTree.Statement | null {
  let current: Node | undefined = node;
  while (current && !isStatement(current)) current = current.parent;
  return current ?? null;
}

function isStatement(node: Node): node is TSESTree.Statement {
  return node.type.endsWith('Statement') || node.type.endsWith('Declaration');
}

/**
 * Walks a subtree in source order, skipping nested functions (their code runs at another time).
 * `enter` returning `false` skips a node's children.
 */
export function walkSubtree(root: Node, enter: (node: Node) => boolean | void): void {
  const visit = (n: Node): void => {
    if (n !== root && isFunction(n)) return;
    if (enter(n) === false) return;
    for (const key of Object.keys(n) as Array<keyof typeof n>) {
      if (key === 'parent') continue;
      const value = n[key] as unknown;
      if (Array.isArray(value)) {
        for (const item of value) if (isNode(item)) visit(item);
      } else if (isNode(value)) visit(value);
    }
  };
  visit(root);
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** The property name of a member access, for `a.b` and `a['b']`. */
export function memberKey(node: TSESTree.MemberExpression): string | null {
  if (!node.computed) {
    if (node.property.type === 'Identifier') return node.property.name;
    // `this.#pool`: private names keep their `#`, so they never collide with a public member
    return node.property.type === 'PrivateIdentifier' ? `#${node.property.name}` : null;
  }
  if (node.property.type === 'Literal' && typeof node.property.value === 'string') return node.property.value;
  return null;
}

/** `Promise.all(…)`, `Promise.resolve(…)` …: the static method called on `Promise`, or null. */
export function promiseStaticMethod(call: TSESTree.CallExpression): string | null {
  const callee = skipWrappers(call.callee);
  if (callee.type !== 'MemberExpression' || callee.object.type !== 'Identifier' || callee.object.name !== 'Promise') return null;
  return memberKey(callee);
}
