import type { TSESTree } from '@typescript-eslint/utils';
import { enclosingFunction, isFunction, skipWrappers } from './ast.js';
import { loopContext } from './loops.js';
import { memberKey, type Provenance } from './provenance.js';

type Node = TSESTree.Node;
type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression;

/**
 * Request handlers and test hooks, recognised by shape (DESIGN.md §4 "Loops and calls"). These are
 * web-framework and test-runner conventions, not database-driver facts:
 *
 * - route callbacks: `app.get('/path', fn)`, `router.post('/path', mw, fn)`, `app.route('/x').get(fn)`,
 *   `app.use('/path', fn)`, `app.use((req, res, next) => …)`, `fastify.route({ method, url, handler })`,
 *   `server.route({ method, path, handler })` (Express, Fastify, Koa router, Hapi);
 * - Next.js App Router `route.{ts,js}` exports named after HTTP methods, and the default export of a
 *   file under `pages/api/`;
 * - serverless `handler` exports (`export const handler`, `export function handler`, `exports.handler`,
 *   `module.exports.handler`) and the `fetch` method of `export default { fetch }` (Workers);
 * - NestJS controller methods: a method decorated `@Get()`/`@Post()`/… in a class decorated `@Controller()`.
 */
export interface RequestHandler {
  readonly fn: FunctionNode;
  /** words for messages: "the route handler for `GET /users`" */
  readonly description: string;
}

const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options', 'all']);
const NEXT_ROUTE_EXPORTS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
const NEST_ROUTE_DECORATORS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', 'All', 'Head', 'Options', 'Search']);
const TEST_HOOKS = new Set(['beforeAll', 'afterAll', 'before', 'after']);

/** Whether `fn` is a request handler, and how to name it. */
export function requestHandler(fn: FunctionNode, filename: string): RequestHandler | null {
  const description = routeCallback(fn) ?? exportedHandler(fn, filename) ?? nestRoute(fn);
  return description === null ? null : { fn, description };
}

/** The innermost request handler that `node` runs in (through callbacks and IIFEs inside it). */
export function enclosingRequestHandler(node: Node, filename: string): RequestHandler | null {
  for (let current: Node | undefined = node.parent; current; current = current.parent) {
    if (isFunction(current)) {
      const handler = requestHandler(current, filename);
      if (handler !== null) return handler;
    }
  }
  return null;
}

/** A test lifecycle hook's callback: `beforeAll(fn)`, `afterAll(fn)`, `before(fn)`, `after(fn)`. */
export function isTestLifecycleHook(fn: Node): boolean {
  const call = fn.parent;
  if (call?.type !== 'CallExpression' || !call.arguments.includes(fn as TSESTree.CallExpressionArgument)) return false;
  const callee = skipWrappers(call.callee);
  const name = callee.type === 'Identifier' ? callee.name : null;
  return name !== null && TEST_HOOKS.has(name);
}

function routeCallback(fn: FunctionNode): string | null {
  const parent = fn.parent;
  // `{ method: 'GET', url: '/x', handler: fn }` passed to `.route(…)`, or a Fastify options object `{ handler }`
  if (parent?.type === 'Property' && parent.value === fn && keyName(parent) === 'handler') {
    const object = parent.parent as TSESTree.ObjectExpression;
    const call = object.parent;
    if (call?.type === 'CallExpression' && call.arguments.includes(object)) {
      const method = calleeMethod(call);
      const path = stringProperty(object, 'path') ?? stringProperty(object, 'url');
      if (method === 'route' && path !== null) return `the route handler for \`${path}\``;
      if (method !== null && HTTP_METHODS.has(method.toLowerCase())) {
        const routePath = stringArgument(call.arguments[0]);
        if (routePath !== null) return `the route handler for \`${method.toUpperCase()} ${routePath}\``;
      }
    }
    return null;
  }
  if (parent?.type !== 'CallExpression' || !parent.arguments.includes(fn as TSESTree.CallExpressionArgument)) return null;
  const call = parent;
  const method = calleeMethod(call);
  if (method === null) return null;
  const first = stringArgument(call.arguments[0]);
  if (HTTP_METHODS.has(method)) {
    if (first !== null) return `the route handler for \`${method.toUpperCase()} ${first}\``;
    // `app.route('/x').get(fn)`
    const callee = skipWrappers(call.callee) as TSESTree.MemberExpression;
    const object = skipWrappers(callee.object);
    if (object.type === 'CallExpression' && calleeMethod(object) === 'route') {
      const path = stringArgument(object.arguments[0]);
      if (path !== null) return `the route handler for \`${method.toUpperCase()} ${path}\``;
    }
    return null;
  }
  if (method === 'use') {
    if (first !== null) return `the middleware for \`${first}\``;
    // `app.use((req, res, next) => …)`, Koa's `app.use(async (ctx, next) => …)`
    if (call.arguments[0] === fn && fn.params.length >= 2) return 'this middleware';
  }
  return null;
}

