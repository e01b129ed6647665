import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import { perCatalog, type Catalog, type ShapeRef } from '../catalog/index.js';
import { findVariable, thisFieldAnnotation } from './ast.js';
import type { ShapeValue } from './provenance.js';

/**
 * Type-aware resolution (the `typeAware` setting, on in `recommended-type-checked`): what a node is,
 * from its TypeScript type — the declared type's symbol and the package its declaration comes from —
 * through aliases, `| undefined`/`| null`, intersections, `Promise<…>`, generic instantiations and
 * subclasses of driver classes.
 *
 * Only created when the setting is on and the parser provides a program; otherwise no type query is
 * ever made. Provenance asks it only about nodes its syntactic resolution could not resolve, so typed
 * findings are a superset of the syntactic ones.
 *
 * The conventions it implements (README.md, "Type-aware linting"):
 * - a call to a function whose declared return type is a lease (or a promise of one) is an
 *   acquisition, wherever the function is declared — except driver methods (the catalog says what
 *   they do), methods that return `this`, and calls that pass a lease of the same kind through;
 * - a function takes ownership of a lease parameter when its JSDoc says `@releases <param>` or its
 *   body releases that parameter; any other lease-typed parameter is borrowed.
 */
export interface TypeQueries {
  /** the shape of a node's type (origin `null`): receivers, members, variables, parameters */
  shapeOfNode(node: TSESTree.Node): ShapeValue | null;
  /**
   * The shape a call returns according to its callee's declaration. A lease (or a promise of one)
   * gets `origin: call`: the call is an acquisition. Other shapes get `origin: null`. Calls into a
   * cataloged driver package and the default library are not asked (the catalog is authoritative).
   */
  callShape(call: TSESTree.CallExpression): ShapeValue | null;
  /** whether the (awaited) type of a node has `[Symbol.asyncDispose]`; null when the node has no type */
  asyncDisposable(node: TSESTree.Node): boolean | null;
  /**
   * Whether the callee of `call` takes ownership of its argument at `index`: `owns` (the parameter is
   * typed as a lease, and the declaration says `@releases <param>` or its body releases it),
   * `borrows` (typed as a lease, neither holds), or null (not a lease parameter, or unknown callee).
   */
  argumentOwnership(call: TSESTree.CallExpression | TSESTree.NewExpression, index: number): 'owns' | 'borrows' | null;
  /** the same for a parameter of a function in this file */
  parameterOwnership(fn: TSESTree.FunctionLike, index: number): 'owns' | 'borrows' | null;
  /**
   * Whether the checker need not be asked about an expression at all, decided from the syntax and
   * the program's import graph: the root of its member/call chain (followed through `const`
   * initialisers) is a literal, an array/object/template literal (not through a `const`), a builtin namespace
   * (`JSON`, `Math`, `Array`, `Object`, `Promise`, `console` …), or an import of a module that
   * reaches no driver ({@link reachesDriver}: `z` from zod, a query builder, the project's
   * `./config`). Counted by {@link typeQuerySkips}.
   */
  ruledOut(node: TSESTree.Node): boolean;
}

/** Roles a function can take ownership of. */
const OWNABLE: ReadonlySet<string> = new Set(['lease', 'connection', 'transaction']);

/** The JSDoc tag of the ownership convention: `@releases client`. */
export const RELEASES_TAG = 'releases';

/** `ts.SymbolFlags` values (stable since TypeScript 2). */
const SYMBOL_ALIAS = 2097152;
const CLASS_OR_INTERFACE = 32 | 64;
const FUNCTION_OR_CLASS = 16 | 32;
const VARIABLE_OR_PROPERTY = 1 | 2 | 4;
const TYPE_ALIAS = 524288;
const TYPE_PARAMETER = 262144;

let queryCount = 0;
let queryTime = 0;

/** How many type queries the resolver has made in this process (tests show untyped runs make none). */
export function typeQueryCount(): number {
  return queryCount;
}

/** Time spent in type-aware resolution (checker calls and the resolver's own work), in ms, in this process: for bench/type-aware.js. */
export function typeQueryTime(): number {
  return queryTime;
}

/**
 * Wraps every query so its time is counted (one `performance.now()` pair per query), and so that a
 * failure inside the TypeScript checker degrades that one answer to "unknown" (the syntactic result)
 * instead of aborting the lint of the file.
 */
function timed(queries: TypeQueries): TypeQueries {
  const wrap =
    <A extends unknown[], R>(f: (...args: A) => R, unknown: R) =>
    (...args: A): R => {
      const start = performance.now();
      try {
        return f(...args);
      } catch {
        return unknown;
      } finally {
        queryTime += performance.now() - start;
      }
    };
  return {
    shapeOfNode: wrap((node) => queries.shapeOfNode(node), null),
    callShape: wrap((call) => queries.callShape(call), null),
    asyncDisposable: wrap((node) => queries.asyncDisposable(node), null),
    argumentOwnership: wrap((call, index) => queries.argumentOwnership(call, index), null),
    parameterOwnership: wrap((fn, index) => queries.parameterOwnership(fn, index), null),
    ruledOut: wrap((node) => queries.ruledOut(node), false),
  };
}

interface Found {
  readonly ref: ShapeRef;
  readonly promise: boolean;
}

/**
 * Answers about the program's types, declarations and parameters. They do not depend on the file
 * asking, so every file the checker serves shares them (a new program, as in an editor, gets new ones).
 */
interface CheckerMemos {
  /** a type → the shape it stands for */
  readonly memo: Map<ts.Type, Found | null>;
  /** a function declaration → the shape it returns */
  readonly declarationMemo: Map<ts.Node, Found | null>;
  /** a lease parameter → whether its function owns it */
  readonly ownershipMemo: Map<ts.Symbol, 'owns' | 'borrows' | null>;
  /** a type → whether it has `[Symbol.asyncDispose]` */
  readonly disposableMemo: Map<ts.Type, boolean>;
}

const memosByChecker = perCatalog(() => new WeakMap<ts.TypeChecker, CheckerMemos>());

function checkerMemos(catalog: Catalog, checker: ts.TypeChecker): CheckerMemos {
  const byChecker = memosByChecker(catalog);
  let memos = byChecker.get(checker);
  if (memos === undefined) {
    memos = { memo: new Map(), declarationMemo: new Map(), ownershipMemo: new Map(), disposableMemo: new Map() };
    byChecker.set(checker, memos);
  }
  return memos;
}

/**
 * How many project or declaration files deep the import graph is followed to find a driver import
 * (`users.ts` → `services/db.ts` → `db/pool.ts` → `pg`): a file importing the project's own modules
 * reaches a driver within this many steps or is treated as database-free.
 */
