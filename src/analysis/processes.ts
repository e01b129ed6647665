import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { Budget } from '../settings.js';
import { isFunction, skipWrappers } from './ast.js';
import { requestHandler } from './handlers.js';
import { numberOf } from './options.js';

type Node = TSESTree.Node;
type Variable = TSESLint.Scope.Variable;
type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression;

/**
 * How many processes run a file's pools (each process has its own pool): what the budget setting
 * says for the file, or what the code shows — `cluster.fork()` and self-spawning `worker_threads`
 * loops in the same file, and the PM2 ecosystem file of the package.
 */
export type Multiplier =
  /** `words` is the arithmetic's factor text: "8 cluster workers", "2 PM2 instances × 4 cluster workers" */
  | { readonly kind: 'known'; readonly count: number; readonly words: string }
  | { readonly kind: 'unknown'; readonly reason: string };

export interface MultiplierInput {
  readonly program: TSESTree.Program;
  readonly text: string;
  readonly filename: string;
  readonly cwd: string;
  readonly budget: Budget;
  readonly findVariable: (id: TSESTree.Identifier) => Variable | null;
  /** the configured parser, to read PM2 ecosystem files (absent under some hosts: then they are not read) */
  readonly parser: unknown;
}

/** The multiplier input of the file a rule context lints (the rule and the budget command's inventory read it alike). */
export function multiplierInput(
  context: { readonly sourceCode: { readonly ast: TSESTree.Program; readonly text: string }; readonly filename: string; readonly cwd: string; readonly languageOptions?: unknown },
  budget: Budget,
  findVariable: (id: TSESTree.Identifier) => Variable | null,
): MultiplierInput {
  const { ast, text } = context.sourceCode;
  const parser = (context.languageOptions as { parser?: unknown } | undefined)?.parser;
  return { program: ast, text, filename: context.filename, cwd: context.cwd, budget, findVariable, parser };
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** The process multiplier of a file. */
export function processMultiplier(input: MultiplierInput): Multiplier {
  const configured = configuredProcesses(input.budget, input.filename, input.cwd);
  if (configured !== null) return { kind: 'known', count: configured, words: plural(configured, 'process', 'processes') };
  const factors: Array<{ count: number; words: string }> = [];
  const pm2 = pm2Instances(input.filename, input.budget, input.parser);
  if (pm2 !== null) {
    if (typeof pm2 === 'string') return { kind: 'unknown', reason: pm2 };
    factors.push(pm2);
  }
  const spawned = spawnedInFile(input);
  if (spawned !== null) {
    if (typeof spawned === 'string') return { kind: 'unknown', reason: spawned };
    factors.push(spawned);
  }
  if (factors.length === 0) return { kind: 'known', count: 1, words: '1 process' };
  return { kind: 'known', count: factors.reduce((n, f) => n * f.count, 1), words: factors.map((f) => f.words).join(' × ') };
}

// ---- settings ------------------------------------------------------------------------------------

/** `budget.processes` for this file: the number, or the longest key of the map that matches the file's path. */
export function configuredProcesses(budget: Budget, filename: string, cwd: string): number | null {
  const processes = budget.processes;
  if (processes === undefined) return null;
  if (typeof processes === 'number') return processes;
  const path = relative(cwd, filename).split(sep).join('/');
  let best: { length: number; count: number } | null = null;
  for (const [key, count] of Object.entries(processes)) {
    if (!pathMatches(key, path)) continue;
    if (best === null || key.length > best.length) best = { length: key.length, count };
  }
  return best?.count ?? null;
}

/**
 * A key is a file, a folder (every file under it), or a pattern with `*` (one segment) and `**`
 * (any). A key starting with `./` is anchored at the working directory; any other key matches at any
 * folder boundary of the path (`src/api` matches `src/api/db.ts` and `packages/x/src/api/db.ts`), as
 * `.gitignore` names do.
 */
function pathMatches(key: string, path: string): boolean {
  const anchored = key.startsWith('./') || key.startsWith('/');
  const clean = key.replace(/^\.?\/+/u, '').replace(/\/+$/u, '');
  if (clean === '') return true;
  const source = clean
    .split('**')
    .map((part) => part.split('*').map(escapeRegExp).join('[^/]*'))
    .join('.*');
  return new RegExp(`${anchored ? '^' : '(?:^|/)'}${source}(?:/.*)?$`, 'u').test(path);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/gu, '\\$&');
}