function exportedHandler(fn: FunctionNode, filename: string): string | null {
  const base = filename.replace(/\\/gu, '/');
  const name = exportedName(fn);
  if (name === null) return null;
  if (/(?:^|\/)route\.[cm]?[jt]sx?$/u.test(base) && NEXT_ROUTE_EXPORTS.has(name)) return `the \`${name}\` route handler`;
  if (/(?:^|\/)pages\/api\//u.test(base) && name === 'default') return 'this API route';
  if (name === 'handler') return 'the serverless `handler`';
  if (name === 'default.fetch') return 'the `fetch` handler';
  // an exported controller whose parameters say it serves requests: `exports.getRag = async (req, res) => …`
  if (takesRequestAndResponse(fn)) return `the request handler \`${name}\``;
  return null;
}

/** `(req, res)`, `(req, res, next)`, `(request, reply)`: Express/Koa/Fastify controller parameters. */
function takesRequestAndResponse(fn: FunctionNode): boolean {
  const [first, second] = fn.params;
  return first?.type === 'Identifier' && second?.type === 'Identifier' && /^(?:req|request)$/u.test(first.name) && /^(?:res|response|reply)$/u.test(second.name);
}

/** The export name of a function: `export function GET`, `export const handler = …`, `exports.handler = …`, `export default …`. */
function exportedName(fn: FunctionNode): string | null {
  const parent = fn.parent;
  if (fn.type === 'FunctionDeclaration') {
    if (parent?.type === 'ExportNamedDeclaration') return fn.id?.name ?? null;
    if (parent?.type === 'ExportDefaultDeclaration') return 'default';
    return fn.id !== null && isExportedName(fn, fn.id.name) ? fn.id.name : null;
  }
  if (parent?.type === 'ExportDefaultDeclaration') return 'default';
  if (parent?.type === 'VariableDeclarator' && parent.init === fn && parent.id.type === 'Identifier') {
    const declaration = parent.parent;
    if (declaration.parent?.type === 'ExportNamedDeclaration') return parent.id.name;
    return isExportedName(fn, parent.id.name) ? parent.id.name : null;
  }
  if (parent?.type === 'AssignmentExpression' && parent.right === fn && parent.left.type === 'MemberExpression') {
    const key = memberKey(parent.left);
    const object = skipWrappers(parent.left.object);
    const isExports =
      (object.type === 'Identifier' && object.name === 'exports') ||
      (object.type === 'MemberExpression' && memberKey(object) === 'exports' && skipWrappers(object.object).type === 'Identifier' && (skipWrappers(object.object) as TSESTree.Identifier).name === 'module');
    return isExports ? key : null;
  }
  // `export default { fetch(req) { … } }` / `export default { async fetch() {} }`
  if (parent?.type === 'Property' && parent.value === fn && keyName(parent) === 'fetch' && parent.parent.type === 'ObjectExpression') {
    const holder = parent.parent.parent;
    if (holder?.type === 'ExportDefaultDeclaration') return 'default.fetch';
  }
  return null;
}

/** `function handler() {}` … `export { handler }` / `export default handler` / `module.exports = { handler }`. */
function isExportedName(fn: Node, name: string): boolean {
  let program: Node = fn;
  while (program.parent) program = program.parent;
  if (program.type !== 'Program') return false;
  for (const statement of program.body) {
    if (statement.type === 'ExportNamedDeclaration' && statement.declaration === null && statement.source === null) {
      for (const specifier of statement.specifiers) {
        if (specifier.local.type === 'Identifier' && specifier.local.name === name) return true;
      }
    }
    if (statement.type === 'ExportDefaultDeclaration' && statement.declaration.type === 'Identifier' && statement.declaration.name === name) {
      return true;
    }
  }
  return false;
}

function nestRoute(fn: FunctionNode): string | null {
  const method = fn.parent;
  if (method?.type !== 'MethodDefinition' || method.value !== fn) return null;
  const route = method.decorators?.find((d) => NEST_ROUTE_DECORATORS.has(decoratorName(d) ?? ''));
  if (route === undefined) return null;
  const classNode = method.parent.parent;
  if (!(classNode.type === 'ClassDeclaration' || classNode.type === 'ClassExpression')) return null;
  if (!classNode.decorators?.some((d) => decoratorName(d) === 'Controller')) return null;
  const name = method.key.type === 'Identifier' ? method.key.name : 'this method';
  return `the controller method \`${name}\``;
}

function decoratorName(decorator: TSESTree.Decorator): string | null {
  const expression = decorator.expression.type === 'CallExpression' ? decorator.expression.callee : decorator.expression;
  return expression.type === 'Identifier' ? expression.name : null;
}

function calleeMethod(call: TSESTree.CallExpression): string | null {
  const callee = skipWrappers(call.callee);
  return callee.type === 'MemberExpression' ? memberKey(callee) : null;
}

function stringArgument(node: Node | undefined): string | null {
  if (node === undefined) return null;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value.startsWith('/') || node.value === '*' ? node.value : null;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) {
    const text = node.quasis[0]!.value.cooked ?? '';
    return text.startsWith('/') ? text : null;
  }
  return null;
}