export const IMPORT_DEPTH = 4;

interface ProgramInternals {
  getResolvedModule?: (file: ts.SourceFile, name: string, mode: unknown) => { resolvedModule?: { resolvedFileName?: string } } | undefined;
  getModeForUsageLocation?: (file: ts.SourceFile, usage: ts.StringLiteralLike) => unknown;
}

interface ImportGraph {
  /** a file → the program files its imports resolve to, and whether it imports a driver module itself */
  readonly edges: Map<string, { readonly driver: boolean; readonly files: readonly ts.SourceFile[] }>;
  /** a file → whether it reaches a driver within IMPORT_DEPTH */
  readonly reaches: Map<string, boolean>;
}

const graphs = perCatalog(() => new WeakMap<ts.Program, ImportGraph>());

/**
 * The typed gate's question (file-model.ts): whether a file of the program imports a driver module,
 * directly or through the files its imports resolve to (the project's own modules, workspace
 * packages, a library's declaration files), at most {@link IMPORT_DEPTH} files deep. Read from the
 * program's module resolution (`sourceFile.imports` and the resolved modules): no type is computed.
 * Cached per program and catalog.
 */
export function reachesDriver(program: ts.Program, file: ts.SourceFile, catalog: Catalog): boolean {
  let graph = graphs(catalog).get(program);
  if (graph === undefined) graphs(catalog).set(program, (graph = { edges: new Map(), reaches: new Map() }));
  const cached = graph.reaches.get(file.fileName);
  if (cached !== undefined) return cached;
  // breadth first, so that the depth bound holds whatever order files are asked in
  const seen = new Set<string>([file.fileName]);
  let frontier: ts.SourceFile[] = [file];
  let found = false;
  for (let depth = 0; depth <= IMPORT_DEPTH && frontier.length > 0 && !found; depth++) {
    const next: ts.SourceFile[] = [];
    for (const current of frontier) {
      // (not the cached answers of other files: their bound starts elsewhere, and the answer must not
      // depend on the order files are linted in)
      const edge = importEdges(program, current, catalog, graph);
      if (edge.driver) {
        found = true;
        break;
      }
      for (const imported of edge.files) {
        if (!seen.has(imported.fileName)) {
          seen.add(imported.fileName);
          next.push(imported);
        }
      }
    }
    frontier = next;
  }
  graph.reaches.set(file.fileName, found);
  return found;
}

/**
 * The typed gate's answer for a file (file-model.ts): whether a binding it imports is declared in a
 * file that reaches a driver ({@link reachesDriver}). First the import graph alone (no checker); then,
 * for the imports whose module reaches a driver, each imported name is resolved to its declaration
 * (`checker.getSymbolAtLocation` and the alias target, no type computed), so that importing
 * `formatDate` from a barrel `../utils` that also re-exports the database module admits nothing.
 * A namespace import of such a module, `import x = require(…)`, `require(…)` and `import(…)` admit
 * the file. The time is counted with the type queries ({@link typeQueryTime}).
 */
export function importsReachDriver(program: ts.Program, file: ts.SourceFile, catalog: Catalog): boolean {
  if (!reachesDriver(program, file, catalog)) return false;
  const start = performance.now();
  try {
    const internals = program as unknown as ProgramInternals;
    const reaches = (literal: ts.StringLiteralLike): boolean => {
      const resolved = resolvedFileName(program, internals, file, literal);
      const target = resolved === undefined ? undefined : program.getSourceFile(resolved);
      return target !== undefined && reachesDriver(program, target, catalog);
    };
    const checker = program.getTypeChecker();
    const handled = new Set<ts.Node>();
    for (const statement of file.statements) {
      const declaration = statement as ts.Statement & {
        moduleSpecifier?: ts.Expression;
        importClause?: { name?: ts.Identifier; namedBindings?: { name?: ts.Identifier; elements?: ReadonlyArray<{ name: ts.Identifier }> } };
      };
      const literal = declaration.moduleSpecifier as ts.StringLiteralLike | undefined;
      if (literal === undefined || typeof literal.text !== 'string') continue;
      handled.add(literal);
      // `export … from`, `import './side-effect'`: no binding of this file
      const clause = declaration.importClause;
      if (clause === undefined || !reaches(literal)) continue;
      const names: ts.Identifier[] = clause.name === undefined ? [] : [clause.name];
      const bindings = clause.namedBindings;
      if (bindings !== undefined && bindings.elements === undefined) return true; // `import * as db from './db'`
      for (const element of bindings?.elements ?? []) names.push(element.name);
      for (const name of names) {
        queryCount++;
        const symbol = checker.getSymbolAtLocation(name);
        const target = symbol !== undefined && (symbol.flags & SYMBOL_ALIAS) !== 0 ? checker.getAliasedSymbol(symbol) : symbol;
        const declarations = target?.getDeclarations() ?? [];
        if (declarations.length === 0 || declarations.some((d) => reachesDriver(program, d.getSourceFile(), catalog))) return true;
      }
    }
    for (const literal of (file as { imports?: readonly ts.StringLiteralLike[] }).imports ?? []) {
      if (!handled.has(literal) && reaches(literal)) return true;
    }
    return false;
  } catch {
    return true; // an internal API that changed: admit, as before the gate
  } finally {
    queryTime += performance.now() - start;
  }
}

function importEdges(program: ts.Program, file: ts.SourceFile, catalog: Catalog, graph: ImportGraph): { readonly driver: boolean; readonly files: readonly ts.SourceFile[] } {
  const cached = graph.edges.get(file.fileName);
  if (cached !== undefined) return cached;
  const fragments = typeIndex(catalog).fragments;
  const internals = program as unknown as ProgramInternals;
  const files: ts.SourceFile[] = [];
  let driver = false;
  // the default library and @types/node never import a driver (`node:` drivers are named by specifier)
  if (!program.isSourceFileDefaultLibrary(file)) {
    for (const literal of (file as { imports?: readonly ts.StringLiteralLike[] }).imports ?? []) {
      const name = literal.text;
      if (catalog.driversForModule(name).length > 0) {
        driver = true;
        break;
      }
      const resolved = resolvedFileName(program, internals, file, literal);
      if (resolved === undefined) continue;
      const normalised = normalise(resolved);
      if (fragments.some((fragment) => normalised.includes(fragment))) {
        driver = true;
        break;
      }
      const target = program.getSourceFile(resolved);
      if (target !== undefined && target !== file) files.push(target);
    }
  }
  const edge = { driver, files };
  graph.edges.set(file.fileName, edge);
  return edge;
}

