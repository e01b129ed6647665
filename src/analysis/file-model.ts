import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { getCatalog, perCatalog, type Catalog } from '../catalog/index.js';
import { readSettings, type PluginSettings } from '../settings.js';
import { mayHaveEvidence } from './evidence.js';
import { createProjectModules, isRelativeSpecifier, type ProjectModules } from './project-modules.js';
import { Provenance } from './provenance.js';
import type * as ts from 'typescript';
import { createTypeQueries, importsReachDriver, type TypeQueries } from './type-resolver.js';

/**
 * What the plugin knows about one file, computed once and shared by every rule (cached by the
 * `Program` node). A file that imports no cataloged module (and no configured resource) gets
 * `null`, and every rule returns `{}` for it, so ESLint dispatches nothing to the plugin.
 */
export interface FileModel {
  readonly sourceCode: Readonly<TSESLint.SourceCode>;
  readonly settings: PluginSettings;
  readonly catalog: Catalog;
  /** the driver modules the file imports or requires */
  readonly modules: ReadonlySet<string>;
  /** resolves expressions to modules and catalog shapes */
  readonly provenance: Provenance;
  /**
   * Type-aware queries, when `typeAware` is on and the parser provides a program; otherwise null and
   * no type query is ever made.
   */
  readonly types?: TypeQueries | null;
}

const cache = new WeakMap<TSESTree.Program, FileModel | null>();

