import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { perCatalog, type Catalog, type ShapeRef } from '../catalog/index.js';
import type { ArgumentCondition, DriverSpec, ExportSpec, ProduceSpec, ShapeSpec } from '../catalog/types.js';
import { findVariable as findVariableInScope, isFunction, memberKey, propertyName, skipWrappers, thisClass, walkSubtree } from './ast.js';
import { fieldIndex, ownMethod, thisOwner, type FieldIndex } from './fields.js';
import { callbackEvidence, evidenceOfCall } from './evidence.js';
import type { ProjectModuleExports, ProjectModules } from './project-modules.js';
import type { TypeQueries } from './type-resolver.js';

// `memberKey` lives in ast.ts; many modules import it from here
export { memberKey };

type Node = TSESTree.Node;
type Variable = TSESLint.Scope.Variable;

/** A place in a driver module: the root (`require('pg')`) or a path below it (`pg.Pool`). */
export interface ModuleValue {
  readonly kind: 'module';
  readonly targets: ReadonlyArray<{ readonly driver: DriverSpec; readonly exports?: readonly string[] }>;
  readonly path: readonly string[];
}

/** A catalog shape: a pool, lease, cursor … */
export interface ShapeValue {
  readonly kind: 'shape';
  readonly ref: ShapeRef;
  /** the value is a promise of the shape (not yet awaited) */
  readonly promise: boolean;
  /** the call or `new` that created it, when it was created in this file */
  readonly origin: TSESTree.CallExpression | TSESTree.NewExpression | null;
  /** how it was found: followed through the syntax, from a TypeScript type, or by evidence (`evidence.ts`) */
  readonly via: 'syntax' | 'type' | 'evidence' | 'module';
  /** a scope parameter of a managed scope (released for you) or a callback-form lease */
  readonly scoped?: 'managed' | 'callback';
  /** opened by the module's own process-wide singleton (`mongoose.connect()`): never a pool per call */
  readonly moduleSingleton?: boolean;
}

/** The release function a callback-form acquisition passes (`done` in `pool.connect((err, client, done) => …)`). */
export interface ReleaserValue {
  readonly kind: 'releaser';
  readonly ref: ShapeRef;
}

/** One of the project's own modules that exports driver values (`project-modules.ts`). */
export interface ProjectValue {
  readonly kind: 'project';
  readonly exports: ProjectModuleExports;
}

/**
 * A project function (`project-modules.ts`): what calling it returns, when that is a driver value
 * (`export const getClient = () => pool.connect()`), and the parameters it releases.
 */
export interface ProjectFunctionValue {
  readonly kind: 'function';
  readonly returns: { readonly ref: ShapeRef; readonly promise: boolean } | null;
  readonly releases: ReadonlySet<number>;
}

export type Value = ModuleValue | ShapeValue | ReleaserValue | ProjectValue | ProjectFunctionValue;

/** Asks the TypeScript checker for the shape of a node (type-aware resolution). */
export type TypeResolver = (node: Node) => ShapeValue | null;

/** What a call does, according to the catalog. */
export interface CallMeaning {
  /** the receiver's value (for `recv.method()`), or the callee's value for a direct call */
  readonly receiver: Value;
  readonly method: string | null;
}

/**
 * Provenance: which expressions are driver modules, pools, leases or cursors. Follows imports and
 * `require()`s through `const`/`let` bindings, destructuring, aliases, class fields, callback and
 * managed-scope parameters, and parameter type annotations that name a driver's types. Results are
 * memoised per node; cycles resolve to "unknown".
 */
export class Provenance {
  private readonly memo = new Map<Node, Value | null>();
  private readonly variableMemo = new Map<Variable, Value | null>();
  /** typed mode only: variables resolved from the syntax alone (`variableSyntax`) */
  private readonly syntaxMemo = new Map<Variable, Value | null>();
  private readonly identifierMemo = new Map<TSESTree.Identifier, Variable | null>();
  /** what each own method (`this.getConnection()`) returns */
  private readonly methodMemo = new Map<TSESTree.FunctionLike, ShapeValue | null>();
  /** `this.x` writes per class or constructor function (`fields.ts`) */
  private readonly fieldMemo = new Map<Node, FieldIndex>();

  private readonly typeResolver: TypeResolver | null;

