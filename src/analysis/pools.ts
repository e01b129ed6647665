import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { ShapeSpec } from '../catalog/types.js';
import { skipWrappers } from './ast.js';
import { memberKey, type Provenance, type ShapeValue } from './provenance.js';
import { classifyReleaseCall, endingMethods } from './releases.js';

type Node = TSESTree.Node;
type Variable = TSESLint.Scope.Variable;

/** A pool or a direct connection created at this node (the catalog says so, through provenance). */
export interface PoolCreation {
  readonly node: TSESTree.CallExpression | TSESTree.NewExpression;
  readonly value: ShapeValue;
  readonly role: 'pool' | 'connection';
  /** "pool" or "direct connection", for messages */
  readonly words: string;
}

/**
 * Whether `node` creates a pool or a direct connection: a `new`/call whose shape, by provenance, was
 * created by this very node (`origin === node`) with role `pool` or `connection`. Hidden creation
 * (`drizzle(url)`, `new PrismaPg({ connectionString })`, `knex(cfg)`) is whatever the catalog says.
 */
export function poolCreation(node: Node, provenance: Provenance): PoolCreation | null {
  if (node.type !== 'NewExpression' && node.type !== 'CallExpression') return null;
  const value = provenance.createdShape(node);
  if (value === null || value.scoped !== undefined) return null;
  const role = value.ref.shape.role;
  if (role !== 'pool' && role !== 'connection') return null;
  return { node, value, role, words: role === 'pool' ? 'pool' : 'direct connection' };
}

/** The outermost expression that still is the created value: through `await`, `x!`, `x as T`, `(…)`. */
export function carrierOf(node: Node): Node {
  let current = node;
  for (;;) {
    const parent = current.parent;
    if (
      parent &&
      (parent.type === 'AwaitExpression' ||
        parent.type === 'TSNonNullExpression' ||
        parent.type === 'TSAsExpression' ||
        parent.type === 'TSSatisfiesExpression' ||
        parent.type === 'TSTypeAssertion' ||
        parent.type === 'ChainExpression')
    ) {
      current = parent;
      continue;
    }
    return current;
  }
}

/**
 * A creation in callback form whose result is discarded (`MongoClient.connect(url, opts, (err, client) => …)`):
 * the created value arrives, by Node's error-first convention, as the callback's second parameter.
 * Returns that callback and its parameter's variable (null when the parameter is not a plain name).
 */
export interface CallbackDelivery {
  readonly callback: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression;
  readonly variable: Variable | null;
}

export function callbackDelivery(node: Node, sourceCode: Readonly<TSESLint.SourceCode>): CallbackDelivery | null {
  if (node.type !== 'CallExpression') return null;
  const last = node.arguments.at(-1);
  if (last === undefined || (last.type !== 'ArrowFunctionExpression' && last.type !== 'FunctionExpression')) return null;
  if (carrierOf(node).parent?.type !== 'ExpressionStatement') return null;
  const param = last.params[1];
  if (param?.type !== 'Identifier') return { callback: last, variable: null };
  const variable = sourceCode.getDeclaredVariables(last).find((v) => v.defs[0]?.name === param) ?? null;
  return { callback: last, variable };
}

/**
 * The expression that holds the created value once objects are constructed around it: through
 * `await`/casts and the arguments of `new` (`new Driver(new Client(o), …)` → the `new Driver(…)`;
 * a constructed object keeps what it is built from). A plain call's result is not followed.
 */
export function wrappingCarrier(node: Node): Node {
  let current = carrierOf(node);
  for (;;) {
    const parent = current.parent;
    if (parent?.type !== 'NewExpression' || !parent.arguments.includes(current as TSESTree.CallExpressionArgument)) return current;
    current = carrierOf(parent);
  }
}

/** `const pool = [await] new Pool(…);` — a single-declarator declaration that binds the created value. */
export interface CreationBinding {
  readonly declaration: TSESTree.VariableDeclaration;
  readonly declarator: TSESTree.VariableDeclarator;
  readonly variable: Variable;
}

