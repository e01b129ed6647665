import type { TSESTree } from '@typescript-eslint/utils';
import { isFunction, memberKey, propertyName, skipWrappers, walkSubtree } from './ast.js';

type Node = TSESTree.Node;
type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression;

/**
 * Fields (DESIGN.md §4, source 3): `this.x` assigned anywhere in a class — any method, not only the
 * constructor — or in an ES5 constructor function and the functions on its prototype
 * (`function DB() { this.pool = mysql.createPool(cfg) }`, `DB.prototype.query = function () {
 * this.pool.getConnection(…) }`), including `Object.assign(this, { pool })`. The index is built once
 * per owner (a class, or a constructor function) and maps each key to the values assigned to it.
 */
export type FieldIndex = ReadonlyMap<string, readonly Node[]>;

/** The class or ES5 constructor function that `this` at `node` belongs to, if any. */
export function thisOwner(node: Node, program: TSESTree.Program): Node | null {
  for (let current = node.parent; current != null; current = current.parent) {
    if (current.type === 'ClassBody') return current.parent;
    if (current.type === 'FunctionDeclaration' || current.type === 'FunctionExpression') {
      if (current.parent?.type === 'MethodDefinition' || current.parent?.type === 'PropertyDefinition') continue;
      return constructorOf(current, program);
    }
  }
  return null;
}