// ---- cluster.fork() and self-spawning worker threads in the same file -----------------------------

const CLUSTER_MODULES = new Set(['cluster', 'node:cluster']);
const THREAD_MODULES = new Set(['worker_threads', 'node:worker_threads']);
const OS_MODULES = new Set(['os', 'node:os']);

/**
 * `for (let i = 0; i < N; i++) cluster.fork();` (and `new Worker(__filename)` loops): the file
 * runs once per worker, and so do its pools. Forks in event callbacks (`cluster.on('exit', () =>
 * cluster.fork())` replaces a worker) are not counted. `null` when the file spawns nothing.
 */
export function spawnedInFile(input: MultiplierInput): { count: number; words: string } | string | null {
  if (!/\bfork\s*\(|\bWorker\b/u.test(input.text)) return null;
  let workers = 0;
  let threads = 0;
  let problem: string | null = null;
  visitAll(input.program, (node) => {
    if (problem !== null) return;
    const kind = spawnKind(node, input.findVariable);
    if (kind === null || inEventCallback(node)) return;
    const count = repetitions(node, input);
    if (typeof count === 'string') {
      problem = count;
      return;
    }
    if (kind === 'worker') workers += count;
    else threads += count;
  });
  if (problem !== null) return problem;
  if (workers + threads === 0) return null;
  const words = [workers > 0 ? plural(workers, 'cluster worker', 'cluster workers') : null, threads > 0 ? plural(threads, 'worker thread', 'worker threads') : null]
    .filter((w) => w !== null)
    .join(' + ');
  return { count: workers + threads, words: workers > 0 && threads > 0 ? `(${words})` : words };
}

function spawnKind(node: Node, findVariable: MultiplierInput['findVariable']): 'worker' | 'thread' | null {
  if (node.type === 'CallExpression') {
    const callee = skipWrappers(node.callee);
    if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier' || callee.property.name !== 'fork') return null;
    const object = skipWrappers(callee.object);
    return object.type === 'Identifier' && moduleOf(object, findVariable, CLUSTER_MODULES) === 'module' ? 'worker' : null;
  }
  if (node.type === 'NewExpression') {
    const callee = skipWrappers(node.callee);
    let isWorker = false;
    if (callee.type === 'Identifier') isWorker = moduleOf(callee, findVariable, THREAD_MODULES) === 'Worker';
    else if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && callee.property.name === 'Worker') {
      const object = skipWrappers(callee.object);
      isWorker = object.type === 'Identifier' && moduleOf(object, findVariable, THREAD_MODULES) === 'module';
    }
    const script = node.arguments[0];
    return isWorker && script !== undefined && isOwnFile(script) ? 'thread' : null;
  }
  return null;
}

/**
 * What an identifier is bound to when it comes from one of `modules`: `'module'` for the module
 * object (default, namespace, `require()`), or the named export (`import { Worker }`,
 * `const { Worker } = require(…)`). Null otherwise.
 */
function moduleOf(id: TSESTree.Identifier, findVariable: MultiplierInput['findVariable'], modules: ReadonlySet<string>): string | null {
  const variable = findVariable(id);
  const def = variable?.defs[0];
  if (def === undefined || variable === null || variable.defs.length !== 1) return null;
  if (def.type === 'ImportBinding') {
    const declaration = def.parent;
    if (declaration?.type !== 'ImportDeclaration' || !modules.has(String(declaration.source.value))) return null;
    const specifier = def.node;
    if (specifier.type === 'ImportSpecifier') {
      const imported = specifier.imported;
      const name = imported.type === 'Identifier' ? imported.name : String(imported.value);
      return name === 'default' ? 'module' : name;
    }
    return 'module';
  }
  if (def.type === 'Variable') {
    const declarator = def.node;
    if (declarator.init === null || !isRequireOf(declarator.init, modules)) return null;
    if (declarator.id.type === 'Identifier') return 'module';
    if (declarator.id.type === 'ObjectPattern') {
      for (const property of declarator.id.properties) {
        if (property.type === 'Property' && property.value === def.name && property.key.type === 'Identifier' && !property.computed) return property.key.name;
      }
    }
  }
  return null;
}