function resolvedFileName(program: ts.Program, internals: ProgramInternals, file: ts.SourceFile, literal: ts.StringLiteralLike): string | undefined {
  const name = literal.text;
  try {
    if (typeof internals.getResolvedModule === 'function') {
      const mode = internals.getModeForUsageLocation?.(file, literal);
      const found = internals.getResolvedModule.call(program, file, name, mode)?.resolvedModule?.resolvedFileName;
      if (found !== undefined) return found;
    } else {
      // TypeScript < 5.3: the file's own cache (a Map before 4.7, a mode-aware cache since)
      const modules = (file as { resolvedModules?: { get(name: string, mode?: unknown): { resolvedFileName?: string } | undefined } }).resolvedModules;
      const found = modules?.get(name, internals.getModeForUsageLocation?.(file, literal))?.resolvedFileName;
      if (found !== undefined) return found;
    }
  } catch {
    // an internal API that changed shape: fall back to the relative path below
  }
  if (!name.startsWith('./') && !name.startsWith('../')) return undefined;
  const base = normalise(file.fileName).replace(/\/[^/]*$/u, '/') + name;
  const stem = base.replace(/\.[mc]?js$/u, '');
  for (const candidate of [base, `${stem}.ts`, `${stem}.tsx`, `${stem}.d.ts`, `${stem}.mts`, `${stem}.cts`, `${stem}/index.ts`, `${stem}/index.tsx`, `${stem}.js`, `${stem}/index.js`]) {
    if (program.getSourceFile(candidate) !== undefined) return candidate;
  }
  return undefined;
}

/** Global namespaces and builtins whose members are never a driver value. */
const BUILTIN_NAMESPACES: ReadonlySet<string> = new Set([
  'Array', 'ArrayBuffer', 'Atomics', 'BigInt', 'Boolean', 'Buffer', 'DataView', 'Date', 'Error', 'Intl', 'JSON', 'Map', 'Math', 'Number',
  'Object', 'Promise', 'Proxy', 'Reflect', 'RegExp', 'Set', 'String', 'Symbol', 'URL', 'URLSearchParams', 'WeakMap', 'WeakSet',
  'console', 'document', 'window', 'navigator', 'process', 'undefined', 'NaN', 'Infinity',
]);

let skippedCount = 0;

/** How many expressions the resolver declined to ask the checker about ({@link TypeQueries.ruledOut}): for tests and the benchmark. */
export function typeQuerySkips(): number {
  return skippedCount;
}