function stringProperty(object: TSESTree.ObjectExpression, key: string): string | null {
  for (const property of object.properties) {
    if (property.type === 'Property' && keyName(property) === key) return stringArgument(property.value);
  }
  return null;
}

function keyName(property: TSESTree.Property): string | null {
  if (property.computed) return property.key.type === 'Literal' && typeof property.key.value === 'string' ? property.key.value : null;
  return property.key.type === 'Identifier' ? property.key.name : property.key.type === 'Literal' ? String(property.key.value) : null;
}

/**
 * `async function main() { … } main();`, `run().catch(() => process.exit(1))` — a module-level
 * function called exactly once, from module-level code outside any loop: it runs once per process.
 * So does a module-level function of this file, not exported, called exactly once (outside a loop)
 * from such a function.
 */
export function calledOnceAtModuleLevel(fn: FunctionNode, program: TSESTree.Program, provenance: Provenance, exported = true, depth = 0): boolean {
  let id: TSESTree.Identifier | null = null;
  let statement: Node | undefined;
  if (fn.type === 'FunctionDeclaration') {
    id = fn.id;
    statement = fn;
  } else if (fn.parent?.type === 'VariableDeclarator' && fn.parent.id.type === 'Identifier' && fn.parent.init === fn) {
    id = fn.parent.id;
    statement = fn.parent.parent;
  }
  if (statement?.parent?.type === 'ExportNamedDeclaration') {
    if (!exported) return false;
    statement = statement.parent;
  }
  if (id === null || statement?.parent !== program) return false;
  const variable = provenance.findVariable(id);
  if (variable === null) return false;
  const uses = variable.references.filter((r) => !r.init);
  if (uses.length !== 1) return false;
  const use = uses[0]!.identifier as Node;
  const call = use.parent;
  if (call?.type !== 'CallExpression' || call.callee !== use || loopContext(call) !== null) return false;
  // called once from module level, or once (outside a loop) from a function of this file that itself
  // runs once per process: `const main = async () => { … await runMigrations(); … }; main();`
  const caller = enclosingFunction(call);
  if (caller === null) return true;
  return depth < 4 && statement.type !== 'ExportNamedDeclaration' && runsOncePerProcess(caller, program, provenance, depth + 1);
}

const TEST_FILE = /(?:^|[\\/])__tests__[\\/]|\.(?:test|spec)\.[cm]?[jt]sx?$/;

/**
 * A test file (`*.test.*`, `*.spec.*`, or under `__tests__/`). An exception there is a failing test:
 * what it skips (a release after an `expect`) costs that run, not a service, so the rules that report
 * a release or an end skipped only by an exception stay silent there, as in a one-shot script.
 */
export function isTestFile(filename: string): boolean {
  return TEST_FILE.test(filename);
}

/**
 * Whether `holder` (a function, or the program) runs once per process: module-level code, an IIFE
 * at module level, or a function {@link calledOnceAtModuleLevel} that is not exported (another
 * module may call an exported one many times). An exception there ends the script (an unhandled
 * rejection exits Node), so nothing it holds outlives the process.
 */
export function runsOncePerProcess(holder: Node, program: TSESTree.Program, provenance: Provenance, depth = 0): boolean {
  if (holder === program) return true;
  if (!isFunction(holder)) return false;
  const parent = holder.parent;
  if (parent?.type === 'CallExpression' && parent.callee === holder) return enclosingFunction(parent) === null && loopContext(parent) === null;
  return calledOnceAtModuleLevel(holder, program, provenance, false, depth);
}