  /**
   * @param types type-aware queries (the `typeAware` setting with a program), or null: then no type
   *   query is ever made and every result is syntactic
   */
  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    readonly catalog: Catalog,
    readonly filename: string,
    readonly types: TypeQueries | null = null,
    private readonly projectModules: ProjectModules | null = null,
  ) {
    // expressions the syntax and the import graph already rule out (`z.object(…)`, `JSON`, `[…].map`) are not asked about
    this.typeResolver = types !== null ? (node) => (types.ruledOut(node) ? null : types.shapeOfNode(node)) : null;
  }

  /** The value of an expression, or `null` when it is not (known to be) driver-related. */
  resolve(node: Node): Value | null {
    if (this.memo.has(node)) return this.memo.get(node)!;
    this.memo.set(node, null); // cycle guard
    let value = this.compute(node);
    if (value === null && this.typeResolver !== null) value = this.typed(node);
    this.memo.set(node, value);
    return value;
  }

  /**
   * The shape a `new`/call creates, from the catalog and the syntax only: no type query is made for
   * the node itself (receivers and callees are still resolved as usual, so a typed receiver or
   * callee — `redis.duplicate()`, `pgp(cn)` — still counts). A creation is a driver's constructor,
   * factory or method, which the catalog names; the call's own declared type adds none, so questions
   * like "does this call create a pool" need not pay for it.
   */
  createdShape(node: TSESTree.CallExpression | TSESTree.NewExpression): ShapeValue | null {
    const value = this.memo.has(node) ? this.memo.get(node)! : this.compute(node);
    return value?.kind === 'shape' && value.origin === node ? value : null;
  }

  /**
   * Type-aware fallback for a node the syntax did not resolve. Identifiers are typed through their
   * variable (`computeVariable`); calls through their callee's declared return type, and only when
   * the receiver is not already a driver value (then the catalog says what the method does).
   */
  private typed(raw: Node): Value | null {
    const node = skipWrappers(raw);
    switch (node.type) {
      case 'MemberExpression':
        return this.typeResolver!(node);
      case 'Identifier':
        return this.findVariable(node) === null ? this.typeResolver!(node) : null;
      case 'CallExpression':
        return this.typedCall(node);
      default:
        return null;
    }
  }

  private typedCall(call: TSESTree.CallExpression): Value | null {
    if (this.types === null || !valuePosition(call) || this.types.ruledOut(call)) return null;
    const callee = skipWrappers(call.callee);
    if (callee.type === 'MemberExpression') {
      if (callee.object.type === 'Super') return null;
      // a driver value's method: the catalog says what it returns (`client.on()` returns `this`, not a new lease)
      const method = memberKey(callee);
      if (method !== null && catalogMethodNames(this.catalog).has(method) && this.resolve(callee.object) !== null) return null;
    } else if (callee.type === 'Identifier') {
      if (this.resolve(callee) !== null) return null;
    } else return null;
    const value = this.types.callShape(call);
    if (value === null || value.origin === null) return value;
    // `const c2 = instrument(client)` hands the same lease back: not a new acquisition
    const passesThrough = call.arguments.some((arg) => arg.type !== 'SpreadElement' && this.shape(arg)?.ref.shape === value.ref.shape);
    return passesThrough ? { ...value, origin: null } : value;
  }

  /** Whether the (awaited) type of a node has `[Symbol.asyncDispose]`; null without type information. */
  asyncDisposable(node: Node): boolean | null {
    return this.types?.asyncDisposable(node) ?? null;
  }

  /**
   * Whether the callee takes ownership of the lease passed at `index` (type-aware; README.md, "Type-aware linting"):
   * its parameter is typed as a lease and it is documented `@releases <param>` or releases it. False
   * without type information.
   */
  takesOwnership(call: TSESTree.CallExpression | TSESTree.NewExpression, index: number): boolean {
    // a project function that releases that parameter (`finish(client)` from './db')
    const callee = call.type === 'CallExpression' ? this.resolve(call.callee) : null;
    if (callee?.kind === 'function' && callee.releases.has(index)) return true;
    return this.types?.argumentOwnership(call, index) === 'owns';
  }

  /**
   * For a parameter of a function in this file typed as a lease: `owns` when the function takes
   * ownership (`@releases <param>` or it releases it), `borrows` otherwise. Null when the parameter is
   * not typed as a lease or there is no type information.
   */
  parameterOwnership(fn: TSESTree.FunctionLike, index: number): 'owns' | 'borrows' | null {
    return this.types?.parameterOwnership(fn, index) ?? null;
  }

  /** The shape of an expression (awaited or not), or null. */
  shape(node: Node): ShapeValue | null {
    const value = this.resolve(node);
    return value?.kind === 'shape' ? value : null;
  }

  /** The shape a variable holds, or null. */
  variableShape(variable: Variable): ShapeValue | null {
    const value = this.resolveVariable(variable);
    return value?.kind === 'shape' ? value : null;
  }

  /** The source text of a node. */
  text(node: Node): string {
    return this.sourceCode.getText(node);
  }

  /** Looks a shape up by reference from a driver. */
  shapeRef(driver: DriverSpec, reference: string): ShapeRef | undefined {
    return this.catalog.shape(driver, reference);
  }

  /**
   * The variable an identifier refers to. Looked up by name from the innermost scope of the node:
   * the same variable as a lookup by node, without re-scanning every child scope of a large function.
   */
  findVariable(node: TSESTree.Identifier): Variable | null {
    // every rule asks about the same identifiers: once per identifier
    let variable = this.identifierMemo.get(node);
    if (variable === undefined) this.identifierMemo.set(node, (variable = findVariableInScope(this.sourceCode.getScope(node), node.name)));
    return variable;
  }

  private compute(raw: Node): Value | null {
    const node = skipWrappers(raw);
    switch (node.type) {
      case 'AwaitExpression': {
        const inner = this.resolve(node.argument);
        return inner?.kind === 'shape' && inner.promise ? { ...inner, promise: false } : inner;
      }
      case 'Identifier':
        return this.fromValueExport(this.resolveIdentifier(node));
      case 'MemberExpression':
        return this.fromValueExport(this.resolveMember(node));
      case 'CallExpression':
        return this.resolveCall(node);
      case 'NewExpression':
        return this.resolveNew(node);
      case 'ImportExpression':
        return node.source.type === 'Literal' && typeof node.source.value === 'string' ? this.moduleValue(node.source.value) : null;
      case 'AssignmentExpression':
        return node.operator === '=' || node.operator === '??=' || node.operator === '||=' ? this.resolve(node.right) : null;
      case 'LogicalExpression':
        // `globalForPrisma.prisma ?? new PrismaClient()`, `pool || new Pool()`
        return node.operator === '&&' ? null : (this.resolve(node.right) ?? this.resolve(node.left));
      case 'ConditionalExpression':
        return this.resolve(node.consequent) ?? this.resolve(node.alternate);
      case 'SequenceExpression':
        return this.resolve(node.expressions[node.expressions.length - 1]!);
      default:
        return null;
    }
  }

  private moduleValue(specifier: string): ModuleValue | ProjectValue | null {
    const targets = this.catalog.driversForModule(specifier);
    if (targets.length > 0) return { kind: 'module', targets, path: [] };
    const exports = this.projectModules?.exportsOf(specifier, this.filename) ?? null;
    return exports === null ? null : { kind: 'project', exports };
  }

  /** A project module's export as a value: a pool or handle, or a factory to call. */
  private projectExport(module: ProjectValue, name: string | null): Value | null {
    const found = name === null ? module.exports.whole : (module.exports.named.get(name) ?? (name === 'default' ? module.exports.whole : undefined));
    if (found == null) return name === null ? module : null;
    return found.kind === 'function' ? found : { kind: 'shape', ref: found.value, promise: false, origin: null, via: 'module' };
  }

  private resolveIdentifier(node: TSESTree.Identifier): Value | null {
    const variable = this.findVariable(node);
    return variable === null ? null : this.resolveVariable(variable);
  }

  /** A variable's value: from its import, its declaration, or — for `let` — its assignments. */
  resolveVariable(variable: Variable): Value | null {
    if (this.variableMemo.has(variable)) return this.variableMemo.get(variable)!;
    this.variableMemo.set(variable, null);
    const value = this.computeVariable(variable);
    this.variableMemo.set(variable, value);
    return value;
  }

  /**
   * A variable's value from the syntax and the catalog only, without the type-aware fallback: for
   * questions types cannot change, such as whether a callee is the `done` a callback-form
   * acquisition passes (a releaser comes only from a cataloged callback's parameter).
   */
  variableSyntax(variable: Variable): Value | null {
    if (this.variableMemo.has(variable)) return this.variableMemo.get(variable)!;
    if (this.typeResolver === null) return this.resolveVariable(variable);
    if (this.syntaxMemo.has(variable)) return this.syntaxMemo.get(variable)!;
    this.syntaxMemo.set(variable, null); // cycle guard
    const value = this.computeVariableSyntax(variable);
    this.syntaxMemo.set(variable, value);
    return value;
  }

  private computeVariable(variable: Variable): Value | null {
    const syntactic = this.computeVariableSyntax(variable);
    if (syntactic !== null || this.typeResolver === null) return syntactic;
    const def = variable.defs[0];
    if (def === undefined || def.name.type !== 'Identifier') return null;
    // a pool imported from the project's own `db.ts`, a parameter typed with an alias, a destructured
    // field of an injected object, a `let` assigned elsewhere. A variable initialised from an
    // expression was already typed through that expression (calls by their callee's declaration).
    if (def.type === 'Parameter' || def.type === 'ImportBinding') return this.typeResolver(def.name);
    if (def.type === 'Variable') {
      const declarator = def.node;
      if (declarator.init == null || declarator.id.type !== 'Identifier') return this.typeResolver(def.name);
    }
    return null;
  }

  private computeVariableSyntax(variable: Variable): Value | null {
    const def = variable.defs[0];
    if (def === undefined) return null;
    switch (def.type) {
      case 'ImportBinding':
        return def.node.type === 'TSImportEqualsDeclaration'
          ? this.resolveImportEquals(def.node)
          : this.resolveImportBinding(def.node);
      case 'Variable': {
        const declarator = def.node;
        const fromInit = declarator.init ? this.resolvePatternTarget(declarator.id, def.name, declarator.init) : null;
        if (fromInit !== null) return fromInit;
        // `let pool; … pool ??= new Pool()` / `let c: Connection; c = createConnection(o)`: every
        // assignment that resolves agrees (and keeps where it was created); else the annotation
        const assigned = declarator.init ? null : this.fromAssignments(variable);
        if (assigned !== null) return assigned;
        const annotated = def.name.type === 'Identifier' ? this.fromAnnotation(def.name) : null;
        if (annotated !== null) return annotated;
        return declarator.init ? this.fromAssignments(variable) : null;
      }
      case 'Parameter':
        return def.name.type === 'Identifier' ? this.resolveParameter(def.name, def.node) : null;
      default:
        return null;
    }
  }

  private fromAssignments(variable: Variable): Value | null {
    let found: Value | null = null;
    for (const reference of variable.references) {
      if (!reference.isWrite() || reference.writeExpr == null) continue;
      const value = this.resolve(reference.writeExpr);
      if (value !== null) {
        if (found !== null && !sameValue(found, value)) return null;
        found = value;
      }
    }
    return found;
  }

  /** `import pg = require('pg')` is the module, as `const pg = require('pg')`; `import X = A.B` is not followed. */
  private resolveImportEquals(node: TSESTree.TSImportEqualsDeclaration): Value | null {
    const reference = node.moduleReference;
    if (reference.type !== 'TSExternalModuleReference' || reference.expression.type !== 'Literal') return null;
    const specifier = reference.expression.value;
    const value = typeof specifier === 'string' ? this.moduleValue(specifier) : null;
    return value?.kind === 'project' ? this.projectExport(value, null) : value;
  }

  private resolveImportBinding(clause: TSESTree.ImportClause): Value | null {
    const declaration = clause.parent as TSESTree.ImportDeclaration;
    const base = this.moduleValue(declaration.source.value);
    if (base === null) return null;
    if (base.kind === 'project') {
      if (clause.type === 'ImportNamespaceSpecifier') return base;
      return this.projectExport(base, clause.type === 'ImportSpecifier' ? (clause.imported.type === 'Identifier' ? clause.imported.name : String(clause.imported.value)) : 'default');
    }
    if (clause.type === 'ImportSpecifier') {
      const imported = clause.imported.type === 'Identifier' ? clause.imported.name : String(clause.imported.value);
      if (imported === 'default') return restrictToNamed(base, null);
      return restrictToNamed({ ...base, path: [imported] }, imported);
    }
    return restrictToNamed(base, null);
  }

  /** `const x = init`, `const { Pool } = init`, `const [a] = …` — the value bound to `name`. */
  private resolvePatternTarget(pattern: Node, name: TSESTree.Identifier, init: Node): Value | null {
    if (pattern.type === 'Identifier') return pattern === name ? this.resolve(init) : null;
    if (pattern.type === 'AssignmentPattern') return this.resolvePatternTarget(pattern.left, name, init);
    if (pattern.type !== 'ObjectPattern') return null;
    for (const property of pattern.properties) {
      if (property.type !== 'Property') continue;
      if (!containsNode(property.value, name)) continue;
      const key = propertyName(property);
      if (key === null) return null;
      const base = this.resolve(init);
      if (base === null) return skipAssignmentPattern(property.value) === name ? this.producedAtProperty(init, key) : null;
      const member = this.member(base, key);
      if (member === null) return null;
      const inner = skipAssignmentPattern(property.value);
      return inner === name ? member : null;
    }
    return null;
  }

  private resolveMember(node: TSESTree.MemberExpression): Value | null {
    const key = memberKey(node);
    if (key === null) return null;
    if (node.object.type === 'ThisExpression') return this.resolveThisField(node, key);
    const base = this.resolve(node.object);
    return base === null ? this.producedAtProperty(node.object, key) : this.member(base, key);
  }

  /**
   * A shape a call produces at a property of its (awaited) result: `(await conn.execute(sql, binds,
   * { resultSet: true })).resultSet`, `result.resultSet` where `const result = await conn.execute(…)`,
   * and (through destructuring) `const { resultSet } = await conn.execute(…)`. The `origin` is the call.
   */
  producedAtProperty(object: Node, key: string): ShapeValue | null {
    let node = skipWrappers(object);
    if (node.type === 'Identifier') {
      const variable = this.findVariable(node);
      const def = variable !== null && variable.defs.length === 1 ? variable.defs[0] : undefined;
      if (def?.type !== 'Variable') return null;
      const declarator = def.node;
      if (declarator.id !== def.name || declarator.init == null) return null;
      if (variable!.references.some((r) => r.isWrite() && !r.init)) return null;
      node = skipWrappers(declarator.init);
    }
    let awaited = false;
    if (node.type === 'AwaitExpression') {
      awaited = true;
      node = skipWrappers(node.argument);
    }
    if (node.type !== 'CallExpression') return null;
    const call = node;
    const callee = skipWrappers(call.callee);
    if (callee.type !== 'MemberExpression') return null;
    const method = memberKey(callee);
    if (method === null) return null;
    const receiver = callee.object.type === 'Super' ? null : this.shape(callee.object);
    if (receiver === null || receiver.promise) return null;
    const hasCallback = this.hasCallback(call);
    const spec = receiver.ref.shape.produces?.find(
      (p) =>
        p.method === method &&
        p.property === key &&
        !hasCallback &&
        (p.when === undefined || p.when.some((c) => conditionHolds(c, call.arguments))),
    );
    if (spec === undefined || (spec.awaited === true) !== awaited) return null;
    const ref = this.catalog.shape(receiver.ref.driver, spec.shape);
    if (ref === undefined) return null;
    return { kind: 'shape', ref, promise: false, origin: call, via: receiver.via };
  }

  private member(base: Value, key: string): Value | null {
    if (base.kind === 'project') return this.projectExport(base, key);
    if (base.kind === 'module') {
      if (key === 'default' && base.path.length === 0) return base;
      return { ...base, path: [...base.path, key] };
    }
    return null;
  }

  /**
   * `this.pool` inside a class: a field initialiser, a constructor assignment, or a typed parameter
   * property; else every value assigned to `this.pool` anywhere in the class or ES5 constructor
   * function and its prototype (`fields.ts`), when they all agree.
   */
  private resolveThisField(node: TSESTree.MemberExpression, key: string): Value | null {
    return this.declaredThisField(node, key) ?? this.assignedThisField(node, key);
  }

  private assignedThisField(node: TSESTree.MemberExpression, key: string): Value | null {
    const program = this.sourceCode.ast;
    const owner = thisOwner(node, program);
    if (owner === null) return null;
    let index = this.fieldMemo.get(owner);
    if (index === undefined) this.fieldMemo.set(owner, (index = fieldIndex(owner, program)));
    let found: Value | null = null;
    for (const write of index.get(key) ?? []) {
      const value = this.resolve(write);
      if (value === null) continue;
      if (found !== null && !sameValue(found, value)) return null;
      found = value;
    }
    return found;
  }

  private declaredThisField(node: TSESTree.MemberExpression, key: string): Value | null {
    const classNode = thisClass(node);
    if (classNode === null) return null;
    for (const element of classNode.body.body) {
      if (element.type === 'PropertyDefinition' && propertyName(element) === key) {
        if (element.value) return this.resolve(element.value);
        if (element.typeAnnotation) return this.fromTypeNode(element.typeAnnotation.typeAnnotation, element);
      }
      if (element.type === 'MethodDefinition' && element.kind === 'constructor') {
        for (const param of element.value.params) {
          if (param.type === 'TSParameterProperty' && param.parameter.type === 'Identifier' && param.parameter.name === key) {
            const annotated = param.parameter.typeAnnotation;
            if (annotated) return this.fromTypeNode(annotated.typeAnnotation, param);
          }
        }
        const assigned = findThisAssignment(element.value.body, key);
        if (assigned !== null) {
          const value = this.resolve(assigned);
          if (value !== null) return value;
        }
      }
    }
    return null;
  }

  private resolveCall(node: TSESTree.CallExpression): Value | null {
    const callee = skipWrappers(node.callee);
    if (callee.type === 'Identifier' && callee.name === 'require' && node.arguments.length === 1) {
      const arg = node.arguments[0]!;
      if (arg.type === 'Literal' && typeof arg.value === 'string' && this.isGlobalRequire(callee)) {
        const value = this.moduleValue(arg.value);
        return value?.kind === 'project' ? this.projectExport(value, null) : value;
      }
      if (arg.type === 'TemplateLiteral' && arg.expressions.length === 0 && this.isGlobalRequire(callee)) {
        return this.moduleValue(arg.quasis[0]!.value.cooked ?? '');
      }
      return null;
    }
    if (callee.type === 'MemberExpression') {
      const method = memberKey(callee);
      if (method === null) return null;
      // typed mode: a method no cataloged shape or export has cannot produce anything, so its receiver
      // is not worth a type query — unless the receiver is one of the project's own modules (`db.getClient()`)
      if (this.typeResolver !== null && !catalogMethodNames(this.catalog).has(method)) {
        const object = callee.object.type === 'Identifier' ? this.findVariable(callee.object) : null;
        const syntax = object === null ? null : this.variableSyntax(object);
        return syntax?.kind === 'project' ? this.called(this.projectExport(syntax, method), node) : null;
      }
      if (callee.object.type === 'Super') return null;
      if (callee.object.type === 'ThisExpression') {
        const own = this.fromOwnMethod(node, method);
        if (own !== null) return own;
      }
      const receiver = this.resolve(callee.object);
      if (receiver === null) return this.fromEvidence(node, method);
      if (receiver.kind === 'shape') return this.produce(receiver, method, node);
      if (receiver.kind === 'project') return this.called(this.projectExport(receiver, method), node);
      if (receiver.kind === 'module') return this.fromExport({ ...receiver, path: [...receiver.path, method] }, 'call', node);
      return null;
    }
    const value = this.resolve(callee);
    if (value === null && callee.type === 'Identifier') return this.fromLocalFunction(node, callee);
    if (value?.kind === 'module') return this.fromExport(value, 'call', node);
    if (value?.kind === 'function') return this.called(value, node);
    if (value?.kind === 'shape' && !value.promise && value.ref.shape.call) {
      const ref = this.catalog.shape(value.ref.driver, value.ref.shape.call.shape);
      if (ref) return { kind: 'shape', ref, promise: value.ref.shape.call.awaited === true, origin: node, via: value.via };
    }
    return null;
  }

  /**
   * `this.getConnection()` where the class's (or ES5 prototype's) own method returns a driver value:
   * what it creates and returns is created here, at the call (`async getConnection() { const c =
   * createConnection(o); await c.connect(); return c }`); what it only passes on (`return this.pool`)
   * keeps its origin.
   */
  private fromOwnMethod(call: TSESTree.CallExpression, key: string): Value | null {
    const program = this.sourceCode.ast;
    const owner = thisOwner(call.callee, program);
    const fn = owner === null ? null : ownMethod(owner, key, program);
    if (fn === null || fn.body == null) return null;
    return this.createdByCall(call, fn);
  }

  /**
   * `getClient()` where `getClient` is a function of this file (a declaration, or a `const` bound to a
   * function) that returns a driver value: `const getClient = async () => pool.connect()` makes a
   * lease at each call, like an own method ({@link fromOwnMethod}).
   */
  private fromLocalFunction(call: TSESTree.CallExpression, callee: TSESTree.Identifier): Value | null {
    const variable = this.findVariable(callee);
    if (variable === null || variable.defs.length !== 1) return null;
    const def = variable.defs[0]!;
    let fn: Node | null | undefined = null;
    if (def.type === 'FunctionName') fn = def.node;
    else if (def.type === 'Variable' && def.parent?.kind === 'const') fn = def.node.init;
    if (!isFunction(fn) || fn.body == null) return null;
    // `return selopts.client || ctx.client || pool`: a lease or the pool, whichever is set — not one shape
    const returned = fn.body.type === 'BlockStatement' ? returnArguments(fn.body) : [fn.body];
    if (returned.some((argument) => this.hasUnknownAlternative(argument))) return null;
    return this.createdByCall(call, fn);
  }

  /** `a || b`, `a ?? b`, `c ? a : b` where one side is not a driver value (nor `null`/`undefined`). */
  private hasUnknownAlternative(node: Node): boolean {
    const value = skipWrappers(node.type === 'AwaitExpression' ? node.argument : node);
    const sides = value.type === 'LogicalExpression' ? [value.left, value.right] : value.type === 'ConditionalExpression' ? [value.consequent, value.alternate] : [];
    return sides.some((side) => {
      const inner = skipWrappers(side);
      if ((inner.type === 'Literal' && inner.value === null) || (inner.type === 'Identifier' && inner.name === 'undefined')) return false;
      return this.hasUnknownAlternative(inner) || this.shape(inner) === null;
    });
  }

  /** What calling `fn` returns, seen from `call`: a value it creates is created at the call. */
  private createdByCall(call: TSESTree.CallExpression, fn: TSESTree.FunctionLike): Value | null {
    let found = this.methodMemo.get(fn);
    if (found === undefined) {
      this.methodMemo.set(fn, null); // recursion guard
      this.methodMemo.set(fn, (found = this.returnedShape(fn)));
    }
    if (found === null) return null;
    const createdHere = found.origin !== null && found.origin.range[0] >= fn.range[0] && found.origin.range[1] <= fn.range[1] && !this.returnsCached(fn);
    return { ...found, origin: createdHere ? call : null, promise: fn.async || found.promise };
  }

  /**
   * `let pool = pools.get(key); if (!pool) { pool = createPool(o); pools.set(key, pool); } return pool;`,
   * `const c = await this.connection; if (c.isUp()) return c; return (this.connection = this.init());`:
   * a returned value that is also kept, or may come from a cache or a field, is not created by every call.
   */
  private returnsCached(fn: TSESTree.FunctionLike): boolean {
    const returned = fn.body?.type === 'BlockStatement' ? returnArguments(fn.body) : [];
    const unwrap = (node: Node): Node => skipWrappers(node.type === 'AwaitExpression' ? node.argument : node);
    return returned.some((argument) => {
      const inner = unwrap(argument);
      // `return (this.connection = this.initConnection())`: kept for the next call
      if (inner.type === 'AssignmentExpression') return true;
      const variable = inner.type === 'Identifier' ? this.findVariable(inner) : null;
      // a value from elsewhere (`pools.get(key)`) or read back from a field (`await this.connection`)
      return variable?.references.some((r) => r.writeExpr != null && (this.shape(r.writeExpr) === null || unwrap(r.writeExpr).type === 'MemberExpression')) ?? false;
    });
  }

  /** The shape every `return` of a function gives (all agreeing), or null. */
  private returnedShape(fn: TSESTree.FunctionLike): ShapeValue | null {
    const returned = fn.body?.type === 'BlockStatement' ? returnArguments(fn.body) : fn.body ? [fn.body] : [];
    let found: ShapeValue | null = null;
    for (const argument of returned) {
      const value = this.shape(argument);
      if (value === null || (found !== null && found.ref.shape !== value.ref.shape)) return null;
      found = value;
    }
    return found;
  }

  /** Calling a project factory (`getClient()`) makes its shape here. */
  private called(value: Value | null, call: TSESTree.CallExpression): Value | null {
    return value?.kind === 'function' && value.returns !== null ? { kind: 'shape', ref: value.returns.ref, promise: value.returns.promise, origin: call, via: 'module' } : null;
  }

  /** `const c = await unknown.getConnection(); … c.release()`: a lease by evidence (`evidence.ts`). */
  private fromEvidence(call: TSESTree.CallExpression, method: string): Value | null {
    if (this.hasCallback(call)) return null;
    const found = evidenceOfCall(call, method, this.catalog, (c) => this.boundVariable(c));
    if (found === null) return null;
    return { kind: 'shape', ref: found.candidate.ref, promise: found.awaited, origin: call, via: 'evidence' };
  }

  /** The variable a call's (awaited) result is bound to: `const c = await call`, `c = call`. */
  private boundVariable(call: TSESTree.CallExpression): Variable | null {
    let node: Node = call;
    while (node.parent && ['AwaitExpression', 'TSNonNullExpression', 'TSAsExpression', 'ChainExpression'].includes(node.parent.type)) node = node.parent;
    const parent = node.parent;
    if (parent?.type === 'VariableDeclarator' && parent.init === node && parent.id.type === 'Identifier') return this.findVariable(parent.id);
    if (parent?.type === 'AssignmentExpression' && parent.right === node && parent.left.type === 'Identifier') return this.findVariable(parent.left);
    return null;
  }

  /** A module path that is itself a value in the catalog (`via: 'value'`: @vercel/postgres `sql`) is that shape. */
  private fromValueExport(value: Value | null): Value | null {
    if (value?.kind !== 'module' || value.path.length === 0) return value;
    for (const target of value.targets) {
      const spec = target.driver.exports.find((e) => e.via === 'value' && pathEquals(e.path, value.path));
      const ref = spec ? this.catalog.shape(target.driver, spec.shape) : undefined;
      if (ref !== undefined) return { kind: 'shape', ref, promise: spec!.awaited === true, origin: null, via: 'syntax' };
    }
    return value;
  }

  private resolveNew(node: TSESTree.NewExpression): Value | null {
    const value = this.resolve(node.callee);
    return value?.kind === 'module' ? this.fromExport(value, 'new', node) : null;
  }

  private isGlobalRequire(callee: TSESTree.Identifier): boolean {
    const variable = this.findVariable(callee);
    return variable === null || variable.defs.length === 0;
  }

  /** `new Pool()`, `mysql.createPool()`, `knex(cfg)` — an export used as the catalog says. */
  private fromExport(value: ModuleValue, use: 'call' | 'new', node: TSESTree.CallExpression | TSESTree.NewExpression): Value | null {
    for (const target of value.targets) {
      for (const spec of target.driver.exports) {
        if (!pathEquals(spec.path, value.path) || !viaMatches(spec, use) || !exportApplies(spec, node.arguments)) continue;
        const ref = this.catalog.shape(target.driver, spec.shape);
        if (ref !== undefined) return { kind: 'shape', ref, promise: spec.awaited === true, origin: node, via: 'syntax', ...(spec.moduleSingleton === true ? { moduleSingleton: true } : {}) };
      }
    }
    return null;
  }

  /** `pool.connect()` → lease; `client.query(new Cursor())` → the cursor; `conn.execute(…, { resultSet: true })` … */
  private produce(receiver: ShapeValue, method: string, node: TSESTree.CallExpression): Value | null {
    if (receiver.promise) return null;
    const shape = receiver.ref.shape;
    const submitted = shape.submits?.[method];
    if (submitted !== undefined) {
      const arg = node.arguments[submitted];
      const argValue = arg ? this.shape(arg) : null;
      if (argValue !== null && argValue.ref.shape.role === 'cursor') return { ...argValue, origin: node };
    }
    const spec = findProduce(shape, method, node, this.hasCallback(node));
    if (spec === undefined || spec.property !== undefined) return null;
    const ref = this.catalog.shape(receiver.ref.driver, spec.shape);
    if (ref === undefined) return null;
    return { kind: 'shape', ref, promise: spec.awaited === true, origin: node, via: receiver.via };
  }

  /** Whether the call's last argument is (or may well be) a callback: see {@link hasCallbackArgument}. */
  hasCallback(call: TSESTree.CallExpression): boolean {
    return hasCallbackArgument(call, (node) => this.findVariable(node));
  }

  /** The produce spec a call matches, honouring callback forms and argument conditions. */
  produceSpec(receiver: ShapeValue, method: string, node: TSESTree.CallExpression): ProduceSpec | undefined {
    return findProduce(receiver.ref.shape, method, node, this.hasCallback(node));
  }

  /** A parameter: a callback-form lease, a managed scope's resource, or a parameter typed as a driver type. */
  private resolveParameter(name: TSESTree.Identifier, fn: Node): Value | null {
    if (isFunction(fn)) {
      const index = fn.params.findIndex((p) => skipParamWrappers(p) === name);
      const call = fn.parent;
      if (index >= 0 && call?.type === 'CallExpression' && call.arguments.includes(fn as TSESTree.CallExpressionArgument)) {
        const fromCallback = this.fromCallbackParameter(call, fn, index);
        if (fromCallback !== null) return fromCallback;
      }
      if (index === 0 && isKnexMigration(fn, name, this.filename, this.sourceCode.text)) return this.knexInstance();
    }
    return this.fromAnnotation(name);
  }

  /** The Knex instance a Knex migration's `up(knex)`/`down(knex)` receives (Knex runs it, and ends it). */
  private knexInstance(): Value | null {
    const driver = this.catalog.driversForModule('knex')[0]?.driver;
    const ref = driver ? this.catalog.shape(driver, 'Knex') : undefined;
    return ref ? { kind: 'shape', ref, promise: false, origin: null, via: 'syntax', scoped: 'managed' } : null;
  }

  private fromCallbackParameter(call: TSESTree.CallExpression, fn: TSESTree.FunctionLike, index: number): Value | null {
    const callee = skipWrappers(call.callee);
    if (callee.type !== 'MemberExpression') return null;
    const method = memberKey(callee);
    if (method === null) return null;
    if (callee.object.type !== 'Super' && this.resolve(callee.object) === null && lastFunctionArgument(call) === fn) {
      // `db.connect((err, client, done) => { … done() })` on an unknown receiver: a lease by evidence
      const candidate = callbackEvidence(method, fn, this.catalog, (node) => this.findVariable(node));
      const callback = candidate?.spec.callback;
      if (candidate && callback && index === callback.resourceParam) return { kind: 'shape', ref: candidate.ref, promise: false, origin: call, via: 'evidence', scoped: 'callback' };
      if (candidate && callback && index === callback.releaseParam) return { kind: 'releaser', ref: candidate.ref };
      return null;
    }
    const receiver = this.shape(callee.object);
    if (receiver === null) return null;
    if (receiver.promise) {
      // `pool.connect().then((client) => …)`, `const pending = pool.acquire(); pending.then((conn) => …)`:
      // the lease acquired there arrives as the callback's parameter, which then holds it
      const arrives = method === 'then' && index === 0 && call.arguments[0] === fn && receiver.origin !== null && receiver.ref.shape.role === 'lease';
      return arrives ? { kind: 'shape', ref: receiver.ref, promise: false, origin: call, via: receiver.via, scoped: 'callback' } : null;
    }
    const shape = receiver.ref.shape;
    for (const produce of shape.produces ?? []) {
      if (produce.method !== method || produce.callback === undefined) continue;
      if (lastFunctionArgument(call) !== fn) continue;
      const ref = this.catalog.shape(receiver.ref.driver, produce.shape);
      if (ref === undefined) continue;
      if (index === produce.callback.resourceParam) return { kind: 'shape', ref, promise: false, origin: call, via: receiver.via, scoped: 'callback' };
      if (index === produce.callback.releaseParam) return { kind: 'releaser', ref };
    }
    for (const managed of shape.managed ?? []) {
      if (managed.method !== method || managed.scopeParam !== index || managed.scopeShape === undefined) continue;
      if (lastFunctionArgument(call) !== fn) continue;
      const ref = this.catalog.shape(receiver.ref.driver, managed.scopeShape);
      if (ref) return { kind: 'shape', ref, promise: false, origin: null, via: receiver.via, scoped: 'managed' };
    }
    return null;
  }

  /** `client: PoolClient` where `PoolClient` is imported from a driver module. */
  private fromAnnotation(name: TSESTree.Identifier): Value | null {
    const annotation = name.typeAnnotation?.typeAnnotation;
    return annotation ? this.fromTypeNode(annotation, name) : null;
  }

  private fromTypeNode(type: TSESTree.TypeNode, at: Node): Value | null {
    if (type.type === 'TSUnionType') {
      // `PoolClient | undefined`
      const parts = type.types.filter((t) => t.type !== 'TSUndefinedKeyword' && t.type !== 'TSNullKeyword');
      return parts.length === 1 ? this.fromTypeNode(parts[0]!, at) : null;
    }
    if (type.type !== 'TSTypeReference') return null;
    let typeName = type.typeName;
    let promise = false;
    if (typeName.type === 'Identifier' && typeName.name === 'Promise' && type.typeArguments?.params.length === 1) {
      const inner = type.typeArguments.params[0]!;
      if (inner.type !== 'TSTypeReference') return null;
      typeName = inner.typeName;
      promise = true;
    }
    let local: TSESTree.Identifier;
    let member: string | null = null;
    if (typeName.type === 'Identifier') local = typeName;
    else if (typeName.type === 'TSQualifiedName' && typeName.left.type === 'Identifier') {
      local = typeName.left;
      member = typeName.right.name;
    } else return null;
    const scope = this.sourceCode.getScope(at);
    const variable = findVariableInScope(scope, local.name);
    if (!variable) return null;
    // a type name is a driver's type only through an import of the driver: the syntax decides
    const value = this.variableSyntax(variable);
    if (value?.kind !== 'module') return null;
    const typeNameText = member ?? value.path[value.path.length - 1];
    if (typeNameText === undefined) return null;
    for (const target of value.targets) {
      for (const [shapeName, shape] of Object.entries(target.driver.shapes)) {
        if (shape.types?.includes(typeNameText)) {
          const ref = this.catalog.shape(target.driver, shapeName)!;
          return { kind: 'shape', ref, promise, origin: null, via: 'syntax' };
        }
      }
    }
    return null;
  }
}