/** Type queries for one file, or null when the parser provides no program. */
export function createTypeQueries(sourceCode: Readonly<TSESLint.SourceCode>, catalog: Catalog): TypeQueries | null {
  const services = sourceCode.parserServices;
  const program = services?.program;
  if (!program || !services.esTreeNodeToTSNodeMap) return null;
  const checker = program.getTypeChecker();
  const nodeMap = services.esTreeNodeToTSNodeMap;
  const index = typeIndex(catalog);
  const { memo, declarationMemo, ownershipMemo, disposableMemo } = checkerMemos(catalog, checker);
  const calleeMemo = new Map<TSESTree.Node | TSESLint.Scope.Variable, readonly ts.Declaration[] | null>();
  const libraryImports = new Map<TSESTree.ImportDeclaration, boolean>();
  const argumentMemo = new Map<TSESTree.Node, Map<number, 'owns' | 'borrows' | null>>();

  const tsNode = (node: TSESTree.Node): ts.Node | undefined => nodeMap.get(node as never);

  const typeOf = (node: ts.Node): ts.Type => {
    queryCount++;
    return checker.getTypeAtLocation(node);
  };

  const fromType = (type: ts.Type, depth: number): Found | null => {
    if (depth > 5) return null;
    const cached = memo.get(type);
    if (cached !== undefined) return cached;
    memo.set(type, null);
    let found: Found | null = null;
    if (type.isUnion()) {
      const parts = type.types.filter((t) => !isNullish(t));
      const resolved = parts.map((t) => fromType(t, depth + 1));
      const first = resolved[0];
      if (first && resolved.every((r) => r !== null && r.ref.shape === first.ref.shape && r.promise === first.promise)) found = first;
    } else if (type.isIntersection()) {
      for (const part of type.types) {
        found = fromType(part, depth + 1);
        if (found) break;
      }
    } else {
      found = fromSymbol(type.aliasSymbol) ?? fromSymbol(type.getSymbol());
      if (found === null) {
        const promised = promisedType(type);
        if (promised !== null) {
          const inner = fromType(promised, depth + 1);
          if (inner !== null && !inner.promise) found = { ref: inner.ref, promise: true };
        }
      }
      if (found === null) {
        // `class AppDataSource extends DataSource`, `interface Conn extends PoolClient`, generic instantiations;
        // only the project's own classes: library hierarchies (EventEmitter, streams …) are not walked
        const target = (type as ts.TypeReference).target ?? type;
        const symbol = target.getSymbol();
        if (symbol !== undefined && target.isClassOrInterface() && declaredInProject(symbol)) {
          const inherited = fromHeritage(symbol, depth);
          if (inherited !== undefined) found = inherited;
          else {
            for (const base of checker.getBaseTypes(target)) {
              found = fromType(base, depth + 1);
              if (found) break;
            }
          }
        }
      }
    }
    memo.set(type, found);
    return found;
  };

  const fromSymbol = (symbol: ts.Symbol | undefined): Found | null => {
    if (symbol === undefined) return null;
    const entries = index.byName.get(symbol.getName());
    if (entries === undefined) return null;
    const files = (symbol.getDeclarations() ?? []).map((d) => normalise(d.getSourceFile().fileName));
    let best: TypeIndexEntry | null = null;
    let bestLength = -1;
    for (const entry of entries) {
      if (entry.qualifier !== null && !qualifiedBy(symbol, entry.qualifier)) continue;
      for (const fragment of entry.packages) {
        if (fragment.length > bestLength && files.some((file) => file.includes(fragment))) {
          best = entry;
          bestLength = fragment.length;
        }
      }
    }
    return best === null ? null : { ref: best.ref, promise: false };
  };

  /**
   * What a project class or interface extends, read from its `extends` clauses by symbol
   * (`class AppDataSource extends DataSource`, `interface DisposableClient extends PoolClient`, through
   * project classes in between), without computing base types: `checker.getBaseTypes` resolved
   * typeorm's whole `DataSource` class and pg's `PoolClient` hierarchy (5 ms each on the fixture).
   * Undefined when a base is not a plain name (a mixin call `extends Mixin(Base)`): the checker decides.
   */
  const fromHeritage = (symbol: ts.Symbol, depth: number): Found | null | undefined => {
    if (depth > 5) return undefined;
    for (const declaration of symbol.getDeclarations() ?? []) {
      for (const clause of (declaration as { heritageClauses?: readonly ts.HeritageClause[] }).heritageClauses ?? []) {
        // a class's `implements` clause names a contract, not a base
        const file = clause.getSourceFile();
        if (!file.text.startsWith('extends', clause.getStart(file))) continue;
        for (const base of clause.types) {
          const target = nameTarget(base.expression);
          if ('imported' in target) return target.imported;
          const baseSymbol = target.symbol;
          if (baseSymbol === undefined || (baseSymbol.flags & CLASS_OR_INTERFACE) === 0) return undefined;
          const found = fromSymbol(baseSymbol) ?? (declaredInProject(baseSymbol) ? fromHeritage(baseSymbol, depth + 1) : null);
          if (found !== null) return found;
        }
      }
    }
    return null;
  };

  /**
   * The shape a named type stands for, from its symbol alone: a driver class or interface by its
   * declaring package, a project class or interface by what it extends, a project alias of a plain
   * name (`type Conn = PoolClient`) by that name. Undefined when the type must be computed (generic
   * or composite aliases, library aliases).
   */
  const fromNamedType = (symbol: ts.Symbol, depth: number): Found | null | undefined => {
    if (depth > 5) return undefined;
    if ((symbol.flags & TYPE_ALIAS) !== 0) {
      if (origin(symbol) !== 'project') return undefined;
      const declaration = symbol.getDeclarations()?.[0] as { typeParameters?: unknown; type?: { typeName?: ts.Node; typeArguments?: unknown } } | undefined;
      const aliased = declaration?.typeParameters === undefined && declaration?.type?.typeArguments === undefined ? declaration?.type?.typeName : undefined;
      const target = aliased === undefined ? undefined : resolvedSymbol(aliased);
      return target === undefined ? undefined : fromNamedType(target, depth + 1);
    }
    if ((symbol.flags & CLASS_OR_INTERFACE) === 0) return undefined;
    // the classes fromType walks: the project's own sources (not its .d.ts files), so both agree
    return fromSymbol(symbol) ?? (declaredInProject(symbol) ? fromHeritage(symbol, depth) : null);
  };

  /**
   * A declared type (in any file of the program) that is a plain name: `PoolClient`, `Conn`,
   * `Promise<PoolClient>`, a type parameter `T` (never a driver value). Undefined for every other
   * form (unions, arrays, `this` …): then the checker computes the type.
   */
  const fromTypeReference = (node: ts.TypeNode): Found | null | undefined => {
    const reference = node as ts.TypeNode & { typeName?: ts.EntityName; typeArguments?: readonly ts.TypeNode[] };
    if (reference.typeName === undefined) return undefined;
    const target = nameTarget(reference.typeName);
    if ('imported' in target) return target.imported;
    const symbol = target.symbol;
    if (symbol === undefined) return undefined;
    if ((symbol.flags & TYPE_PARAMETER) !== 0) return null;
    const name = symbol.getName();
    if ((name === 'Promise' || name === 'PromiseLike') && origin(symbol) !== 'project') {
      const argument = reference.typeArguments?.[0];
      const inner = argument === undefined ? null : fromTypeReference(argument);
      return inner == null ? inner : inner.promise ? null : { ref: inner.ref, promise: true };
    }
    return fromNamedType(symbol, 0);
  };

  // The enclosing namespace, read from the symbol's parent (`Knex.Transaction`). Not
  // `checker.getFullyQualifiedName`: it prints the symbol, and printing can compute module
  // specifiers, which crashed inside TypeScript for some projects (normalizeSlashes of undefined).
  const qualifiedBy = (symbol: ts.Symbol, qualifier: string): boolean =>
    (symbol as ts.Symbol & { parent?: ts.Symbol }).parent?.getName() === qualifier;

  const promisedType = (type: ts.Type): ts.Type | null => {
    const name = type.getSymbol()?.getName();
    if (name !== 'Promise' && name !== 'PromiseLike') return null;
    return checker.getTypeArguments(type as ts.TypeReference)[0] ?? null;
  };

  const declaredInProject = (symbol: ts.Symbol | undefined): boolean =>
    (symbol?.getDeclarations() ?? []).some((d) => {
      const file = d.getSourceFile();
      return !file.isDeclarationFile && !normalise(file.fileName).includes('/node_modules/');
    });

  /** the declaration is in a cataloged driver package or the default library: the catalog decides */
  const declaredByDriverOrLib = (declaration: ts.Declaration): boolean => {
    const file = declaration.getSourceFile();
    if (program.isSourceFileDefaultLibrary(file)) return true;
    const name = normalise(file.fileName);
    return index.fragments.some((fragment) => name.includes(fragment));
  };

  /**
   * The declaration is in a declaration file under node_modules of a package the catalog does not
   * list and that imports no driver (within IMPORT_DEPTH files): nothing it declares is a driver type.
   */
  const declaredByOtherLibrary = (declaration: ts.Declaration): boolean => {
    const file = declaration.getSourceFile();
    const name = normalise(file.fileName);
    if (!file.isDeclarationFile || !name.includes('/node_modules/') || name.includes('prisma')) return false;
    if (index.fragments.some((fragment) => name.includes(fragment))) return false;
    return !reachesDriver(program, file, catalog);
  };

  const internals = program as unknown as ProgramInternals;
  const importReaches = new Map<TSESTree.ImportDeclaration, boolean>();
  /** whether an import's module is a driver or reaches one; an unresolved module does not */
  const importReachesDriver = (declaration: TSESTree.ImportDeclaration): boolean => {
    let answer = importReaches.get(declaration);
    if (answer !== undefined) return answer;
    answer = catalog.driversForModule(declaration.source.value).length > 0;
    if (!answer) {
      const literal = tsNode(declaration.source) as ts.StringLiteralLike | undefined;
      const file = literal?.getSourceFile();
      const resolved = literal === undefined || file === undefined ? undefined : resolvedFileName(program, internals, file, literal);
      const target = resolved === undefined ? undefined : program.getSourceFile(resolved);
      if (resolved !== undefined && (normalise(resolved).includes('prisma') || index.fragments.some((fragment) => normalise(resolved).includes(fragment)))) answer = true;
      else if (target !== undefined) answer = reachesDriver(program, target, catalog);
      else {
        // not resolved through the program's own resolution: ask the checker for the module
        const module = symbolAt(declaration.source);
        const declared = module?.getDeclarations()?.[0]?.getSourceFile();
        answer = declared !== undefined && (module !== undefined && origin(module) !== 'library' ? true : reachesDriver(program, declared, catalog));
      }
    }
    importReaches.set(declaration, answer);
    return answer;
  };

  /**
   * The root of a member/call chain, through wrappers and `const` initialisers (bounded). A function
   * root is never ruled out (its calls return anything), nor, through a `const`, an array or object
   * literal (`const deps = { pool }` holds what it is given).
   */
  const ruledOutRoot = (raw: TSESTree.Node, budget: number, viaConst = false): boolean => {
    let node = unwrap(raw);
    // member and call links walked from the expression to its root
    let links = 0;
    for (let steps = 0; steps < 64; steps++) {
      if (node.type === 'MemberExpression') {
        node = unwrap(node.object);
        links++;
      } else if (node.type === 'CallExpression' || node.type === 'NewExpression') {
        node = unwrap(node.callee);
        links++;
      } else if (node.type === 'AwaitExpression') node = unwrap(node.argument);
      else if (node.type === 'TSSatisfiesExpression' || node.type === 'TSTypeAssertion') node = unwrap(node.expression);
      else break;
    }
    switch (node.type) {
      case 'ArrayExpression':
      case 'ObjectExpression':
        return !viaConst;
      case 'Literal':
      case 'TemplateLiteral':
      case 'BinaryExpression':
      case 'UnaryExpression':
      case 'UpdateExpression':
      case 'JSXElement':
      case 'JSXFragment':
        return true;
      case 'Identifier': {
        const variable = findVariable(sourceCode.getScope(node), node.name);
        if (variable === null || variable.defs.length === 0) return BUILTIN_NAMESPACES.has(node.name);
        const def = variable.defs[0]!;
        // what a driver value's members and methods give (`client.select().from(t)`, `(await
        // db.selectFrom('user').execute())[0]`) is the catalog's answer, which the syntax already gave
        if (links > 0 && declaredAsDriverValue(variable)) return true;
        if (def.type === 'ImportBinding' && def.parent?.type === 'ImportDeclaration') {
          // what another export of a driver package gives (`getTableColumns(users)['id']`,
          // `varchar('id').primaryKey()`): the catalog lists the exports that make driver values
          if (links > 0 && importsDriverPackage(def.parent)) return true;
          return !importReachesDriver(def.parent);
        }
        if (budget > 0 && variable.defs.length === 1 && def.type === 'Variable' && def.parent?.kind === 'const' && def.node.id === def.name && def.node.init != null) {
          return ruledOutRoot(def.node.init, budget - 1, true);
        }
        return false;
      }
      default:
        return false;
    }
  };

  /** whether an import's module is a cataloged driver module or resolves into a driver package's files */
  const importsDriverPackage = (declaration: TSESTree.ImportDeclaration): boolean => {
    if (catalog.driversForModule(declaration.source.value).length > 0) return true;
    const literal = tsNode(declaration.source) as ts.StringLiteralLike | undefined;
    const file = literal?.getSourceFile();
    const resolved = literal === undefined || file === undefined ? undefined : resolvedFileName(program, internals, file, literal);
    return resolved !== undefined && index.fragments.some((fragment) => normalise(resolved).includes(fragment));
  };

  const driverValueMemo = new Map<TSESLint.Scope.Variable, boolean>();
  /**
   * A parameter or variable annotated with a type declared in a cataloged driver package
   * (`client: MySqlDatabase<…>`, `db: Kysely<DB>`), read from the annotation's symbol: no type computed.
   */
  const declaredAsDriverValue = (variable: TSESLint.Scope.Variable): boolean => {
    if (variable.defs.length !== 1) return false;
    let answer = driverValueMemo.get(variable);
    if (answer === undefined) {
      const name = variable.defs[0]!.name;
      const annotation = name.type === 'Identifier' ? name.typeAnnotation?.typeAnnotation : undefined;
      const typeName = annotation?.type === 'TSTypeReference' ? tsNode(annotation.typeName) : undefined;
      const symbol = typeName === undefined ? undefined : resolvedSymbol(typeName);
      answer = symbol !== undefined && origin(symbol) === 'driver';
      driverValueMemo.set(variable, answer);
    }
    return answer;
  };

  const returnShape = (declaration: ts.Declaration): Found | null => {
    if (declarationMemo.has(declaration)) return declarationMemo.get(declaration)!;
    declarationMemo.set(declaration, null);
    let signatures: readonly ts.Signature[] = [];
    // `const getConn = (): Promise<Conn> => …`: the arrow's own signature, without the variable's type
    const signed = isSignatureDeclaration(declaration) ? declaration : functionInitializer(declaration);
    const signature = signed !== undefined ? checker.getSignatureFromDeclaration(signed) : undefined;
    if (signature !== undefined) signatures = [signature];
    else {
      const symbol = symbolOf(declaration);
      queryCount++;
      if (symbol !== undefined) signatures = checker.getTypeOfSymbolAtLocation(symbol, declaration).getCallSignatures();
    }
    // the declared return type, by its name (`Promise<PoolClient>`), or else computed
    const declared = signed?.type !== undefined ? fromTypeReference(signed.type) : undefined;
    let found: Found | null = declared ?? null;
    if (declared === undefined && signatures.length === 1) {
      queryCount++;
      const returned = checker.getReturnTypeOfSignature(signatures[0]!);
      if (!isThisOrTypeParameter(returned)) found = fromType(returned, 0);
    }
    declarationMemo.set(declaration, found);
    return found;
  };

  const symbolOf = (declaration: ts.Declaration): ts.Symbol | undefined => {
    const name = (declaration as { name?: ts.Node }).name;
    return name ? checker.getSymbolAtLocation(name) : undefined;
  };

  /**
   * The declarations of a call's callee (through imports), or null for driver/library callees and
   * unknown ones. A named callee (`getClient(…)`, `probe(…)`) has the same declarations at every call:
   * answered once per variable; a method callee once per call.
   */
  const calleeDeclarations = (call: TSESTree.CallExpression | TSESTree.NewExpression): readonly ts.Declaration[] | null => {
    const callee = unwrap(call.callee);
    const variable = callee.type === 'Identifier' ? findVariable(sourceCode.getScope(callee), callee.name) : null;
    const key = variable ?? call;
    if (calleeMemo.has(key)) return calleeMemo.get(key)!;
    const declarations = calleeDeclarationsOf(callee, variable);
    calleeMemo.set(key, declarations);
    return declarations;
  };

  const calleeDeclarationsOf = (callee: TSESTree.Node, variable: TSESLint.Scope.Variable | null): readonly ts.Declaration[] | null => {
    const nameNode = callee.type === 'MemberExpression' ? (callee.computed ? null : callee.property) : callee.type === 'Identifier' ? callee : null;
    if (nameNode === null) return null;
    // a function imported from another library (or an unresolved module) is not followed
    const imported = variable === null ? null : importOf(variable);
    if (imported !== null && importsLibrary(imported)) return null;
    const declarations = (variable !== null ? declarationsOf(variable) : undefined) ?? symbolAt(nameNode)?.getDeclarations() ?? [];
    if (declarations.length === 0 || declarations.some(declaredByDriverOrLib)) return null;
    // a method or function of another library whose declarations reach no driver (zod's `.extend()`,
    // a query builder's `.select()`): its return type is never a driver type, so it is not computed
    if (declarations.every(declaredByOtherLibrary)) return null;
    return declarations;
  };

  /** the symbol a name of this file refers to, through import aliases */
  const symbolAt = (name: TSESTree.Node): ts.Symbol | undefined => {
    const target = tsNode(name);
    return target === undefined ? undefined : resolvedSymbol(target);
  };

  /**
   * The declarations a variable of this file stands for, read from its definition: a function or a
   * `const` declared here, or what an import binding resolves to. Asking the checker for the symbol
   * at each call site instead resolves the name through every scope again. Undefined for other
   * variables (parameters, destructuring …).
   */
  const declarationsOf = (variable: TSESLint.Scope.Variable): readonly ts.Declaration[] | undefined => {
    const defs = variable.defs;
    if (defs.length === 0) return undefined;
    if (defs.every((def) => def.type === 'FunctionName') || (defs.length === 1 && defs[0]!.type === 'Variable' && defs[0]!.node.id === defs[0]!.name)) {
      const declarations = defs.map((def) => tsNode(def.node) as ts.Declaration | undefined);
      return declarations.every((d) => d !== undefined) ? (declarations) : undefined;
    }
    if (defs.length === 1 && defs[0]!.type === 'ImportBinding') return symbolAt(defs[0]!.name)?.getDeclarations();
    return undefined;
  };

  const callShape = (call: TSESTree.CallExpression): ShapeValue | null => {
    const declarations = calleeDeclarations(call);
    if (declarations === null) return null;
    let found: Found | null;
    const bodies = declarations.filter((d) => !isOverloadSignature(d));
    if (bodies.length === 1 || declarations.length === 1) found = returnShape(bodies[0] ?? declarations[0]!);
    else {
      // overloads: the one this call resolves to
      const tsCall = tsNode(call);
      if (tsCall === undefined) return null;
      queryCount++;
      const signature = checker.getResolvedSignature(tsCall as ts.CallExpression);
      const returned = signature ? checker.getReturnTypeOfSignature(signature) : undefined;
      found = returned && !isThisOrTypeParameter(returned) ? fromType(returned, 0) : null;
    }
    if (found === null) return null;
    const acquisition = found.ref.shape.role === 'lease';
    return { kind: 'shape', ref: found.ref, promise: found.promise, origin: acquisition ? call : null, via: 'type' };
  };

  const ownershipOf = (signature: ts.Signature, parameter: ts.Symbol | undefined, at: ts.Node): 'owns' | 'borrows' | null => {
    if (parameter === undefined) return null;
    if (ownershipMemo.has(parameter)) return ownershipMemo.get(parameter)!;
    ownershipMemo.set(parameter, null);
    const declared = (parameter.valueDeclaration as { type?: ts.TypeNode } | undefined)?.type;
    let found = declared !== undefined ? fromTypeReference(declared) : undefined;
    if (found === undefined) {
      queryCount++;
      found = fromType(checker.getTypeOfSymbolAtLocation(parameter, at), 0);
    }
    let result: 'owns' | 'borrows' | null = null;
    if (found !== null && !found.promise && OWNABLE.has(found.ref.shape.role)) {
      const declaration = signature.getDeclaration() as ts.SignatureDeclaration | undefined;
      const tagged = signature.getJsDocTags().some((tag) => tag.name === RELEASES_TAG && firstWord(tag.text) === parameter.getName());
      const body = declaration ? (declaration as { body?: ts.Node }).body : undefined;
      const names = new Set([...(found.ref.shape.release ?? []), ...(found.ref.shape.discard ?? [])]);
      result = tagged || (body !== undefined && releasesParameter(body, parameter, names)) ? 'owns' : 'borrows';
    }
    ownershipMemo.set(parameter, result);
    return result;
  };

  /** a call `p.release()` (or `p?.release()`) on the parameter anywhere in the body */
  const releasesParameter = (body: ts.Node, parameter: ts.Symbol, names: ReadonlySet<string>): boolean => {
    let found = false;
    const visit = (node: ts.Node): void => {
      if (found) return;
      const access = node as unknown as { name?: { escapedText?: string }; expression?: ts.Node };
      const parent = node.parent as unknown as { expression?: ts.Node; arguments?: unknown } | undefined;
      if (
        access.expression !== undefined &&
        typeof access.name?.escapedText === 'string' &&
        names.has(access.name.escapedText) &&
        parent?.expression === node &&
        Array.isArray(parent.arguments) &&
        checker.getSymbolAtLocation(access.expression) === parameter
      ) {
        found = true;
        return;
      }
      node.forEachChild(visit);
    };
    visit(body);
    return found;
  };

  const argumentOwnership = (call: TSESTree.CallExpression | TSESTree.NewExpression, index: number): 'owns' | 'borrows' | null => {
    // the callee's declaration, not the resolved call: no overload resolution or inference for
    // the common case of one declaration (a generic `log<T>(x: T)` is never an owner)
    const declarations = calleeDeclarations(call);
    if (declarations === null) return null;
    const single = declarations.length === 1 && isSignatureDeclaration(declarations[0]!) ? declarations[0] : undefined;
    let signature: ts.Signature | undefined;
    if (single !== undefined) signature = checker.getSignatureFromDeclaration(single);
    else {
      const tsCall = tsNode(call);
      if (tsCall === undefined) return null;
      queryCount++;
      signature = checker.getResolvedSignature(tsCall as ts.CallExpression);
      const declaration = signature?.getDeclaration() as ts.Declaration | undefined;
      if (declaration !== undefined && declaredByDriverOrLib(declaration)) return null;
    }
    if (signature === undefined) return null;
    const parameter = signature.getParameters()[index];
    const declaration = parameter?.valueDeclaration;
    return parameter === undefined || declaration === undefined ? null : ownershipOf(signature, parameter, declaration);
  };

  /** where a symbol (through an import alias) is declared: the project, a cataloged driver package, or another library */
  const origin = (symbol: ts.Symbol): 'project' | 'driver' | 'library' => {
    const declarations = symbol.getDeclarations() ?? [];
    if (declarations.length === 0) return 'project';
    let driver = false;
    for (const declaration of declarations) {
      const file = declaration.getSourceFile();
      if (program.isSourceFileDefaultLibrary(file)) continue;
      const name = normalise(file.fileName);
      if (!file.isDeclarationFile || !name.includes('/node_modules/')) return 'project';
      if (name.includes('prisma') || index.fragments.some((fragment) => name.includes(fragment))) driver = true;
    }
    return driver ? 'driver' : 'library';
  };

  /** the symbol a name refers to, through import aliases */
  const resolvedSymbol = (node: ts.Node): ts.Symbol | undefined => {
    queryCount++;
    const symbol = checker.getSymbolAtLocation(node);
    return symbol !== undefined && (symbol.flags & SYMBOL_ALIAS) !== 0 ? checker.getAliasedSymbol(symbol) : symbol;
  };

  /**
   * What a type name refers to: the driver shape when the name is imported straight from a driver
   * module, else its symbol through aliases.
   */
  const nameTarget = (node: ts.Node): { readonly imported: Found } | { readonly symbol: ts.Symbol | undefined } => {
    queryCount++;
    const symbol = checker.getSymbolAtLocation(node);
    if (symbol === undefined || (symbol.flags & SYMBOL_ALIAS) === 0) return { symbol };
    const imported = fromDriverImport(symbol);
    return imported !== undefined ? { imported } : { symbol: checker.getAliasedSymbol(symbol) };
  };

  /**
   * A name imported or re-exported straight from a cataloged driver module (`import { DataSource }
   * from 'typeorm'`, `export type { PoolClient as Pooled } from 'pg'`) is that driver's type of that
   * name when the catalog lists exactly one, read the way syntactic provenance reads driver imports:
   * resolving the alias would load the module's whole export table (5 ms for typeorm). Undefined
   * otherwise.
   */
  const fromDriverImport = (alias: ts.Symbol): Found | undefined => {
    const declaration = alias.getDeclarations()?.[0] as (ts.Node & { name?: { text?: string }; propertyName?: { text?: string } }) | undefined;
    const list: { readonly elements?: unknown; readonly parent?: ts.Node } | undefined = declaration?.parent;
    if (declaration === undefined || list === undefined || !Array.isArray(list.elements)) return undefined;
    // `export { X } from 'm'`: specifier → named exports → declaration; `import { X } from 'm'`: one more level (the import clause)
    const holder = [list.parent, list.parent?.parent].find((n) => (n as { moduleSpecifier?: unknown } | undefined)?.moduleSpecifier !== undefined);
    const specifier = (holder as { moduleSpecifier?: { text?: unknown } } | undefined)?.moduleSpecifier?.text;
    const name = (declaration.propertyName ?? declaration.name)?.text;
    if (typeof specifier !== 'string' || name === undefined) return undefined;
    const drivers = catalog.driversForModule(specifier);
    if (drivers.length === 0) return undefined;
    const entries = (index.byName.get(name) ?? []).filter((entry) => entry.qualifier === null && drivers.some((d) => d.driver === entry.ref.driver));
    return entries.length === 1 ? { ref: entries[0]!.ref, promise: false } : undefined;
  };


  /**
   * Whether an import's module is another library's (not a cataloged driver, not the project) or
   * does not resolve. Asked of the module, not the imported binding: resolving an `export =`
   * default import (`import createDebugger from 'debug'`) computes the module's whole type.
   */
  const importsLibrary = (declaration: TSESTree.ImportDeclaration): boolean => {
    let answer = libraryImports.get(declaration);
    if (answer === undefined) {
      const module = symbolAt(declaration.source);
      answer = module === undefined || origin(module) === 'library';
      libraryImports.set(declaration, answer);
    }
    return answer;
  };

  /** the import declaration a variable is bound by, or null */
  const importOf = (variable: TSESLint.Scope.Variable): TSESTree.ImportDeclaration | null => {
    const def = variable.defs[0];
    return def?.type === 'ImportBinding' && def.parent?.type === 'ImportDeclaration' ? def.parent : null;
  };

  /**
   * The answer for a binding that can be read off its declaration without computing its type, or
   * undefined when the type must be asked for:
   * - an import of another library (not a cataloged driver, not the project), or of a module that
   *   does not resolve: never a driver value (the catalog resolves driver imports from the syntax);
   *   nor is an imported function or class;
   * - a binding or `this.field` annotated with a named type (`query: Filter<Job>`, `c: PoolClient`,
   *   `p: Promise<PoolClient> | undefined`, `private readonly app: AppDataSource`): that type's symbol
   *   decides (`fromNamedType`). Composite and generic project types and inferred types still go to
   *   the checker.
   * Computing the type of such bindings instantiates large library types (mongodb's `Filter<T>`,
   * `debug`'s namespace) that nothing else in the lint needs.
   */
  const fromDeclaration = (node: TSESTree.Node): Found | null | undefined => {
    if (node.type === 'MemberExpression') {
      // `this.dataSource`: the class's own annotation for the field
      if (node.object.type !== 'ThisExpression' || node.computed || node.property.type !== 'Identifier') return undefined;
      const annotation = thisFieldAnnotation(node, node.property.name);
      return annotation === null ? undefined : fromAnnotation(annotation);
    }
    if (node.type !== 'Identifier') return undefined;
    const parent = node.parent;
    if (parent?.type === 'ImportSpecifier' || parent?.type === 'ImportDefaultSpecifier' || parent?.type === 'ImportNamespaceSpecifier') {
      if (parent.parent?.type === 'ImportDeclaration' && importsLibrary(parent.parent)) return null;
      // a function or class the project exports is not a driver value (`getClient`, `@Injectable`,
      // `const getConn = () => …`); what its calls return is callShape's question
      const symbol = symbolAt(node);
      if (symbol === undefined) return undefined;
      if ((symbol.flags & VARIABLE_OR_PROPERTY) === 0) return (symbol.flags & FUNCTION_OR_CLASS) !== 0 ? null : undefined;
      return functionInitializer(symbol.valueDeclaration) !== undefined ? null : undefined;
    }
    const annotation = node.typeAnnotation?.typeAnnotation;
    return annotation === undefined ? undefined : fromAnnotation(annotation);
  };

  const fromAnnotation = (type: TSESTree.TypeNode): Found | null | undefined => {
    switch (type.type) {
      case 'TSStringKeyword':
      case 'TSNumberKeyword':
      case 'TSBooleanKeyword':
      case 'TSBigIntKeyword':
      case 'TSSymbolKeyword':
      case 'TSVoidKeyword':
      case 'TSUndefinedKeyword':
      case 'TSNullKeyword':
      case 'TSLiteralType':
      case 'TSFunctionType':
        return null;
      case 'TSUnionType': {
        const parts = type.types.filter((t) => t.type !== 'TSUndefinedKeyword' && t.type !== 'TSNullKeyword');
        return parts.length === 1 ? fromAnnotation(parts[0]!) : undefined;
      }
      case 'TSTypeReference': {
        const target = tsNode(type);
        return target === undefined ? undefined : fromTypeReference(target as ts.TypeNode);
      }
      default:
        return undefined;
    }
  };

  return timed({
    shapeOfNode(node) {
      const declared = fromDeclaration(node);
      if (declared !== undefined) {
        return declared === null ? null : { kind: 'shape', ref: declared.ref, promise: declared.promise, origin: null, via: 'type' };
      }
      const target = tsNode(node);
      if (target === undefined) return null;
      const found = fromType(typeOf(target), 0);
      return found === null ? null : { kind: 'shape', ref: found.ref, promise: found.promise, origin: null, via: 'type' };
    },
    callShape,
    asyncDisposable(node) {
      const target = tsNode(node);
      if (target === undefined) return null;
      let type = checker.getNonNullableType(typeOf(target));
      type = promisedType(type) ?? type;
      let disposable = disposableMemo.get(type);
      if (disposable === undefined) {
        disposable = checker.getPropertiesOfType(type).some((p) => String(p.escapedName).startsWith('__@asyncDispose@'));
        disposableMemo.set(type, disposable);
      }
      return disposable;
    },
    argumentOwnership(call, index) {
      // asked by several rules about the same call: answered once per call and argument
      let answers = argumentMemo.get(call);
      if (answers === undefined) argumentMemo.set(call, (answers = new Map<number, 'owns' | 'borrows' | null>()));
      let answer = answers.get(index);
      if (answer === undefined) answers.set(index, (answer = argumentOwnership(call, index)));
      return answer;
    },
    ruledOut(node) {
      const out = ruledOutRoot(node, 4);
      if (out) skippedCount++;
      return out;
    },
    parameterOwnership(fn, index) {
      const declaration = tsNode(fn);
      if (declaration === undefined || !isSignatureDeclaration(declaration)) return null;
      queryCount++;
      const signature = checker.getSignatureFromDeclaration(declaration);
      if (signature === undefined) return null;
      return ownershipOf(signature, signature.getParameters()[index], declaration);
    },
  });
}

