import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { TSESTree } from '@typescript-eslint/utils';
import { perCatalog, type Catalog, type ShapeRef } from '../catalog/index.js';
import { memberKey, propertyName, skipWrappers, walkSubtree } from './ast.js';
import { exportApplies, findProduce, pathEquals, viaMatches, type ModuleValue } from './provenance.js';

type Node = TSESTree.Node;

/**
 * The project's own modules, without types (DESIGN.md §4, source 2): a relative import or `require`
 * resolved to its file, parsed once with the configured parser (cached by path, re-read when the
 * file changes, so an edited `db.ts` is seen by the editor), and its exports read syntactically: an
 * exported pool (`export const pool = new Pool()`, `module.exports = knex(cfg)`), and a function that
 * returns a lease or pool (`export const getClient = () => pool.connect()`). Only what the module
 * itself creates from a cataloged driver is followed (one level: no re-exports of other project
 * modules). ESLint's `--cache` keys on each file's own text, so a cached result of an importing file
 * is not invalidated by an edit of the imported one (as with eslint-plugin-import's export map).
 */
export type ProjectExport =
  /** an exported pool or handle (`export const pool = new Pool()`) */
  | { readonly kind: 'value'; readonly value: ShapeRef }
  /**
   * an exported function: what calling it returns, when that is a driver value (`getClient()` → a
   * lease; `promise` when it is async or returns a promise), and the parameters it releases
   * (`export function finish(client) { client.release() }`), so passing a lease to it hands it off
   */
  | { readonly kind: 'function'; readonly returns: { readonly ref: ShapeRef; readonly promise: boolean } | null; readonly releases: ReadonlySet<number> };

export interface ProjectModuleExports {
  /** named exports (`default` included) */
  readonly named: ReadonlyMap<string, ProjectExport>;
  /** `module.exports = value` / `export = value`: what `require()` of the module gives */
  readonly whole: ProjectExport | null;
}

/** Parses a file's text as the configured parser does (without type information). */
export type ParseFile = (text: string, filePath: string) => TSESTree.Program | null;

export interface ProjectModules {
  /** The exports of the module a relative specifier names, from the importing file; null when none is a driver value. */
  exportsOf(specifier: string, importer: string): ProjectModuleExports | null;
}

const EXTENSIONS = ['', '.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '/index.ts', '/index.js', '/index.mjs', '/index.cjs'];

interface CacheEntry {
  readonly mtimeMs: number;
  readonly size: number;
  readonly exports: ProjectModuleExports | null;
}

/** Where a relative specifier resolves to, by its absolute base path (the probing costs up to 13 `stat`s). */
const resolved = new Map<string, string | null>();

/** One cache per catalog and parser, for the whole lint run (and the editor session). */
const caches = new WeakMap<Catalog, WeakMap<object, Map<string, CacheEntry>>>();

export function isRelativeSpecifier(specifier: string): boolean {
  return specifier.startsWith('./') || specifier.startsWith('../');
}

/**
 * @param importsDriver the cheap text test: a module that imports no driver is not parsed at all
 */
export function createProjectModules(catalog: Catalog, parser: object, parse: ParseFile, importsDriver: (text: string) => boolean): ProjectModules {
  let byParser = caches.get(catalog);
  if (byParser === undefined) caches.set(catalog, (byParser = new WeakMap<object, Map<string, CacheEntry>>()));
  let entries = byParser.get(parser);
  if (entries === undefined) byParser.set(parser, (entries = new Map<string, CacheEntry>()));
  const cache = entries;
  return {
    exportsOf(specifier, importer) {
      if (!isRelativeSpecifier(specifier)) return null;
      const base = resolve(dirname(importer), specifier);
      let file = resolved.get(base);
      if (file === undefined) resolved.set(base, (file = resolveFile(base)));
      if (file === null) return null;
      let stat;
      try {
        stat = statSync(file);
      } catch {
        return null;
      }
      const cached = cache.get(file);
      if (cached !== undefined && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.exports;
      let exports: ProjectModuleExports | null;
      try {
        const text = readFileSync(file, 'utf8');
        const ast = importsDriver(text) ? parse(text, file) : null;
        exports = ast === null ? null : readExports(ast, catalog, text);
      } catch {
        exports = null; // a module our parser cannot read is simply not followed
      }
      cache.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, exports });
      return exports;
    },
  };
}