export function creationBinding(node: Node, sourceCode: Readonly<TSESLint.SourceCode>): CreationBinding | null {
  const carrier = carrierOf(node);
  const declarator = carrier.parent;
  if (declarator?.type !== 'VariableDeclarator' || declarator.init !== carrier || declarator.id.type !== 'Identifier') return null;
  const declaration = declarator.parent;
  if (declaration.declarations.length !== 1) return null;
  const variable = sourceCode.getDeclaredVariables(declarator)[0];
  return variable === undefined ? null : { declaration, declarator, variable };
}

/** Whether a variable is written anywhere but its declaration. */
export function isReassigned(variable: Variable): boolean {
  return variable.references.some((r) => r.isWrite() && !r.init);
}

/**
 * The pool creation that takes this one as an argument, directly, in an options object or through a
 * variable (`new PrismaClient({ adapter })` over `const adapter = new PrismaPg(…)`), or null. The
 * outer creation stands for both: it owns and ends the inner one.
 */
export function absorbingCreation(node: Node, provenance: Provenance, sourceCode: Readonly<TSESLint.SourceCode>): PoolCreation | null {
  const direct = creationTakingArgument(carrierOf(node), provenance);
  if (direct !== null) return direct;
  const binding = creationBinding(node, sourceCode);
  if (binding === null) return null;
  for (const reference of binding.variable.references) {
    if (reference.init) continue;
    const outer = creationTakingArgument(reference.identifier, provenance);
    if (outer !== null) return outer;
  }
  return null;
}

function creationTakingArgument(value: Node, provenance: Provenance): PoolCreation | null {
  let current = value;
  for (;;) {
    const parent = current.parent;
    if (parent?.type === 'Property' && parent.value === current) {
      current = parent.parent;
      continue;
    }
    if ((parent?.type === 'CallExpression' || parent?.type === 'NewExpression') && parent.arguments.includes(current as TSESTree.CallExpressionArgument)) {
      return poolCreation(parent, provenance);
    }
    return null;
  }
}

/** Calls that end the pool held in `variable` (`pool.end()`, `client.end()`, `ds.destroy()`, `prisma.$disconnect()`). */
export function endCalls(variable: Variable, provenance: Provenance, names: ReadonlySet<string>): TSESTree.CallExpression[] {
  const calls: TSESTree.CallExpression[] = [];
  for (const reference of variable.references) {
    const id = reference.identifier as Node;
    const member = id.parent;
    if (member?.type !== 'MemberExpression' || member.object !== id) continue;
    const call = member.parent?.type === 'ChainExpression' ? member.parent.parent : member.parent;
    if (call?.type !== 'CallExpression' || skipWrappers(call.callee) !== member) continue;
    if (classifyReleaseCall(call, provenance, names)?.variable === variable) calls.push(call);
  }
  return calls;
}

/** The statement `[await] <call>;` that holds a call, when the call is the whole statement. */
export function callStatement(call: TSESTree.CallExpression): TSESTree.ExpressionStatement | null {
  const carrier = carrierOf(call.parent?.type === 'ChainExpression' ? call.parent : call);
  return carrier.parent?.type === 'ExpressionStatement' ? carrier.parent : null;
}

/** Every method the catalog knows for a shape: what a rule can reason about when it moves code around. */
export function knownMethods(shape: ShapeSpec): ReadonlySet<string> {
  return new Set([
    ...endingMethods(shape),
    ...(shape.open ?? []),
    ...(shape.queries ?? []),
    ...(shape.consumers ?? []),
    ...(shape.releasesArgument ?? []),
    ...Object.keys(shape.submits ?? {}),
    ...(shape.produces ?? []).map((p) => p.method),
    ...(shape.managed ?? []).map((m) => m.method),
    ...(shape.transaction?.begin ?? []),
    ...(shape.transaction?.commit ?? []),
    ...(shape.transaction?.rollback ?? []),
  ]);
}

/** Method calls on a variable (`pool.connect()` → `connect`), in source order. */
export function methodCalls(variable: Variable): Array<{ method: string | null; call: TSESTree.CallExpression | null; id: Node }> {
  return variable.references
    .filter((r) => !r.init)
    .map((r) => {
      const id = r.identifier as Node;
      const member = id.parent;
      if (member?.type !== 'MemberExpression' || member.object !== id) return { method: null, call: null, id };
      const call = member.parent?.type === 'ChainExpression' ? member.parent.parent : member.parent;
      return {
        method: memberKey(member),
        call: call?.type === 'CallExpression' && skipWrappers(call.callee) === member ? call : null,
        id,
      };
    });
}