/**
 * Whether a call's value is kept or used as a receiver — bound (`const c = await getClient()`),
 * assigned, stored in a field, or the object of a member access (`getPool().connect()`) — the only
 * places where a typed acquisition or pool can matter to a rule. Other calls (bare statements,
 * arguments, returns) get no type query.
 */
function valuePosition(call: TSESTree.CallExpression): boolean {
  let node: Node = call;
  for (;;) {
    const parent: Node | undefined = node.parent;
    if (parent === undefined) return false;
    switch (parent.type) {
      case 'AwaitExpression':
      case 'TSNonNullExpression':
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'ChainExpression':
      case 'LogicalExpression':
        node = parent;
        continue;
      case 'ConditionalExpression':
        if (parent.test === node) return false;
        node = parent;
        continue;
      case 'VariableDeclarator':
        return parent.init === node;
      case 'AssignmentExpression':
        return parent.right === node;
      case 'PropertyDefinition':
        return parent.value === node;
      case 'MemberExpression':
        return parent.object === node;
      default:
        return false;
    }
  }
}

/** The names of every method of every cataloged shape, and every export path segment. */
export const catalogMethodNames = perCatalog((catalog): ReadonlySet<string> => {
  const set = new Set<string>();
  for (const driver of catalog.drivers) {
    for (const e of driver.exports) for (const segment of e.path) set.add(segment);
    for (const shape of Object.values(driver.shapes)) {
      for (const list of [shape.release, shape.discard, shape.releasesArgument, shape.queries, shape.consumers]) for (const n of list ?? []) set.add(n);
      for (const p of shape.produces ?? []) set.add(p.method);
      for (const m of shape.managed ?? []) set.add(m.method);
      for (const n of Object.keys(shape.submits ?? {})) set.add(n);
      for (const list of [shape.transaction?.begin, shape.transaction?.commit, shape.transaction?.rollback]) for (const n of list ?? []) set.add(n);
      if (shape.releaseChain !== undefined) set.add(shape.releaseChain);
    }
  }
  return set;
});