function resolveFile(base: string): string | null {
  // TypeScript ESM imports name the emitted file: `./db.js` is `./db.ts`
  const candidates = /\.[mc]?js$/u.test(base) ? [base.replace(/js$/u, 'ts'), base] : EXTENSIONS.map((ext) => base + ext);
  for (const candidate of candidates) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not there
    }
  }
  return null;
}

/** A value while reading the module: a driver module path, or a catalog shape (possibly a promise of one). */
type Evaluated = { readonly kind: 'module'; readonly value: ModuleValue } | { readonly kind: 'shape'; readonly ref: ShapeRef; readonly promise: boolean };

/** Reads a module's top-level code: its driver imports, its bindings, its exports. */
export function readExports(program: TSESTree.Program, catalog: Catalog, source = ''): ProjectModuleExports | null {
  const releaseNames = catalogReleaseNames(catalog);
  /** what a top-level name is bound to: an expression, a driver module path, or a property of an expression */
  type Binding = { readonly node: Node } | { readonly module: ModuleValue } | { readonly of: Node; readonly key: string };
  const bindings = new Map<string, Binding>();
  const functions = new Map<string, TSESTree.FunctionLike>();
  const named = new Map<string, Node>();
  let whole: Node | null = null;

  /** `/** @releases client *\/ export declare function finish(client: PoolClient): void` — the ownership convention (README) */
  const documented = new Map<string, Set<number>>();
  const readReleasesTag = (statement: Node, fn: TSESTree.FunctionLike | TSESTree.TSDeclareFunction, name: string): void => {
    const comment = (program.comments ?? []).filter((c) => c.type === 'Block' && c.range[1] <= statement.range[0]).at(-1);
    if (comment === undefined || /\S/u.test(textBetween(comment.range[1], statement.range[0]))) return;
    const released = new Set<number>();
    for (const match of comment.value.matchAll(/@releases\s+(\w+)/gu)) {
      const index = fn.params.findIndex((p) => p.type === 'Identifier' && p.name === match[1]);
      if (index >= 0) released.add(index);
    }
    if (released.size > 0) documented.set(name, released);
  };
  const textBetween = (start: number, end: number): string => source.slice(start, end);

  const bindDeclaration = (declaration: Node, exported: boolean): void => {
    if (declaration.type === 'VariableDeclaration') {
      for (const d of declaration.declarations) {
        if (d.id.type === 'Identifier' && d.init) {
          bindings.set(d.id.name, { node: d.init });
          if (exported) named.set(d.id.name, d.id);
        } else if (d.id.type === 'ObjectPattern' && d.init) {
          // `const { Pool } = require('pg')`
          for (const p of d.id.properties) {
            if (p.type === 'Property' && p.value.type === 'Identifier') {
              const key = propertyName(p);
              if (key !== null) bindings.set(p.value.name, { of: d.init, key });
            }
          }
        }
      }
    } else if (declaration.type === 'FunctionDeclaration' && declaration.id) {
      functions.set(declaration.id.name, declaration);
      if (exported) named.set(declaration.id.name, declaration.id);
    } else if (declaration.type === 'TSDeclareFunction' && declaration.id && exported) {
      named.set(declaration.id.name, declaration.id);
    }
  };

  for (const statement of program.body) {
    switch (statement.type) {
      case 'ImportDeclaration':
        for (const specifier of statement.specifiers) {
          const targets = catalog.driversForModule(statement.source.value);
          if (targets.length === 0) continue;
          const path = specifier.type === 'ImportSpecifier' ? [specifier.imported.type === 'Identifier' ? specifier.imported.name : String(specifier.imported.value)] : [];
          bindings.set(specifier.local.name, { module: { kind: 'module', targets, path } });
        }
        break;
      case 'VariableDeclaration':
      case 'FunctionDeclaration':
        bindDeclaration(statement, false);
        break;
      case 'ExportNamedDeclaration':
        if (statement.declaration) bindDeclaration(statement.declaration, true);
        if ((statement.declaration?.type === 'FunctionDeclaration' || statement.declaration?.type === 'TSDeclareFunction') && statement.declaration.id) {
          readReleasesTag(statement, statement.declaration, statement.declaration.id.name);
        }
        for (const s of statement.specifiers) {
          if (s.local.type === 'Identifier' && s.exported.type === 'Identifier' && statement.source === null) named.set(s.exported.name, s.local);
        }
        break;
      case 'ExportDefaultDeclaration':
        if (statement.declaration.type === 'FunctionDeclaration' || statement.declaration.type === 'ArrowFunctionExpression' || statement.declaration.type === 'FunctionExpression') {
          functions.set('default', statement.declaration);
        }
        named.set('default', statement.declaration);
        break;
      case 'TSExportAssignment':
        whole = statement.expression;
        break;
      case 'ExpressionStatement': {
        const e = statement.expression;
        if (e.type !== 'AssignmentExpression' || e.operator !== '=') break;
        const left = skipWrappers(e.left);
        if (isModuleExports(left)) {
          if (e.right.type === 'ObjectExpression') {
            for (const p of e.right.properties) {
              const key = p.type === 'Property' ? propertyName(p) : null;
              if (p.type === 'Property' && key !== null) named.set(key, p.value);
            }
          } else whole = e.right;
        } else if (left.type === 'MemberExpression' && (isModuleExports(left.object) || (left.object.type === 'Identifier' && left.object.name === 'exports'))) {
          const key = memberKey(left);
          if (key !== null) named.set(key, e.right);
        }
        break;
      }
      default:
        break;
    }
  }

  const seen = new Set<Node>();
  const evaluate = (raw: Node): Evaluated | null => {
    const node = skipWrappers(raw);
    if (seen.has(node)) return null;
    seen.add(node);
    try {
      return evaluateNode(node);
    } finally {
      seen.delete(node);
    }
  };
  const evaluateNode = (node: Node): Evaluated | null => {
    switch (node.type) {
      case 'Identifier': {
        const bound = bindings.get(node.name);
        if (bound === undefined) return null;
        if ('module' in bound) return { kind: 'module', value: bound.module };
        if ('node' in bound) return evaluate(bound.node);
        return memberOf(evaluate(bound.of), bound.key);
      }
      case 'AwaitExpression': {
        const inner = evaluate(node.argument);
        return inner?.kind === 'shape' ? { ...inner, promise: false } : inner;
      }
      case 'MemberExpression': {
        const key = memberKey(node);
        return key === null ? null : memberOf(evaluate(node.object), key);
      }
      case 'CallExpression':
      case 'NewExpression': {
        const callee = skipWrappers(node.callee);
        if (node.type === 'CallExpression' && callee.type === 'Identifier' && callee.name === 'require') {
          const arg = node.arguments[0];
          const targets = arg?.type === 'Literal' && typeof arg.value === 'string' ? catalog.driversForModule(arg.value) : [];
          return targets.length > 0 ? { kind: 'module', value: { kind: 'module', targets, path: [] } } : null;
        }
        if (node.type === 'CallExpression' && callee.type === 'MemberExpression') {
          const receiver = evaluate(callee.object);
          const method = memberKey(callee);
          if (receiver?.kind === 'shape' && !receiver.promise && method !== null) {
            const spec = findProduce(receiver.ref.shape, method, node, false);
            const ref = spec && spec.property === undefined ? catalog.shape(receiver.ref.driver, spec.shape) : undefined;
            return ref ? { kind: 'shape', ref, promise: spec!.awaited === true } : null;
          }
        }
        const target = evaluate(callee);
        if (target?.kind !== 'module') return null;
        const use = node.type === 'NewExpression' ? 'new' : 'call';
        for (const t of target.value.targets) {
          for (const spec of t.driver.exports) {
            if (!pathEquals(spec.path, target.value.path) || !viaMatches(spec, use) || !exportApplies(spec, node.arguments)) continue;
            const ref = catalog.shape(t.driver, spec.shape);
            if (ref) return { kind: 'shape', ref, promise: spec.awaited === true };
          }
        }
        return null;
      }
      default:
        return null;
    }
  };

  const memberOf = (base: Evaluated | null, key: string): Evaluated | null =>
    base?.kind === 'module' ? { kind: 'module', value: { ...base.value, path: [...base.value.path, key] } } : null;

  /** What a function returns: the argument of its `return` statements (all agreeing), or an arrow's body. */
  const returned = (fn: TSESTree.FunctionLike): Evaluated | null => {
    if (fn.body == null) return null;
    if (fn.body.type !== 'BlockStatement') return evaluate(fn.body);
    let found: Evaluated | null = null;
    for (const statement of fn.body.body) {
      if (statement.type !== 'ReturnStatement' || statement.argument === null) continue;
      const value = evaluate(statement.argument);
      if (value?.kind !== 'shape' || (found?.kind === 'shape' && found.ref.shape !== value.ref.shape)) return null;
      found = value;
    }
    return found;
  };

  const exportOf = (node: Node, name: string): ProjectExport | null => {
    const bound = node.type === 'Identifier' ? bindings.get(node.name) : undefined;
    const fn = functions.get(name) ?? (node.type === 'Identifier' ? (functions.get(node.name) ?? asFunction(bound && 'node' in bound ? bound.node : undefined)) : asFunction(node));
    if (fn !== null) {
      const result = returned(fn);
      const returns = result?.kind === 'shape' ? { ref: result.ref, promise: result.promise || fn.async } : null;
      const releases = releasedParameters(fn, releaseNames);
      for (const index of documented.get(name) ?? []) releases.add(index);
      return returns === null && releases.size === 0 ? null : { kind: 'function', returns, releases };
    }
    const tagged = documented.get(name);
    if (tagged !== undefined) return { kind: 'function', returns: null, releases: tagged };
    const value = evaluate(node);
    return value?.kind === 'shape' && !value.promise ? { kind: 'value', value: value.ref } : null;
  };

  const exports = new Map<string, ProjectExport>();
  for (const [name, node] of named) {
    const found = exportOf(node, name);
    if (found) exports.set(name, found);
  }
  const wholeExport = whole === null ? null : exportOf(whole, '');
  return exports.size === 0 && wholeExport === null ? null : { named: exports, whole: wholeExport };
}

