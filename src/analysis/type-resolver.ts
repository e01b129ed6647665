import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import type { Catalog, ShapeRef } from '../catalog/index.js';
import type { ShapeValue, TypeResolver } from './provenance.js';

/**
 * Type-aware resolution: the shape of a node from its TypeScript type — the declared type's symbol
 * and the package its declaration comes from — through aliases, `| undefined`, intersections,
 * `Promise<…>` and subclasses of driver classes. Only used when the `typeAware` setting is on and
 * the parser provides a program; otherwise no type query is ever made. It is only asked about
 * nodes the syntactic provenance could not resolve, so typed findings are a superset.
 */
export function createTypeResolver(sourceCode: Readonly<TSESLint.SourceCode>, catalog: Catalog): TypeResolver | null {
  const services = sourceCode.parserServices;
  const program = services?.program;
  if (!program || !services.esTreeNodeToTSNodeMap) return null;
  const checker = program.getTypeChecker();
  const nodeMap = services.esTreeNodeToTSNodeMap;
  const index = buildTypeIndex(catalog);
  const memo = new Map<ts.Type, { ref: ShapeRef; promise: boolean } | null>();

  const fromType = (type: ts.Type, depth: number): { ref: ShapeRef; promise: boolean } | null => {
    if (depth > 4) return null;
    const cached = memo.get(type);
    if (cached !== undefined) return cached;
    memo.set(type, null);
    let found: { ref: ShapeRef; promise: boolean } | null = null;
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
      found = fromSymbol(type.aliasSymbol, index) ?? fromSymbol(type.getSymbol(), index);
      if (found === null) {
        const promised = promisedType(checker, type);
        if (promised !== null) {
          const inner = fromType(promised, depth + 1);
          if (inner !== null && !inner.promise) found = { ref: inner.ref, promise: true };
        }
      }
      if (found === null && type.isClassOrInterface()) {
        for (const base of checker.getBaseTypes(type)) {
          found = fromType(base, depth + 1);
          if (found) break;
        }
      }
    }
    memo.set(type, found);
    return found;
  };

  return (node: TSESTree.Node): ShapeValue | null => {
    const tsNode = nodeMap.get(node);
    if (tsNode === undefined) return null;
    const found = fromType(checker.getTypeAtLocation(tsNode), 0);
    if (found === null) return null;
    return { kind: 'shape', ref: found.ref, promise: found.promise, origin: null, via: 'type' };
  };
}

interface TypeIndexEntry {
  readonly ref: ShapeRef;
  /** path fragments one of which a declaration file must contain: `/node_modules/pg/`, `/node_modules/@types/pg/` */
  readonly packages: readonly string[];
}

/** Type name → the shapes that declare it, with the packages their declarations must come from. */
function buildTypeIndex(catalog: Catalog): Map<string, TypeIndexEntry[]> {
  const index = new Map<string, TypeIndexEntry[]>();
  for (const driver of catalog.drivers) {
    const packages = new Set<string>();
    for (const m of driver.modules) {
      if (typeof m !== 'string') {
        packages.add('prisma');
        continue;
      }
      const name = packageName(m);
      packages.add(`/node_modules/${name}/`);
      packages.add(`/node_modules/@types/${name.replace(/^@([^/]+)\//u, '$1__')}/`);
      if (name.startsWith('node:')) packages.add('/node_modules/@types/node');
    }
    for (const name of Object.keys(driver.checkedAgainst)) packages.add(`/node_modules/${name}/`);
    for (const [shapeName, shape] of Object.entries(driver.shapes)) {
      for (const typeName of shape.types ?? []) {
        const list = index.get(typeName) ?? [];
        list.push({ ref: catalog.shape(driver, shapeName)!, packages: [...packages] });
        index.set(typeName, list);
      }
    }
  }
  return index;
}

function packageName(specifier: string): string {
  if (specifier.startsWith('node:')) return specifier;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

function fromSymbol(symbol: ts.Symbol | undefined, index: Map<string, TypeIndexEntry[]>): { ref: ShapeRef; promise: boolean } | null {
  if (symbol === undefined) return null;
  const entries = index.get(symbol.getName());
  if (entries === undefined) return null;
  const files = (symbol.getDeclarations() ?? []).map((d) => d.getSourceFile().fileName.replaceAll('\\', '/'));
  for (const entry of entries) {
    if (files.some((file) => entry.packages.some((p) => file.includes(p)))) return { ref: entry.ref, promise: false };
  }
  return null;
}

function promisedType(checker: ts.TypeChecker, type: ts.Type): ts.Type | null {
  const symbol = type.getSymbol();
  if (symbol?.getName() !== 'Promise') return null;
  const args = checker.getTypeArguments(type as ts.TypeReference);
  return args[0] ?? null;
}

function isNullish(type: ts.Type): boolean {
  const name = (type as { intrinsicName?: string }).intrinsicName;
  return name === 'undefined' || name === 'null' || name === 'void';
}