export function findProduce(shape: ShapeSpec, method: string, call: TSESTree.CallExpression, hasCallback: boolean): ProduceSpec | undefined {
  return shape.produces?.find(
    (p) =>
      p.method === method &&
      !(p.callback !== undefined && hasCallback) &&
      !(p.withoutCallback === true && hasCallback) &&
      (p.when === undefined || p.when.some((c) => conditionHolds(c, call.arguments))),
  );
}

function lastFunctionArgument(call: TSESTree.CallExpression): TSESTree.FunctionLike | null {
  const last = call.arguments[call.arguments.length - 1];
  return last !== undefined && isFunction(last) ? last : null;
}

/** Names that say an argument is data (`pool.query(sql, params)`), not a callback. */
const DATA_NAME = /^(?:sql|query|text|statement|stmt|q|params?|parameters|values?|args|arguments|binds?|bindings|replacements|data|rows?|record|item|options|opts|config|cfg|conf|settings|attrs|url|uri|dsn|connectionString|alias|poolAlias|name|id|key|filter|doc|document|docs|update|pipeline|cmd|command|cql)$/iu;

/**
 * Whether a call's last argument is (or may well be) a callback, so that the call delivers its
 * result through it and returns nothing: an inline function, a `.bind(…)` of one, a name bound to a
 * function, or a name or member that is not known to be data (`pool.connect(onClient)`,
 * `this.db.query(sql, params, done)`, `pool.getConnection(this.onConnection)`). Literals, object and
 * array literals, templates, and names that read as data (`params`, `values`, `options`) are not.
 */