function isRequireOf(node: Node, modules: ReadonlySet<string>): boolean {
  let inner = skipWrappers(node);
  if (inner.type === 'AwaitExpression') inner = skipWrappers(inner.argument);
  if (inner.type === 'ImportExpression') return inner.source.type === 'Literal' && modules.has(String(inner.source.value));
  if (inner.type !== 'CallExpression') return false;
  const callee = skipWrappers(inner.callee);
  const arg = inner.arguments[0];
  return callee.type === 'Identifier' && callee.name === 'require' && arg?.type === 'Literal' && modules.has(String(arg.value));
}

/** `__filename`, `import.meta.filename`, `import.meta.url`, `new URL(import.meta.url)`, `fileURLToPath(import.meta.url)`. */
function isOwnFile(node: Node): boolean {
  const inner = skipWrappers(node);
  if (inner.type === 'Identifier') return inner.name === '__filename';
  if (inner.type === 'MemberExpression' && inner.object.type === 'MetaProperty' && !inner.computed && inner.property.type === 'Identifier') {
    return inner.property.name === 'filename' || inner.property.name === 'url';
  }
  if ((inner.type === 'NewExpression' || inner.type === 'CallExpression') && inner.arguments.length === 1 && inner.arguments[0]!.type !== 'SpreadElement') {
    return isOwnFile(inner.arguments[0]!);
  }
  return false;
}

/** A function passed to `x.on(…)`/`x.once(…)`/`setTimeout(…)` between the spawn and its enclosing statement list. */
function inEventCallback(node: Node): boolean {
  for (let current: Node | undefined = node.parent; current; current = current.parent) {
    if (!isFunction(current)) continue;
    const call = current.parent;
    if (call?.type !== 'CallExpression' || !call.arguments.includes(current as TSESTree.CallExpressionArgument)) continue;
    const callee = skipWrappers(call.callee);
    const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' ? callee.property.name : null;
    if (name !== null && ['on', 'once', 'addListener', 'setTimeout', 'setInterval', 'setImmediate'].includes(name)) return true;
  }
  return false;
}

/** How many times a spawn runs: 1 outside loops; N for `for (let i = 0; i < N; i++)`; one per CPU for `for (const _ of os.cpus())`. */
function repetitions(node: Node, input: MultiplierInput): number | string {
  let count = 1;
  for (let current: Node | undefined = node.parent; current; current = current.parent) {
    if (isFunction(current)) {
      // a function: its loops count too, when it is a callback of a per-item method we cannot count
      const parent = current.parent;
      if (parent?.type === 'CallExpression' && parent.arguments.includes(current as TSESTree.CallExpressionArgument)) {
        const callee = skipWrappers(parent.callee);
        if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && ['forEach', 'map'].includes(callee.property.name)) {
          const times = arrayLength(skipWrappers(callee.object), input);
          if (typeof times === 'string') return times;
          count *= times;
        }
      }
      continue;
    }
    if (current.type === 'ForStatement') {
      const times = forCount(current, input);
      if (typeof times === 'string') return times;
      count *= times;
    } else if (current.type === 'ForOfStatement') {
      const times = arrayLength(skipWrappers(current.right), input);
      if (typeof times === 'string') return times;
      count *= times;
    } else if (current.type === 'WhileStatement' || current.type === 'DoWhileStatement' || current.type === 'ForInStatement') {
      return 'workers are forked in a loop whose count the rule does not read';
    }
  }
  return count;
}