interface TypeIndexEntry {
  readonly ref: ShapeRef;
  /** `Knex` for `Knex.Transaction`: the namespace the type must be declared in */
  readonly qualifier: string | null;
  /**
   * Path fragments one of which a declaration file must contain (`/node_modules/pg/`,
   * `/node_modules/@types/pg/`, `/node_modules/mysql2/promise`); the longest match wins, so
   * `mysql2/promise`'s `PoolConnection` is not taken for the callback API's.
   */
  readonly packages: readonly string[];
}

interface TypeIndex {
  /** type name → the shapes that declare it, with the packages their declarations must come from */
  readonly byName: ReadonlyMap<string, readonly TypeIndexEntry[]>;
  /** path fragments of every cataloged package's declarations (`/node_modules/pg/`, `/node_modules/@types/pg/`) */
  readonly fragments: readonly string[];
}

/** The catalog's type names and declaration packages, built once per catalog. */
const typeIndex = perCatalog((catalog): TypeIndex => {
  const index = new Map<string, TypeIndexEntry[]>();
  const fragments = new Set<string>();
  for (const driver of catalog.drivers) {
    const packages = new Set<string>();
    for (const m of driver.modules) {
      if (typeof m !== 'string') {
        // generated Prisma clients live anywhere: any path containing `prisma`
        packages.add('prisma');
        continue;
      }
      if (m.startsWith('node:')) {
        packages.add('/node_modules/@types/node/');
        continue;
      }
      const name = packageName(m);
      const subpath = m.slice(name.length);
      packages.add(`/node_modules/${name}/`);
      if (subpath !== '') packages.add(`/node_modules/${name}${subpath}`);
      packages.add(`/node_modules/@types/${name.replace(/^@([^/]+)\//u, '$1__')}/`);
      fragments.add(`/node_modules/${name}/`);
      fragments.add(`/node_modules/@types/${name.replace(/^@([^/]+)\//u, '$1__')}/`);
    }
    // custom resources (settings) may omit `checkedAgainst`
    for (const name of Object.keys(driver.checkedAgainst ?? {})) {
      packages.add(`/node_modules/${name}/`);
      fragments.add(`/node_modules/${name}/`);
    }
    for (const [shapeName, shape] of Object.entries(driver.shapes)) {
      for (const typeName of shape.types ?? []) {
        const dot = typeName.lastIndexOf('.');
        const simple = dot < 0 ? typeName : typeName.slice(dot + 1);
        const list = index.get(simple) ?? [];
        list.push({ ref: catalog.shape(driver, shapeName)!, qualifier: dot < 0 ? null : typeName.slice(0, dot), packages: [...packages] });
        index.set(simple, list);
      }
    }
  }
  return { byName: index, fragments: [...fragments] };
});

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