export function hasCallbackArgument(call: TSESTree.CallExpression, findVariable: (node: TSESTree.Identifier) => Variable | null): boolean {
  const last = call.arguments[call.arguments.length - 1];
  if (last === undefined || last.type === 'SpreadElement') return false;
  const node = skipWrappers(last);
  if (isFunction(node)) return true;
  if (node.type === 'CallExpression') {
    const callee = skipWrappers(node.callee);
    return callee.type === 'MemberExpression' && memberKey(callee) === 'bind';
  }
  if (node.type === 'MemberExpression') {
    const key = memberKey(node);
    return key !== null && !DATA_NAME.test(key);
  }
  if (node.type !== 'Identifier' || node.name === 'undefined') return false;
  const def = findVariable(node)?.defs[0];
  if (def?.type === 'FunctionName') return true;
  if (def?.type === 'Variable' && def.node.init != null && def.node.id === def.name) {
    const init = skipWrappers(def.node.init);
    if (isFunction(init)) return true;
    if (init.type !== 'CallExpression' && init.type !== 'AwaitExpression' && init.type !== 'MemberExpression' && init.type !== 'ConditionalExpression' && init.type !== 'LogicalExpression') return false;
  }
  if (def?.type === 'ImportBinding' || def?.type === 'ClassName') return false;
  return !DATA_NAME.test(node.name);
}