/** Every `this.<key> = value` (and `Object.assign(this, { key })`) in the owner's code. */
export function fieldIndex(owner: Node, program: TSESTree.Program): FieldIndex {
  const index = new Map<string, Node[]>();
  const add = (key: string | null, value: Node): void => {
    if (key !== null) index.set(key, [...(index.get(key) ?? []), value]);
  };
  for (const body of ownerBodies(owner, program)) {
    walkSubtree(body, (n) => {
      // a nested non-arrow function has its own `this`
      if (n !== body && (n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression')) return false;
      if (n.type === 'AssignmentExpression' && (n.operator === '=' || n.operator === '??=' || n.operator === '||=')) {
        const left = skipWrappers(n.left);
        if (left.type === 'MemberExpression' && left.object.type === 'ThisExpression') add(memberKey(left), n.right);
      } else if (n.type === 'CallExpression' && isObjectAssignToThis(n)) {
        for (const source of n.arguments.slice(1)) {
          if (source.type !== 'ObjectExpression') continue;
          for (const property of source.properties) if (property.type === 'Property') add(propertyName(property), property.value);
        }
      } else if (n.type === 'PropertyDefinition' && !n.static && n.value !== null) {
        add(propertyName(n), n.value);
      }
      return true;
    });
  }
  return index;
}

function isObjectAssignToThis(call: TSESTree.CallExpression): boolean {
  const callee = skipWrappers(call.callee);
  return (
    callee.type === 'MemberExpression' &&
    callee.object.type === 'Identifier' &&
    callee.object.name === 'Object' &&
    memberKey(callee) === 'assign' &&
    call.arguments[0]?.type === 'ThisExpression'
  );
}

/** The code whose `this` is the owner's instance: a class's body, or a constructor function and its prototype's functions. */
function ownerBodies(owner: Node, program: TSESTree.Program): Node[] {
  if (owner.type === 'ClassDeclaration' || owner.type === 'ClassExpression') {
    // each instance method and field initialiser (walks do not enter nested functions on their own)
    const bodies: Node[] = [];
    for (const element of owner.body.body) {
      if (element.type === 'MethodDefinition' && !element.static) bodies.push(element.value);
      else if (element.type === 'PropertyDefinition' && !element.static) bodies.push(element);
    }
    return bodies;
  }
  if (!isFunction(owner)) return [];
  const name = functionName(owner);
  const bodies: Node[] = [owner];
  if (name === null) return bodies;
  for (const statement of program.body) {
    const expression = statement.type === 'ExpressionStatement' ? statement.expression : null;
    if (expression?.type !== 'AssignmentExpression') continue;
    const left = skipWrappers(expression.left);
    // `C.prototype.m = function () {}` / `C.prototype = { m() {} }`
    if (left.type === 'MemberExpression' && isPrototypeOf(left.object, name) && isFunction(expression.right)) bodies.push(expression.right);
    if (isPrototypeOf(left, name) && expression.right.type === 'ObjectExpression') {
      for (const property of expression.right.properties) if (property.type === 'Property' && isFunction(property.value)) bodies.push(property.value);
    }
  }
  return bodies;
}

/** For a function whose `this` is an instance: the constructor function it belongs to, if it is one. */
function constructorOf(fn: FunctionNode, program: TSESTree.Program): Node | null {
  const parent = fn.parent;
  // `C.prototype.m = function () {}`
  if (parent?.type === 'AssignmentExpression' && parent.right === fn) {
    const left = skipWrappers(parent.left);
    if (left.type === 'MemberExpression' && left.object.type === 'MemberExpression' && memberKey(left.object) === 'prototype' && left.object.object.type === 'Identifier') {
      return findConstructor(left.object.object.name, program);
    }
    return null;
  }
  // `C.prototype = { m: function () {} }`
  if (parent?.type === 'Property' && parent.value === fn && parent.parent.type === 'ObjectExpression') {
    const assignment = parent.parent.parent;
    if (assignment?.type === 'AssignmentExpression' && assignment.left.type === 'MemberExpression' && memberKey(assignment.left) === 'prototype' && assignment.left.object.type === 'Identifier') {
      return findConstructor(assignment.left.object.name, program);
    }
    return null;
  }
  // the constructor function itself: a named function whose prototype the module extends, or that assigns `this.x`
  const name = functionName(fn);
  return name !== null && findConstructor(name, program) === fn ? fn : null;
}

function findConstructor(name: string, program: TSESTree.Program): FunctionNode | null {
  for (const raw of program.body) {
    const statement = raw.type === 'ExportNamedDeclaration' && raw.declaration ? raw.declaration : raw;
    if (statement.type === 'FunctionDeclaration' && statement.id?.name === name) return statement;
    if (statement.type === 'VariableDeclaration') {
      for (const declarator of statement.declarations) {
        if (declarator.id.type === 'Identifier' && declarator.id.name === name && declarator.init?.type === 'FunctionExpression') return declarator.init;
      }
    }
  }
  return null;
}

function functionName(fn: Node): string | null {
  if ((fn.type === 'FunctionDeclaration' || fn.type === 'FunctionExpression') && fn.id) return fn.id.name;
  if (fn.parent?.type === 'VariableDeclarator' && fn.parent.id.type === 'Identifier') return fn.parent.id.name;
  return null;
}

function isPrototypeOf(node: Node, name: string): boolean {
  return node.type === 'MemberExpression' && memberKey(node) === 'prototype' && node.object.type === 'Identifier' && node.object.name === name;
}

/** The method `this.<key>` names in the owner: a class method, or a function on an ES5 constructor's prototype. */
export function ownMethod(owner: Node, key: string, program: TSESTree.Program): TSESTree.FunctionLike | null {
  if (owner.type === 'ClassDeclaration' || owner.type === 'ClassExpression') {
    for (const element of owner.body.body) {
      if (element.type === 'MethodDefinition' && element.kind === 'method' && !element.static && propertyName(element) === key) return element.value;
      if (element.type === 'PropertyDefinition' && !element.static && propertyName(element) === key && element.value && isFunction(element.value)) return element.value;
    }
    return null;
  }
  const name = functionName(owner);
  if (name === null) return null;
  for (const statement of program.body) {
    const expression = statement.type === 'ExpressionStatement' ? statement.expression : null;
    if (expression?.type !== 'AssignmentExpression') continue;
    const left = skipWrappers(expression.left);
    if (left.type === 'MemberExpression' && isPrototypeOf(left.object, name) && memberKey(left) === key && isFunction(expression.right)) return expression.right;
    if (isPrototypeOf(left, name) && expression.right.type === 'ObjectExpression') {
      for (const property of expression.right.properties) {
        if (property.type === 'Property' && propertyName(property) === key && isFunction(property.value)) return property.value;
      }
    }
  }
  return null;
}