/** `for (let i = 0; i < N; i += 1)` / `i <= N` from 1: N. */
function forCount(loop: TSESTree.ForStatement, input: MultiplierInput): number | string {
  const unreadable = 'workers are forked in a loop whose count the rule does not read';
  const init = loop.init;
  if (init?.type !== 'VariableDeclaration' || init.declarations.length !== 1) return unreadable;
  const declarator = init.declarations[0]!;
  if (declarator.id.type !== 'Identifier' || declarator.init == null) return unreadable;
  const start = numberOf(declarator.init);
  const test = loop.test;
  if (start === null || test?.type !== 'BinaryExpression' || test.left.type !== 'Identifier' || test.left.name !== declarator.id.name) return unreadable;
  const bound = countOf(test.right, input, 0);
  if (typeof bound === 'string') return bound;
  const n = test.operator === '<' ? bound - start : test.operator === '<=' ? bound - start + 1 : NaN;
  return Number.isFinite(n) && n >= 0 ? n : unreadable;
}

/** `os.cpus()`, `Array.from({ length: N })`, `[…]`: how many items. */
function arrayLength(node: Node, input: MultiplierInput): number | string {
  if (node.type === 'ArrayExpression' && node.elements.every((e) => e !== null && e.type !== 'SpreadElement')) return node.elements.length;
  if (isCpusCall(node, input)) return cpuCount(input.budget, '`os.cpus()`');
  return 'workers are forked over a list whose length the rule does not read';
}

/** A count: a number, a `const` bound to one, `os.availableParallelism()`, `os.cpus().length`. */
function countOf(node: Node, input: MultiplierInput, depth: number): number | string {
  const inner = skipWrappers(node);
  const literal = numberOf(inner);
  if (literal !== null) return literal;
  if (depth > 4) return 'the worker count is computed';
  if (inner.type === 'MemberExpression' && !inner.computed && inner.property.type === 'Identifier' && inner.property.name === 'length' && isCpusCall(skipWrappers(inner.object), input)) {
    return cpuCount(input.budget, '`os.cpus().length`');
  }
  if (inner.type === 'CallExpression' && calleeName(inner, input) === 'availableParallelism') return cpuCount(input.budget, '`os.availableParallelism()`');
  if (inner.type === 'Identifier') {
    const variable = input.findVariable(inner);
    const def = variable?.defs[0];
    if (variable !== null && def?.type === 'Variable' && variable.defs.length === 1 && def.node.init != null && !variable.references.some((r) => r.isWrite() && !r.init)) {
      return countOf(def.node.init, input, depth + 1);
    }
  }
  return 'the worker count comes from an expression the rule does not evaluate (set budget.processes)';
}

function isCpusCall(node: Node, input: MultiplierInput): boolean {
  return node.type === 'CallExpression' && calleeName(node, input) === 'cpus';
}

/** `os.cpus` / `cpus` imported from `os`: the function's name, when it comes from the os module. */
function calleeName(call: TSESTree.CallExpression, input: MultiplierInput): string | null {
  const callee = skipWrappers(call.callee);
  if (callee.type === 'Identifier') return moduleOf(callee, input.findVariable, OS_MODULES) === callee.name ? callee.name : null;
  if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier') {
    const object = skipWrappers(callee.object);
    if (object.type === 'Identifier' && moduleOf(object, input.findVariable, OS_MODULES) === 'module') return callee.property.name;
    if (isRequireOf(object, OS_MODULES)) return callee.property.name;
  }
  return null;
}

function cpuCount(budget: Budget, what: string): number | string {
  return budget.cpus ?? `the worker count is one per CPU (${what}); set budget.cpus or budget.processes`;
}

/** Every node of the program, functions included. */
function visitAll(root: Node, enter: (node: Node) => void): void {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    enter(node);
    for (const key of Object.keys(node)) {
      if (key === 'parent') continue;
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) if (isNode(value[i])) stack.push(value[i] as Node);
      } else if (isNode(value)) stack.push(value);
    }
  }
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