export function viaMatches(spec: ExportSpec, use: 'call' | 'new'): boolean {
  return spec.via === use || spec.via === 'new-or-call';
}

export function exportApplies(spec: ExportSpec, args: readonly TSESTree.CallExpressionArgument[]): boolean {
  if (spec.when && !spec.when.some((c) => conditionHolds(c, args))) return false;
  if (spec.unless && spec.unless.some((c) => conditionHolds(c, args))) return false;
  return true;
}

/** Whether an argument condition holds; unknown arguments (identifiers) do not satisfy `is`/`has` conditions. */
export function conditionHolds(condition: ArgumentCondition, args: readonly TSESTree.CallExpressionArgument[]): boolean {
  const arg = args[condition.index];
  if ('is' in condition) {
    if (condition.is === 'absent') return arg === undefined;
    return arg !== undefined && isStringLike(arg);
  }
  if ('hasProperty' in condition) return arg?.type === 'ObjectExpression' && hasProperty(arg, condition.hasProperty);
  return arg === undefined || (arg.type === 'ObjectExpression' && !hasProperty(arg, condition.lacksProperty));
}

function isStringLike(node: Node): boolean {
  if (node.type === 'Literal') return typeof node.value === 'string';
  if (node.type === 'TemplateLiteral') return true;
  // `process.env.DATABASE_URL` / `process.env.DATABASE_URL!` is a connection string
  const inner = skipWrappers(node);
  return inner.type === 'MemberExpression' && inner.object.type === 'MemberExpression' && memberKey(inner.object) === 'env';
}