/** Import specifiers in `import … from`, `export … from`, `import(…)` and `require(…)`. */
const SPECIFIER = /(?:\bfrom|\bimport|\brequire)\s*\(?\s*(['"`])([^'"`\n]+)\1/gu;

/**
 * The driver modules a file's text imports or requires: one pass of a regular expression over the
 * import specifiers, each looked up in the catalog (a map, plus the few pattern modules). This is
 * the whole cost of the plugin on a file without database code.
 */
export function importedDriverModules(text: string, catalog: Catalog): Set<string> {
  return scanImports(text, catalog).modules;
}

/** One pass over the import specifiers: the driver modules, and the relative ones (the project's own). */
function scanImports(text: string, catalog: Catalog): { modules: Set<string>; relative: string[] } {
  const modules = new Set<string>();
  const relative: string[] = [];
  for (const match of text.matchAll(SPECIFIER)) {
    const specifier = match[2]!;
    if (catalog.driversForModule(specifier).length > 0) modules.add(specifier);
    else if (isRelativeSpecifier(specifier)) relative.push(specifier);
  }
  return { modules, relative };
}

type AnyContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * The shared per-file model, or `null` when the file uses no database driver. The first rule to ask
 * builds it; the others reuse it. Invalid settings throw a `SettingsError` naming the key.
 */
export function getFileModel(context: AnyContext): FileModel | null {
  const sourceCode = context.sourceCode;
  const program = sourceCode.ast;
  const settings = readSettings(context.settings);
  const cached = cache.get(program);
  if (cached !== undefined && (cached === null || cached.settings === settings)) return cached;
  const model = buildModel(sourceCode, settings, context);
  cache.set(program, model);
  return model;
}

function buildModel(sourceCode: Readonly<TSESLint.SourceCode>, settings: PluginSettings, context: AnyContext): FileModel | null {
  const catalog = getCatalog(settings.resources);
  const text = sourceCode.text;
  const { modules, relative } = scanImports(text, catalog);
  // Typed mode: a file that imports no driver can still use one through the project's own modules
  // (`import { getClient } from './db'`, re-exports, workspace packages). It gets a model when the
  // program's import graph reaches a driver from it or it imports a driver type name (`typedGate`);
  // the type checker is then asked only about the candidates the rules pass to provenance.
  const typed = settings.typeAware && hasProgram(sourceCode);
  const projectModules = settings.followImports && relative.length > 0 ? projectModulesFor(context, catalog) : null;
  // Any mode: a file that calls a lease's acquisition method and some release may hold a lease by
  // evidence (`evidence.ts`): two regular expression tests. A file that calls a cataloged method
  // and imports one of the project's own modules that exports a driver value uses it through that.
  // Typed mode adds only files where types can change an answer (`typedGate`); a method name alone
  // (`.map(`, `.get(`, `.min(`) admits nothing.
  if (
    modules.size === 0 &&
    !mayHaveEvidence(text, catalog) &&
    !(STREAM_PIPELINE.test(text) && QUERY_STREAM.test(text)) &&
    !(MIGRATIONS_FOLDER.test(context.filename) && KNEX_MIGRATION.test(text)) &&
    !(projectModules !== null && projectCallPattern(catalog).test(text) && relative.some((s) => projectModules.exportsOf(s, context.filename) !== null)) &&
    !(typed && typedGate(sourceCode, catalog, context.filename))
  ) {
    return null;
  }
  const types = typed ? createTypeQueries(sourceCode, catalog) : null;
  const model: FileModel = {
    sourceCode,
    settings,
    catalog,
    modules,
    provenance: new Provenance(sourceCode, catalog, context.filename, types, projectModules),
    types,
  };
  return model;
}

/** A `.stream()` fed to `pipeline()`: the stalled-pipeline check of require-cursor-close needs no driver import. */
const STREAM_PIPELINE = /\bpipeline\s*\(/u;
/** A Knex migration (`exports.up = function (knex)`): provenance gives its parameter the Knex shape. */
const MIGRATIONS_FOLDER = /(?:^|[\\/])migrations?[\\/]/u;
const KNEX_MIGRATION = /\b(?:up|down)\s*(?:=\s*(?:async\s*)?(?:function\s*)?|\()\s*\(?\s*(?:knex|trx|db)\b/u;
const QUERY_STREAM = /\.stream\s*\(/u;

/** One `ProjectModules` per configured parser and catalog, for the whole run. */
const projectModulesByParser = new WeakMap<ConfiguredParser, WeakMap<Catalog, ProjectModules>>();

/** The project's own modules, read with the configured parser; null where the host gives no parser (oxlint). */
function projectModulesFor(context: AnyContext, catalog: Catalog): ProjectModules | null {
  const parser = (context as { languageOptions?: { parser?: ConfiguredParser } }).languageOptions?.parser;
  if (parser == null || (typeof parser.parseForESLint !== 'function' && typeof parser.parse !== 'function')) return null;
  let byCatalog = projectModulesByParser.get(parser);
  if (byCatalog === undefined) projectModulesByParser.set(parser, (byCatalog = new WeakMap()));
  let found = byCatalog.get(catalog);
  if (found === undefined) byCatalog.set(catalog, (found = createProjectModulesFor(parser, catalog)));
  return found;
}

function createProjectModulesFor(parser: ConfiguredParser, catalog: Catalog): ProjectModules {
  const parse = (text: string, filePath: string): TSESTree.Program | null => {
    // no type information and no project: only the module's own syntax is read
    const options = { ecmaVersion: 'latest', sourceType: 'module', range: true, loc: true, comment: true, filePath, ecmaFeatures: { jsx: /x$/u.test(filePath) } };
    const result = typeof parser.parseForESLint === 'function' ? parser.parseForESLint(text, options).ast : parser.parse!(text, options);
    return (result as TSESTree.Program | undefined) ?? null;
  };
  return createProjectModules(catalog, parser, parse, (text) => importedDriverModules(text, catalog).size > 0);
}

interface ConfiguredParser {
  parseForESLint?: (text: string, options: object) => { ast: unknown };
  parse?: (text: string, options: object) => unknown;
}


let typedGateAdmissions = 0;

/** How many files the typed gate admitted that the syntactic gate did not, in this process: for tests and bench/type-aware.js. */
export function typedGateCount(): number {
  return typedGateAdmissions;
}

/**
 * The typed gate: a file without a driver import, evidence or project database module is worth type
 * queries only when types can reach a driver from it —
 * - it imports a catalog type name (`import type { PoolClient } from '@acme/db'`), or
 * - a binding it imports is declared in a file that imports a driver module, directly or through the
 *   files its imports resolve to in the program (the project's own modules, workspace packages, a
 *   library's declarations), at most IMPORT_DEPTH files deep (`importsReachDriver`: the program's
 *   module resolution, cached per program, then the imported names' declarations; no type is computed).
 */
export function typedGate(sourceCode: Readonly<TSESLint.SourceCode>, catalog: Catalog, filename: string): boolean {
  const admitted = importsDriverTypeNameUnresolved(sourceCode, catalog) || reachesDriverThroughImports(sourceCode, catalog, filename);
  if (admitted) typedGateAdmissions++;
  return admitted;
}

const driverTypeNames = perCatalog((catalog): ReadonlySet<string> => {
  const names = new Set<string>();
  for (const driver of catalog.drivers) {
    for (const shape of Object.values(driver.shapes)) {
      for (const name of shape.types ?? []) names.add(name.slice(name.lastIndexOf('.') + 1));
    }
  }
  return names;
});

/**
 * A named import or re-export (`import { type PoolClient } from '@acme/db'`, not a comment's code
 * example) of a catalog type name from a module the program does not resolve: there the import graph
 * cannot answer. A module it resolves is the import graph's question (`reachesDriverThroughImports`):
 * `Connection` from `./SqlConnection.js`, `Redis` from `@upstash/redis`, `Model` from an ORM of the
 * project's own admit nothing.
 */
function importsDriverTypeNameUnresolved(sourceCode: Readonly<TSESLint.SourceCode>, catalog: Catalog): boolean {
  const names = driverTypeNames(catalog);
  const services = sourceCode.parserServices!;
  let checker: ts.TypeChecker | undefined;
  for (const statement of sourceCode.ast.body) {
    if (statement.type !== 'ImportDeclaration' && statement.type !== 'ExportNamedDeclaration') continue;
    if (statement.source == null) continue;
    const named = statement.specifiers.some((s) => {
      const name = s.type === 'ImportSpecifier' ? s.imported : s.type === 'ExportSpecifier' ? s.local : null;
      return name !== null && names.has(name.type === 'Identifier' ? name.name : String(name.value));
    });
    if (!named) continue;
    const literal = services.esTreeNodeToTSNodeMap!.get(statement.source as never) as unknown as ts.Node | undefined;
    if (literal === undefined) return true;
    checker ??= services.program!.getTypeChecker();
    if (checker.getSymbolAtLocation(literal) === undefined) return true;
  }
  return false;
}

function reachesDriverThroughImports(sourceCode: Readonly<TSESLint.SourceCode>, catalog: Catalog, filename: string): boolean {
  const services = sourceCode.parserServices!;
  const file = services.esTreeNodeToTSNodeMap!.get(sourceCode.ast as never) as unknown as ts.SourceFile | undefined;
  const program = services.program!;
  const sourceFile = file?.fileName !== undefined ? file : program.getSourceFile(filename);
  return sourceFile !== undefined && importsReachDriver(program, sourceFile, catalog);
}

function hasProgram(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const services = sourceCode.parserServices;
  return services?.program != null && services.esTreeNodeToTSNodeMap != null;
}

/**
 * `.name(` for every method a cataloged shape produces, ends, queries or scopes with, except names
 * every JavaScript collection or promise has (`.map(`, `.get(`, `.find(`, `.then(`): the cheap test
 * before a file's relative imports are looked at.
 */
const projectCallPattern = perCatalog((catalog): RegExp => {
  const names = new Set<string>();
  for (const driver of catalog.drivers) {
    for (const shape of Object.values(driver.shapes)) {
      for (const list of [shape.release, shape.discard, shape.releasesArgument, shape.queries, shape.consumers]) for (const n of list ?? []) names.add(n);
      for (const p of shape.produces ?? []) names.add(p.method);
      for (const m of shape.managed ?? []) names.add(m.method);
      for (const list of [shape.transaction?.begin, shape.transaction?.commit, shape.transaction?.rollback]) for (const n of list ?? []) names.add(n);
    }
  }
  for (const generic of GENERIC_METHODS) names.delete(generic);
  const escaped = [...names].map((n) => n.replace(/[$]/gu, '\\$&')).sort();
  return new RegExp(`\\.\\s*(?:${escaped.join('|')})\\s*[(<\`]`, 'u');
});

const GENERIC_METHODS = ['map', 'filter', 'find', 'forEach', 'get', 'set', 'has', 'delete', 'sort', 'min', 'max', 'all', 'then', 'catch', 'finally', 'keys', 'values', 'entries', 'push', 'join', 'includes', 'reduce', 'some', 'every', 'exec', 'count', 'close', 'end', 'on', 'once'];
