import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { perCatalog, type Catalog, type ShapeRef } from '../catalog/index.js';
import type { ProduceSpec } from '../catalog/types.js';
import { skipWrappers } from './ast.js';

type Node = TSESTree.Node;
type Variable = TSESLint.Scope.Variable;

/**
 * Evidence from the code itself (DESIGN.md §4, source 6): a value produced by a cataloged
 * acquisition method whose result the same function gives back with that lease's release method is
 * that lease, even when the receiver's origin is unknown — `const c = await this.db.getConnection();
 * … c.release()`, `context.mongoClient.startSession()` … `session.endSession()`,
 * `db.connect((err, client, done) => { … done() })`. A `connect()` with no release of its result is
 * never a lease by evidence. Only lease shapes count: their acquisition names (`connect`,
 * `getConnection`, `createQueryRunner`, `startSession`, `session`, `acquire`, …) paired with their
 * release names are specific to database pools.
 */
export interface EvidenceCandidate {
  readonly ref: ShapeRef;
  readonly spec: ProduceSpec;
  /** the shape's release and discard methods */
  readonly releases: ReadonlySet<string>;
}

interface EvidenceIndex {
  readonly byMethod: ReadonlyMap<string, readonly EvidenceCandidate[]>;
  /** `evidenceQueries`: a query name → the one shape it belongs to */
  readonly byQuery: ReadonlyMap<string, ShapeRef>;
  /** the file gate for them: `.insertOne(` … */
  readonly query: RegExp | null;
  /** the file gate: an acquisition call (`.connect(`), then one of that acquisition's releases */
  readonly acquisition: RegExp;
  /** per acquisition method: its candidates' release calls (a method, or a bare `done()`/`release()`) */
  readonly releaseOf: ReadonlyMap<string, RegExp>;
}

export const evidenceIndex = perCatalog((catalog: Catalog): EvidenceIndex => {
  const byMethod = new Map<string, EvidenceCandidate[]>();
  const byQuery = new Map<string, ShapeRef>();
  for (const driver of catalog.drivers) {
    for (const [name, shape] of Object.entries(driver.shapes)) {
      for (const query of shape.evidenceQueries ?? []) {
        const ref = catalog.shape(driver, name);
        if (ref !== undefined && !byQuery.has(query)) byQuery.set(query, ref);
      }
      for (const spec of shape.produces ?? []) {
        const ref = catalog.shape(driver, spec.shape);
        if (ref === undefined || ref.shape.role !== 'lease' || spec.property !== undefined) continue;
        const releases = new Set([...(ref.shape.release ?? []), ...(ref.shape.discard ?? [])]);
        if (releases.size === 0) continue;
        byMethod.set(spec.method, [...(byMethod.get(spec.method) ?? []), { ref, spec, releases }]);
      }
    }
  }
  const alternation = (names: Iterable<string>): string => [...names].map((n) => n.replace(/[$]/gu, '\\$&')).sort().join('|');
  const releaseOf = new Map<string, RegExp>();
  for (const [method, candidates] of byMethod) {
    const names = new Set(candidates.flatMap((c) => [...c.releases]));
    releaseOf.set(method, new RegExp(`(?:\\.\\s*(?:${alternation(names)})|\\b(?:done|release))\\s*\\(`, 'u'));
  }
  const query = byQuery.size > 0 ? new RegExp(`\\.\\s*(?:${alternation(byQuery.keys())})\\s*\\(`, 'u') : null;
  return { byMethod, byQuery, query, acquisition: new RegExp(`\\.\\s*(${alternation(byMethod.keys())})\\s*\\(`, 'gu'), releaseOf };
});

/**
 * The file gate: the text calls an acquisition method and one of that method's releases
 * (`.connect(` … `.release(`; a `.connect(` with only a `.close(` is a socket, not a lease).
 */