function hasProperty(object: TSESTree.ObjectExpression, key: string): boolean {
  return object.properties.some((p) => p.type === 'Property' && propertyName(p) === key);
}

export function pathEquals(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function sameValue(a: Value, b: Value): boolean {
  if (a.kind === 'shape' && b.kind === 'shape') return a.ref.shape === b.ref.shape;
  if (a.kind === 'module' && b.kind === 'module') return pathEquals(a.path, b.path) && a.targets[0]?.driver === b.targets[0]?.driver;
  return false;
}

function restrictToNamed(value: ModuleValue, named: string | null): ModuleValue | null {
  // a pattern module (generated Prisma client) only resolves through the exports it lists
  const targets = value.targets.filter((t) => t.exports === undefined || (named !== null && t.exports.includes(named)));
  return targets.length > 0 ? { ...value, targets } : null;
}

function containsNode(root: Node, target: Node): boolean {
  let found = false;
  const visit = (n: Node): void => {
    if (found) return;
    if (n === target) {
      found = true;
      return;
    }
    if (n.type === 'AssignmentPattern') visit(n.left);
    else if (n.type === 'ObjectPattern') n.properties.forEach((p) => visit(p.type === 'Property' ? p.value : p.argument));
    else if (n.type === 'ArrayPattern') n.elements.forEach((e) => e && visit(e));
    else if (n.type === 'RestElement') visit(n.argument);
  };
  visit(root);
  return found;
}

function skipAssignmentPattern(node: Node): Node {
  return node.type === 'AssignmentPattern' ? node.left : node;
}

function skipParamWrappers(param: TSESTree.Parameter): Node {
  let p: Node = param;
  if (p.type === 'TSParameterProperty') p = p.parameter;
  if (p.type === 'AssignmentPattern') p = p.left;
  return p;
}

/** The first `this.key = value` at the top level of a constructor body. */
function findThisAssignment(body: TSESTree.BlockStatement | null | undefined, key: string): Node | null {
  for (const statement of body?.body ?? []) {
    if (statement.type !== 'ExpressionStatement' || statement.expression.type !== 'AssignmentExpression') continue;
    const left = statement.expression.left;
    if (left.type === 'MemberExpression' && left.object.type === 'ThisExpression' && memberKey(left) === key) return statement.expression.right;
  }
  return null;
}

/** The arguments of a function body's `return` statements (nested functions aside). */
function returnArguments(body: TSESTree.BlockStatement): Node[] {
  const found: Node[] = [];
  walkSubtree(body, (n) => {
    if (n.type === 'ReturnStatement') {
      if (n.argument) found.push(n.argument);
      return false;
    }
    return true;
  });
  return found;
}

/**
 * A Knex migration's `up`/`down` (`exports.up = function (knex) { … }`, `export async function up(knex)`)
 * in a `migrations` folder of a file that names knex: its first parameter is the Knex instance the
 * migrator passes. A query on it that is neither awaited nor returned never runs (Knex builders are lazy).
 */
function isKnexMigration(fn: TSESTree.FunctionLike, param: TSESTree.Identifier, filename: string, text: string): boolean {
  if (!/(?:^|[\\/])migrations?[\\/]/u.test(filename) || !/^(?:knex|trx|db)$/u.test(param.name) || !text.includes('knex')) return false;
  const parent = fn.parent;
  let name: string | null = null;
  // `export function up(knex)`, or `async function up(knex)` at module level exported by `module.exports = { up, down }`
  if (fn.type === 'FunctionDeclaration' && (parent?.type === 'ExportNamedDeclaration' || parent?.type === 'Program')) name = fn.id?.name ?? null;
  else if (parent?.type === 'AssignmentExpression' && parent.left.type === 'MemberExpression') name = memberKey(parent.left);
  else if (parent?.type === 'VariableDeclarator' && parent.parent.parent?.type === 'ExportNamedDeclaration' && parent.id.type === 'Identifier') name = parent.id.name;
  else if (parent?.type === 'Property' && parent.parent.parent?.type === 'AssignmentExpression') name = propertyName(parent);
  return name === 'up' || name === 'down';
}