// ---- PM2 ecosystem files --------------------------------------------------------------------------

const ECOSYSTEM_FILES = ['ecosystem.config.js', 'ecosystem.config.cjs', 'ecosystem.config.mjs'];

interface Pm2App {
  readonly name: string | null;
  /** the resolved script path, when written */
  readonly script: string | null;
  /** a count, `'max'`-like (relative to the CPU count: 0 = all, -1 = all but one), or null when not a literal */
  readonly instances: { readonly count: number } | { readonly cpusMinus: number } | null;
}

/** package folder → its ecosystem file's apps (null: none), read once per lint run. */
const ecosystemByFolder = new Map<string, readonly Pm2App[] | null>();
/** file folder → its package folder (the nearest folder upward with a package.json), or null. */
const packageFolderOf = new Map<string, string | null>();

/**
 * The PM2 instance count for a file: the ecosystem file next to the nearest package.json upward from
 * the file; the app whose `script` is the file, or the only app. Null when there is none (or no app
 * matches); a string when the count cannot be told. The file is parsed, never executed.
 */
function pm2Instances(filename: string, budget: Budget, parser: unknown): { count: number; words: string } | string | null {
  if (!filename.includes(sep) && !filename.includes('/')) return null;
  const folder = packageFolder(dirname(resolve(filename)));
  if (folder === null) return null;
  let apps = ecosystemByFolder.get(folder);
  if (apps === undefined) {
    apps = readEcosystem(folder, parser);
    ecosystemByFolder.set(folder, apps);
  }
  if (apps === null || apps.length === 0) return null;
  const own = resolve(filename);
  const app = apps.find((a) => a.script === own) ?? (apps.length === 1 ? apps[0]! : null);
  if (app === null) return null;
  const label = app.name !== null ? `PM2 app "${app.name}"` : 'the PM2 app';
  const instances = app.instances;
  if (instances === null) return `the instance count of ${label} is not a literal`;
  if ('count' in instances) return { count: instances.count, words: plural(instances.count, 'PM2 instance', 'PM2 instances') };
  if (budget.cpus === undefined) return `${label} runs one instance per CPU; set budget.cpus or budget.processes`;
  const count = Math.max(1, budget.cpus - instances.cpusMinus);
  return { count, words: plural(count, 'PM2 instance', 'PM2 instances') };
}