export function mayHaveEvidence(text: string, catalog: Catalog): boolean {
  const index = evidenceIndex(catalog);
  if (index.query?.test(text) === true) return true;
  const seen = new Set<string>();
  for (const match of text.matchAll(index.acquisition)) {
    const method = match[1]!;
    if (seen.has(method)) continue;
    seen.add(method);
    if (index.releaseOf.get(method)!.test(text)) return true;
  }
  return false;
}

/** The shape whose `evidenceQueries` name this method (`insertOne` → MongoDB's `Collection`), or null. */
export function evidenceOfQuery(method: string, catalog: Catalog): ShapeRef | null {
  return evidenceIndex(catalog).byQuery.get(method) ?? null;
}

/**
 * The lease a call `recv.method(…)` on an unknown receiver produces by evidence: its result is bound
 * to a variable (`const c = [await] recv.getConnection()`) on which the same code calls that lease's
 * release (`c.release()`). Null without such evidence, and for callback forms (see
 * {@link callbackEvidence}).
 */
export function evidenceOfCall(
  call: TSESTree.CallExpression,
  method: string,
  catalog: Catalog,
  boundVariable: (call: TSESTree.CallExpression) => Variable | null,
): { readonly candidate: EvidenceCandidate; readonly awaited: boolean } | null {
  const candidates = evidenceIndex(catalog).byMethod.get(method);
  if (candidates === undefined) return null;
  const variable = boundVariable(call);
  if (variable === null) return null;
  const released = releasedNames(variable);
  const candidate = candidates.find((c) => [...c.releases].some((r) => released.has(r)));
  if (candidate === undefined) return null;
  return { candidate, awaited: awaitedCall(call) };
}

/**
 * The callback-form lease by evidence: `recv.connect((err, client, done) => …)` on an unknown
 * receiver, where the callback calls the release parameter (`done()`) or the lease's release method
 * (`client.release()`). Returns the candidate and which parameter is asked about.
 */
export function callbackEvidence(
  method: string,
  fn: TSESTree.FunctionLike,
  catalog: Catalog,
  findVariable: (node: TSESTree.Identifier) => Variable | null,
): EvidenceCandidate | null {
  const candidates = evidenceIndex(catalog).byMethod.get(method);
  for (const candidate of candidates ?? []) {
    const callback = candidate.spec.callback;
    if (callback === undefined) continue;
    const resource = fn.params[callback.resourceParam];
    if (resource?.type !== 'Identifier') continue;
    const resourceVariable = findVariable(resource);
    if (resourceVariable !== null && [...candidate.releases].some((r) => releasedNames(resourceVariable).has(r))) return candidate;
    const releaser = callback.releaseParam === undefined ? undefined : fn.params[callback.releaseParam];
    if (releaser?.type !== 'Identifier') continue;
    const releaserVariable = findVariable(releaser);
    if (releaserVariable?.references.some((r) => isCallee(r.identifier))) return candidate;
  }
  return null;
}

/** The method names called on a variable: `v.release()` → `release`. */
function releasedNames(variable: Variable): Set<string> {
  const names = new Set<string>();
  for (const reference of variable.references) {
    const id = reference.identifier as Node;
    const member = id.parent;
    if (member?.type !== 'MemberExpression' || member.object !== id || member.computed || member.property.type !== 'Identifier') continue;
    const call = member.parent?.type === 'ChainExpression' ? member.parent.parent : member.parent;
    if (call?.type === 'CallExpression' && skipWrappers(call.callee) === member) names.add(member.property.name);
  }
  return names;
}

function isCallee(id: Node): boolean {
  return id.parent?.type === 'CallExpression' && id.parent.callee === id;
}

function awaitedCall(call: Node): boolean {
  let node = call;
  while (node.parent && (node.parent.type === 'TSNonNullExpression' || node.parent.type === 'TSAsExpression' || node.parent.type === 'ChainExpression')) node = node.parent;
  return node.parent?.type === 'AwaitExpression';
}