function asFunction(node: Node | undefined): TSESTree.FunctionLike | null {
  return node !== undefined && (node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression' || node.type === 'FunctionDeclaration') ? node : null;
}

function isModuleExports(node: Node): boolean {
  return node.type === 'MemberExpression' && node.object.type === 'Identifier' && node.object.name === 'module' && memberKey(node) === 'exports';
}

/** Every release and discard method of a cataloged lease or connection. */
const catalogReleaseNames = perCatalog((catalog: Catalog): ReadonlySet<string> => {
  const names = new Set<string>();
  for (const driver of catalog.drivers) {
    for (const shape of Object.values(driver.shapes)) {
      if (shape.role !== 'lease' && shape.role !== 'connection') continue;
      for (const name of [...(shape.release ?? []), ...(shape.discard ?? [])]) names.add(name);
    }
  }
  return names;
});

/** The parameters a function calls a release method on (`function finish(c) { c.release() }`). */
function releasedParameters(fn: TSESTree.FunctionLike, releaseNames: ReadonlySet<string>): Set<number> {
  const released = new Set<number>();
  const names = new Map<string, number>();
  fn.params.forEach((param, index) => {
    if (param.type === 'Identifier') names.set(param.name, index);
  });
  if (names.size === 0 || fn.body == null) return released;
  walkSubtree(fn.body, (n) => {
    if (n.type === 'CallExpression') {
      const callee = skipWrappers(n.callee);
      if (callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && names.has(callee.object.name) && releaseNames.has(memberKey(callee) ?? '')) {
        released.add(names.get(callee.object.name)!);
      }
    }
    return true;
  });
  return released;
}