function normalise(file: string): string {
  return file.replaceAll('\\', '/');
}

function isNullish(type: ts.Type): boolean {
  const name = (type as { intrinsicName?: string }).intrinsicName;
  return name === 'undefined' || name === 'null' || name === 'void';
}

/** `this` types and unresolved type parameters say nothing about what the call creates. */
function isThisOrTypeParameter(type: ts.Type): boolean {
  return (type as { isThisType?: boolean }).isThisType === true || type.isTypeParameter();
}

/** the function a `const f = () => …` / `const f = function () {…}` declaration is initialised with */
function functionInitializer(declaration: ts.Node | undefined): ts.SignatureDeclaration | undefined {
  const initializer = (declaration as { initializer?: ts.Node & { body?: unknown } } | undefined)?.initializer;
  return initializer !== undefined && initializer.body !== undefined && isSignatureDeclaration(initializer) ? initializer : undefined;
}

function isSignatureDeclaration(node: ts.Node): node is ts.SignatureDeclaration {
  const candidate = node as { parameters?: unknown };
  return Array.isArray(candidate.parameters);
}

/** an overload signature without a body (`function f(a: string): X;`), next to its implementation */
function isOverloadSignature(declaration: ts.Declaration): boolean {
  const candidate = declaration as { parameters?: unknown; body?: unknown };
  return Array.isArray(candidate.parameters) && candidate.body === undefined && !declaration.getSourceFile().isDeclarationFile;
}

function firstWord(parts: readonly ts.SymbolDisplayPart[] | undefined): string {
  return (parts ?? []).map((p) => p.text).join('').trim().split(/\s+/u)[0] ?? '';
}

function unwrap(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (current.type === 'TSNonNullExpression' || current.type === 'TSAsExpression' || current.type === 'ChainExpression' || current.type === 'TSInstantiationExpression') {
    current = current.expression;
  }
  return current;
}
