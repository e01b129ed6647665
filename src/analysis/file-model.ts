import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { getCatalog, type Catalog } from '../catalog/index.js';
import { readSettings, type PluginSettings } from '../settings.js';
import { Provenance } from './provenance.js';
import { createTypeResolver } from './type-resolver.js';

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
}

const cache = new WeakMap<TSESTree.Program, FileModel | null>();

/** Import specifiers in `import … from`, `export … from`, `import(…)` and `require(…)`. */
const SPECIFIER = /(?:\bfrom|\bimport|\brequire)\s*\(?\s*(['"`])([^'"`\n]+)\1/gu;

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
  // Cheap text check first: most files in a project mention no driver at all.
  if (!catalog.textNeedles.some((needle) => text.includes(needle))) return null;
  const modules = new Set<string>();
  for (const match of text.matchAll(SPECIFIER)) {
    const specifier = match[2]!;
    if (catalog.driversForModule(specifier).length > 0) modules.add(specifier);
  }
  if (modules.size === 0) return null;
  const typeResolver = settings.typeAware ? createTypeResolver(sourceCode, catalog) : null;
  const model: FileModel = {
    sourceCode,
    settings,
    catalog,
    modules,
    provenance: new Provenance(sourceCode, catalog, typeResolver, context.filename),
  };
  return model;
}