function packageFolder(start: string): string | null {
  const cached = packageFolderOf.get(start);
  if (cached !== undefined) return cached;
  let found: string | null = null;
  for (let dir = start; ; ) {
    try {
      if (existsSync(join(dir, 'package.json'))) {
        found = dir;
        break;
      }
    } catch {
      break;
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  packageFolderOf.set(start, found);
  return found;
}

type Parse = (text: string, options: Record<string, unknown>) => unknown;

function readEcosystem(folder: string, parser: unknown): readonly Pm2App[] | null {
  for (const name of ECOSYSTEM_FILES) {
    const path = join(folder, name);
    let text: string;
    try {
      if (!existsSync(path)) continue;
      text = readFileSync(path, 'utf8');
    } catch {
      continue;
    }
    const ast = parseWith(parser, text);
    return ast === null ? null : appsOf(ast, folder);
  }
  return null;
}

function parseWith(parser: unknown, text: string): Node | null {
  if (typeof parser !== 'object' || parser === null) return null;
  const candidate = parser as { parseForESLint?: Parse; parse?: Parse };
  for (const sourceType of ['module', 'script']) {
    const options = { ecmaVersion: 'latest', sourceType, range: true, loc: true, comment: false, tokens: false };
    try {
      if (typeof candidate.parseForESLint === 'function') {
        const result = candidate.parseForESLint(text, options) as { ast?: Node } | null;
        if (result?.ast) return result.ast;
      } else if (typeof candidate.parse === 'function') {
        const ast = candidate.parse(text, options) as Node | null;
        if (ast) return ast;
      }
    } catch {
      // try the other source type, then give up
    }
  }
  return null;
}

/** `apps: [{ name, script, cwd, instances }]` anywhere in the file (`module.exports = { apps }`, `export default { apps }`). */
function appsOf(ast: Node, folder: string): readonly Pm2App[] | null {
  let list: TSESTree.ArrayExpression | null = null;
  visitAll(ast, (node) => {
    if (list !== null || node.type !== 'Property') return;
    const key = node.key.type === 'Identifier' && !node.computed ? node.key.name : node.key.type === 'Literal' ? String(node.key.value) : null;
    if (key === 'apps' && node.value.type === 'ArrayExpression') list = node.value;
  });
  if (list === null) return null;
  const apps: Pm2App[] = [];
  for (const element of (list as TSESTree.ArrayExpression).elements) {
    if (element?.type !== 'ObjectExpression') return null;
    const read = (name: string): Node | null => {
      for (const property of element.properties) {
        if (property.type === 'Property' && !property.computed && ((property.key.type === 'Identifier' && property.key.name === name) || (property.key.type === 'Literal' && property.key.value === name))) {
          return property.value;
        }
      }
      return null;
    };
    const text = (node: Node | null): string | null => (node?.type === 'Literal' && typeof node.value === 'string' ? node.value : null);
    const script = text(read('script'));
    const cwd = text(read('cwd'));
    apps.push({
      name: text(read('name')),
      script: script === null ? null : resolve(folder, cwd ?? '', script),
      instances: instancesOf(read('instances')),
    });
  }
  return apps;
}

/** PM2 `instances`: absent 1; N; `0`/`'max'`/`-1` relative to the CPU count (pm2 docs, "Cluster mode"). */
function instancesOf(node: Node | null): Pm2App['instances'] {
  if (node === null) return { count: 1 };
  let value: number | null = numberOf(node);
  if (value === null && node.type === 'Literal' && typeof node.value === 'string') {
    if (node.value === 'max') return { cpusMinus: 0 };
    const parsed = Number(node.value);
    value = node.value.trim() !== '' && Number.isInteger(parsed) ? parsed : null;
  }
  if (value === null || !Number.isInteger(value)) return null;
  if (value > 0) return { count: value };
  return { cpusMinus: -value };
}

/** For tests: forget the ecosystem files read so far. */
export function clearEcosystemCache(): void {
  ecosystemByFolder.clear();
  packageFolderOf.clear();
}

// ---- serverless handler modules -------------------------------------------------------------------

/**
 * The handler a module exports when it is a serverless entry point, as `handlers.ts` names it: a
 * `handler` export, a Next.js route file's method exports or `pages/api` default, the `fetch` of
 * `export default { fetch }`. Every concurrent invocation of such a module may run in its own
 * instance with its own copy of the module's pools. Null when the module exports no such handler.
 */
export function serverlessHandler(program: TSESTree.Program, filename: string): string | null {
  for (const fn of exportedFunctions(program)) {
    const handler = requestHandler(fn, filename);
    if (handler !== null) return handler.description;
  }
  return null;
}

function exportedFunctions(program: TSESTree.Program): FunctionNode[] {
  const found: FunctionNode[] = [];
  const add = (node: Node | null | undefined): void => {
    if (node != null && isFunction(node)) found.push(node);
  };
  for (const statement of program.body) {
    if (statement.type === 'FunctionDeclaration') add(statement);
    if (statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration') {
      const declaration = statement.declaration;
      if (declaration?.type === 'VariableDeclaration') for (const d of declaration.declarations) add(d.init);
      else if (declaration?.type === 'ObjectExpression') {
        for (const property of declaration.properties) if (property.type === 'Property') add(property.value);
      } else add(declaration);
    }
    if (statement.type === 'VariableDeclaration') for (const d of statement.declarations) add(d.init);
    if (statement.type === 'ExpressionStatement' && statement.expression.type === 'AssignmentExpression') add(statement.expression.right);
  }
  return found;
}