/**
 * The file runs in an edge runtime: it declares Next.js's route segment config
 * `export const runtime = 'edge'`, or `export const config = { runtime: 'edge' }` (Vercel Edge
 * Functions and the Pages Router), or has the module-worker shape `export default { fetch … }`
 * (Cloudflare Workers).
 */
export function isEdgeRuntime(program: TSESTree.Program): boolean {
  for (const statement of program.body) {
    if (statement.type === 'ExportNamedDeclaration' && statement.declaration?.type === 'VariableDeclaration') {
      for (const declarator of statement.declaration.declarations) {
        if (declarator.id.type !== 'Identifier' || !declarator.init) continue;
        const init = skipWrappers(declarator.init);
        if (declarator.id.name === 'runtime' && isEdgeLiteral(init)) return true;
        if (declarator.id.name === 'config' && init.type === 'ObjectExpression') {
          for (const property of init.properties) {
            if (property.type === 'Property' && !property.computed && property.key.type === 'Identifier' && property.key.name === 'runtime' && isEdgeLiteral(property.value)) {
              return true;
            }
          }
        }
      }
    }
    if (statement.type === 'ExportDefaultDeclaration' && statement.declaration.type === 'ObjectExpression') {
      const object = statement.declaration;
      if (object.properties.some((p) => p.type === 'Property' && !p.computed && p.key.type === 'Identifier' && p.key.name === 'fetch')) return true;
    }
  }
  return false;
}

function isEdgeLiteral(node: Node): boolean {
  return (node.type === 'Literal' && node.value === 'edge') || (node.type === 'TemplateLiteral' && node.expressions.length === 0 && node.quasis[0]!.value.cooked === 'edge');
}

/**
 * Whether the catalog says this value may be created per request: lifetime `free` (stateless HTTP
 * drivers: `neon()`, PlanetScale, `@vercel/postgres`'s `sql`) always; lifetime `per-request` (Neon's
 * WebSocket `Pool`/`Client`) when the file runs in an edge runtime (`isEdgeRuntime`).
 */
export function mayBeCreatedPerRequest(value: ShapeValue, program: TSESTree.Program): boolean {
  const lifetime = value.ref.shape.lifetime ?? 'single';
  if (lifetime === 'free') return true;
  return lifetime === 'per-request' && isEdgeRuntime(program);
}

/** A name for the created value in messages: the variable it is bound to, or the callee text. */
export function creationName(creation: PoolCreation, sourceCode: Readonly<TSESLint.SourceCode>): string {
  const binding = creationBinding(creation.node, sourceCode);
  if (binding !== null) return binding.variable.name;
  const carrier = carrierOf(creation.node);
  const parent = carrier.parent;
  if (parent?.type === 'AssignmentExpression' && parent.right === carrier) return sourceCode.getText(parent.left);
  const callee = creation.node.callee;
  return `${creation.node.type === 'NewExpression' ? 'new ' : ''}${sourceCode.getText(callee)}()`;
}

/**
 * Whether a pool or connection is a long-lived subscriber (`ShapeSpec.subscriber`): a subscribing
 * method is called on it, or a listener for a subscriber event is registered
 * (`sub.subscribe('ch')`, `client.on('notification', …)`). It stays open for its listeners.
 */
export function isSubscriber(variable: Variable, shape: ShapeSpec): boolean {
  const spec = shape.subscriber;
  if (spec === undefined) return false;
  return variable.references.some((reference) => {
    const member = (reference.identifier as Node).parent;
    if (member?.type !== 'MemberExpression' || member.object !== reference.identifier) return false;
    const call = member.parent;
    if (call?.type !== 'CallExpression' || call.callee !== member) return false;
    const method = memberKey(member);
    if (method === null) return false;
    if (spec.methods?.includes(method)) return true;
    const event = call.arguments[0];
    return (method === 'on' || method === 'once' || method === 'addListener') && event?.type === 'Literal' && typeof event.value === 'string' && (spec.events ?? []).includes(event.value);
  });
}
